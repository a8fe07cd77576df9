/* decode.h — one kernel call from input bytes (.harn.decode).
 *
 * A call's bytes are laid out by the service table, so one decoder serves
 * every service and the layout is the same on every platform:
 *   scalars first, in parameter order: a mode byte (+1 or 4 value bytes);
 *   then pointers, in parameter order: a class selector and an offset
 *   selector, then the content the pointer's buffer gets (strings, input
 *   buffers) when it lies in memory the caller may write;
 *   with flag GF_CALL_EXTRA and more than three parameters: a class and an
 *   offset selector for the extra-parameter array;
 *   traced (gf_call_traced) and with more than three parameters instead: the
 *   race byte (0: no race; else word (b - 1) % (n - 2) of the array is
 *   rewritten after its first read) and that parameter's new value, as a
 *   scalar's or a pointer's selectors (no content).
 * Scalars come first because buffer lengths depend on them.
 */
#ifndef GATEFUZZ_DECODE_H
#define GATEFUZZ_DECODE_H

#include <stdint.h>

#include "input.h"
#include "pointer_gen.h"

/* Bits of a call's flag byte. */
#define GF_CALL_EXTRA 0x01u  /* pass the extra-parameter array by class  */
#define GF_CALL_OTHER 0x02u  /* fuzz_sequence: the other module calls    */
/* The array in the caller's fetch window, every kernel read of it traced
 * (.harn.fetch): bits 2-5 of the flag byte are 0001, one random flag byte
 * in sixteen, since a traced call costs several untraced inputs
 * (docs/performance.md). */
#define GF_CALL_TRACED 0x04u
#define GF_CALL_TRACE_MASK 0x3cu
static inline int gf_call_traced(uint8_t flags)
{
	return (flags & GF_CALL_TRACE_MASK) == GF_CALL_TRACED;
}
/* Steps that are no call of a service, each one random flag byte in 64:
 * bits 2-7 all set, GF_CALL_FULL_POOL: the object pool is filled before
 * the call (once per input, .harn.fixture.full); bits 2-5 and 7 set, bit 6
 * clear, GF_CALL_RAW_REQUEST (fuzz_sequence): the call goes out with a
 * request id no service has, read from the 4 bytes after the flag byte
 * (.harn.raw-request).  Their trace field, 1111, is an untraced one. */
#define GF_CALL_STEP_MASK 0xfcu
#define GF_CALL_FULL_POOL 0xfcu
#define GF_CALL_RAW_REQUEST 0xbcu
static inline int gf_call_step(uint8_t flags, uint8_t step)
{
	return (flags & GF_CALL_STEP_MASK) == step;
}

struct gf_plan {
	const struct gf_service *s;
	uintptr_t args[GF_MAX_PARAMS];
	enum gf_class cls[GF_MAX_PARAMS]; /* pointer params only            */
	int extra_override;
	uintptr_t extra_ptr;
	enum gf_class extra_cls;
	int traced;                    /* GF_CALL_TRACED: race[] is set      */
	uintptr_t race[GF_MAX_PARAMS]; /* args, with one word rewritten after
					  its first read (or none)          */
};

void gf_decode_call(struct gf_plan *p, const struct gf_service *s,
		    struct gf_input *in, const struct gf_world *w,
		    uint8_t flags);

/* Writes n bytes to module memory at addr if, and only as far as, the caller
 * may write it (content never lands in memory the caller could not have
 * written itself).  Returns the bytes written. */
size_t gf_decode_store(const struct gf_world *w, uintptr_t addr,
		       const void *src, size_t n);

/* The length of the range pointer parameter i of s was made for. */
uint64_t gf_decode_pointer_len(const struct gf_service *s, int i,
			       const uintptr_t *args, const struct gf_world *w);

/* Whether a parameter kind is a pointer. */
int gf_param_is_pointer(const struct gf_param *p);

#endif

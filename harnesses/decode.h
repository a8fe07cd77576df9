/* decode.h — one kernel call from input bytes (.harn.decode).
 *
 * A call's bytes are laid out by the service table, so one decoder serves
 * every service and the layout is the same on every platform:
 *   scalars first, in parameter order: a mode byte (+1 or 4 value bytes);
 *   then pointers, in parameter order: a class selector and an offset
 *   selector, then the content the pointer's buffer gets (strings, input
 *   buffers) when it lies in memory the caller may write;
 *   with flag GF_CALL_EXTRA and more than three parameters: a class and an
 *   offset selector for the extra-parameter array.
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

struct gf_plan {
	const struct gf_service *s;
	uintptr_t args[GF_MAX_PARAMS];
	enum gf_class cls[GF_MAX_PARAMS]; /* pointer params only            */
	int extra_override;
	uintptr_t extra_ptr;
	enum gf_class extra_cls;
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

/* traced_internal.h — what the traced-region files share (traced.h is the
 * API): the per-region state and log (traced.c), the step mechanism
 * (traced_step.c), the instruction decoder (traced_decode.c) and the
 * handler's protection keys (traced_keys.c). */
#ifndef GATEFUZZ_TRACED_INTERNAL_H
#define GATEFUZZ_TRACED_INTERNAL_H

#include <stdatomic.h>
#include <stdint.h>

#include "iso_internal.h"
#include "traced.h"

struct gf_traced {
	const struct gf_region *region;
	struct gf_traced_ops ops;
	void *ctx;
	atomic_uint_fast64_t count;               /* entries ever claimed */
	struct gf_traced_access log[GF_TRACED_LOG]; /* entry i at i % LOG  */
};

/* traced.c: r's state, or NULL when r is no traced region (lock free,
 * async-signal-safe); the next log entry of t, claimed (async-signal-safe,
 * any thread). */
struct gf_traced *gf_traced_of(const struct gf_region *r);
struct gf_traced_access *gf_traced_claim(struct gf_traced *t);

/* traced_step.c: installs the fault hook and the SIGTRAP handler. */
int gf_traced_step_install(void);

/* traced_decode.c (.iso.traced.decode) */
#define GF_INSN_MAX 15 /* the architecture's longest instruction */
struct gf_insn {
	unsigned access; /* GF_TRACED_READ and/or GF_TRACED_WRITE       */
	unsigned width;  /* bytes of the memory operand: 1, 2, 4 or 8   */
	unsigned length; /* bytes of the instruction                    */
};
/* Decodes the instruction at code, reading no byte past its end.  0, or
 * -1 when it is none of the forms listed in traced_decode.c. */
int gf_traced_decode(const uint8_t *code, struct gf_insn *out);

/* traced_keys.c (.iso.traced.keys): lets the handler reach module code
 * and traced regions whatever the backend; returns what to restore. */
uint32_t gf_traced_keys_open(void);
void gf_traced_keys_close(uint32_t saved);

#endif

/* integrity.h — the checks gf_kernel_integrity runs (internal to kernel/).
 * Each returns 0 when its invariants hold, else writes why into t and
 * returns -1 (.kern.integrity). */
#ifndef GATEFUZZ_INTEGRITY_H
#define GATEFUZZ_INTEGRITY_H

#include "objects.h"
#include "text.h"

/* The invariants of the live object in block b (its header already
 * checked: sealed, of a known type, large enough for it). */
int gf_check_object(struct gf_block *b, struct gf_text *t);

/* Writes "<where> at +0x<offset>: <what>" and returns -1. */
int gf_broken(struct gf_text *t, const char *where, uint32_t offset,
	      const char *what);

#endif

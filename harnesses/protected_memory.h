/* protected_memory.h — under a backend that does not enforce ("none"),
 * whether a call changed memory its caller may not write
 * (.harn.oracle.diff).
 *
 * Enforcing backends fault on such a write.  Without them the harness
 * compares that memory, after each call, with what it held before: every
 * other module's data, of the slots loaded when gf_protected_init ran.
 * Code and the read-only window are never writable, under any backend: a
 * write there faults.
 */
#ifndef GATEFUZZ_PROTECTED_MEMORY_H
#define GATEFUZZ_PROTECTED_MEMORY_H

#include "sandbox.h"

/* Takes the reference copies; after the fixture's snapshot. */
void gf_protected_init(const struct gf_sandbox *sb);
/* An input starts: memory is the snapshot's again. */
void gf_protected_begin(void);
/* The module in `slot` is about to run (a call or a raw access). */
void gf_protected_before_run(int slot);
/* After a call by `slot`: 1 when memory it may not write changed. */
int gf_protected_changed(int slot);
/* The slots whose data a comparison found equal to the snapshot since the
 * last run (.harn.restore.verified). */
uint64_t gf_protected_verified(void);

#endif

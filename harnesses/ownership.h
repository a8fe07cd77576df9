/* ownership.h — which memory belongs to whom, from the harness's own map
 * of the sandbox (.harn.independent): the bounds world_init records when it
 * loads the modules, never the isolation core's domains, which the kernel's
 * validator asks too.  A wrong answer there is then a disagreement between
 * the rules and the kernel, not a blind spot they share. */
#ifndef GATEFUZZ_OWNERSHIP_H
#define GATEFUZZ_OWNERSHIP_H

#include <stdint.h>

#include "pointer_gen.h"

/* The permissions the caller of world w holds over every byte of
 * [addr, addr + len): its code r-x, its data rw-, the shared windows (r--,
 * rw-); 0 when any byte is none of these, len 0, or the range wraps. */
gf_perm gf_world_perm(const struct gf_world *w, uintptr_t addr, uint64_t len);

#endif

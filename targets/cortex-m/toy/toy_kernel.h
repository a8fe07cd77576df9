/* toy_kernel.h — a tiny object kernel with one seeded bug, to show the
 * afl-fuzz bridge finding a kernel fault. */
#ifndef GATEFUZZ_CM_TOY_KERNEL_H
#define GATEFUZZ_CM_TOY_KERNEL_H

#include <stdint.h>

#include "isolation.h"

/* Lays the kernel's objects out in the arena and empties them. */
void toy_kernel_reset(const struct gf_region *arena);
uintptr_t toy_kernel_dispatch(uint32_t request, uintptr_t p0, uintptr_t p1,
			      uintptr_t p2);

#endif

/* pools.h — what validation asks of block and byte pools (internal to
 * kernel/): which allocation, if any, starts at an address.  The answer
 * comes from the bookkeeping in the control block (.kern.pool-bookkeeping). */
#ifndef GATEFUZZ_POOLS_H
#define GATEFUZZ_POOLS_H

#include <stdint.h>

#include "control_blocks.h"

/* The index of the handed-out block at mem, or -1. */
int gf_block_pool_find(const struct gf_block_pool *p, uintptr_t mem);
/* The index in p->alloc of the allocation at mem, or -1. */
int gf_byte_pool_find(const struct gf_byte_pool *p, uintptr_t mem);

#endif

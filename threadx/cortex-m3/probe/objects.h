/* objects.h — ThreadX's created lists searched by name (objects.c), and
 * canaries: kernel or module words nobody may write, checked after a run. */
#ifndef GATEFUZZ_TX_OBJECTS_H
#define GATEFUZZ_TX_OBJECTS_H

#include <stdint.h>

#include "tx_api.h"

TX_SEMAPHORE *gf_tx_semaphore_named(const char *name);
TX_THREAD *gf_tx_thread_named(const char *name);
TX_BLOCK_POOL *gf_tx_block_pool_named(const char *name);

/* Whether a byte pool's block list is whole, as tx_byte_pool_create lays
 * it out: each block a next pointer and an owner word (the pool, or
 * TX_BYTE_BLOCK_FREE), ascending, ending at the pool's last word with
 * the allocated sentinel that points back to the start. */
int gf_tx_byte_pool_intact(const TX_BYTE_POOL *pool);

/* Word i of a canary holds seed + i. */
void gf_canary_fill(volatile uint32_t *w, unsigned n, uint32_t seed);
int gf_canary_intact(const volatile uint32_t *w, unsigned n, uint32_t seed);

#endif

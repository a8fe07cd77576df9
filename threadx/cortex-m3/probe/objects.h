/* objects.h — ThreadX's created lists searched by name (objects.c), and
 * canaries: kernel or module words nobody may write, checked after a run. */
#ifndef GATEFUZZ_TX_OBJECTS_H
#define GATEFUZZ_TX_OBJECTS_H

#include <stdint.h>

#include "tx_api.h"

TX_SEMAPHORE *gf_tx_semaphore_named(const char *name);
TX_THREAD *gf_tx_thread_named(const char *name);
TX_BLOCK_POOL *gf_tx_block_pool_named(const char *name);

/* Word i of a canary holds seed + i. */
void gf_canary_fill(volatile uint32_t *w, unsigned n, uint32_t seed);
int gf_canary_intact(const volatile uint32_t *w, unsigned n, uint32_t seed);

#endif

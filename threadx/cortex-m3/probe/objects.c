/* objects.c — ThreadX's created lists by name, and canaries (objects.h). */
#include "objects.h"

#include <string.h>

#include "tx_block_pool.h"
#include "tx_byte_pool.h"
#include "tx_semaphore.h"
#include "tx_thread.h"

/* ThreadX names and links every created list alike (_tx_<kind>_created_ptr,
 * _count, tx_<kind>_created_next, tx_<kind>_name): one lookup, per kind. */
#define NAMED_LOOKUP(type, kind)                                                      \
	type *gf_tx_##kind##_named(const char *name)                                  \
	{                                                                             \
		type *o = _tx_##kind##_created_ptr;                                   \
		for (ULONG i = 0; i < _tx_##kind##_created_count;                     \
		     i++, o = o->tx_##kind##_created_next)                            \
			if (!strcmp(o->tx_##kind##_name, name))                       \
				return o;                                             \
		return NULL;                                                          \
	}
NAMED_LOOKUP(TX_SEMAPHORE, semaphore)
NAMED_LOOKUP(TX_THREAD, thread)
NAMED_LOOKUP(TX_BLOCK_POOL, block_pool)

int gf_tx_byte_pool_intact(const TX_BYTE_POOL *pool)
{
	UCHAR *start = pool->tx_byte_pool_start;
	UCHAR *sentinel = start + pool->tx_byte_pool_size - sizeof(UCHAR *) - sizeof(ALIGN_TYPE);
	UCHAR *block = start;
	for (ULONG n = 0; n <= pool->tx_byte_pool_size / 8; n++) {
		UCHAR *next = *(UCHAR **)block;
		ALIGN_TYPE owner = *(ALIGN_TYPE *)(block + sizeof(UCHAR *));
		if (block == sentinel)
			return next == start && owner == (ALIGN_TYPE)pool;
		if (next <= block || next > sentinel ||
		    (owner != (ALIGN_TYPE)pool && owner != TX_BYTE_BLOCK_FREE))
			return 0;
		block = next;
	}
	return 0;
}

void gf_canary_fill(volatile uint32_t *w, unsigned n, uint32_t seed)
{
	for (unsigned i = 0; i < n; i++)
		w[i] = seed + i;
}

int gf_canary_intact(const volatile uint32_t *w, unsigned n, uint32_t seed)
{
	for (unsigned i = 0; i < n; i++)
		if (w[i] != seed + i)
			return 0;
	return 1;
}

/* objects.c — ThreadX's created lists by name, and canaries (objects.h). */
#include "objects.h"

#include <string.h>

#include "tx_block_pool.h"
#include "tx_byte_pool.h"
#include "tx_semaphore.h"
#include "tx_thread.h"

TX_SEMAPHORE *gf_tx_semaphore_named(const char *name)
{
	TX_SEMAPHORE *s = _tx_semaphore_created_ptr;
	for (ULONG i = 0; i < _tx_semaphore_created_count; i++, s = s->tx_semaphore_created_next)
		if (!strcmp(s->tx_semaphore_name, name))
			return s;
	return NULL;
}

TX_THREAD *gf_tx_thread_named(const char *name)
{
	TX_THREAD *t = _tx_thread_created_ptr;
	for (ULONG i = 0; i < _tx_thread_created_count; i++, t = t->tx_thread_created_next)
		if (!strcmp(t->tx_thread_name, name))
			return t;
	return NULL;
}

TX_BLOCK_POOL *gf_tx_block_pool_named(const char *name)
{
	TX_BLOCK_POOL *p = _tx_block_pool_created_ptr;
	for (ULONG i = 0; i < _tx_block_pool_created_count; i++, p = p->tx_block_pool_created_next)
		if (!strcmp(p->tx_block_pool_name, name))
			return p;
	return NULL;
}

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

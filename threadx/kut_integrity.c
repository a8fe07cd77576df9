/* kut_integrity.c — ThreadX's invariants, walked after every call
 * (.kern.integrity for ThreadX): its created lists (ids, links, counts),
 * every live object in kernel memory (never in a module's regions, which
 * the module could rewrite), the object pool's block chain, and each
 * module's list of allocated objects.  Written from ThreadX's data
 * structures, independent of the module manager's checks.
 */
#define TX_SOURCE_CODE
#include "tx_api.h"
#include "tx_block_pool.h"
#include "tx_byte_pool.h"
#include "tx_event_flags.h"
#include "tx_mutex.h"
#include "tx_queue.h"
#include "tx_semaphore.h"
#include "tx_thread.h"
#include "tx_timer.h"
#include "txm_module.h"

#include <stdio.h>

#include "kernel.h"
#include "kut_threadx.h"

/* X(name, C type, field prefix, list head, count, id) */
#define TX_CREATED_LISTS(X)                                                               \
	X(thread, TX_THREAD, tx_thread, _tx_thread_created_ptr, _tx_thread_created_count,  \
	  TX_THREAD_ID)                                                                  \
	X(block_pool, TX_BLOCK_POOL, tx_block_pool, _tx_block_pool_created_ptr,            \
	  _tx_block_pool_created_count, TX_BLOCK_POOL_ID)                                \
	X(byte_pool, TX_BYTE_POOL, tx_byte_pool, _tx_byte_pool_created_ptr,                \
	  _tx_byte_pool_created_count, TX_BYTE_POOL_ID)                                  \
	X(event_flags, TX_EVENT_FLAGS_GROUP, tx_event_flags_group,                         \
	  _tx_event_flags_created_ptr, _tx_event_flags_created_count, TX_EVENT_FLAGS_ID) \
	X(mutex, TX_MUTEX, tx_mutex, _tx_mutex_created_ptr, _tx_mutex_created_count,       \
	  TX_MUTEX_ID)                                                                   \
	X(queue, TX_QUEUE, tx_queue, _tx_queue_created_ptr, _tx_queue_created_count,       \
	  TX_QUEUE_ID)                                                                   \
	X(semaphore, TX_SEMAPHORE, tx_semaphore, _tx_semaphore_created_ptr,                \
	  _tx_semaphore_created_count, TX_SEMAPHORE_ID)                                  \
	X(timer, TX_TIMER, tx_timer, _tx_timer_created_ptr, _tx_timer_created_count,       \
	  TX_TIMER_ID)

/* The region a live kernel object overlaps, if it is a module's: the
 * module could then forge or rewrite the kernel's own data. */
static const struct gf_region *module_region(const void *p, size_t n)
{
	const struct gf_region *r = gf_region_lookup((uintptr_t)p, NULL);

	if (!r)
		r = gf_region_lookup((uintptr_t)p + n - 1, NULL);
	return r && r->kind != GF_REGION_ARENA ? r : NULL;
}

#define CHECK_LIST(list, type, pfx, head, count, id)                                      \
	static int check_##list(char *why, size_t len)                                      \
	{                                                                                   \
		type *o = head;                                                             \
		const struct gf_region *r;                                                  \
		for (ULONG i = 0; i < count; i++) {                                         \
			if (o == TX_NULL)                                                   \
				return snprintf(why, len, #list " list: entry %u of %u is NULL", \
						i, (unsigned)count);                        \
			if ((r = module_region(o, sizeof *o)))                              \
				return snprintf(why, len, #list " %p lies in %s", (void *)o, \
						r->name);                                   \
			if (o->pfx##_id != id)                                              \
				return snprintf(why, len, #list " %p in the list has id %#x", \
						(void *)o, (unsigned)o->pfx##_id);          \
			if (o->pfx##_created_next == TX_NULL ||                             \
			    o->pfx##_created_next->pfx##_created_previous != o)             \
				return snprintf(why, len, #list " %p: broken created links", \
						(void *)o);                                 \
			o = o->pfx##_created_next;                                          \
		}                                                                           \
		if (o != head)                                                              \
			return snprintf(why, len, #list " list: %u entries do not close the ring", \
					(unsigned)count);                                   \
		return 0;                                                                   \
	}
TX_CREATED_LISTS(CHECK_LIST)
#undef CHECK_LIST

/* The object pool's blocks: each header's next pointer goes up, inside the
 * pool, to the last block, which points back to the start; each block is
 * free or owned by the pool; the count is the pool's fragment count. */
static int check_object_pool(char *why, size_t len)
{
	TX_BYTE_POOL *p = &_txm_module_manager_object_pool;
	UCHAR *start = p->tx_byte_pool_start, *end = start + p->tx_byte_pool_size;
	UCHAR *b = start;
	UINT n = 0;

	if (!_txm_module_manager_object_pool_created)
		return 0;
	do {
		UCHAR *next = *(UCHAR **)b;
		ALIGN_TYPE mark = *(ALIGN_TYPE *)(b + sizeof(ALIGN_TYPE));

		if (mark != TX_BYTE_BLOCK_FREE && mark != (ALIGN_TYPE)p)
			return snprintf(why, len, "object pool block %p: owner word %#llx",
					(void *)b, (unsigned long long)mark);
		if (next != start && (next <= b || next >= end))
			return snprintf(why, len, "object pool block %p: next %p outside the pool",
					(void *)b, (void *)next);
		b = next;
		if (++n > p->tx_byte_pool_fragments)
			break;
	} while (b != start);
	if (n != p->tx_byte_pool_fragments)
		return snprintf(why, len, "object pool: %u blocks, fragment count %u", n,
				p->tx_byte_pool_fragments);
	return 0;
}

/* Each module's allocated objects: in the object pool, owned by it, the
 * links and the count consistent. */
static int check_module_objects(char *why, size_t len)
{
	TX_BYTE_POOL *p = &_txm_module_manager_object_pool;

	for (int m = 0; m < GF_TX_MODULES; m++) {
		TXM_MODULE_INSTANCE *mi = gf_tx_instance(m);
		TXM_MODULE_ALLOCATED_OBJECT *o;

		if (!mi || mi->txm_module_instance_object_list_count == 0)
			continue;
		o = mi->txm_module_instance_object_list_head;
		for (ULONG i = 0; i < mi->txm_module_instance_object_list_count; i++) {
			if ((UCHAR *)o < p->tx_byte_pool_start ||
			    (UCHAR *)(o + 1) > p->tx_byte_pool_start + p->tx_byte_pool_size)
				return snprintf(why, len, "module %d object %p outside the object pool",
						m, (void *)o);
			if (o->txm_module_allocated_object_module_instance != mi)
				return snprintf(why, len, "module %d object %p owned by %p", m,
						(void *)o,
						(void *)o->txm_module_allocated_object_module_instance);
			if (o->txm_module_allocated_object_next->txm_module_allocated_object_previous != o)
				return snprintf(why, len, "module %d object %p: broken links", m,
						(void *)o);
			o = o->txm_module_allocated_object_next;
		}
		if (o != mi->txm_module_instance_object_list_head)
			return snprintf(why, len, "module %d: %u objects do not close the ring", m,
					(unsigned)mi->txm_module_instance_object_list_count);
	}
	return 0;
}

int gf_kernel_integrity(char *why, size_t len)
{
#define RUN(name, ...)                        \
	if (check_##name(why, len) > 0)       \
		return -1;
	TX_CREATED_LISTS(RUN)
#undef RUN
	if (check_object_pool(why, len) > 0 || check_module_objects(why, len) > 0)
		return -1;
	return 0;
}

int gf_kernel_object_at(uintptr_t addr, enum gf_object_type *type, int *owner)
{
	for (int m = 0; m < GF_TX_MODULES; m++) {
		TXM_MODULE_INSTANCE *mi = gf_tx_instance(m);
		TXM_MODULE_ALLOCATED_OBJECT *o;

		if (!mi)
			continue;
		o = mi->txm_module_instance_object_list_head;
		for (ULONG i = 0; i < mi->txm_module_instance_object_list_count; i++) {
			if ((uintptr_t)(o + 1) == addr) {
				ULONG id = *(ULONG *)addr;
				if (type)
					*type = id == TX_BLOCK_POOL_ID ? GF_OT_BLOCK_POOL
						: id == TX_BYTE_POOL_ID ? GF_OT_BYTE_POOL
						: id == TX_EVENT_FLAGS_ID ? GF_OT_EVENT_FLAGS
						: id == TX_MUTEX_ID ? GF_OT_MUTEX
						: id == TX_QUEUE_ID ? GF_OT_QUEUE
						: id == TX_SEMAPHORE_ID ? GF_OT_SEMAPHORE
						: id == TX_THREAD_ID ? GF_OT_THREAD
						: id == TX_TIMER_ID ? GF_OT_TIMER
						: GF_OT_BLOCK;
				if (owner)
					*owner = m;
				return 0;
			}
			o = o->txm_module_allocated_object_next;
		}
	}
	return -1;
}

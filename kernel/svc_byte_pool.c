/* svc_byte_pool.c — variable-size byte pools.
 *
 * Simplification: allocations are recorded in the control block (at most
 * GF_BYTE_POOL_MAX_ALLOCS at once, sorted by offset) instead of ThreadX's
 * in-band block list, so the pool area holds only what the module asked
 * for and nothing the kernel must believe (.kern.pool-bookkeeping).
 * Allocation is first fit, sizes rounded up to a pointer. */
#include <string.h>

#include "bugs.h"
#include "call.h"
#include "control_blocks.h"
#include "pools.h"

int gf_byte_pool_find(const struct gf_byte_pool *p, uintptr_t mem)
{
	for (uint32_t k = 0; k < p->nallocs && k < GF_BYTE_POOL_MAX_ALLOCS; k++)
		if (p->area + p->alloc[k].offset == mem)
			return (int)k;
	return -1;
}

/* (pool, name, pool_start, pool_size) */
uintptr_t gf_impl_byte_pool_create(struct gf_call *c)
{
	struct gf_byte_pool *p;

	gf_object_begin(c->arg[0].block, GF_OT_BYTE_POOL, c->arg[1].value,
			c->name, c->name_len);
	p = gf_arg_cb(c, 0);
	p->area = c->arg[2].value;
	/* Seeded bug pool_size_fetched_twice: the size the area was validated
	 * with, read again from the module's array to be used. */
	p->area_size = (GF_SEEDED(pool_size_fetched_twice, c->params != 0)
				? (uint32_t)gf_refetch(c, 3)
				: gf_arg_u32(c, 3)) &
		       ~(uint32_t)(sizeof(uintptr_t) - 1);
	p->available = p->area_size;
	return GF_SUCCESS;
}

/* (pool, memory_ptr slot, memory_size, wait) */
uintptr_t gf_impl_byte_pool_allocate(struct gf_call *c)
{
	struct gf_byte_pool *p = gf_arg_cb(c, 0);
	uint32_t need = gf_align_up(gf_arg_u32(c, 2), sizeof(uintptr_t));
	uint32_t gap_start = 0, k;

	if (p->nallocs == GF_BYTE_POOL_MAX_ALLOCS)
		return GF_NO_MEMORY;
	for (k = 0;; k++) {
		uint32_t gap_end = k < p->nallocs ? p->alloc[k].offset
						  : p->area_size;
		if (gap_end - gap_start >= need)
			break;
		if (k == p->nallocs)
			return GF_NO_MEMORY;
		gap_start = p->alloc[k].offset + p->alloc[k].size;
	}
	memmove(&p->alloc[k + 1], &p->alloc[k],
		(p->nallocs - k) * sizeof p->alloc[0]);
	p->alloc[k] = (struct gf_byte_alloc){gap_start, need};
	p->nallocs++;
	p->available -= need;
	gf_slot_write(c, 1, p->area + gap_start);
	return GF_SUCCESS;
}

/* (memory_ptr): validation found the pool that handed it out. */
uintptr_t gf_impl_byte_pool_release(struct gf_call *c)
{
	struct gf_byte_pool *p = gf_arg_cb(c, 0);
	uint32_t k = (uint32_t)gf_byte_pool_find(p, c->arg[0].value);

	p->available += p->alloc[k].size;
	p->nallocs--;
	memmove(&p->alloc[k], &p->alloc[k + 1],
		(p->nallocs - k) * sizeof p->alloc[0]);
	return GF_SUCCESS;
}

/* Pieces the area is cut into, used and free, as ThreadX counts them. */
static uint32_t fragments(const struct gf_byte_pool *p)
{
	uint32_t n = p->nallocs, at = 0;

	for (uint32_t k = 0; k < p->nallocs; k++) {
		n += p->alloc[k].offset > at;
		at = p->alloc[k].offset + p->alloc[k].size;
	}
	return n + (p->area_size > at);
}

/* (pool, name, available_bytes, fragments, first_suspended,
 *  suspended_count, next_pool) */
uintptr_t gf_impl_byte_pool_info_get(struct gf_call *c)
{
	struct gf_byte_pool *p = gf_arg_cb(c, 0);

	return gf_info_reply(c, &p->obj,
			     (const uintptr_t[]){p->available, fragments(p)}, 2);
}

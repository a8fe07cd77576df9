/* svc_block_pool.c — fixed-size block pools.
 *
 * Simplification: the pool's bookkeeping (which blocks are out) is a bitmap
 * in the control block rather than ThreadX's in-band block headers, so the
 * pool area is nothing but the memory handed out; a pool tracks at most
 * GF_BLOCK_POOL_MAX_BLOCKS blocks, and a larger area leaves the rest unused
 * (.kern.pool-bookkeeping). */
#include "bugs.h"
#include "call.h"
#include "control_blocks.h"
#include "pools.h"

static int block_used(const struct gf_block_pool *p, uint32_t i)
{
	return (int)((p->used[i / 32] >> (i % 32)) & 1);
}

static void block_mark(struct gf_block_pool *p, uint32_t i, int used)
{
	if (used)
		p->used[i / 32] |= 1u << (i % 32);
	else
		p->used[i / 32] &= ~(1u << (i % 32));
}

int gf_block_pool_find(const struct gf_block_pool *p, uintptr_t mem)
{
	uintptr_t off;
	int used;

	if (mem < p->area)
		return -1;
	off = mem - p->area;
	if (off % p->block_size || off / p->block_size >= p->total)
		return -1;
	used = block_used(p, (uint32_t)(off / p->block_size));
	/* Seeded bug release_unallocated: any block's start is taken for a
	 * block handed out, as an in-band header a module can forge is. */
	if (GF_SEEDED(release_unallocated, !used))
		used = 1;
	return used ? (int)(off / p->block_size) : -1;
}

/* (pool, name, block_size, pool_start, pool_size) */
uintptr_t gf_impl_block_pool_create(struct gf_call *c)
{
	uint32_t block_size = gf_align_up(gf_arg_u32(c, 2), sizeof(uintptr_t));
	uint32_t total = gf_arg_u32(c, 4) / block_size;
	struct gf_block_pool *p;

	if (total == 0)
		return GF_SIZE_ERROR;
	if (total > GF_BLOCK_POOL_MAX_BLOCKS)
		total = GF_BLOCK_POOL_MAX_BLOCKS;
	gf_object_begin(c->arg[0].block, GF_OT_BLOCK_POOL, c->arg[1].value,
			c->name, c->name_len);
	p = gf_arg_cb(c, 0);
	p->area = c->arg[3].value;
	p->area_size = gf_arg_u32(c, 4);
	p->block_size = block_size;
	p->total = p->available = total;
	return GF_SUCCESS;
}

/* (pool, block_ptr slot, wait) */
uintptr_t gf_impl_block_pool_allocate(struct gf_call *c)
{
	struct gf_block_pool *p = gf_arg_cb(c, 0);
	uint32_t i;

	if (p->available == 0)
		return GF_NO_MEMORY;
	/* Seeded bug block_handed_out_twice: blocks taken to go out in order,
	 * the next one after those counted out, which a release out of order
	 * leaves in use. */
	if (GF_SEEDED(block_handed_out_twice, block_used(p, p->total - p->available)))
		i = p->total - p->available;
	else
		for (i = 0; block_used(p, i); i++)
			;
	block_mark(p, i, 1);
	p->available--;
	gf_slot_write(c, 1, p->area + (uintptr_t)i * p->block_size);
	return GF_SUCCESS;
}

/* (block_ptr): validation found the pool that handed it out. */
uintptr_t gf_impl_block_pool_release(struct gf_call *c)
{
	struct gf_block_pool *p = gf_arg_cb(c, 0);

	block_mark(p, (uint32_t)gf_block_pool_find(p, c->arg[0].value), 0);
	p->available++;
	return GF_SUCCESS;
}

/* (pool, name, available, total_blocks, first_suspended, suspended_count,
 *  next_pool) */
uintptr_t gf_impl_block_pool_info_get(struct gf_call *c)
{
	struct gf_block_pool *p = gf_arg_cb(c, 0);

	return gf_info_reply(c, &p->obj,
			     (const uintptr_t[]){p->available, p->total}, 2);
}

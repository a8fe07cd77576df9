/* model_block.c — the model's rules for object-pool blocks
 * (module_object_deallocate, .harn.model.block; module_object_allocate,
 * .harn.model.reuse).  A block is no object the model follows: the ledger
 * knows who allocated it and whether an object lives in it, and judges
 * giving it back from that:
 *   - the caller's block holding no live object (never used, or its object
 *     deleted: GF_DELETE_FREES_BLOCK 0 keeps the block) must be freed;
 *   - the caller's block holding a live object must be refused, with the
 *     kernel's status for it (GF_DEALLOCATE_LIVE_STATUS: DELETE_ERROR
 *     here; 0 where the kernel frees it anyway, ThreadX's TX-DEALLOC).
 * The reference rules refuse the second already (rule 5), without a
 * status; the block is the call's only parameter and its live object the
 * only thing wrong with it, so the status stands for their refusal too. */
#include <stdint.h>

#include "model_internal.h"

/* The block at addr as the ledger has it, if it is the caller's and its
 * allocation was sound: a size that with the kernel's header fits 32 bits
 * (ThreadX adds its header to the size in a ULONG: a larger one wraps to
 * a few bytes, TX-ALLOC, and the block then fails the dispatcher's own
 * bounds check on the way back). */
static const struct gf_ledger_block *caller_block(const struct gf_model_call *c,
						  uintptr_t addr)
{
	const struct gf_ledger_block *b = gf_ledger_block_at(c->w->ledger, addr);

	return b && b->owner == c->w->caller &&
			       (uint64_t)b->size + GF_BLOCK_HEADER_BYTES <= UINT32_MAX
		       ? b
		       : NULL;
}

/* (block) */
static void deallocate_expect(const struct gf_model_call *c, struct gf_expect *e)
{
	const struct gf_ledger_block *b = caller_block(c, c->args[0]);

	if (!b)
		return;
	if (b->state != GF_OBJ_LIVE) {
		gf_expect(e, GF_EXPECT_SUCCESS, 0, "the caller's block, holding no live object");
	} else if (GF_DEALLOCATE_LIVE_STATUS) {
		gf_expect(e, GF_EXPECT_REFUSAL, GF_DEALLOCATE_LIVE_STATUS,
			  "the caller's block, holding a live object");
		e->covers_rules = 1;
	}
}

static void deallocate(struct gf_model_call *c)
{
	const struct gf_ledger_block *b = caller_block(c, c->args[0]);

	if (b && b->size > c->m->block_freed)
		c->m->block_freed = b->size;
}

/* (slot, size), .harn.model.reuse: a block given back leaves a gap that a
 * block of at most its size fits, whatever the pool's layout, the blocks
 * the model never saw included; until the pool hands out a block again,
 * which may take the gap, an allocation of at most that size must
 * succeed.  A full pool (.harn.fixture.full) is where this decides: a
 * kernel that used only a gap larger than the block would refuse it. */
static void allocate_expect(const struct gf_model_call *c, struct gf_expect *e)
{
	if (c->m->block_freed && c->args[1] <= c->m->block_freed)
		gf_expect(e, GF_EXPECT_SUCCESS, 0,
			  "a block at least as large was given back since the pool "
			  "last handed one out");
}

static void allocate(struct gf_model_call *c)
{
	c->m->block_freed = 0;
}

const struct gf_model_rule gf_model_block_rules[] = {
	{"module_object_deallocate", deallocate_expect, NULL, deallocate},
	{"module_object_allocate", allocate_expect, NULL, allocate},
	{NULL, NULL, NULL, NULL},
};

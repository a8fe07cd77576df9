/* model_block.c — the model's rule for giving an object-pool block back
 * (module_object_deallocate, .harn.model.block).  A block is no object the
 * model follows: the ledger knows who allocated it and whether an object
 * lives in it, and judges the call from that:
 *   - the caller's block holding no live object (never used, or its object
 *     deleted: GF_DELETE_FREES_BLOCK 0 keeps the block) must be freed;
 *   - the caller's block holding a live object must be refused, with the
 *     kernel's status for it (GF_DEALLOCATE_LIVE_STATUS: DELETE_ERROR
 *     here; 0 where the kernel frees it anyway, ThreadX's TX-DEALLOC).
 * The reference rules refuse the second already (rule 5), without a
 * status; the block is the call's only parameter and its live object the
 * only thing wrong with it, so the status stands for their refusal too. */
#include "model_internal.h"

/* (block) */
static void deallocate_expect(const struct gf_model_call *c, struct gf_expect *e)
{
	const struct gf_ledger_block *b = gf_ledger_block_at(c->w->ledger, c->args[0]);

	if (!b || b->owner != c->w->caller)
		return;
	if (b->state != GF_OBJ_LIVE) {
		gf_expect(e, GF_EXPECT_SUCCESS, 0, "the caller's block, holding no live object");
	} else if (GF_DEALLOCATE_LIVE_STATUS) {
		gf_expect(e, GF_EXPECT_REFUSAL, GF_DEALLOCATE_LIVE_STATUS,
			  "the caller's block, holding a live object");
		e->covers_rules = 1;
	}
}

const struct gf_model_rule gf_model_block_rules[] = {
	{"module_object_deallocate", deallocate_expect, NULL, NULL},
	{NULL, NULL, NULL, NULL},
};

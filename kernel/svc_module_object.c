/* svc_module_object.c — object blocks and finding objects by name. */
#include <string.h>

#include "bugs.h"
#include "call.h"
#include "control_blocks.h"

/* .kern.share: sharing an object by name lets another module use it, so
 * the kernel will touch the object's module memory on that module's behalf:
 * only objects whose memory the finder may write itself are shared (a
 * queue's storage; other objects keep nothing the kernel touches on use).
 * Otherwise the object stays invisible to it: NOT_FOUND. */
static int finder_may_reach(const struct gf_call *c, struct gf_block *b)
{
	const struct gf_queue *q;

	if (b->type != GF_OT_QUEUE)
		return 1;
	q = gf_block_body(b);
	return (gf_domain_range_perm(c->domain, q->storage, q->storage_size) &
		GF_PERM_W) != 0;
}

static uintptr_t find_and_share(struct gf_call *c, const char *name,
				uint32_t len, int slot)
{
	struct gf_block *b =
		gf_object_find((enum gf_object_type)gf_arg_u32(c, 0), name, len);

	if (!b || !finder_may_reach(c, b))
		return GF_NOT_FOUND;
	if (b->owner != c->caller)
		gf_block_object(b)->shared |= 1ull << c->caller;
	gf_slot_write(c, slot, gf_block_address(b));
	return GF_SUCCESS;
}

/* (object_type, name, object_ptr slot) */
uintptr_t gf_impl_module_object_pointer_get(struct gf_call *c)
{
	return find_and_share(c, c->name, c->name_len, 2);
}

/* (object_type, name, name_length, object_ptr slot): the name is a buffer
 * of name_length bytes, read once into the kernel. */
uintptr_t gf_impl_module_object_pointer_get_extended(struct gf_call *c)
{
	char name[GF_NAME_MAX];
	uint32_t len = c->arg[1].len; /* at most GF_NAME_MAX: services.def */

	memcpy(name, (const void *)c->arg[1].value, len);
	return find_and_share(c, name, len, 3);
}

/* (object_ptr slot, size) */
uintptr_t gf_impl_module_object_allocate(struct gf_call *c)
{
	struct gf_block *b = gf_block_allocate(c->caller, gf_arg_u32(c, 1));

	if (!b)
		return GF_NO_MEMORY;
	gf_slot_write(c, 0, gf_block_address(b));
	return GF_SUCCESS;
}

/* (object_ptr): the block must hold no live object. */
uintptr_t gf_impl_module_object_deallocate(struct gf_call *c)
{
	struct gf_block *b = c->arg[0].block;
	int holds_object = b->type != GF_OT_BLOCK;

	/* Seeded bug dealloc_live_object: TXM freed the block without asking
	 * whether an object still lived in it. */
	if (GF_SEEDED(dealloc_live_object, holds_object))
		holds_object = 0;
	if (holds_object)
		return GF_DELETE_ERROR;
	gf_block_free(b);
	return GF_SUCCESS;
}

/* ledger.c — the harness's record of kernel resources (.harn.ledger). */
#include "ledger.h"

#include <string.h>

#include "oracle_params.h"

struct gf_ledger_block *gf_ledger_block_at(struct gf_ledger *l, uintptr_t addr)
{
	for (int i = 0; i < l->nblocks; i++)
		if (l->block[i].addr == addr)
			return &l->block[i];
	return NULL;
}

const struct gf_ledger_mem *gf_ledger_mem_at(const struct gf_ledger *l,
					     uintptr_t addr)
{
	for (int i = 0; i < l->nmems; i++)
		if (l->mem[i].addr == addr)
			return &l->mem[i];
	return NULL;
}

int gf_ledger_may_use(struct gf_ledger *l, uintptr_t addr,
		      enum gf_object_type t, int caller)
{
	const struct gf_ledger_block *b = gf_ledger_block_at(l, addr);

	return b && b->state == GF_OBJ_LIVE && b->type == t &&
	       (GF_SHARED_WITH_ALL(t) || b->owner == caller ||
		(b->shared >> caller) & 1);
}

struct gf_ledger_block *gf_ledger_pick(struct gf_ledger *l, gf_ledger_pred pred,
				       int caller, enum gf_object_type t,
				       unsigned n)
{
	int matches = 0;

	for (int i = 0; i < l->nblocks; i++)
		matches += pred(&l->block[i], caller, t);
	if (matches == 0)
		return NULL;
	n %= (unsigned)matches;
	for (int i = 0; i < l->nblocks; i++)
		if (pred(&l->block[i], caller, t) && n-- == 0)
			return &l->block[i];
	return NULL;
}

static int mem_matches(struct gf_ledger *l, const struct gf_ledger_mem *m,
		       int owner, int want_owner, enum gf_object_type pool_type)
{
	const struct gf_ledger_block *pool = gf_ledger_block_at(l, m->pool);

	return (m->owner == owner) == want_owner && pool && pool->type == pool_type;
}

static const struct gf_ledger_mem *pick_mem(struct gf_ledger *l,
					    const struct gf_ledger_mem *mems,
					    int nmems, int owner, int want_owner,
					    enum gf_object_type pool_type,
					    unsigned n)
{
	int matches = 0;

	for (int i = 0; i < nmems; i++)
		matches += mem_matches(l, &mems[i], owner, want_owner, pool_type);
	if (matches == 0)
		return NULL;
	n %= (unsigned)matches;
	for (int i = 0; i < nmems; i++)
		if (mem_matches(l, &mems[i], owner, want_owner, pool_type) &&
		    n-- == 0)
			return &mems[i];
	return NULL;
}

const struct gf_ledger_mem *gf_ledger_pick_mem(struct gf_ledger *l, int owner,
					       int want_owner,
					       enum gf_object_type pool_type,
					       unsigned n)
{
	return pick_mem(l, l->mem, l->nmems, owner, want_owner, pool_type, n);
}

const struct gf_ledger_mem *gf_ledger_pick_released(struct gf_ledger *l, int owner,
						    enum gf_object_type pool_type,
						    unsigned n)
{
	return pick_mem(l, l->released, l->nreleased, owner, 1, pool_type, n);
}

static void add_block(struct gf_ledger *l, uintptr_t addr, uint32_t size,
		      int owner)
{
	struct gf_ledger_block *b = gf_ledger_block_at(l, addr);

	if (!b) {
		if (l->nblocks == GF_LEDGER_BLOCKS) {
			l->missed = 1;
			return;
		}
		b = &l->block[l->nblocks++];
	}
	memset(b, 0, sizeof *b);
	b->addr = addr;
	b->size = size;
	b->owner = owner;
	b->state = GF_OBJ_NONE;
}

static void remove_block(struct gf_ledger *l, uintptr_t addr)
{
	struct gf_ledger_block *b = gf_ledger_block_at(l, addr);

	if (b)
		*b = l->block[--l->nblocks];
}

static void add_mem(struct gf_ledger_mem *mems, int *n, uintptr_t addr,
		    uintptr_t pool, int owner)
{
	if (*n == GF_LEDGER_MEMS)
		return;
	mems[(*n)++] = (struct gf_ledger_mem){addr, pool, owner};
}

/* Removes the pieces at addr (when non-zero) and those of pool (when
 * non-zero); with `released`, records each piece removed there. */
static void remove_mems(struct gf_ledger_mem *mems, int *n, uintptr_t addr,
			uintptr_t pool, struct gf_ledger *released)
{
	for (int i = 0; i < *n;)
		if ((addr && mems[i].addr == addr) ||
		    (pool && mems[i].pool == pool)) {
			if (released)
				add_mem(released->released, &released->nreleased,
					mems[i].addr, mems[i].pool, mems[i].owner);
			mems[i] = mems[--*n];
		} else {
			i++;
		}
}

/* A pool's memory goes, handed out or released, when the pool ends. */
static void forget_pool(struct gf_ledger *l, uintptr_t pool)
{
	remove_mems(l->mem, &l->nmems, 0, pool, NULL);
	remove_mems(l->released, &l->nreleased, 0, pool, NULL);
}

static void copy_name(char *dst, uintptr_t src)
{
	/* The name was validated by the call that succeeded; copy what fits. */
	size_t i = 0;

	if (src)
		for (; i + 1 < GF_LEDGER_NAME && ((const char *)src)[i]; i++)
			dst[i] = ((const char *)src)[i];
	dst[i] = 0;
}

/* The storage a create hands the kernel: its output buffer (a pool's area,
 * a queue's storage, a thread's stack), which the kernel may write on any
 * later call while the object lives (harnesses/write_set.c). */
static void record_storage(struct gf_ledger_block *b, const struct gf_service *s,
			   const uintptr_t *args)
{
	b->storage = 0;
	b->storage_len = 0;
	for (int i = 0; i < s->nparams; i++)
		if (s->params[i].kind == GF_P_OUT &&
		    s->params[i].len.rule == GF_LEN_PARAM_RULE) {
			b->storage = args[i];
			b->storage_len = args[s->params[i].len.param];
		}
}

static uintptr_t slot_value(const struct gf_param *p, uintptr_t slot)
{
	if (p->size == GF_SLOT_U32)
		return *(const uint32_t *)slot;
	return *(const uintptr_t *)slot;
}

/* The effects that are not visible in the parameter kinds: services that
 * hand something back through a slot.  Named here once. */
void gf_ledger_apply(struct gf_ledger *l, const struct gf_service *s,
		     const uintptr_t *args, int caller)
{
	s = gf_oracle_service(s); /* .harn.independent */
	for (int i = 0; i < s->nparams; i++) {
		const struct gf_param *p = &s->params[i];
		struct gf_ledger_block *b;

		if (p->kind != GF_P_OBJ)
			continue;
		b = gf_ledger_block_at(l, args[i]);
		if (p->mode == GF_MODE_CREATE && b) {
			b->type = p->type;
			b->state = GF_OBJ_LIVE;
			b->shared = 0;
			b->msg_bytes = p->type == GF_OT_QUEUE
					       ? (uint32_t)args[2] * 4
					       : 0;
			copy_name(b->name, s->params[1].kind == GF_P_STR
						   ? args[1]
						   : 0);
			record_storage(b, s, args);
		} else if (p->mode == GF_MODE_DELETE && p->type == GF_OT_BLOCK) {
			remove_block(l, args[i]);
		} else if (p->mode == GF_MODE_DELETE && b && GF_DELETE_FREES_BLOCK) {
			forget_pool(l, args[i]);
			remove_block(l, args[i]);
		} else if (p->mode == GF_MODE_DELETE && b) {
			b->state = GF_OBJ_DELETED;
			forget_pool(l, args[i]);
		}
	}
	if (gf_service_is(s, "module_object_allocate")) {
		add_block(l, slot_value(&s->params[0], args[0]),
			  (uint32_t)args[1], caller);
	} else if (gf_service_is(s, "module_object_pointer_get") ||
		   gf_service_is(s, "module_object_pointer_get_extended")) {
		int slot = s->nparams - 1;
		struct gf_ledger_block *b = gf_ledger_block_at(
			l, slot_value(&s->params[slot], args[slot]));
		if (b && b->owner != caller)
			b->shared |= 1ull << caller;
	} else if (gf_service_is(s, "block_pool_allocate") ||
		   gf_service_is(s, "byte_pool_allocate")) {
		uintptr_t got = slot_value(&s->params[1], args[1]);
		remove_mems(l->released, &l->nreleased, got, 0, NULL);
		add_mem(l->mem, &l->nmems, got, args[0], caller);
	} else if (gf_service_is(s, "block_pool_release") ||
		   gf_service_is(s, "byte_pool_release")) {
		remove_mems(l->mem, &l->nmems, args[0], 0, l);
	}
}

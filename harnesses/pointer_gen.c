/* pointer_gen.c — class + offset selector → address (.harn.classes). */
#include "pointer_gen.h"

static const struct {
	const char *name, *desc;
} classes[] = {
#define GF_CLASS(name, desc) {#name, desc},
#include "pointer_classes.def"
#undef GF_CLASS
};

const char *gf_class_name(enum gf_class c)
{
	return (unsigned)c < GF_CLASS_COUNT ? classes[c].name : "?";
}

const char *gf_class_description(enum gf_class c)
{
	return (unsigned)c < GF_CLASS_COUNT ? classes[c].desc : "?";
}

static enum gf_class valid_class(const struct gf_param *p)
{
	switch (p->kind) {
	case GF_P_OBJ:
		return p->mode == GF_MODE_CREATE || p->type == GF_OT_BLOCK
			       ? GF_CLASS_BLOCK_FREE
			       : GF_CLASS_OBJ_OWN;
	case GF_P_CB:
		return GF_CLASS_OWN_CODE;
	case GF_P_POOLMEM:
		return GF_CLASS_POOLMEM_OWN;
	default:
		return GF_CLASS_OWN_DATA;
	}
}

enum gf_class gf_class_pick(const struct gf_param *p, uint8_t selector)
{
	if (selector < GF_CLASS_VALID_BELOW)
		return valid_class(p);
	if (selector < GF_CLASS_ORIGINAL_FROM)
		return (enum gf_class)(GF_CLASS_ORIGINAL_COUNT +
				       (selector - GF_CLASS_VALID_BELOW) %
					       (GF_CLASS_COUNT - GF_CLASS_ORIGINAL_COUNT));
	return (enum gf_class)(selector % GF_CLASS_ORIGINAL_COUNT);
}

uint8_t gf_class_selector(enum gf_class c)
{
	const struct gf_param any = {.kind = GF_P_IN};

	for (unsigned s = GF_CLASS_VALID_BELOW; s < 256; s++)
		if (gf_class_pick(&any, (uint8_t)s) == c)
			return (uint8_t)s;
	return 0;
}

/* An 8-byte-aligned offset into [base, end) leaving room for len bytes. */
static uintptr_t inside(const struct gf_bounds *b, uint8_t sel, uint64_t len)
{
	uint64_t span = b->end - b->base;
	uint64_t room = len < span ? span - len : 0;
	uint64_t slots = room / 8 + 1;

	return b->base + (uintptr_t)(((uint64_t)sel * 8 * 37) % (slots * 8));
}

static int own_live(const struct gf_ledger_block *b, int caller,
		    enum gf_object_type t)
{
	return b->owner == caller && b->state == GF_OBJ_LIVE && b->type == t;
}

static int own_live_other_type(const struct gf_ledger_block *b, int caller,
			       enum gf_object_type t)
{
	return b->owner == caller && b->state == GF_OBJ_LIVE && b->type != t;
}

static int own_any_live(const struct gf_ledger_block *b, int caller,
			enum gf_object_type t)
{
	(void)t;
	return b->owner == caller && b->state == GF_OBJ_LIVE;
}

static int own_stale(const struct gf_ledger_block *b, int caller,
		     enum gf_object_type t)
{
	(void)t;
	return b->owner == caller && b->state == GF_OBJ_DELETED;
}

static int foreign_live(const struct gf_ledger_block *b, int caller,
			enum gf_object_type t)
{
	return b->owner != caller && b->state == GF_OBJ_LIVE && b->type == t &&
	       !((b->shared >> caller) & 1);
}

static int foreign_shared(const struct gf_ledger_block *b, int caller,
			  enum gf_object_type t)
{
	(void)t;
	return b->owner != caller && b->state == GF_OBJ_LIVE &&
	       ((b->shared >> caller) & 1);
}

/* Shared with some module, not with the caller: with a third module in
 * the sandbox, an object the caller cannot reach by any lookup of its own. */
static int third_shared(const struct gf_ledger_block *b, int caller,
			enum gf_object_type t)
{
	return b->owner != caller && b->state == GF_OBJ_LIVE && b->type == t &&
	       b->shared && !((b->shared >> caller) & 1);
}

static int own_with_memory(const struct gf_ledger_block *b, int caller,
			   enum gf_object_type t)
{
	(void)t;
	return b->owner == caller && b->state == GF_OBJ_LIVE && b->storage_len;
}

static int own_empty(const struct gf_ledger_block *b, int caller,
		     enum gf_object_type t)
{
	(void)t;
	return b->owner == caller && b->state != GF_OBJ_LIVE;
}

static int foreign_empty(const struct gf_ledger_block *b, int caller,
			 enum gf_object_type t)
{
	(void)t;
	return b->owner != caller && b->state != GF_OBJ_LIVE;
}

static int own_block(const struct gf_ledger_block *b, int caller,
		     enum gf_object_type t)
{
	(void)t;
	return b->owner == caller;
}

static gf_ledger_pred ledger_pred(enum gf_class c)
{
	switch (c) {
	case GF_CLASS_OBJ_OWN: return own_live;
	case GF_CLASS_OBJ_WRONG_TYPE: return own_live_other_type;
	case GF_CLASS_OBJ_SHIFTED: return own_any_live;
	case GF_CLASS_OBJ_ALIAS_4G: return own_live;
	case GF_CLASS_OBJ_STALE: return own_stale;
	case GF_CLASS_OBJ_OTHER: return foreign_live;
	case GF_CLASS_OBJ_SHARED: return foreign_shared;
	case GF_CLASS_OBJ_THIRD: return third_shared;
	case GF_CLASS_BLOCK_FREE: return own_empty;
	case GF_CLASS_BLOCK_OTHER: return foreign_empty;
	case GF_CLASS_BLOCK_HEADER: return own_block;
	default: return NULL;
	}
}

/* The shift of OBJ_SHIFTED: ±1..32 bytes, never 0. */
static intptr_t shift_of(uint8_t sel)
{
	intptr_t k = 1 + (sel & 31);
	return sel & 0x80 ? -k : k;
}

static uintptr_t ledger_address(const struct gf_world *w, enum gf_class c,
				uint8_t sel, enum gf_object_type want)
{
	const struct gf_ledger_block *b =
		gf_ledger_pick(w->ledger, ledger_pred(c), w->caller, want, sel);

	if (!b && (c == GF_CLASS_OBJ_SHIFTED || c == GF_CLASS_OBJ_ALIAS_4G))
		b = gf_ledger_pick(w->ledger, own_block, w->caller, want, sel);
	if (!b)
		return 0;
	switch (c) {
	case GF_CLASS_OBJ_SHIFTED:
		return b->addr + (uintptr_t)shift_of(sel);
#if UINTPTR_MAX > 0xffffffffu
	case GF_CLASS_OBJ_ALIAS_4G:
		/* the same low 32 bits: a kernel that truncates an address or
		 * an arena offset to 32 bits anywhere takes it for the object */
		return b->addr - ((uintptr_t)1 << 32);
#endif
	case GF_CLASS_BLOCK_HEADER:
		return b->addr - 16;
	default:
		return b->addr;
	}
}

/* Inside the module memory one of the caller's objects was given. */
static uintptr_t object_memory(const struct gf_world *w, uint8_t sel, uint64_t len)
{
	const struct gf_ledger_block *b =
		gf_ledger_pick(w->ledger, own_with_memory, w->caller, GF_OT_BLOCK, sel);
	struct gf_bounds m;

	if (!b)
		return 0;
	m = (struct gf_bounds){b->storage, b->storage + (uintptr_t)b->storage_len};
	return inside(&m, sel, len);
}

/* An 8-byte-aligned address in one of the caller's pool areas that the
 * pool has not handed out: what a release of memory never allocated names.
 * Blocks start at a multiple of 8 on every kernel, so some selectors name
 * a block's start, the rest the inside of a block. */
static uintptr_t pool_unused(const struct gf_world *w, uint8_t sel,
			     enum gf_object_type pool_type)
{
	const struct gf_ledger_block *pool =
		gf_ledger_pick(w->ledger, own_live, w->caller, pool_type, sel);
	uint64_t slots = pool ? pool->storage_len / 8 : 0;

	for (uint64_t k = 0; k < slots && k < 64; k++) {
		uintptr_t a = pool->storage + (uintptr_t)(((sel + k) % slots) * 8);
		if (!gf_ledger_mem_at(w->ledger, a))
			return a;
	}
	return 0;
}

uintptr_t gf_pointer_make(const struct gf_world *w, enum gf_class c,
			  uint8_t sel, uint64_t len,
			  enum gf_object_type want, enum gf_class *used)
{
	const struct gf_ledger_mem *m;
	enum gf_object_type pool_type =
		want == GF_OT_BYTE_POOL ? GF_OT_BYTE_POOL : GF_OT_BLOCK_POOL;
	uint64_t in = len ? len : 1;
	uintptr_t a;

#if UINTPTR_MAX <= 0xffffffffu
	/* No address lies 4 GiB below another on a 32-bit target. */
	if (c == GF_CLASS_OBJ_ALIAS_4G)
		c = GF_CLASS_OBJ_SHIFTED;
#endif
	*used = c;
	switch (c) {
	case GF_CLASS_NULL_PTR: return 0;
	case GF_CLASS_NEAR_NULL: return 1 + (uintptr_t)sel * 15;
	case GF_CLASS_OWN_DATA: return inside(&w->own_scratch, sel, len);
	case GF_CLASS_OWN_DATA_END: return w->own_data.end - (uintptr_t)in;
	case GF_CLASS_OWN_DATA_STRADDLE_END:
		return w->own_data.end - (uintptr_t)(in > 1 ? 1 + sel % (in - 1) : 0);
	case GF_CLASS_OWN_DATA_STRADDLE_START:
		return w->own_data.base - (uintptr_t)(1 + sel % (in < 4096 ? in : 4096));
	case GF_CLASS_OWN_CODE: return inside(&w->own_code, sel, len);
	case GF_CLASS_OWN_STACK:
		/* A range longer than the free stack ends where the live
		 * frames begin, reaching down into the env or below the
		 * region (.harn.layout). */
		if (len > w->own_stack.end - w->own_stack.base)
			return w->own_stack.end - (uintptr_t)len;
		return inside(&w->own_stack, sel, len);
	case GF_CLASS_OWN_STACK_GUARD: return w->own_data.end + (uintptr_t)sel * 8;
	case GF_CLASS_OTHER_DATA: return inside(&w->other_data, sel, len);
	case GF_CLASS_OTHER_CODE: return inside(&w->other_code, sel, len);
	case GF_CLASS_KERNEL_ARENA: return inside(&w->arena, sel, len);
	case GF_CLASS_KERNEL_GLOBAL: return w->arena.base + (uintptr_t)(sel % 16) * 8;
	case GF_CLASS_SHARED_RO: return inside(&w->shared_ro, sel, len);
	case GF_CLASS_SHARED_RW: return inside(&w->shared_rw, sel, len);
	case GF_CLASS_POOLMEM_OWN:
	case GF_CLASS_POOLMEM_OTHER:
		m = gf_ledger_pick_mem(w->ledger, w->caller,
				       c == GF_CLASS_POOLMEM_OWN, pool_type, sel);
		if (m)
			return m->addr;
		break;
	case GF_CLASS_POOLMEM_RELEASED:
		m = gf_ledger_pick_released(w->ledger, w->caller, pool_type, sel);
		if (m)
			return m->addr;
		break;
	case GF_CLASS_POOLMEM_UNUSED:
		if ((a = pool_unused(w, sel, pool_type)))
			return a;
		break;
	case GF_CLASS_OWN_OBJECT_MEMORY:
		if ((a = object_memory(w, sel, len)))
			return a;
		break;
	case GF_CLASS_OWN_NAMES: return inside(&w->own_names, sel, len);
	case GF_CLASS_GUARD_PAGE: return w->arena.base - 4096 + (uintptr_t)sel * 16;
	case GF_CLASS_UNMAPPED: return w->hole + (uintptr_t)sel * 64;
#if UINTPTR_MAX > 0xffffffffu
	case GF_CLASS_NONCANONICAL: return (uintptr_t)0x8000000000000000ull + (uintptr_t)sel * 8;
	case GF_CLASS_HIGH_KERNEL: return (uintptr_t)0xffffffff80000000ull + (uintptr_t)sel * 4096;
#else
	/* 32-bit targets have no non-canonical addresses: the top of the
	 * address space (the Cortex-M system region) stands in for both. */
	case GF_CLASS_NONCANONICAL: return (uintptr_t)0xe0000000u + (uintptr_t)sel * 8;
	case GF_CLASS_HIGH_KERNEL: return (uintptr_t)0xf0000000u + (uintptr_t)sel * 4096;
#endif
	case GF_CLASS_WRAP: return UINTPTR_MAX - (uintptr_t)(sel % in);
	default:
		a = ledger_address(w, c, sel, want);
		if (a)
			return a;
		break;
	}
	/* No candidate in the ledger: a plain pointer into the caller's data,
	 * recorded as such so the report names what was really passed. */
	*used = GF_CLASS_OWN_DATA;
	return inside(&w->own_scratch, sel, len);
}

/* integrity.c — gf_kernel_integrity (.kern.integrity): the system state,
 * the object pool and every created list, checked from the arena bytes
 * alone.  Every offset is bounds-checked before it is followed and every
 * walk is bounded, so a corrupted arena gives a message, never a crash or
 * a hang.  Cost: one pass over the block chain, one over each list, and
 * one comparison of the free space with the poison (poison.c): a few
 * microseconds for a 64 KiB arena, cheap enough to run after every call.
 */
#include "integrity.h"

#include "kernel.h"
#include "modules.h"
#include "poison.h"

#define BLOCK_SIZE_MAX 512u /* module_object_allocate's bound */

int gf_broken(struct gf_text *t, const char *where, uint32_t offset,
	      const char *what)
{
	gf_text_str(t, where);
	gf_text_str(t, " at +");
	gf_text_hex(t, offset);
	gf_text_str(t, ": ");
	gf_text_str(t, what);
	return -1;
}

/* The loaded modules, read once per walk: as a call per block
 * (gf_module_of) the kernel's traced code ran for the oracle. */
static int owner_valid(int owner, uint64_t loaded)
{
	return owner == GF_PRINCIPAL_KERNEL ||
	       (owner >= 0 && owner < GF_MAX_MODULES && (loaded >> owner & 1));
}

static int check_system(const struct gf_system *sys, uint64_t loaded, struct gf_text *t)
{
	uint32_t size = (uint32_t)gf_kernel_arena()->size;

	if (sys->magic != GF_ARENA_MAGIC)
		return gf_broken(t, "system", 0, "magic overwritten");
	if (sys->size != size)
		return gf_broken(t, "system", 0, "arena size changed");
	if (sys->pool_start < sizeof *sys || sys->pool_start >= sys->pool_end ||
	    sys->pool_end > size || (sys->pool_start | sys->pool_end) % 8)
		return gf_broken(t, "system", 0, "object pool bounds broken");
	for (int m = 0; m < GF_MAX_MODULES; m++)
		if (sys->stack_error_notify[m] && !owner_valid(m, loaded))
			return gf_broken(t, "system", 0,
					 "stack-error callback of an unloaded module");
	return 0;
}

static int check_poisoned(uint32_t from, uint32_t to, const char *where,
			  struct gf_text *t)
{
	uint32_t clean = gf_poison_first_clean(from, to - from);

	return clean == to ? 0 : gf_broken(t, where, clean, "not poison");
}

static int check_header(const struct gf_system *sys, uint32_t at, uint32_t floor,
			uint64_t loaded, struct gf_text *t)
{
	const struct gf_block *b = gf_at(at);

	if (at % 8 || at < floor || at > sys->pool_end - GF_BLOCK_HEADER_BYTES)
		return gf_broken(t, "pool: block", at,
				 "link outside the pool, unaligned or backwards");
	if (b->seal != (GF_BLOCK_SEAL ^ at) || b->zero != 0)
		return gf_broken(t, "pool: block", at, "header seal broken");
	if (b->size == 0 || b->size > BLOCK_SIZE_MAX ||
	    gf_block_span(b) > sys->pool_end - at)
		return gf_broken(t, "pool: block", at, "size out of range");
	if (!owner_valid(b->owner, loaded))
		return gf_broken(t, "pool: block", at, "owner is not a loaded module");
	if (b->type >= GF_OT_COUNT)
		return gf_broken(t, "pool: block", at, "unknown object type");
	return 0;
}

/* The chain in address order: headers sound, blocks disjoint, free space
 * and empty blocks poison, live objects sound, the gapless start's end a
 * block with no gap below it (.kern.pool.gapless); counts the live objects
 * of each type for the list check. */
static int check_pool(const struct gf_system *sys, uint64_t loaded,
		      uint32_t live[GF_OT_COUNT], struct gf_text *t)
{
	uint32_t floor = sys->pool_start, n = 0;
	int gapless = 1, hint_seen = sys->gapless == 0;

	for (uint32_t at = sys->first_block; at; n++) {
		struct gf_block *b = gf_at(at);
		uint32_t body = at + GF_BLOCK_HEADER_BYTES;

		if (n == sys->nblocks)
			return gf_broken(t, "pool: block", at,
					 "more blocks chained than counted");
		if (check_header(sys, at, floor, loaded, t) ||
		    check_poisoned(floor, at, "pool: free space", t))
			return -1;
		gapless = gapless && at == floor;
		if (at == sys->gapless) {
			if (!gapless)
				return gf_broken(t, "system", 0, "gapless start ends past a gap");
			hint_seen = 1;
		}
		if (b->type == GF_OT_BLOCK) {
			if (check_poisoned(body, at + gf_block_span(b),
					   "pool: empty block", t))
				return -1;
		} else {
			if (b->size < gf_kernel_object_size(b->type))
				return gf_broken(t, "pool: block", at,
						 "too small for its object");
			if (gf_check_object(b, t))
				return -1;
			live[b->type]++;
		}
		floor = at + gf_block_span(b);
		at = b->next;
	}
	if (n != sys->nblocks)
		return gf_broken(t, "system", 0, "fewer blocks chained than counted");
	if (!hint_seen)
		return gf_broken(t, "system", 0, "gapless start is not a block");
	return check_poisoned(floor, sys->pool_end, "pool: free space", t);
}

/* Is `at` the control block of a live object of type `type` in the pool? */
static int is_live(const struct gf_system *sys, uint32_t at,
		   enum gf_object_type type)
{
	const struct gf_block *b;
	uint32_t h = at - GF_BLOCK_HEADER_BYTES;

	if (at % 8 || at < sys->pool_start + GF_BLOCK_HEADER_BYTES ||
	    at >= sys->pool_end)
		return 0;
	b = gf_at(h);
	return b->seal == (GF_BLOCK_SEAL ^ h) && b->type == type;
}

/* Each list: circular both ways, every element a live object of its type,
 * as many as the pool holds. */
static int check_list(const struct gf_system *sys, enum gf_object_type type,
		      uint32_t live, struct gf_text *t)
{
	const struct gf_list *l = &sys->created[type];
	uint32_t at = l->head, prev;

	if (l->count != live)
		return gf_broken(t, gf_object_type_name(type), at,
				 "created list count differs from the pool");
	if (l->count == 0)
		return at ? gf_broken(t, gf_object_type_name(type), at,
				      "empty created list has a head")
			  : 0;
	if (!is_live(sys, at, type))
		return gf_broken(t, gf_object_type_name(type), at,
				 "created list head is not a live object of the type");
	prev = ((const struct gf_object *)gf_at(at))->created_prev;
	for (uint32_t i = 0; i < l->count; i++) {
		const struct gf_object *o = gf_at(at);
		if (o->created_prev != prev)
			return gf_broken(t, gf_object_type_name(type), at,
					 "created list back link broken");
		prev = at;
		at = o->created_next;
		/* Back at the head before the count: a cycle that skips
		 * objects, or a count too high. */
		if (at == l->head && i + 1 < l->count)
			return gf_broken(t, gf_object_type_name(type), at,
					 "created list closes early (cycle or count)");
		if (!is_live(sys, at, type))
			return gf_broken(t, gf_object_type_name(type), at,
					 "created list links to a non-object");
	}
	if (at != l->head)
		return gf_broken(t, gf_object_type_name(type), at,
				 "created list does not close (cycle or stray)");
	if (((const struct gf_object *)gf_at(at))->created_prev != prev)
		return gf_broken(t, gf_object_type_name(type), at,
				 "created list head's back link broken");
	return 0;
}

int gf_kernel_integrity(char *why, size_t len)
{
	const struct gf_system *sys = gf_sys();
	uint64_t loaded = gf_modules_loaded();
	uint32_t live[GF_OT_COUNT] = {0};
	struct gf_text t;

	gf_text_init(&t, why, len);
	if (check_system(sys, loaded, &t) || check_pool(sys, loaded, live, &t))
		return -1;
	for (int type = GF_OT_BLOCK + 1; type < GF_OT_COUNT; type++)
		if (check_list(sys, (enum gf_object_type)type, live[type], &t))
			return -1;
	return 0;
}

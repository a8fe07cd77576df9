/* modules.c — loading modules into the kernel and unloading them. */
#include "modules.h"

#include "arena.h"
#include "bugs.h"
#include "control_blocks.h"
#include "kernel.h"

_Static_assert(GF_MAX_MODULES <= 64, "share masks are 64 bits wide");

static struct gf_module_domains table[GF_MAX_MODULES];
/* Bit m set: module m is loaded.  A mask, not an array, because the
 * integrity walk asks for it once per shared object. */
static uint64_t loaded;

const struct gf_module_domains *gf_module_of(int m)
{
	return m >= 0 && m < GF_MAX_MODULES && (loaded >> m & 1) ? &table[m] : NULL;
}

uint64_t gf_modules_loaded(void)
{
	return loaded;
}

void gf_modules_reset(void)
{
	loaded = 0;
}

int gf_kernel_module_add(const struct gf_module_domains *d)
{
	if (!d || d->module < 0 || d->module >= GF_MAX_MODULES ||
	    (loaded >> d->module & 1))
		return -1;
	table[d->module] = *d;
	loaded |= 1ull << d->module;
	return 0;
}

/* What another module's object keeps of module m: its share, and the
 * mutex it holds. */
static void forget_user(struct gf_block *b, int m)
{
	struct gf_object *o = gf_block_object(b);

	o->shared &= ~(1ull << m);
	if (b->type == GF_OT_MUTEX) {
		struct gf_mutex *mx = (struct gf_mutex *)o;
		if (mx->owner == m) {
			mx->owner = GF_MUTEX_FREE;
			mx->count = 0;
		}
	}
}

int gf_kernel_module_remove(int module)
{
	struct gf_block *b, *next;

	if (!gf_module_of(module))
		return -1;
	for (b = gf_block_first(); b; b = next) {
		next = gf_block_next(b);
		/* Seeded bug unload_keeps_objects: only empty blocks are
		 * freed; the module's live objects stay on their lists. */
		if (b->owner == module &&
		    !GF_SEEDED(unload_keeps_objects, b->type != GF_OT_BLOCK)) {
			if (b->type != GF_OT_BLOCK)
				gf_object_end(b);
			gf_block_free(b);
		} else if (b->type != GF_OT_BLOCK) {
			forget_user(b, module);
		}
	}
	gf_sys()->stack_error_notify[module] = 0;
	loaded &= ~(1ull << module);
	return 0;
}

/* kernel.c — laying the kernel out in its arena, and the facts it gives
 * the harness (kernel.h). */
#include "kernel.h"

#include <string.h>

#include "arena.h"
#include "modules.h"
#include "object_abi.h"
#include "objects.h"
#include "poison.h"

/* Set once by gf_kernel_init: configuration, not state (.kern.arena). */
static const struct gf_region *arena_region;
uint8_t *gf_arena_bytes;

/* The smallest pool worth running: a few objects of every type. */
#define GF_POOL_MIN 4096u

struct gf_system *gf_sys(void)
{
	return (struct gf_system *)gf_arena_bytes;
}

const struct gf_region *gf_kernel_arena(void)
{
	return arena_region;
}

int gf_kernel_init(const struct gf_region *arena)
{
	uint32_t pool_start = gf_align_up(sizeof(struct gf_system), 64);
	struct gf_system *sys;

	if (!arena || arena->size > UINT32_MAX ||
	    arena->size < pool_start + GF_POOL_MIN)
		return -1;
	arena_region = arena;
	gf_arena_bytes = (uint8_t *)arena->base;
	/* .kern.poison: everything is poison until the kernel writes it. */
	gf_poison_fill(0, (uint32_t)arena->size);
	sys = gf_sys();
	memset(sys, 0, sizeof *sys);
	sys->magic = GF_ARENA_MAGIC;
	sys->size = (uint32_t)arena->size;
	sys->pool_start = pool_start;
	sys->pool_end = (uint32_t)arena->size & ~(GF_ARENA_ALIGN - 1);
	gf_modules_reset();
	gf_gate_set_handler(gf_kernel_dispatch);
	return 0;
}

/* The built-in kernel keeps all the state its services change in the arena,
 * which the sandbox saves and restores itself (.kern.arena).  Its table of
 * loaded modules (modules.c) is outside it: only the sandbox's load and
 * unload change it, never a call, and the one target that loads and
 * unloads as it runs (fuzz_loader) does both within each input. */
int gf_kernel_snapshot(enum gf_kernel_save save)
{
	(void)save;
	return 0;
}

void gf_kernel_restore(enum gf_kernel_save save)
{
	(void)save;
}

int gf_kernel_unchanged(enum gf_kernel_save save)
{
	(void)save;
	return 1;
}

/* The built-in kernel has no threads that end: a module runs until the
 * harness stops it, and its faults need no bookkeeping (.kern.arena). */
int gf_kernel_module_can_run(int module)
{
	return gf_module_of(module) != NULL;
}

void gf_kernel_module_fault(int module, const struct gf_fault *f)
{
	(void)module;
	(void)f;
}


int gf_kernel_object_at(uintptr_t addr, enum gf_object_type *type, int *owner)
{
	const struct gf_block *b = gf_block_at(addr);

	if (!b)
		return -1;
	if (type)
		*type = (enum gf_object_type)b->type;
	if (owner)
		*owner = b->owner;
	return 0;
}

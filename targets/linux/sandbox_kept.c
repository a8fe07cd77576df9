/* sandbox_kept.c — the kept state: a second saved state of the kernel
 * beside the snapshot (.harn.fixture.full.kept).
 *
 * A preparation the harness makes through the kernel often, and often
 * from the snapshot itself, costs the same every time and ends in the same
 * state: made once at start-up and kept, it becomes a copy of the pages it
 * changed.  What is kept is the kernel's state, the arena and the kernel's
 * own (gf_kernel_snapshot(GF_KERNEL_KEPT)); a state in which the modules'
 * memory or the windows differ from the snapshot is not kept, as loading
 * the kernel's would not reproduce it (a preparation by a module whose own
 * memory nothing reads afterwards puts it back first:
 * gf_sandbox_reset_data).  It is loaded only over a state whose kernel
 * part equals the snapshot's, so that the kernel, which is deterministic,
 * would have made the same.  Which preparation it is, and that the kernel
 * made the same twice, is the harness's business (harness.c,
 * keep_filled_pool).
 */
#include "kernel.h"
#include "sandbox.h"
#include "sandbox_internal.h"

static int same(const struct gf_region *r, const uint8_t *copy)
{
	return copy && gf_bytes_equal((const void *)r->base, copy, r->size);
}

int gf_sandbox_keep(struct gf_sandbox *sb)
{
	sb->kept = 0;
	gf_sandbox_view_host(sb);
	if (!same(sb->shared_rw, sb->snap_rw))
		return -1;
	for (int i = 0; i < sb->nslots; i++)
		if (sb->slot[i].loaded && !same(sb->slot[i].data, sb->snap_data[i]))
			return -1;
	if (gf_sandbox_save_region(&sb->kept_arena, sb->arena) ||
	    gf_kernel_snapshot(GF_KERNEL_KEPT))
		return -1; /* short of memory (a board's RAM): made each time */
	sb->kept = 1;
	return 0;
}

void gf_sandbox_drop_kept(struct gf_sandbox *sb)
{
	sb->kept = 0;
}

int gf_sandbox_matches(struct gf_sandbox *sb, enum gf_kernel_save save)
{
	return sb->kept &&
	       same(sb->arena, save == GF_KERNEL_KEPT ? sb->kept_arena : sb->snap_arena) &&
	       gf_kernel_unchanged(save);
}

void gf_sandbox_load_kept(struct gf_sandbox *sb)
{
	gf_bytes_update((void *)sb->arena->base, sb->kept_arena, sb->arena->size);
	gf_kernel_restore(GF_KERNEL_KEPT);
}

/* sandbox_kept.c — the kept state: a second saved state beside the
 * snapshot (.harn.fixture.full.kept).
 *
 * A preparation that one slot's module makes through the kernel, often and
 * often from the snapshot itself, costs the same every time and ends in the
 * same state: made once at start-up and kept, it becomes a copy of the
 * pages it changed.  What it holds is what such a run can change: the
 * arena, the kernel's state outside it and the slot's data region.  A
 * state in which anything else changed is not kept (loading it would not
 * reproduce that), and it is loaded only over a state equal to the
 * snapshot in those three, so that the kernel, which is deterministic,
 * would have made the same: the other slots' memory is the input's and
 * stays as it is.  Which preparation it is, and that the kernel made the
 * same twice, is the harness's business (harness.c, keep_filled_pool).
 */
#include <stdlib.h>
#include <string.h>

#include "kernel.h"
#include "sandbox.h"
#include "sandbox_internal.h"

static int same(const struct gf_region *r, const uint8_t *copy)
{
	return copy && !memcmp((const void *)r->base, copy, r->size);
}

static uint8_t *copy_into(uint8_t *buf, const struct gf_region *r)
{
	if (!buf)
		buf = malloc(r->size);
	if (buf)
		memcpy(buf, (const void *)r->base, r->size);
	return buf;
}

int gf_sandbox_keep(struct gf_sandbox *sb, int slot)
{
	sb->kept_slot = -1;
	gf_sandbox_view_host(sb);
	if (!same(sb->shared_rw, sb->snap_rw))
		return -1;
	for (int i = 0; i < sb->nslots; i++)
		if (i != slot && sb->slot[i].loaded && !same(sb->slot[i].data, sb->snap_data[i]))
			return -1;
	sb->kept_arena = copy_into(sb->kept_arena, sb->arena);
	sb->kept_data = copy_into(sb->kept_data, sb->slot[slot].data);
	if (!sb->kept_arena || !sb->kept_data || gf_kernel_snapshot(GF_KERNEL_KEPT)) {
		/* short of memory (a board's RAM): the fill is made each time */
		free(sb->kept_arena);
		free(sb->kept_data);
		sb->kept_arena = sb->kept_data = NULL;
		return -1;
	}
	sb->kept_slot = slot;
	return 0;
}

void gf_sandbox_drop_kept(struct gf_sandbox *sb)
{
	sb->kept_slot = -1;
}

int gf_sandbox_matches(struct gf_sandbox *sb, enum gf_kernel_save save)
{
	int slot = sb->kept_slot;
	int kept = save == GF_KERNEL_KEPT;

	if (slot < 0)
		return 0;
	gf_sandbox_view_slot(sb, slot); /* its data is closed to other views */
	return same(sb->arena, kept ? sb->kept_arena : sb->snap_arena) &&
	       same(sb->slot[slot].data, kept ? sb->kept_data : sb->snap_data[slot]) &&
	       gf_kernel_unchanged(save);
}

void gf_sandbox_load_kept(struct gf_sandbox *sb)
{
	int slot = sb->kept_slot;

	gf_sandbox_view_slot(sb, slot); /* the view that may write both */
	gf_sandbox_load_pages((uint8_t *)sb->arena->base, sb->kept_arena, sb->arena->size);
	gf_sandbox_load_pages((uint8_t *)sb->slot[slot].data->base, sb->kept_data,
			      sb->slot[slot].data->size);
	gf_kernel_restore(GF_KERNEL_KEPT);
}

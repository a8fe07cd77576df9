/* sandbox_snapshot.c — the host side's view between module runs, and the
 * snapshot every fuzz input starts from.
 *
 * .harn.view: after a module run the host side stays in the view the
 * kernel had while serving that module (the slot's kernel-for domain: the
 * arena, the module's own memory, the windows), not the host domain.
 * Everything the oracle reads after a call lies in that view, and the
 * puppet's calls run in it too (.harn.view.calls), so under a backend whose
 * switch is a system call per region that changes (mprotect) a call
 * changes no region, where a return to the host domain closed and reopened
 * every other module's code and data around it.  Measured in
 * docs/performance.md.
 *
 * .harn.restore: a restore copies back only the pages that differ from the
 * snapshot (gf_bytes_update: most are equal, and a comparison is cheaper
 * than a copy that dirties the page), and looks only at regions that
 * something could have written since: in a slot's view, the regions its kernel-for domain may write
 * (what neither the module nor the kernel serving it can reach has not
 * changed), less a data region put back already and closed since
 * (gf_sandbox_reset_data); after anything ran in the host domain, every
 * region; under a backend that does not enforce the views (a wild write
 * there is a BUG of its input, and the next input must not inherit it),
 * every region but the data of slots the oracle compared with the
 * snapshot after the last run and that were not viewed since
 * (.harn.restore.verified, harnesses/protected_memory.c).
 */
#include <stdlib.h>

#include "kernel.h"
#include "sandbox.h"
#include "sandbox_internal.h"

/* In sb->viewed: the host domain was viewed (anything may have changed). */
#define VIEWED_HOST (1ull << 63)
_Static_assert(GF_SANDBOX_MAX_SLOTS < 63, "a viewed bit per slot, and the host's");

void gf_sandbox_view_slot(struct gf_sandbox *sb, int slot)
{
	gf_domain_switch(sb->slot[slot].dom.kernel_for);
	sb->view = slot;
	sb->viewed |= 1ull << slot;
	sb->clean &= ~(1ull << slot);
}

void gf_sandbox_view_host(struct gf_sandbox *sb)
{
	gf_domain_switch(GF_DOMAIN_HOST);
	sb->view = -1;
	sb->viewed |= VIEWED_HOST;
	sb->clean = 0;
}

/* Clean stays clean only where the views are enforced: in another slot's
 * kernel view the reset data is closed, and a write into it faults. */
void gf_sandbox_reset_data(struct gf_sandbox *sb, int slot)
{
	gf_sandbox_view_slot(sb, slot);
	if (sb->snap_data[slot])
		gf_bytes_update((void *)sb->slot[slot].data->base, sb->snap_data[slot],
				sb->slot[slot].data->size);
	if (gf_iso_enforces())
		sb->clean |= 1ull << slot;
}

int gf_sandbox_save_region(uint8_t **buf, const struct gf_region *r)
{
	if (!*buf)
		*buf = malloc(r->size);
	if (*buf)
		gf_bytes_copy(*buf, (const void *)r->base, r->size);
	return *buf ? 0 : -1;
}

void gf_sandbox_snapshot(struct gf_sandbox *sb)
{
	gf_sandbox_view_host(sb);
	gf_sandbox_save_region(&sb->snap_arena, sb->arena);
	gf_sandbox_save_region(&sb->snap_rw, sb->shared_rw);
	gf_kernel_snapshot(GF_KERNEL_SNAPSHOT);
	for (int i = 0; i < sb->nslots; i++) {
		if (sb->slot[i].loaded) {
			gf_sandbox_save_region(&sb->snap_data[i], sb->slot[i].data);
		} else {
			free(sb->snap_data[i]);
			sb->snap_data[i] = NULL;
		}
	}
	sb->viewed = sb->clean = 0;
	gf_sandbox_drop_kept(sb); /* kept from the snapshot before */
}

/* The viewed slot whose kernel view may write r, or -1 when none may. */
static int writer_of(const struct gf_sandbox *sb, const struct gf_region *r)
{
	for (int i = 0; i < sb->nslots; i++)
		if ((sb->viewed >> i & 1) &&
		    (gf_domain_perm(sb->slot[i].dom.kernel_for, r) & GF_PERM_W))
			return i;
	return -1;
}

static void load_dirty(struct gf_sandbox *sb, const uint8_t *buf,
		       const struct gf_region *r)
{
	if (!buf)
		return;
	if (sb->view >= 0) {
		int writer = writer_of(sb, r);
		if (writer < 0)
			return;
		if (!(gf_domain_perm(sb->slot[sb->view].dom.kernel_for, r) & GF_PERM_W))
			gf_sandbox_view_slot(sb, writer);
	}
	gf_bytes_update((void *)r->base, buf, r->size); /* .harn.restore */
}

void gf_sandbox_data_unchanged(struct gf_sandbox *sb, uint64_t slots)
{
	sb->clean |= slots & ~sb->viewed;
}

void gf_sandbox_restore(struct gf_sandbox *sb)
{
	uint64_t clean = sb->viewed & VIEWED_HOST ? 0 : sb->clean;

	if ((sb->viewed & VIEWED_HOST) || !gf_iso_enforces())
		gf_sandbox_view_host(sb);
	load_dirty(sb, sb->snap_arena, sb->arena);
	load_dirty(sb, sb->snap_rw, sb->shared_rw);
	gf_kernel_restore(GF_KERNEL_SNAPSHOT);
	for (int i = 0; i < sb->nslots; i++)
		if (!(clean >> i & 1))
			load_dirty(sb, sb->snap_data[i], sb->slot[i].data);
	sb->viewed = sb->view >= 0 ? 1ull << sb->view : 0;
	sb->clean = 0;
}

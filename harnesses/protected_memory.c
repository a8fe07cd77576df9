/* protected_memory.c — .harn.oracle.diff by comparison with reference
 * copies.
 *
 * Only the modules' data regions are compared.  Code and the read-only
 * window keep their natural protection under every backend, "none"
 * included (.iso.backend.limits): a write there faults, and the fault is
 * the kernel's BUG, so no comparison could ever see one; they were
 * compared until 2026-12, half of what a "none" call compared.
 *
 * The reference of a data region is the snapshot's copy while its module
 * has not run in the input, since every input starts from the snapshot
 * and the harness writes a module's memory only to run it.  Once the
 * module ran, its data changed (it is its own memory, and the kernel
 * serving it may write it): a copy of its own is taken again, a page at a
 * time (gf_bytes_update), before another module's call is judged against
 * it.  A comparison runs at memory speed; the hash it replaced was one
 * serial multiply per word, 74 % of a "none" execution
 * (docs/performance.md).
 *
 * .harn.restore.verified: a comparison that found nothing changed is also
 * what the restore would find in those regions: the data of modules that
 * did not run equal the snapshot, and nothing has run since.  Those slots
 * the restore may pass by (gf_protected_verified), if the harness did not
 * write them either.
 */
#include "protected_memory.h"

#include <stdlib.h>

static struct {
	const struct gf_sandbox *sb;
	uint64_t present;  /* slots loaded at init: the ones compared           */
	uint64_t ran;      /* slots whose module ran in the input               */
	uint64_t stale;    /* of those, copies older than the memory            */
	uint64_t verified; /* slots compared equal to the snapshot since the
			    * last run (.harn.restore.verified)                */
	uint8_t *data[GF_SANDBOX_MAX_SLOTS];
} P;

static uint8_t *copy_of(const struct gf_region *r)
{
	uint8_t *c = malloc(r->size);

	if (!c)
		abort(); /* at set-up, before any input: nothing to lose */
	gf_bytes_copy(c, (const void *)r->base, r->size);
	return c;
}

void gf_protected_init(const struct gf_sandbox *sb)
{
	P.sb = sb;
	for (int i = 0; i < sb->nslots; i++) {
		if (!sb->slot[i].loaded || !sb->snap_data[i])
			continue;
		P.present |= 1ull << i;
		P.data[i] = copy_of(sb->slot[i].data);
	}
}

void gf_protected_begin(void)
{
	P.ran = P.stale = 0;
	P.verified = P.present;
}

void gf_protected_before_run(int slot)
{
	uint64_t take = P.stale & ~(1ull << slot);

	for (int i = 0; take; i++, take >>= 1)
		if (take & 1) {
			const struct gf_region *d = P.sb->slot[i].data;
			gf_bytes_update(P.data[i], (const void *)d->base, d->size);
			P.stale &= ~(1ull << i);
		}
	P.ran |= 1ull << slot;
	P.stale |= (1ull << slot) & P.present;
	P.verified = 0;
}

int gf_protected_changed(int slot)
{
	const struct gf_sandbox *sb = P.sb;

	for (int i = 0; i < sb->nslots; i++) {
		const uint8_t *ref = P.ran >> i & 1 ? P.data[i] : sb->snap_data[i];
		if (i != slot && (P.present >> i & 1) &&
		    !gf_bytes_equal((const void *)sb->slot[i].data->base, ref,
				    sb->slot[i].data->size))
			return 1;
	}
	P.verified = P.present & ~P.ran;
	return 0;
}

uint64_t gf_protected_verified(void)
{
	return P.verified;
}

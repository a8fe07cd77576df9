/* protected_memory.c — .harn.oracle.diff by comparison with reference
 * copies.
 *
 * Only the modules' data regions are compared.  Code and the read-only
 * window keep their natural protection under every backend, "none"
 * included (.iso.backend.limits): a write there faults, and the fault is
 * the kernel's BUG, so no comparison could ever see one; they were
 * compared until 2026-12, half of what a "none" call compared.
 *
 * The reference of a data region is what it held when last known: a
 * module's data changes whenever that module runs (it is its own
 * memory, and the kernel serving it may write it), so the copy of a data
 * region goes stale then and is taken again before another module's call
 * is judged against it.  A copy never retaken since init equals the
 * snapshot, which every input starts from; one retaken since may not, and
 * is retaken again when next needed, a page at a time: only the pages
 * that differ from the copy are copied (gf_bytes_update).  A comparison
 * with a copy runs at memory speed; the hash it replaced was one serial
 * multiply per word, 74 % of a "none" execution (docs/performance.md).
 */
#include "protected_memory.h"

#include <stdlib.h>

static struct {
	const struct gf_sandbox *sb;
	uint64_t present;   /* slots loaded at init: the ones compared       */
	uint64_t stale;     /* data copies older than the memory             */
	uint64_t retaken;   /* data copies retaken since init: not the snapshot */
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

static int differs(const struct gf_region *r, const uint8_t *ref)
{
	return !gf_bytes_equal((const void *)r->base, ref, r->size);
}

void gf_protected_init(const struct gf_sandbox *sb)
{
	P.sb = sb;
	for (int i = 0; i < sb->nslots; i++) {
		if (!sb->slot[i].loaded)
			continue;
		P.present |= 1ull << i;
		P.data[i] = copy_of(sb->slot[i].data);
	}
}

void gf_protected_begin(void)
{
	P.stale = P.retaken;
}

void gf_protected_before_run(int slot)
{
	uint64_t take = P.stale & P.present & ~(1ull << slot);

	for (int i = 0; take; i++, take >>= 1)
		if (take & 1) {
			const struct gf_region *d = P.sb->slot[i].data;
			gf_bytes_update(P.data[i], (const void *)d->base, d->size);
			P.retaken |= 1ull << i;
			P.stale &= ~(1ull << i);
		}
	P.stale |= 1ull << slot;
}

int gf_protected_changed(int slot)
{
	const struct gf_sandbox *sb = P.sb;

	for (int i = 0; i < sb->nslots; i++)
		if (i != slot && (P.present >> i & 1) && differs(sb->slot[i].data, P.data[i]))
			return 1;
	return 0;
}

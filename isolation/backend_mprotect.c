/* backend_mprotect.c — isolation by page protection.
 *
 * .iso.backend.limits: page protections belong to the process, not to a
 * thread.  So the backend can promise isolation only while one domain runs
 * in the whole process: the gate serialises module runs with a global lock
 * (process_wide), and host threads must not touch regions while another
 * thread runs a module (they would see that module's view and fault).  It
 * protects regions only: host memory (libc, the harness, thread stacks) is
 * as reachable from a module as from the host.  Each region that opens
 * costs one mprotect, and regions side by side that close one between
 * them (.iso.switch.closes): a microsecond or a few, plus the TLB flush of
 * each page closed; it never gives per-thread views.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "iso_internal.h"

/* The protection each region has now; regions not in the running domain
 * are PROT_NONE.  Written only by the thread holding the gate lock (or by
 * setup code in the host domain). */
static int current_prot[GF_MAX_REGIONS];

static int mprotect_probe(void)
{
	size_t page = 4096;
	void *p = mmap(NULL, page, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	int rc = mprotect(p, page, PROT_NONE) | mprotect(p, page, PROT_READ);
	munmap(p, page);
	return rc ? -1 : 0;
}

static int mprotect_init(void)
{
	return 0;
}

/* .iso.traced.closed: traced regions (traced.h) stay PROT_NONE in every
 * domain, granted or not, so that each access traps; traced_step.c opens
 * one for a single instruction.  Set at creation, read by every switch. */
static bool never_opened[GF_MAX_REGIONS];

static int mprotect_region_added(const struct gf_region *r)
{
	current_prot[r->id] = gf_perm_prot(r->natural);
	never_opened[r->id] = r->kind == GF_REGION_TRACED;
	return 0;
}

static void protect(uintptr_t lo, uintptr_t hi, int prot)
{
	if (mprotect((void *)lo, hi - lo, prot) != 0) {
		/* Only ENOMEM (the VMA limit) can get here; running on with a
		 * wrong view would make every verdict a lie. */
		perror("gatefuzz: isolation: mprotect");
		abort();
	}
}

/* Whether region id lies right after region id - 1, only their guard
 * pages between them. */
static bool follows(int id)
{
	const struct gf_region *p = id > 0 ? gf_region_get(id - 1) : NULL;

	return p && p->base + p->size + 2 * gf_page_size() == gf_region_get(id)->base;
}

/* .iso.switch.minimal: computes every region's protection from `to` alone and changes only the
 * regions whose protection differs, so host<->module and module<->kernel
 * switches cost exactly the regions that open or close (module to its
 * kernel-for domain: the arena alone).
 *
 * .iso.switch.closes: Linux flushes the TLB only for pages whose access
 * drops (on x86 a PROT_NONE page is not present, and opening it flushes
 * nothing): one page at a time up to tlb_single_page_flush_ceiling (33)
 * pages in one call, the whole TLB above.  Where each page's flush goes
 * through the hypervisor, closing a module's code and data (16 and 32
 * pages) took 227 us in two calls and 28 us in one (gf_bench_closes;
 * docs/performance.md, "Closing regions together").  So closes go in
 * runs: neighbouring regions (ids ascend with the address, only guard
 * pages between) that close, or stay closed, take one mprotect; opens and
 * other changes one each. */
static void mprotect_apply(gf_domain_id from, gf_domain_id to)
{
	(void)from; /* current_prot is the truth, whoever switched last */
	int n = gf_region_count();
	const struct gf_region *first = NULL, *last = NULL; /* closes pending */
	unsigned changed = 0;
	for (int id = 0; id < n; id++) {
		const struct gf_region *r = gf_region_get(id);
		int want = never_opened[id] ? PROT_NONE
					    : gf_perm_prot(gf_backend_perm(to, id));
		bool closed = want == PROT_NONE;
		if (first && !(closed && follows(id))) {
			protect(first->base, last->base + last->size, PROT_NONE);
			first = NULL;
		}
		if (want == current_prot[id])
			continue;
		if (!closed)
			protect(r->base, r->base + r->size, want);
		else if (!first)
			first = last = r;
		else
			last = r;
		current_prot[id] = want;
		changed++;
	}
	if (first)
		protect(first->base, last->base + last->size, PROT_NONE);
	gf_backend_count_changed(changed);
}

static void mprotect_after_recovery(gf_domain_id now)
{
	(void)now; /* page protections survive siglongjmp unchanged */
}

const struct gf_backend gf_backend_mprotect = {
	.name = "mprotect",
	.probe = mprotect_probe,
	.init = mprotect_init,
	.region_added = mprotect_region_added,
	.apply = mprotect_apply,
	.after_recovery = mprotect_after_recovery,
	.process_wide = true,
	.enforces = true,
};

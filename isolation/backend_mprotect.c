/* backend_mprotect.c — isolation by page protection.
 *
 * .iso.backend.limits: page protections belong to the process, not to a
 * thread.  So the backend can promise isolation only while one domain runs
 * in the whole process: the gate serialises module runs with a global lock
 * (process_wide), and host threads must not touch regions while another
 * thread runs a module (they would see that module's view and fault).  It
 * protects regions only: host memory (libc, the harness, thread stacks) is
 * as reachable from a module as from the host.  Each region whose
 * protection changes costs one mprotect (about a microsecond, plus a TLB
 * flush per populated page); it never gives per-thread views.
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

/* .iso.switch.minimal: computes every region's protection from `to` alone and changes only the
 * regions whose protection differs, so host<->module and module<->kernel
 * switches cost exactly the regions that open or close (module to its
 * kernel-for domain: the arena alone). */
static void mprotect_apply(gf_domain_id from, gf_domain_id to)
{
	(void)from; /* current_prot is the truth, whoever switched last */
	int n = gf_region_count();
	unsigned changed = 0;
	for (int id = 0; id < n; id++) {
		int want = never_opened[id] ? PROT_NONE
					    : gf_perm_prot(gf_backend_perm(to, id));
		if (want == current_prot[id])
			continue;
		const struct gf_region *r = gf_region_get(id);
		if (mprotect((void *)r->base, r->size, want) != 0) {
			/* Only ENOMEM (the VMA limit) can get here; running on
			 * with a wrong view would make every verdict a lie. */
			perror("gatefuzz: isolation: mprotect");
			abort();
		}
		current_prot[id] = want;
		changed++;
	}
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

/* backend_win32.c — isolation by page protection on Windows.
 *
 * .iso.backend.limits: VirtualProtect, like mprotect, changes the process's
 * view, not a thread's.  So the backend promises isolation only while one
 * domain runs in the whole process: the gate serialises module runs with
 * its lock (process_wide), and host threads must not touch regions while
 * another thread runs a module.  It protects regions only: host memory
 * (the CRT, the harness, thread stacks, the heap) is as reachable from a
 * module as from the host.  Each region whose protection changes costs one
 * VirtualProtect (a system call, under Wine an mprotect and a round trip
 * to its server's view of the address space).
 */
#include <windows.h>

#include <stdio.h>
#include <stdlib.h>

#include "iso_internal.h"

/* The protection each region has now; regions not in the running domain
 * are PAGE_NOACCESS.  Written only by the thread holding the gate lock (or
 * by setup code in the host domain). */
static DWORD current[GF_MAX_REGIONS];

static int win32_probe(void)
{
	void *p = VirtualAlloc(NULL, 4096, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
	DWORD old;
	if (!p)
		return -1;
	BOOL ok = VirtualProtect(p, 4096, PAGE_NOACCESS, &old) &&
		  VirtualProtect(p, 4096, PAGE_READONLY, &old);
	VirtualFree(p, 0, MEM_RELEASE);
	return ok ? 0 : -1;
}

static int win32_init(void)
{
	return 0; /* the exception handler is the core's (fault_veh.c) */
}

static int win32_region_added(const struct gf_region *r)
{
	current[r->id] = gf_win32_protection(r->natural);
	return 0;
}

/* .iso.switch.minimal, as the mprotect backend: every region's protection
 * follows from `to` alone, and only regions whose protection differs
 * change. */
static void win32_apply(gf_domain_id from, gf_domain_id to)
{
	(void)from; /* current[] is the truth, whoever switched last */
	int n = gf_region_count();
	unsigned changed = 0;
	for (int id = 0; id < n; id++) {
		gf_perm p = gf_backend_perm(to, id);
		DWORD want = gf_win32_protection(p);
		if (want == current[id])
			continue;
		const struct gf_region *r = gf_region_get(id);
		if (gf_mem_protect(r->base, r->size, p) != 0) {
			/* Running on with a wrong view would make every
			 * verdict a lie. */
			fprintf(stderr, "gatefuzz: isolation: VirtualProtect %s: error %lu\n",
				r->name, GetLastError());
			abort();
		}
		current[id] = want;
		changed++;
	}
	gf_backend_count_changed(changed);
}

static void win32_after_recovery(gf_domain_id now)
{
	(void)now; /* page protections survive the redirected context */
}

const struct gf_backend gf_backend_win32 = {
	.name = "win32",
	.probe = win32_probe,
	.init = win32_init,
	.region_added = win32_region_added,
	.apply = win32_apply,
	.after_recovery = win32_after_recovery,
	.process_wide = true,
	.enforces = true,
};

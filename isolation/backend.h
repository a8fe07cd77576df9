/* backend.h — what a backend provides to the isolation core.
 *
 * A backend turns "domain D runs on this thread" into hardware state.  The
 * core keeps the region table and the grants; a backend only applies them.
 * Each backend's file starts with what it can and cannot promise
 * (.iso.backend.limits).
 */
#ifndef GATEFUZZ_ISOLATION_BACKEND_H
#define GATEFUZZ_ISOLATION_BACKEND_H

#include "isolation.h"

struct gf_backend {
	const char *name;
	/* 0 when the backend works on this machine (checked by "auto"). */
	int (*probe)(void);
	int (*init)(void);
	/* A region was mapped with its natural permission; the backend may
	 * tag it (pkey) or set its initial protection. */
	int (*region_added)(const struct gf_region *r);
	/* Make `to` the running domain of this thread (was `from`). */
	void (*apply)(gf_domain_id from, gf_domain_id to);
	/* Called after a fault recovery on the recovering thread, before the
	 * core's own bookkeeping: restore per-thread hardware state the kernel
	 * does not restore on siglongjmp (PKRU). */
	void (*after_recovery)(gf_domain_id now);
	/* Serialise modules with the gate lock (mprotect, win32). */
	bool process_wide;
	/* The backend makes module/kernel accesses outside the running domain
	 * fault; false for "none". */
	bool enforces;
};

extern const struct gf_backend gf_backend_none;
extern const struct gf_backend gf_backend_mprotect;
extern const struct gf_backend gf_backend_pkey;
extern const struct gf_backend gf_backend_win32;

/* For backends: the permission domain d grants on region id r (GF_PERM_NONE
 * when none), read from the core's grant table. */
gf_perm gf_backend_perm(gf_domain_id d, int region_id);
/* For backends: apply() changed the hardware protection of `regions`
 * regions (counted per thread, gf_iso_counters). */
void gf_backend_count_changed(unsigned regions);

#endif

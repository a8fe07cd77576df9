/* backend_none.c — no run-time isolation.
 *
 * .iso.backend.limits: promises only what the page tables give every
 * region at its natural permission: code stays unwritable, data and arena
 * unexecutable, guard pages and holes fault.  It cannot stop a module from
 * reading or writing another module's regions or the kernel arena: such
 * accesses succeed and are found afterwards by the harness's snapshot
 * diffs.  Switching costs nothing and is per thread; modules run
 * concurrently.
 */
#include "iso_internal.h"

static int none_probe(void)
{
	return 0; /* works everywhere */
}

static int none_init(void)
{
	return 0;
}

static int none_region_added(const struct gf_region *r)
{
	(void)r; /* the core maps it at its natural permission: final */
	return 0;
}

static void none_apply(gf_domain_id from, gf_domain_id to)
{
	(void)from; /* hardware state is the same for every domain */
	(void)to;
}

static void none_after_recovery(gf_domain_id now)
{
	(void)now; /* no per-thread hardware state */
}

const struct gf_backend gf_backend_none = {
	.name = "none",
	.probe = none_probe,
	.init = none_init,
	.region_added = none_region_added,
	.apply = none_apply,
	.after_recovery = none_after_recovery,
	.process_wide = false,
	.enforces = false,
};

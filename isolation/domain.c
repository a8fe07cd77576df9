/* domain.c — domains, grants, the range query and the per-thread switch.
 *
 * .iso.model: a domain is a row of permissions, one per region; GF_PERM_NONE
 * means "not in the domain".  Domain 0 is the host: every region at its
 * natural permission, granted when the region is created.  Grants are
 * setup-time data: a change takes effect in hardware at the next switch
 * into the domain.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#include "iso_internal.h"

struct domain {
	char name[32];
	int principal;
	uint8_t perm[GF_MAX_REGIONS]; /* gf_perm */
};

static struct domain domains[GF_MAX_DOMAINS];
static atomic_int domain_count;
static pthread_mutex_t create_lock = PTHREAD_MUTEX_INITIALIZER;

/* The per-thread state lives here with the running domain it starts with
 * (zero: host domain, host context). */
__thread struct gf_thread gf_self __attribute__((tls_model("initial-exec")));

bool gf_domain_valid(gf_domain_id d)
{
	return d >= 0 && d < atomic_load_explicit(&domain_count, memory_order_acquire);
}

bool gf_domain_runs_modules(gf_domain_id d)
{
	return gf_domain_valid(d); /* a view is the same for any code in the process */
}

gf_domain_id gf_domain_create(const char *name, int principal)
{
	if (!gf_iso_active || !name)
		return -1;
	pthread_mutex_lock(&create_lock);
	int n = atomic_load_explicit(&domain_count, memory_order_relaxed);
	if (n < GF_MAX_DOMAINS) {
		domains[n].principal = principal;
		snprintf(domains[n].name, sizeof domains[n].name, "%s", name);
		atomic_store_explicit(&domain_count, n + 1, memory_order_release);
	} else {
		n = -1;
	}
	pthread_mutex_unlock(&create_lock);
	return n;
}

int gf_domain_init(void)
{
	return gf_domain_create("host", GF_PRINCIPAL_NONE) == GF_DOMAIN_HOST ? 0 : -1;
}

void gf_domain_grant_id(gf_domain_id d, int region_id, gf_perm p)
{
	domains[d].perm[region_id] = (uint8_t)p;
}

int gf_domain_grant(gf_domain_id d, const struct gf_region *r, gf_perm p)
{
	if (!gf_domain_valid(d) || !r || r != gf_region_get(r->id) ||
	    (p & ~(GF_PERM_R | GF_PERM_W | GF_PERM_X)))
		return -1;
	gf_domain_grant_id(d, r->id, p);
	return 0;
}

gf_perm gf_backend_perm(gf_domain_id d, int region_id)
{
	return (gf_perm)domains[d].perm[region_id];
}

gf_perm gf_domain_perm(gf_domain_id d, const struct gf_region *r)
{
	if (!gf_domain_valid(d) || !r || r != gf_region_get(r->id))
		return GF_PERM_NONE;
	return gf_backend_perm(d, r->id);
}

gf_perm gf_domain_range_perm(gf_domain_id d, uintptr_t addr, size_t len)
{
	uintptr_t end = addr + len;
	if (!gf_domain_valid(d) || len == 0 || end < addr)
		return GF_PERM_NONE;
	unsigned p = GF_PERM_R | GF_PERM_W | GF_PERM_X;
	/* Walk region by region: a byte outside every region (a guard or a
	 * hole) or in a region the domain lacks ends the walk with NONE. */
	for (uintptr_t at = addr; at < end && p != GF_PERM_NONE;) {
		const struct gf_region *r = gf_region_lookup(at, NULL);
		if (!r)
			return GF_PERM_NONE;
		p &= gf_backend_perm(d, r->id);
		at = r->base + r->size;
	}
	return (gf_perm)p;
}

int gf_domain_principal(gf_domain_id d)
{
	return gf_domain_valid(d) ? domains[d].principal : GF_PRINCIPAL_NONE;
}

const char *gf_domain_name(gf_domain_id d)
{
	return gf_domain_valid(d) ? domains[d].name : "?";
}

gf_domain_id gf_domain_current(void)
{
	return gf_self.domain;
}

gf_domain_id gf_domain_switch(gf_domain_id d)
{
	if (!gf_iso_active || !gf_domain_valid(d))
		return -1;
	gf_domain_id prev = gf_self.domain;
	if (d != prev) {
		gf_iso_active->apply(prev, d);
		gf_self.counters.switches++;
		gf_self.domain = d;
	}
	return prev;
}

void gf_backend_count_changed(unsigned regions)
{
	gf_self.counters.regions_changed += regions;
}

void gf_iso_counters(struct gf_iso_counters *out)
{
	*out = gf_self.counters;
}

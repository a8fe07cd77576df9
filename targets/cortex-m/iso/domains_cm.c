/* domains_cm.c — domains and their grants, with the portable semantics of
 * isolation.h: a domain is a set of (region, permission) entries and every
 * region outside it is inaccessible.  Switching a domain programs the MPU
 * (mpu_cm.c). */
#include <stdio.h>

#include "cm_internal.h"

struct domain {
	char name[32];
	int principal;
	bool unprivileged;
	uint8_t perm[GF_MAX_REGIONS]; /* gf_perm per region id */
};

/* In .bss: a static initialiser would put the whole table in .data. */
static struct domain domains[GF_MAX_DOMAINS];
static int domain_count;
static gf_domain_id current = GF_DOMAIN_HOST;

void gf_cm_domains_init(void)
{
	domains[GF_DOMAIN_HOST] = (struct domain){.name = "host", .principal = GF_PRINCIPAL_KERNEL};
	domain_count = 1;
	current = GF_DOMAIN_HOST;
}

bool gf_cm_domain_valid(gf_domain_id d)
{
	return d >= 0 && d < domain_count;
}

bool gf_cm_domain_unprivileged(gf_domain_id d)
{
	return gf_cm_domain_valid(d) && domains[d].unprivileged;
}

/* Module code runs unprivileged: only the domains a module runs in give
 * unprivileged code their regions. */
bool gf_domain_runs_modules(gf_domain_id d)
{
	return gf_cm_domain_unprivileged(d);
}

static void mark_unprivileged(gf_domain_id d)
{
	if (gf_cm_domain_valid(d))
		domains[d].unprivileged = true;
	gf_cm_iso_generation++;
}

gf_domain_id gf_domain_create(const char *name, int principal)
{
	if (domain_count == GF_MAX_DOMAINS || !name)
		return -1;
	struct domain *d = &domains[domain_count];
	*d = (struct domain){.principal = principal};
	snprintf(d->name, sizeof d->name, "%s", name);
	return domain_count++;
}

int gf_domain_grant(gf_domain_id d, const struct gf_region *r, gf_perm p)
{
	if (!gf_cm_domain_valid(d) || !r || r->id < 0 || r->id >= GF_MAX_REGIONS ||
	    (p & ~(gf_perm)(GF_PERM_R | GF_PERM_W | GF_PERM_X)))
		return -1;
	domains[d].perm[r->id] = (uint8_t)p;
	gf_cm_iso_generation++;
	/* A grant to the running domain takes effect now, as with mprotect. */
	if (d == current)
		gf_cm_mpu_apply(d);
	return 0;
}

gf_perm gf_domain_perm(gf_domain_id d, const struct gf_region *r)
{
	if (!gf_cm_domain_valid(d) || !r || r->id < 0 || r->id >= GF_MAX_REGIONS)
		return GF_PERM_NONE;
	return (gf_perm)domains[d].perm[r->id];
}

gf_perm gf_domain_range_perm(gf_domain_id d, uintptr_t addr, size_t len)
{
	if (!gf_cm_domain_valid(d) || len == 0 || addr + len < addr)
		return GF_PERM_NONE;
	uintptr_t end = addr + len;
	gf_perm p = GF_PERM_R | GF_PERM_W | GF_PERM_X;
	while (addr < end) {
		const struct gf_region *r = gf_region_lookup(addr, NULL);
		if (!r)
			return GF_PERM_NONE;
		p &= gf_domain_perm(d, r);
		if (p == GF_PERM_NONE)
			return GF_PERM_NONE;
		addr = r->base + r->size;
		if (addr == 0) /* the region ends at the top of memory */
			break;
	}
	return p;
}

int gf_domain_principal(gf_domain_id d)
{
	return gf_cm_domain_valid(d) ? domains[d].principal : GF_PRINCIPAL_NONE;
}

const char *gf_domain_name(gf_domain_id d)
{
	return gf_cm_domain_valid(d) ? domains[d].name : "?";
}

gf_domain_id gf_domain_current(void)
{
	return current;
}

gf_domain_id gf_domain_switch(gf_domain_id d)
{
	gf_domain_id was = current;
	if (!gf_cm_domain_valid(d))
		return was;
	current = d;
	gf_cm_mpu_apply(d);
	return was;
}

int gf_module_domains(int module, const struct gf_region *code,
		      const struct gf_region *data,
		      const struct gf_region *arena,
		      struct gf_module_domains *out)
{
	char name[32];
	if (!code || !data || !arena || !out || module < 0 || module >= GF_MAX_MODULES)
		return -1;
	snprintf(name, sizeof name, "mod%d", module);
	gf_domain_id self = gf_domain_create(name, module);
	snprintf(name, sizeof name, "kernel-for-mod%d", module);
	gf_domain_id kfor = gf_domain_create(name, module);
	if (self < 0 || kfor < 0)
		return -1;
	mark_unprivileged(self);
	gf_domain_grant(self, code, GF_PERM_RX);
	gf_domain_grant(self, data, GF_PERM_RW);
	gf_domain_grant(kfor, arena, GF_PERM_RW);
	gf_domain_grant(kfor, code, GF_PERM_RX);
	gf_domain_grant(kfor, data, GF_PERM_RW);
	*out = (struct gf_module_domains){.module = module, .self = self,
					  .kernel_for = kfor, .code = code, .data = data};
	return 0;
}

int gf_module_share(const struct gf_module_domains *m,
		    const struct gf_region *window, gf_perm p)
{
	if (!m || gf_domain_grant(m->self, window, p) < 0)
		return -1;
	return gf_domain_grant(m->kernel_for, window, p);
}

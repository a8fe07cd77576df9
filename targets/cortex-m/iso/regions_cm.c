/* regions_cm.c — the region table, carved from the firmware's span.
 *
 * As on the host (.iso.fixed), regions are carved from one fixed
 * reservation in order of creation, so the same setup gives the same
 * addresses on every boot.  What differs (.cm.carve): a region's size and
 * base are whatever makes it exactly one MPU region (gf_mpu_placement: a
 * power of two trimmed in eighths on PMSAv7, 32 bytes on PMSAv8-M) instead
 * of pages, and the guard is a gap of GF_CM_GUARD bytes on each side that
 * no region covers, instead of PROT_NONE pages.
 */
#include <stdio.h>
#include <string.h>

#include "cm_regs.h"
#include "cm_internal.h"

extern uint8_t __gf_span_start[], __gf_span_end[];

static struct gf_region regions[GF_MAX_REGIONS];
static int region_count;
static uintptr_t cursor; /* end of the last region's trailing guard */
uint32_t gf_cm_iso_generation;

void gf_span(uintptr_t *lo, uintptr_t *hi)
{
	*lo = (uintptr_t)__gf_span_start;
	*hi = (uintptr_t)__gf_span_end;
}

const struct gf_region *gf_region_create(const char *name, gf_region_kind kind,
					 int owner, size_t size, gf_perm natural)
{
	uint32_t rounded, align;
	if (region_count == GF_MAX_REGIONS || !name ||
	    gf_mpu_placement(gf_cm_mpu_arch(), (uint32_t)size, &rounded, &align) != GF_MPU_OK)
		return NULL;
	if (!cursor)
		cursor = (uintptr_t)__gf_span_start;
	uintptr_t base = (cursor + GF_CM_GUARD + align - 1) & ~(uintptr_t)(align - 1);
	if (base < cursor || base + rounded + GF_CM_GUARD > (uintptr_t)__gf_span_end)
		return NULL;

	struct gf_region *r = &regions[region_count];
	*r = (struct gf_region){.id = region_count, .kind = kind, .owner = owner,
				.base = base, .size = rounded, .natural = natural};
	snprintf(r->name, sizeof r->name, "%s", name);
	region_count++;
	cursor = base + rounded + GF_CM_GUARD;
	gf_domain_grant(GF_DOMAIN_HOST, r, natural);
	gf_cm_iso_generation++;
	return r;
}

const struct gf_region *gf_region_lookup(uintptr_t addr,
					 const struct gf_region **guard_of)
{
	const struct gf_region *guard = NULL;
	for (int i = 0; i < region_count; i++) {
		const struct gf_region *r = &regions[i];
		if (addr >= r->base && addr - r->base < r->size) {
			if (guard_of)
				*guard_of = NULL;
			return r;
		}
		if ((addr < r->base && r->base - addr <= GF_CM_GUARD) ||
		    (addr >= r->base + r->size && addr - (r->base + r->size) < GF_CM_GUARD))
			guard = r;
	}
	if (guard_of)
		*guard_of = guard;
	return NULL;
}

const struct gf_region *gf_region_get(int id)
{
	return id >= 0 && id < region_count ? &regions[id] : NULL;
}

int gf_region_count(void)
{
	return region_count;
}

int gf_region_fill(const struct gf_region *r, size_t off, const void *src,
		   size_t len)
{
	if (!r || off > r->size || len > r->size - off ||
	    gf_context_current() != GF_CTX_HOST)
		return -1;
	/* The host domain's program leaves all memory open to privileged
	 * code (.cm.host-open), so "opening the region for writing" is a
	 * switch to it and back. */
	gf_domain_id was = gf_domain_switch(GF_DOMAIN_HOST);
	if (src)
		memcpy((void *)(r->base + off), src, len);
	else
		memset((void *)(r->base + off), 0, len);
	gf_cm_barrier(); /* code written as data is fetched next */
	gf_domain_switch(was);
	return 0;
}

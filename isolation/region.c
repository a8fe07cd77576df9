/* region.c — the span and the region table.
 *
 * .iso.fixed: every region is carved from one reservation at GF_SPAN_BASE,
 * in creation order, page rounded, each with its own inaccessible guard
 * page before and after.  Regions are never freed or reused, so the same
 * setup gives the same addresses in every process (replays, forked
 * children, other engines).  The platform maps the memory (gf_mem_*:
 * mem_linux.c, win32/mem_virtual.c).
 *
 * .iso.table: the table is a preallocated array published by an atomic
 * count: an entry is written completely under the creation lock, then the
 * count is raised with release order, and the entry never changes again.
 * Readers (the fault handler among them) load the count with acquire order
 * and search without locks.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "iso_internal.h"

static struct gf_region table[GF_MAX_REGIONS];
static atomic_int published;
static pthread_mutex_t create_lock = PTHREAD_MUTEX_INITIALIZER;
static uintptr_t span_lo, span_hi;
static uintptr_t next_slot; /* first byte of the next region's guard */
static size_t page;

size_t gf_page_size(void)
{
	return page;
}

int gf_span_reserve(void)
{
	if (gf_mem_reserve(GF_SPAN_BASE, GF_SPAN_SIZE, &page) != 0)
		return -1;
	span_lo = (uintptr_t)GF_SPAN_BASE;
	span_hi = span_lo + GF_SPAN_SIZE;
	next_slot = span_lo;
	return 0;
}

void gf_span(uintptr_t *lo, uintptr_t *hi)
{
	*lo = span_lo;
	*hi = span_hi;
}

const struct gf_region *gf_region_create(const char *name, gf_region_kind kind,
					 int owner, size_t size, gf_perm natural)
{
	if (!gf_iso_active || !name || size == 0 || size > GF_SPAN_SIZE)
		return NULL;
	size = (size + page - 1) & ~(page - 1);

	pthread_mutex_lock(&create_lock);
	struct gf_region *r = NULL;
	int n = atomic_load_explicit(&published, memory_order_relaxed);
	if (n == GF_MAX_REGIONS || span_hi - next_slot < size + 2 * page)
		goto out;
	uintptr_t base = next_slot + page;
	if (gf_mem_map(base, size, natural, name) != 0)
		goto out;
	r = &table[n];
	*r = (struct gf_region){.id = n, .kind = kind, .owner = owner,
				.base = base, .size = size, .natural = natural};
	snprintf(r->name, sizeof r->name, "%s", name);
	gf_domain_grant_id(GF_DOMAIN_HOST, n, natural);
	if (gf_iso_active->region_added(r) != 0) {
		/* Unpublished, so no backend tracks it: close it. */
		gf_mem_protect(base, size, GF_PERM_NONE);
		gf_domain_grant_id(GF_DOMAIN_HOST, n, GF_PERM_NONE);
		r = NULL;
		goto out;
	}
	next_slot = base + size + page;
	atomic_store_explicit(&published, n + 1, memory_order_release);
out:
	pthread_mutex_unlock(&create_lock);
	return r;
}

const struct gf_region *gf_region_lookup(uintptr_t addr,
					 const struct gf_region **guard_of)
{
	if (guard_of)
		*guard_of = NULL;
	int n = atomic_load_explicit(&published, memory_order_acquire);
	/* Slots [base - page, base + size + page) ascend with the id: find
	 * the last one starting at or below addr. */
	int lo = 0, hi = n;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (table[mid].base - page <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	const struct gf_region *r = &table[lo - 1];
	if (addr - r->base < r->size) /* wraps when addr < base */
		return r;
	if (addr < r->base + r->size + page && guard_of)
		*guard_of = r;
	return NULL;
}

const struct gf_region *gf_region_get(int id)
{
	if (id < 0 || id >= atomic_load_explicit(&published, memory_order_acquire))
		return NULL;
	return &table[id];
}

int gf_region_count(void)
{
	return atomic_load_explicit(&published, memory_order_acquire);
}

int gf_region_fill(const struct gf_region *r, size_t off, const void *src,
		   size_t len)
{
	if (!r || r != gf_region_get(r->id) || off > r->size ||
	    len > r->size - off || gf_context_current() != GF_CTX_HOST ||
	    gf_domain_current() != GF_DOMAIN_HOST)
		return -1;
	/* In the host domain every backend shows the region at its natural
	 * permission, which is what it returns to after the copy. */
	bool open = !(r->natural & GF_PERM_W);
	void *base = (void *)r->base;
	if (open && gf_mem_protect(r->base, r->size, GF_PERM_RW) != 0)
		return -1;
	if (src)
		memcpy((char *)base + off, src, len);
	else
		memset((char *)base + off, 0, len);
	if (open && gf_mem_protect(r->base, r->size, r->natural) != 0)
		return -1;
	return 0;
}

/* pkey_keys.c — keys for key classes, virtualised beyond the hardware's 15.
 *
 * .iso.pkey.virtual: the backend allocates every key it can get at init
 * (at most 15; fewer when an exec-only mapping or another library took
 * some).  One is the parking key: no domain but the host ever enables it.
 * A new class starts parked.  When a domain needs a class that is parked,
 * the class gets a free key, or the least recently used class that no
 * running domain holds is evicted: its pages are re-tagged to the parking
 * key and the key passes to the new class, whose pages are re-tagged to it.
 * Parked pages stay reachable to the host domain and to nobody else, so
 * eviction never weakens isolation; it only costs time:
 *   one pkey_mprotect per region of each of the two classes (a module's
 *   class has two regions: four calls of about 1-2 us each), plus a TLB
 *   shootdown on every other CPU running the process.
 * With at most 13 module classes in use at once nothing is ever evicted.
 *
 * .iso.pkey.pins: a domain running on another thread is never evicted.
 * A thread pins each class its run holds (from its first switch into a
 * domain holding the class until it returns to the host domain) and only
 * unpinned classes are evicted.  Pinning needs no lock: the pinner raises
 * pins and then reads key; the evicter writes the parking key and then reads
 * pins (all sequentially consistent).  Whichever comes second sees the
 * other: the pinner sees the parking key and takes the lock, or the evicter
 * sees the pin and puts the key back.  A thread's PKRU enables only keys of
 * classes it has pinned, so no key it enables ever changes hands.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "pkey_internal.h"
#include "pkru.h"

struct pk_region pk_regions[GF_MAX_REGIONS];
atomic_int pk_region_known;
struct pk_class pk_classes[GF_MAX_REGIONS];
int pk_park_key = -1;
pthread_mutex_t pk_lock = PTHREAD_MUTEX_INITIALIZER;
struct gf_pkey_stats pk_stats;

static int class_count;                 /* under pk_lock */
static int key_class[GF_PKEY_COUNT];    /* class holding key k, or -1  */
static bool assignable[GF_PKEY_COUNT];  /* ours and not the parking key */
static atomic_uint_fast64_t lru_clock;

_Noreturn void pk_die(const char *what)
{
	fprintf(stderr, "gatefuzz: isolation: pkey: %s: %s\n", what,
		strerror(errno));
	abort();
}

int pk_keys_init(uint32_t *ours)
{
	int keys[GF_PKEY_COUNT], n = 0;
	while (n < GF_PKEY_COUNT - 1) {
		/* Access rights 0: enabled for this thread, whose PKRU is
		 * rewritten right after anyway. */
		int k = pkey_alloc(0, 0);
		if (k < 0)
			break;
		keys[n++] = k;
	}
	if (n < 3) {
		fprintf(stderr,
			"gatefuzz: isolation: pkey: only %d protection keys free; "
			"the parking key, the arena and a module need 3\n", n);
		while (n > 0)
			pkey_free(keys[--n]);
		return -1;
	}
	*ours = 0;
	for (int k = 0; k < GF_PKEY_COUNT; k++)
		key_class[k] = -1;
	pk_park_key = keys[0];
	for (int i = 0; i < n; i++) {
		*ours |= gf_pkru_ad(keys[i]);
		assignable[keys[i]] = i > 0;
	}
	pk_stats.keys = n;
	pk_stats.park_key = pk_park_key;
	return 0;
}

/* The module whose class r joins (.iso.pkey.classes), or -1: r is a
 * class of its own. */
static int module_of(const struct gf_region *r)
{
	bool module_part = r->kind == GF_REGION_CODE || r->kind == GF_REGION_DATA;
	return module_part && r->owner >= 0 ? r->owner : -1;
}

/* The class r joins: its module's, or a new one (index class_count). */
static int class_of(const struct gf_region *r)
{
	int module = module_of(r);
	for (int c = 0; module >= 0 && c < class_count; c++)
		if (pk_classes[c].module == module)
			return c;
	return class_count;
}

int pk_region_track(const struct gf_region *r)
{
	pthread_mutex_lock(&pk_lock);
	int c = class_of(r);
	bool fresh = c == class_count;
	int key = fresh ? pk_park_key : atomic_load(&pk_classes[c].key);
	bool gated = (r->natural & GF_PERM_X) != 0;
	/* .iso.pkey.exec: code starts closed to instruction fetch. */
	int prot = gf_perm_prot(gated ? (gf_perm)(r->natural & ~GF_PERM_X)
				      : r->natural);
	if (pkey_mprotect((void *)r->base, r->size, prot, key) != 0) {
		fprintf(stderr, "gatefuzz: isolation: pkey: tagging %s: %s\n",
			r->name, strerror(errno));
		pthread_mutex_unlock(&pk_lock);
		return -1;
	}
	if (fresh) {
		struct pk_class *cl = &pk_classes[class_count++];
		cl->module = module_of(r);
		atomic_store(&cl->key, pk_park_key);
		atomic_store(&cl->pins, 0);
		pk_stats.classes = class_count;
	}
	pk_regions[r->id] = (struct pk_region){
		.base = r->base, .size = r->size, .cls = c, .gated = gated,
		.natural_w = (r->natural & GF_PERM_W) != 0, .prot = prot};
	if (r->id >= atomic_load(&pk_region_known))
		atomic_store(&pk_region_known, r->id + 1);
	pthread_mutex_unlock(&pk_lock);
	return 0;
}

/* Moves every page of class c to key k (pk_lock held). */
static unsigned retag(int c, int k)
{
	unsigned n = 0;
	int known = atomic_load(&pk_region_known);
	for (int id = 0; id < known; id++) {
		const struct pk_region *r = &pk_regions[id];
		if (r->cls != c)
			continue;
		if (pkey_mprotect((void *)r->base, r->size, r->prot, k) != 0)
			pk_die("pkey_mprotect");
		n++;
	}
	pk_stats.retags += n;
	return n;
}

static uint64_t stamp(void)
{
	return atomic_fetch_add_explicit(&lru_clock, 1, memory_order_relaxed);
}

/* Takes the key of the least recently used unpinned class, parking it;
 * -1 when every class holding a key is pinned (pk_lock held). */
static int evict(unsigned *retagged)
{
	struct pk_set pinned_meanwhile = {{0, 0}};
	for (;;) {
		int victim = -1;
		for (int k = 0; k < GF_PKEY_COUNT; k++) {
			int c = key_class[k];
			if (c < 0 || pk_set_has(&pinned_meanwhile, c) ||
			    atomic_load(&pk_classes[c].pins) != 0)
				continue;
			if (victim < 0 || atomic_load(&pk_classes[c].last_use) <
						  atomic_load(&pk_classes[victim].last_use))
				victim = c;
		}
		if (victim < 0)
			return -1;
		struct pk_class *v = &pk_classes[victim];
		int key = atomic_load(&v->key);
		atomic_store(&v->key, pk_park_key); /* then read pins: .iso.pkey.pins */
		if (atomic_load(&v->pins) != 0) {
			atomic_store(&v->key, key);
			pk_set_add(&pinned_meanwhile, victim);
			continue;
		}
		*retagged += retag(victim, pk_park_key);
		key_class[key] = -1;
		pk_stats.evictions++;
		return key;
	}
}

/* Gives parked class c a key (pk_lock held). */
static unsigned give_key(int c)
{
	unsigned retagged = 0;
	int key = -1;
	for (int k = 0; k < GF_PKEY_COUNT && key < 0; k++)
		if (assignable[k] && key_class[k] < 0)
			key = k;
	if (key < 0)
		key = evict(&retagged);
	if (key < 0) {
		fprintf(stderr,
			"gatefuzz: isolation: pkey: all %d keys belong to classes "
			"that running domains hold; too many threads run modules "
			"at once for this machine's keys\n", pk_stats.keys - 1);
		abort();
	}
	retagged += retag(c, key);
	key_class[key] = c;
	atomic_store(&pk_classes[c].key, key);
	return retagged;
}

unsigned pk_pin(const struct pk_set *want, struct pk_set *pinned)
{
	unsigned retagged = 0;
	struct pk_set add = pk_set_minus(want, pinned);
	PK_SET_FOR_EACH(c, &add) {
		struct pk_class *cl = &pk_classes[c];
		atomic_fetch_add(&cl->pins, 1); /* then read key: .iso.pkey.pins */
		pk_set_add(pinned, c);
		atomic_store_explicit(&cl->last_use, stamp(), memory_order_relaxed);
		if (atomic_load(&cl->key) != pk_park_key)
			continue;
		pthread_mutex_lock(&pk_lock);
		if (atomic_load(&cl->key) == pk_park_key)
			retagged += give_key(c);
		pthread_mutex_unlock(&pk_lock);
	}
	return retagged;
}

void pk_unpin_all(struct pk_set *pinned)
{
	PK_SET_FOR_EACH(c, pinned) {
		/* Stamped on release too: a class held for a long run was
		 * used until now, not when the run began. */
		atomic_store_explicit(&pk_classes[c].last_use, stamp(),
				      memory_order_relaxed);
		atomic_fetch_sub(&pk_classes[c].pins, 1);
	}
	*pinned = (struct pk_set){{0, 0}};
}

/* pkey_internal.h — what the pkey backend's files share (backend_pkey.c,
 * pkey_keys.c, pkey_exec.c) and nobody else sees.
 *
 * .iso.pkey.classes: keys are given to key classes, not to regions.  A
 * module's code and data form one class (every domain the core makes holds
 * both or neither); every other region (arena, shared window, traced
 * region) is a class of its own.  A class's pages carry one key; a domain's
 * PKRU enables the keys of the classes it holds.
 */
#ifndef GATEFUZZ_PKEY_INTERNAL_H
#define GATEFUZZ_PKEY_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "backend_pkey.h"
#include "iso_internal.h"

/* ---- a set of ids below GF_MAX_REGIONS (regions or classes) ---------- */
struct pk_set {
	uint64_t w[2];
};
_Static_assert(GF_MAX_REGIONS <= 128, "struct pk_set holds 128 ids");

static inline void pk_set_add(struct pk_set *s, int id)
{
	s->w[id >> 6] |= 1ull << (id & 63);
}

static inline bool pk_set_has(const struct pk_set *s, int id)
{
	return (s->w[id >> 6] >> (id & 63)) & 1;
}

static inline bool pk_set_equal(const struct pk_set *a, const struct pk_set *b)
{
	return a->w[0] == b->w[0] && a->w[1] == b->w[1];
}

static inline bool pk_set_empty(const struct pk_set *s)
{
	return (s->w[0] | s->w[1]) == 0;
}

static inline struct pk_set pk_set_minus(const struct pk_set *a,
					 const struct pk_set *b)
{
	return (struct pk_set){{a->w[0] & ~b->w[0], a->w[1] & ~b->w[1]}};
}

static inline struct pk_set pk_set_and(const struct pk_set *a,
				       const struct pk_set *b)
{
	return (struct pk_set){{a->w[0] & b->w[0], a->w[1] & b->w[1]}};
}

/* The smallest id >= from in s, or -1. */
static inline int pk_set_next(const struct pk_set *s, int from)
{
	while (from < 128) {
		uint64_t bits = s->w[from >> 6] & (~0ull << (from & 63));
		if (bits)
			return (from & ~63) + __builtin_ctzll(bits);
		from = (from | 63) + 1; /* the next word */
	}
	return -1;
}

#define PK_SET_FOR_EACH(id, s)                                               \
	for (int id = pk_set_next((s), 0); id >= 0; id = pk_set_next((s), id + 1))

/* ---- the backend's copy of the region table --------------------------- */
struct pk_region {
	uintptr_t base;
	size_t size;
	int cls;          /* its key class                                  */
	bool gated;       /* natural permission has X: .iso.pkey.exec        */
	bool natural_w;   /* natural permission has W                       */
	int prot;         /* the protection this backend last set (pk_lock) */
};
/* Entries below pk_region_known are complete.  Written by region_added
 * before the core publishes the region, so every published id is known. */
extern struct pk_region pk_regions[GF_MAX_REGIONS];
extern atomic_int pk_region_known;

struct pk_class {
	int module;             /* module whose code and data it holds, or -1
				   for a class of one region                  */
	atomic_int key;         /* the key its pages carry; pk_park_key when
				   parked (.iso.pkey.virtual)                 */
	atomic_int pins;        /* threads whose run holds it (.iso.pkey.pins) */
	atomic_uint_fast64_t last_use; /* LRU stamp                          */
};
extern struct pk_class pk_classes[GF_MAX_REGIONS];
extern int pk_park_key;

/* Guards every change of page protection or key: class creation, key
 * assignment, eviction, the exec state.  Never taken on a switch between a
 * module and the kernel serving it. */
extern pthread_mutex_t pk_lock;
extern struct gf_pkey_stats pk_stats; /* under pk_lock */

/* Reports a failed page-protection call and aborts: running on with a
 * wrong view would make every verdict a lie. */
_Noreturn void pk_die(const char *what);

/* ---- pkey_keys.c ------------------------------------------------------- */
/* Allocates the keys (at least 3: parking, the arena's class, a module's
 * class).  Returns 0, or -1 with a message.  Fills *ours with the AD bits
 * of every allocated key. */
int pk_keys_init(uint32_t *ours);
/* Puts region r in its class and tags its pages; for region_added. */
int pk_region_track(const struct gf_region *r);
/* Pins every class of `want` that *pinned lacks (and adds it there),
 * giving a key to any that is parked.  Returns the regions re-tagged. */
unsigned pk_pin(const struct pk_set *want, struct pk_set *pinned);
/* Releases every pin of *pinned and empties it. */
void pk_unpin_all(struct pk_set *pinned);

/* ---- pkey_exec.c ------------------------------------------------------- */
/* This thread's domain now executes the gated regions `want` (it executed
 * *mine, which becomes want); run_start when it comes from the host
 * domain.  Returns the regions whose protection changed. */
unsigned pk_exec_enter(struct pk_set *mine, const struct pk_set *want,
		       bool run_start);
/* This thread went back to the host domain; empties *mine. */
unsigned pk_exec_leave(struct pk_set *mine);

#endif

/* test_pkey_virtual.c — more modules than protection keys.
 *
 * 36 modules (72 domains besides the host) share at most 14 keys with the
 * arena.  Modules run in an order that forces evictions: each needs a key
 * while the keys belong to others.  Every module must reach its own data
 * (written before it was evicted, still there after) and fault on every
 * other module's data with the key that data carries at that moment (a
 * real one or the parking key), and on every other module's code when it
 * tries to execute it.  Then one module is held inside its run on a second
 * thread while the main thread cycles through all the others: the held
 * module's class (and the arena's, which its kernel call holds) must keep
 * their keys throughout (.iso.pkey.pins).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>

#include "backend_pkey.h"
#include "check.h"
#include "pkey_test.h"
#include "testmod.h"

#ifndef SEGV_PKUERR
#define SEGV_PKUERR 4
#endif

#define NMOD 36
#define OWN_OFFSET 4000

enum { REQ_ARENA = 1, REQ_HOLD = 2 };

static struct gf_module_domains mods[NMOD];
static const struct gf_region *arena;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static bool held, released;

/* The kernel writes the arena and the caller's data, both its to touch. */
static uintptr_t kernel(uint32_t request, uintptr_t p0, uintptr_t p1, uintptr_t p2)
{
	(void)p1, (void)p2;
	int caller = gf_gate_caller();
	*(volatile uint8_t *)(arena->base + (uintptr_t)caller) = (uint8_t)caller;
	*(volatile uint8_t *)(mods[caller - 1].data->base + OWN_OFFSET + 1) = (uint8_t)p0;
	if (request == REQ_HOLD) {
		pthread_mutex_lock(&lock);
		held = true;
		pthread_cond_broadcast(&changed);
		while (!released)
			pthread_cond_wait(&changed, &lock);
		pthread_mutex_unlock(&lock);
	}
	return 0;
}

static int gate_run(int i, uint32_t request, uintptr_t p0, struct gf_fault *f)
{
	struct tm_gate_block *blk = (struct tm_gate_block *)mods[i].data->base;
	*blk = (struct tm_gate_block){.gate = (uintptr_t)gf_gate_entry(),
				      .request = request, .p0 = p0};
	return tm_run(&mods[i], TM_GATE_THEN, (uintptr_t)blk, f);
}

/* Module i's access k on module j's region r must fault. */
static void expect_cross(int i, int j, const struct gf_region *r, gf_access k)
{
	struct gf_fault f;
	uintptr_t at = k == GF_ACCESS_EXEC ? tm_entry(&mods[j], TM_RET)
					   : r->base + OWN_OFFSET;
	int key = gf_pkey_region_key(r);
	int rc = tm_run(&mods[i], tm_access_snippet(k), at, &f);
	int want_code = k == GF_ACCESS_EXEC ? SEGV_ACCERR : SEGV_PKUERR;
	tc_cases++;
	CHECK(rc == 1 && f.si_code == want_code && f.addr == at && f.access == k &&
		      f.region == r && f.domain == mods[i].self &&
		      f.pkey == (k == GF_ACCESS_EXEC ? -1 : key),
	      "mod%d %s %s: rc %d code %d region %s pkey %d (expected key %d)",
	      i + 1, gf_access_str(k), r->name, rc, f.si_code,
	      f.region ? f.region->name : "-", f.pkey, key);
}

static void own_access(int i, gf_access k)
{
	struct gf_fault f;
	char what[64];
	snprintf(what, sizeof what, "mod%d %s its own data", i + 1, gf_access_str(k));
	tc_cases++;
	tc_expect_ok(what, tm_run(&mods[i], tm_access_snippet(k),
				  mods[i].data->base + OWN_OFFSET, &f), &f);
}

/* Round-robin with a stride: with more classes than keys, LRU evicts on
 * nearly every run. */
static void rounds(void)
{
	for (int i = 0; i < NMOD; i++) {
		own_access(i, GF_ACCESS_WRITE);
		CHECK(*(volatile uint8_t *)(mods[i].data->base + OWN_OFFSET) == TM_WRITE_BYTE,
		      "mod%d's write landed", i + 1);
	}
	struct gf_pkey_stats st;
	gf_pkey_stats(&st);
	printf("pkey_virtual: %d keys (parking key %d), %d classes; "
	       "after the first round: %llu evictions\n",
	       st.keys, st.park_key, st.classes, (unsigned long long)st.evictions);
	CHECK(st.classes == NMOD + 1, "a class per module and the arena (%d)", st.classes);
	CHECK(st.evictions >= (uint64_t)(NMOD - (st.keys - 1)),
	      "%llu evictions in the first round", (unsigned long long)st.evictions);

	for (int n = 0; n < NMOD; n++) {
		int i = (n * 7) % NMOD, j = (i + 5) % NMOD;
		own_access(i, GF_ACCESS_READ);
		struct gf_fault f;
		tc_cases++;
		CHECK(gate_run(i, REQ_ARENA, (uintptr_t)n, &f) == 0,
		      "mod%d's kernel call reaches the arena and its data", i + 1);
		CHECK(*(volatile uint8_t *)(mods[i].data->base + OWN_OFFSET) == TM_WRITE_BYTE,
		      "mod%d's data survived eviction", i + 1);
		expect_cross(i, j, mods[j].data, GF_ACCESS_READ);
		expect_cross(i, j, mods[j].data, GF_ACCESS_WRITE);
		expect_cross(i, j, mods[j].code, GF_ACCESS_READ);
		expect_cross(i, j, mods[j].code, GF_ACCESS_EXEC);
	}
	struct gf_pkey_stats after;
	gf_pkey_stats(&after);
	printf("pkey_virtual: after the second round: %llu evictions, %llu "
	       "re-tagged regions\n",
	       (unsigned long long)after.evictions, (unsigned long long)after.retags);
	CHECK(after.evictions > st.evictions + NMOD / 2, "the second round evicted");
}

static void *held_module(void *arg)
{
	(void)arg;
	struct gf_fault f;
	int rc = gate_run(0, REQ_HOLD, 0x77, &f);
	tc_expect_ok("mod1 held inside its run", rc, &f);
	return NULL;
}

/* The held module and the arena keep their keys while the main thread
 * runs every other module, twice around. */
static void pinned_not_evicted(void)
{
	pthread_t t;
	pthread_create(&t, NULL, held_module, NULL);
	pthread_mutex_lock(&lock);
	while (!held)
		pthread_cond_wait(&changed, &lock);
	pthread_mutex_unlock(&lock);

	struct gf_pkey_stats st, before;
	gf_pkey_stats(&before);
	int key_held = gf_pkey_region_key(mods[0].data);
	int key_arena = gf_pkey_region_key(arena);
	CHECK(key_held != before.park_key && key_arena != before.park_key,
	      "the held run's classes have keys");
	int moved = 0;
	for (int n = 0; n < 2 * (NMOD - 1); n++) {
		int i = 1 + n % (NMOD - 1);
		own_access(i, GF_ACCESS_READ);
		expect_cross(i, 0, mods[0].data, GF_ACCESS_READ);
		moved += gf_pkey_region_key(mods[0].data) != key_held ||
			 gf_pkey_region_key(arena) != key_arena;
	}
	gf_pkey_stats(&st);
	tc_cases++;
	CHECK(moved == 0, "the held module's or the arena's key changed %d times", moved);
	CHECK(st.evictions >= before.evictions + NMOD, "evictions went on around it (%llu)",
	      (unsigned long long)(st.evictions - before.evictions));

	pthread_mutex_lock(&lock);
	released = true;
	pthread_cond_broadcast(&changed);
	pthread_mutex_unlock(&lock);
	pthread_join(t, NULL);
	CHECK(*(volatile uint8_t *)(mods[0].data->base + OWN_OFFSET + 1) == 0x77,
	      "the held module's kernel call wrote its data");
	own_access(0, GF_ACCESS_WRITE);
}

int main(void)
{
	pkt_init("pkey_virtual");
	arena = gf_region_create("kernel-arena", GF_REGION_ARENA,
				 GF_PRINCIPAL_KERNEL, 16 * 1024, GF_PERM_RW);
	for (int i = 0; i < NMOD; i++)
		CHECK(tm_module_create(i + 1, 4096, 8 * 1024, arena, &mods[i]) == 0,
		      "module %d", i + 1);
	gf_gate_set_handler(kernel);
	if (tc_failures)
		return tc_finish("pkey_virtual", 0);
	rounds();
	pinned_not_evicted();
	return tc_finish("pkey_virtual", NMOD * 7 + 2 * (NMOD - 1) * 2);
}

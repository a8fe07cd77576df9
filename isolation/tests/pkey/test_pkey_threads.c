/* test_pkey_threads.c — two threads run two modules AT THE SAME TIME.
 *
 * PKRU is per thread, so the pkey backend takes no gate lock.  Phase 1: in
 * every round both threads enter their module runs and meet inside them
 * (a two-party rendezvous in the kernel, which completes only when both
 * runs are in progress at once); each module then calls the kernel again
 * and finally touches the other module's data, which must fault with the
 * other's key.  Phase 2 makes the overlap certain for the cross access:
 * one module is held inside its run (its key enabled on its thread) while
 * the other module reads and writes its data, which must fault, and reads
 * its own, which must work; then the held module goes on and writes its own
 * data.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

#include "backend_pkey.h"
#include "check.h"
#include "pkey_test.h"
#include "pkru.h"
#include "testmod.h"

#ifndef SEGV_PKUERR
#define SEGV_PKUERR 4
#endif

#define ROUNDS 200
#define WAIT_SECONDS 20

enum { REQ_MEET = 1, REQ_NOP = 2, REQ_HOLD = 3 };

static struct gf_module_domains mods[2];
static const struct gf_region *arena;

/* Rendezvous and hold, with a deadline so a serialised gate fails the test
 * instead of hanging it. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static int arrived, generation, held = -1;
static bool released;
static atomic_int meetings, missed_meetings, pkru_wrong, check_failures;

/* Waits on `changed` until done() holds; false at the deadline. */
static bool wait_until(bool (*done)(int), int arg)
{
	struct timespec deadline;
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += WAIT_SECONDS;
	while (!done(arg))
		if (pthread_cond_timedwait(&changed, &lock, &deadline) == ETIMEDOUT)
			return done(arg);
	return true;
}

static bool generation_passed(int gen) { return generation != gen; }
static bool is_released(int unused) { (void)unused; return released; }
static bool is_held(int who) { return held == who; }

static void meet(void)
{
	pthread_mutex_lock(&lock);
	int gen = generation;
	if (++arrived == 2) {
		arrived = 0;
		generation++;
		atomic_fetch_add(&meetings, 1);
		pthread_cond_broadcast(&changed);
	} else if (!wait_until(generation_passed, gen)) {
		arrived--;
		atomic_fetch_add(&missed_meetings, 1);
	}
	pthread_mutex_unlock(&lock);
}

static void hold(int who)
{
	pthread_mutex_lock(&lock);
	held = who;
	pthread_cond_broadcast(&changed);
	if (!wait_until(is_released, 0))
		atomic_fetch_add(&missed_meetings, 1);
	pthread_mutex_unlock(&lock);
}

/* The kernel: in the caller's kernel-for domain its key is enabled and
 * the other module's key is not; key 0 always is. */
static uintptr_t kernel(uint32_t request, uintptr_t p0, uintptr_t p1, uintptr_t p2)
{
	(void)p1, (void)p2;
	int me = gf_gate_caller() - 1;
	uint32_t pkru = gf_rdpkru();
	int own = gf_pkey_region_key(mods[me].data);
	int other = gf_pkey_region_key(mods[1 - me].data);
	if ((pkru & 3) || (pkru & (3u << (2 * own))) || !(pkru & gf_pkru_ad(other)))
		atomic_fetch_add(&pkru_wrong, 1);
	if (request == REQ_MEET)
		meet();
	else if (request == REQ_HOLD)
		hold(me);
	return p0 + 1;
}

/* check.h's counters are not atomic: phase 1 runs on both threads at
 * once, so it counts its failures here and main adds them up. */
__attribute__((format(printf, 1, 2))) static void fail_in_thread(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("FAIL: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	atomic_fetch_add(&check_failures, 1);
}

/* In each module's data: the blocks its runs read. */
struct blocks {
	struct tm_gate_block meet, hop;
};

static void expect_cross_fault(int me, int rc, const struct gf_fault *f,
			       uintptr_t at, gf_access k)
{
	const struct gf_module_domains *other = &mods[1 - me];
	int key = gf_pkey_region_key(other->data);
	bool ok = rc == 1 && f->si_code == SEGV_PKUERR && f->addr == at &&
		  f->access == k && f->region == other->data &&
		  f->owner == other->module && f->context == GF_CTX_MODULE &&
		  f->domain == mods[me].self && f->pkey == key;
	if (!ok) {
		char line[256] = "";
		if (rc == 1)
			gf_fault_format(f, line, sizeof line);
		fail_in_thread("mod%d %s mod%d's data: rc %d, %s (other's key %d)",
			       me + 1, gf_access_str(k), other->module, rc, line, key);
	}
}

static void phase1_round(int me, int round)
{
	struct blocks *b = (struct blocks *)mods[me].data->base;
	uintptr_t gate = (uintptr_t)gf_gate_entry();
	gf_access k = round % 2 ? GF_ACCESS_WRITE : GF_ACCESS_READ;
	uintptr_t at = mods[1 - me].data->base + 2048 + (uintptr_t)round;
	b->meet = (struct tm_gate_block){
		.gate = gate, .request = REQ_MEET, .p0 = 10,
		.then_fn = tm_entry(&mods[me], TM_GATE_THEN), .then_arg = (uintptr_t)&b->hop};
	b->hop = (struct tm_gate_block){
		.gate = gate, .request = REQ_NOP, .p0 = (uintptr_t)round,
		.then_fn = tm_entry(&mods[me], tm_access_snippet(k)), .then_arg = at};
	struct gf_fault f;
	int rc = tm_run(&mods[me], TM_GATE_THEN, (uintptr_t)&b->meet, &f);
	expect_cross_fault(me, rc, &f, at, k);
	/* The module wrote both results into its own data, concurrently
	 * with the other module's run. */
	if (b->meet.result != 11 || b->hop.result != (uintptr_t)round + 1)
		fail_in_thread("mod%d round %d: results %lu %lu", me + 1, round,
			       (unsigned long)b->meet.result,
			       (unsigned long)b->hop.result);
}

/* Phase 2, victim side: held inside its run, then writes its own data. */
static void phase2_victim(int me)
{
	struct blocks *b = (struct blocks *)mods[me].data->base;
	uintptr_t own = mods[me].data->base + 3000;
	*(volatile uint8_t *)own = 0;
	b->meet = (struct tm_gate_block){
		.gate = (uintptr_t)gf_gate_entry(), .request = REQ_HOLD,
		.then_fn = tm_entry(&mods[me], TM_WRITE), .then_arg = own};
	struct gf_fault f;
	int rc = tm_run(&mods[me], TM_GATE_THEN, (uintptr_t)&b->meet, &f);
	tc_expect_ok("held module writes its own data after the other's faults", rc, &f);
	CHECK(*(volatile uint8_t *)own == TM_WRITE_BYTE, "mod%d's own write", me + 1);
}

/* Phase 2, attacker side: while the victim is held inside its run. */
static void phase2_attacker(int me)
{
	int victim = 1 - me;
	pthread_mutex_lock(&lock);
	bool in_run = wait_until(is_held, victim);
	pthread_mutex_unlock(&lock);
	CHECK(in_run, "mod%d never got held inside its run", victim + 1);
	int key = gf_pkey_region_key(mods[victim].data);
	struct gf_pkey_stats st;
	gf_pkey_stats(&st);
	CHECK(key != st.park_key, "the held module's class has a key of its own");
	for (int k = GF_ACCESS_READ; k <= GF_ACCESS_WRITE; k++) {
		struct gf_fault f;
		uintptr_t at = mods[victim].data->base + 3000;
		tc_cases++;
		expect_cross_fault(me, tm_run(&mods[me], tm_access_snippet((gf_access)k), at, &f),
				   &f, at, (gf_access)k);
	}
	struct gf_fault f;
	tc_cases++;
	tc_expect_ok("module reads its own data while the other is held",
		     tm_run(&mods[me], TM_READ, mods[me].data->base + 3000, &f), &f);
	pthread_mutex_lock(&lock);
	released = true;
	pthread_cond_broadcast(&changed);
	pthread_mutex_unlock(&lock);
}

static pthread_barrier_t start;

static void *thread_main(void *arg)
{
	int me = (int)(intptr_t)arg;
	pthread_barrier_wait(&start);
	for (int round = 0; round < ROUNDS; round++)
		phase1_round(me, round);
	pthread_barrier_wait(&start);
	if (me == 0)
		phase2_victim(me);
	else
		phase2_attacker(me);
	return NULL;
}

int main(void)
{
	pkt_init("pkey_threads");
	CHECK(!gf_iso_process_wide(), "pkey takes no gate lock");
	arena = gf_region_create("kernel-arena", GF_REGION_ARENA,
				 GF_PRINCIPAL_KERNEL, 16 * 1024, GF_PERM_RW);
	for (int i = 0; i < 2; i++)
		CHECK(tm_module_create(i + 1, 4096, 16 * 1024, arena, &mods[i]) == 0,
		      "module %d", i + 1);
	gf_gate_set_handler(kernel);
	if (tc_failures)
		return tc_finish("pkey_threads", 0);

	pthread_t threads[2];
	pthread_barrier_init(&start, NULL, 2);
	for (int i = 0; i < 2; i++)
		pthread_create(&threads[i], NULL, thread_main, (void *)(intptr_t)i);
	for (int i = 0; i < 2; i++)
		pthread_join(threads[i], NULL);

	tc_cases += 2 * ROUNDS;
	printf("pkey_threads: %d of %d rounds met inside both runs at once; "
	       "%d failures in the rounds\n",
	       atomic_load(&meetings), ROUNDS, atomic_load(&check_failures));
	CHECK(atomic_load(&check_failures) == 0,
	      "every cross access faulted with the other's key, every own write landed");
	CHECK(atomic_load(&meetings) == ROUNDS && atomic_load(&missed_meetings) == 0,
	      "both runs overlapped in every round (%d met, %d missed)",
	      atomic_load(&meetings), atomic_load(&missed_meetings));
	CHECK(atomic_load(&pkru_wrong) == 0,
	      "%d kernel calls saw a wrong PKRU", atomic_load(&pkru_wrong));
	return tc_finish("pkey_threads", 2 * ROUNDS + 3);
}

/* test_threads.c — two threads, two modules, a process-wide backend: module
 * runs never overlap (the gate lock) and neither module ever sees the
 * other's regions open.
 *
 * usage: test_threads <backend>   (a process-wide one: mprotect)
 *
 * Host code may not touch regions while another thread runs a module (it
 * would see that module's view), so each module's blocks are written once
 * before the threads start and every check on region memory is made by the
 * kernel, inside a run.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "testmod.h"

#define ITERATIONS 400
#define NTHREADS 2

enum { REQ_ALONE = 1, REQ_VERIFY = 2, REQ_TOUCH = 3 };

static struct gf_module_domains mods[NTHREADS];
static const struct gf_region *arena;

static atomic_int in_run;          /* module runs inside their kernel call */
static atomic_int overlaps;        /* a run found another one running      */
static atomic_int alone_calls, verify_failures, runner_changes;
static atomic_int last_runner;

/* The blocks each module's runs read, in its data region. */
struct blocks {
	struct tm_gate_block alone_then_read_other; /* faults on the other's data */
	struct tm_gate_block verify_own_byte;       /* kernel checks our write    */
	struct tm_gate_block kernel_reads_other;    /* faults in kernel context   */
};
#define OWN_BYTE_OFFSET 1024

static uintptr_t kernel(uint32_t request, uintptr_t p0, uintptr_t p1, uintptr_t p2)
{
	(void)p2;
	int caller = gf_gate_caller();
	switch (request) {
	case REQ_ALONE:
		atomic_fetch_add(&alone_calls, 1);
		if (atomic_fetch_add(&in_run, 1) != 0)
			atomic_fetch_add(&overlaps, 1);
		if (atomic_exchange(&last_runner, caller) != caller)
			atomic_fetch_add(&runner_changes, 1);
		/* Linger, so that a run that should wait would overlap. */
		for (int i = 0; i < 2000; i++)
			if (atomic_load(&in_run) != 1) {
				atomic_fetch_add(&overlaps, 1);
				break;
			}
		*(volatile uint8_t *)(arena->base + 64 * caller) = (uint8_t)caller;
		atomic_fetch_sub(&in_run, 1);
		return 0;
	case REQ_VERIFY: {
		volatile uint8_t *own = (volatile uint8_t *)p0;
		if (*own != p1)
			atomic_fetch_add(&verify_failures, 1);
		*own = 0; /* so the next iteration's write is seen anew */
		return 1;
	}
	case REQ_TOUCH:
		tm_touch(GF_ACCESS_READ, p0);
		return 0;
	}
	return UINTPTR_MAX;
}

static void write_blocks(int i)
{
	const struct gf_module_domains *me = &mods[i], *other = &mods[1 - i];
	struct blocks *b = (struct blocks *)me->data->base;
	uintptr_t gate = (uintptr_t)gf_gate_entry();
	b->alone_then_read_other = (struct tm_gate_block){
		.gate = gate, .request = REQ_ALONE,
		.then_fn = tm_entry(me, TM_READ), .then_arg = other->data->base + 512};
	b->verify_own_byte = (struct tm_gate_block){
		.gate = gate, .request = REQ_VERIFY,
		.p0 = me->data->base + OWN_BYTE_OFFSET, .p1 = TM_WRITE_BYTE};
	b->kernel_reads_other = (struct tm_gate_block){
		.gate = gate, .request = REQ_TOUCH, .p0 = other->code->base + 8};
}

struct result {
	int cases, failures;
};

static pthread_barrier_t start;

static void *thread_main(void *arg)
{
	int i = (int)(intptr_t)arg;
	const struct gf_module_domains *me = &mods[i], *other = &mods[1 - i];
	struct blocks *b = (struct blocks *)me->data->base;
	struct result *r = calloc(1, sizeof *r);
	pthread_barrier_wait(&start);
	for (int n = 0; n < ITERATIONS; n++) {
		struct gf_fault f;
		int rc = tm_run(me, TM_GATE_THEN, (uintptr_t)&b->alone_then_read_other, &f);
		r->failures += !(rc == 1 && f.region == other->data && f.owner == other->module &&
				 f.access == GF_ACCESS_READ && f.context == GF_CTX_MODULE &&
				 f.caller == me->module && f.domain == me->self);
		rc = tm_run(me, TM_WRITE, me->data->base + OWN_BYTE_OFFSET, &f);
		r->failures += rc != 0;
		rc = tm_run(me, TM_GATE_THEN, (uintptr_t)&b->verify_own_byte, &f);
		r->failures += rc != 0;
		rc = tm_run(me, TM_GATE_THEN, (uintptr_t)&b->kernel_reads_other, &f);
		r->failures += !(rc == 1 && f.region == other->code &&
				 f.context == GF_CTX_KERNEL && f.domain == me->kernel_for &&
				 f.caller == me->module);
		r->cases += 4;
	}
	return r;
}

int main(int argc, char **argv)
{
	const char *backend = argc > 1 ? argv[1] : "mprotect";
	char name[64];
	snprintf(name, sizeof name, "isolation_threads_%s", backend);
	if (gf_iso_init(backend) != 0 || !gf_iso_process_wide()) {
		printf("%s: FAIL: backend %s unavailable or not process wide\n", name, backend);
		return 1;
	}
	arena = gf_region_create("kernel-arena", GF_REGION_ARENA, GF_PRINCIPAL_KERNEL,
				 4096, GF_PERM_RW);
	for (int i = 0; i < NTHREADS; i++) {
		CHECK(tm_module_create(i + 1, 4096, 16 * 1024, arena, &mods[i]) == 0, "module");
	}
	for (int i = 0; i < NTHREADS; i++)
		write_blocks(i);
	gf_gate_set_handler(kernel);

	pthread_t threads[NTHREADS];
	pthread_barrier_init(&start, NULL, NTHREADS);
	for (int i = 0; i < NTHREADS; i++)
		pthread_create(&threads[i], NULL, thread_main, (void *)(intptr_t)i);
	for (int i = 0; i < NTHREADS; i++) {
		struct result *r;
		pthread_join(threads[i], (void **)&r);
		tc_cases += r->cases;
		CHECK(r->failures == 0, "thread %d: %d of %d runs ended unexpectedly",
		      i + 1, r->failures, r->cases);
		printf("thread %d: %d runs: the other module's data and code faulted, "
		       "its own data worked\n", i + 1, r->cases);
		free(r);
	}
	CHECK(atomic_load(&alone_calls) == NTHREADS * ITERATIONS, "kernel calls %d",
	      atomic_load(&alone_calls));
	CHECK(atomic_load(&overlaps) == 0, "%d overlapping runs", atomic_load(&overlaps));
	CHECK(atomic_load(&verify_failures) == 0, "%d writes not seen by the kernel",
	      atomic_load(&verify_failures));
	printf("%d kernel calls, %d overlaps, runner changed %d times\n",
	       atomic_load(&alone_calls), atomic_load(&overlaps),
	       atomic_load(&runner_changes));
	return tc_finish(name, 36);
}

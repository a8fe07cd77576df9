/* test_fetch.c — the double-fetch detector (.harn.fetch, label oracle):
 * stand-in kernels behind the gate read a traced call's extra-parameter
 * array once, twice, or twice under a race, and the built-in kernel's
 * every service with an array is traced.  Usage: test_fetch BACKEND. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "decode.h"
#include "encode.h"
#include "harness.h"
#include "kernel.h"

/* What a stand-in kernel read of word 1 of the array. */
static uintptr_t first_read, second_read;

static uintptr_t word(uintptr_t array, int k)
{
	return ((const volatile uintptr_t *)array)[k];
}

/* Reads every word of a byte_pool_create array once (two words). */
static uintptr_t reads_once(uint32_t request, uintptr_t p0, uintptr_t p1,
			    uintptr_t p2)
{
	(void)request, (void)p0, (void)p1;
	(void)word(p2, 0);
	first_read = word(p2, 1);
	return GF_SUCCESS;
}

/* Checks word 1, then reads it again to use it. */
static uintptr_t reads_twice(uint32_t request, uintptr_t p0, uintptr_t p1,
			     uintptr_t p2)
{
	(void)request, (void)p0, (void)p1;
	first_read = word(p2, 1);
	second_read = word(p2, 1);
	return GF_SUCCESS;
}

/* Passes word 1 on by a push of memory, as ThreadX's dispatchers pass
 * their seventh argument: a form the tracer refuses to step. */
static uintptr_t pushes(uint32_t request, uintptr_t p0, uintptr_t p1,
			uintptr_t p2)
{
	uintptr_t v;

	(void)request, (void)p0, (void)p1;
	__asm__ volatile("pushq 8(%1)\n\tpopq %0" : "=r"(v) : "r"(p2) : "memory");
	first_read = v;
	return GF_SUCCESS;
}

/* One byte_pool_create by slot A, with the given flags and race (word 1
 * of the array: the pool size, to its maximum). */
static enum gf_verdict pool_create(gf_dispatch_fn kernel, uint8_t flags,
				   int race, char *title, size_t n)
{
	const struct gf_service *s = gf_service_by_name("byte_pool_create");
	struct gf_call_spec spec;
	struct gf_bytes o = {.n = 0};
	struct gf_input in;

	gf_call_spec_valid(&spec);
	spec.flags = flags;
	spec.race_word = race ? 2 : 0;
	spec.race_sel = 2; /* decode_scalar's mode 2: the maximum */
	gf_encode_call(&o, s, &spec);
	gf_input_init(&in, o.b, o.n);
	gf_harness_begin(o.b, o.n);
	if (kernel)
		gf_gate_set_handler(kernel);
	gf_harness_call(GF_SLOT_A, s, &in, flags);
	gf_gate_set_handler(gf_kernel_dispatch);
	gf_harness_end();
	return gf_harness_last(title, n);
}

/* A valid traced call of every built-in service with an array. */
static void every_service_traced(void)
{
	for (size_t i = 0; i < gf_service_count; i++) {
		const struct gf_service *s = &gf_services[i];
		struct gf_call_spec spec;
		struct gf_bytes o = {.n = 0};
		struct gf_input in;
		char title[160];

		if (s->nparams <= 3)
			continue;
		gf_call_spec_valid(&spec);
		spec.flags = GF_CALL_TRACED;
		gf_encode_call(&o, s, &spec);
		gf_input_init(&in, o.b, o.n);
		gf_harness_begin(o.b, o.n);
		gf_harness_call(GF_SLOT_A, s, &in, GF_CALL_TRACED);
		gf_harness_end();
		CHECK(gf_harness_last(title, sizeof title) != GF_VERDICT_BUG,
		      "%s traced: %s", s->full_name, title);
		CHECK(gf_harness_last_call()->plan.traced, "%s: not traced", s->full_name);
	}
}

int main(int argc, char **argv)
{
	const char *backend = argc > 1 ? argv[1] : "mprotect";
	char title[160];
	uintptr_t given, raced;

	setenv("GATEFUZZ_BACKEND", backend, 1);
	gf_harness_set_replay(1);

	CHECK(pool_create(reads_once, GF_CALL_TRACED, 0, title, sizeof title) == GF_VERDICT_OK,
	      "one read of each word: %s", title);
	given = gf_harness_last_call()->plan.args[3];
	CHECK(first_read == given, "read %#lx, the array holds %#lx",
	      (unsigned long)first_read, (unsigned long)given);

	CHECK(pool_create(reads_twice, GF_CALL_TRACED, 0, title, sizeof title) == GF_VERDICT_BUG &&
	      !strncmp(title, "double-fetch byte_pool_create ", 30),
	      "a word read twice: %s", title);
	CHECK(first_read == given && second_read == given,
	      "no race: both reads see %#lx (%#lx, %#lx)", (unsigned long)given,
	      (unsigned long)first_read, (unsigned long)second_read);

	CHECK(pool_create(reads_twice, GF_CALL_TRACED, 1, title, sizeof title) == GF_VERDICT_BUG,
	      "a word read twice under a race: %s", title);
	raced = gf_harness_last_call()->plan.race[3];
	CHECK(raced == 65536 && raced != given, "the race writes the maximum, not %#lx",
	      (unsigned long)raced);
	CHECK(first_read == given && second_read == raced,
	      "the first read sees the array (%#lx), the second the race (%#lx): %#lx, %#lx",
	      (unsigned long)given, (unsigned long)raced, (unsigned long)first_read,
	      (unsigned long)second_read);

	/* A read the tracer cannot step ends the input, unjudged. */
	CHECK(pool_create(pushes, GF_CALL_TRACED, 0, title, sizeof title) == GF_VERDICT_REJECTED,
	      "an untraceable read: %s", title);

	/* Untraced, the array is on the puppet's stack: nothing is seen. */
	CHECK(pool_create(reads_twice, 0, 0, title, sizeof title) == GF_VERDICT_OK,
	      "untraced: %s", title);

	every_service_traced();
	printf("fetch (%s): %s\n", gf_iso_backend(),
	       check_failures ? "FAILED" : "double fetches seen, single fetches clean");
	return check_failures ? 1 : 0;
}

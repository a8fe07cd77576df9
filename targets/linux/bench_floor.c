/* bench_floor.c — gf_bench_floor: the floor of a kernel call's isolation
 * cost in this sandbox (`gatefuzz bench throughput`, docs/performance.md).
 *
 * The isolation model cannot serve a call for less than opening the
 * kernel's view (the arena) on entry and closing it again before the
 * module runs on: one switch into a slot's kernel-for domain and one back
 * to its module domain.  This program times exactly that pair, on the
 * sandbox's own arena region, under the backend GATEFUZZ_BACKEND names,
 * and prints {"backend": ..., "pair_us": ...}.  The bench multiplies it by
 * the kernel calls an input makes to get the floor of an execution.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "sandbox.h"

#define PAIRS 20000

static double seconds(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(void)
{
	static struct gf_sandbox sb;
	const char *backend = getenv("GATEFUZZ_BACKEND");
	const struct gf_module_domains *d;
	char err[256];
	double start;

	if (gf_sandbox_init(&sb, backend ? backend : "auto", 1, err, sizeof err)) {
		fprintf(stderr, "gf_bench_floor: %s\n", err);
		return 2;
	}
	d = &sb.slot[0].dom;
	gf_domain_switch(d->self); /* the module's view: the pair starts here */
	start = seconds();
	for (int i = 0; i < PAIRS; i++) {
		gf_domain_switch(d->kernel_for);
		gf_domain_switch(d->self);
	}
	printf("{\"backend\": \"%s\", \"pair_us\": %.3f}\n", gf_iso_backend(),
	       (seconds() - start) * 1e6 / PAIRS);
	return 0;
}

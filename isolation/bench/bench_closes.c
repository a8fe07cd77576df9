/* bench_closes.c — what closing a module's memory costs: its code and its
 * data closed by an mprotect each, or by one over both
 * (.iso.switch.closes, isolation/backend_mprotect.c).
 *
 * usage: gf_bench_closes [--json FILE]
 *
 * The memory is laid out as the sandbox lays out a module: a 64 KiB code
 * region and a 128 KiB data region (targets/linux/sandbox.h), each its
 * own populated mapping, a guard page either side, in one PROT_NONE
 * reservation (isolation/region.c).  Per close, medians of BATCHES
 * batches of CLOSES:
 *   two calls      code, then data, each closed by its own mprotect (the
 *                  mprotect backend until 2026-12-06);
 *   one call       both closed by one mprotect over code, guards and data;
 *   open           both opened again, an mprotect each;
 *   first touches  a byte of each of the 48 pages read after the open:
 *                  where a hypervisor keeps page tables of its own, each
 *                  page's first access after its protection changed
 *                  costs it work, which no system call shows.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "bench_time.h"

#define PAGE 4096u
#define CODE_PAGES 16u
#define DATA_PAGES 32u
#define BATCHES 15
#define CLOSES 100

static char *code, *data;
static volatile char sink;

static int layout(void)
{
	size_t span = (1 + CODE_PAGES + 2 + DATA_PAGES + 1) * PAGE;
	char *r = mmap(NULL, span, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (r == MAP_FAILED)
		return -1;
	code = r + PAGE;
	data = code + (CODE_PAGES + 2) * PAGE;
	if (mmap(code, CODE_PAGES * PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED ||
	    mmap(data, DATA_PAGES * PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED)
		return -1;
	memset(code, 1, CODE_PAGES * PAGE);
	memset(data, 1, DATA_PAGES * PAGE);
	return mprotect(code, CODE_PAGES * PAGE, PROT_READ | PROT_EXEC);
}

static void touch(void)
{
	for (unsigned i = 0; i < CODE_PAGES; i++)
		sink += code[i * PAGE];
	for (unsigned i = 0; i < DATA_PAGES; i++)
		sink += data[i * PAGE];
}

/* One batch: the mean close (in one call or two), open and first
 * touches, each timed apart. */
static void batch(int together, double *close, double *open, double *touches)
{
	double t[4];

	*close = *open = *touches = 0;
	for (int i = 0; i < CLOSES; i++) {
		t[0] = gf_bench_now_ns();
		if (together) {
			mprotect(code, (size_t)(data - code) + DATA_PAGES * PAGE, PROT_NONE);
		} else {
			mprotect(code, CODE_PAGES * PAGE, PROT_NONE);
			mprotect(data, DATA_PAGES * PAGE, PROT_NONE);
		}
		t[1] = gf_bench_now_ns();
		mprotect(code, CODE_PAGES * PAGE, PROT_READ | PROT_EXEC);
		mprotect(data, DATA_PAGES * PAGE, PROT_READ | PROT_WRITE);
		t[2] = gf_bench_now_ns();
		touch();
		t[3] = gf_bench_now_ns();
		*close += (t[1] - t[0]) / CLOSES;
		*open += (t[2] - t[1]) / CLOSES;
		*touches += (t[3] - t[2]) / CLOSES;
	}
}

int main(int argc, char **argv)
{
	const char *json = argc == 3 && strcmp(argv[1], "--json") == 0 ? argv[2] : NULL;
	double v[5][BATCHES], m[5], ignored;
	FILE *out;

	if (argc != 1 && !json) {
		fprintf(stderr, "usage: %s [--json FILE]\n", argv[0]);
		return 2;
	}
	if (layout() != 0) {
		perror("gf_bench_closes: memory");
		return 1;
	}
	for (int b = 0; b < BATCHES; b++) {
		batch(0, &v[0][b], &v[2][b], &v[3][b]);
		batch(1, &v[1][b], &ignored, &v[4][b]);
	}
	for (int f = 0; f < 5; f++)
		m[f] = gf_bench_median(v[f], BATCHES);
	printf("closing a module's code and data (%u + %u pages), medians of %d batches "
	       "of %d:\n  two calls %.0f ns, one call %.0f ns; open %.0f ns; first touches "
	       "of the %u pages %.0f ns after two calls, %.0f ns after one\n",
	       CODE_PAGES, DATA_PAGES, BATCHES, CLOSES, m[0], m[1], m[2],
	       CODE_PAGES + DATA_PAGES, m[3], m[4]);
	if (!json)
		return 0;
	if (!(out = fopen(json, "w"))) {
		perror(json);
		return 1;
	}
	fprintf(out, "{\"code_pages\": %u, \"data_pages\": %u, \"batches\": %d, "
		"\"closes\": %d,\n \"rows\": [\n"
		"  {\"close\": \"two calls\", \"close_ns\": %.1f, \"first_touches_ns\": %.1f},\n"
		"  {\"close\": \"one call\", \"close_ns\": %.1f, \"first_touches_ns\": %.1f}\n"
		" ],\n \"open_ns\": %.1f}\n",
		CODE_PAGES, DATA_PAGES, BATCHES, CLOSES, m[0], m[3], m[1], m[4], m[2]);
	return fclose(out) != 0;
}

/* bench_dirty.c — what the write set pays per call to see every byte a
 * kernel call changed in its caller's memory, against what learning the
 * written pages from Linux would cost (harnesses/write_set.c).
 *
 * usage: gf_bench_dirty [--json FILE]
 *
 * The memory is what the write set compares: a 128 KiB data region and a
 * 4 KiB window, one mapping of 132 KiB here.  Each figure is per call,
 * with one or four of its pages written by the call, as a call writes its
 * outputs and the op's result:
 *   copy + compare    the copy taken before the call, compared after it
 *                     (the write set until 2026-12-06, late);
 *   update + compare  a copy kept, brought up to date page by page
 *                     before the call (gf_bytes_update), compared after
 *                     it: the write set now;
 *   uffd-wp scan      Linux's userfaultfd asynchronous write protection
 *                     (6.7 and later): the pages written fault once each
 *                     and are read back and protected again by one
 *                     PAGEMAP_SCAN.  Only the names of the written pages:
 *                     their bytes would still need a copy to compare
 *                     against, so this is less than that design's price.
 * Medians of BATCHES interleaved batches, each of CALLS calls.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "bench_time.h"
#include "isolation.h"

#define SIZE (132u * 1024)
#define PAGE 4096u
#define BATCHES 15
#define CALLS 2000

/* Linux 6.7's uapi (linux/fs.h, linux/userfaultfd.h), which Debian 12's
 * headers (6.1) lack; the kernel answers ENOTTY or EINVAL where it lacks
 * them, and the row says unavailable. */
#ifndef PAGEMAP_SCAN
struct page_region {
	uint64_t start, end, categories;
};
struct pm_scan_arg {
	uint64_t size, flags, start, end, walk_end, vec, vec_len, max_pages;
	uint64_t category_inverted, category_mask, category_anyof_mask, return_mask;
};
#define PAGE_IS_WRITTEN (1 << 1)
#define PM_SCAN_WP_MATCHING (1 << 0)
#define PM_SCAN_CHECK_WPASYNC (1 << 1)
#define PAGEMAP_SCAN _IOWR('f', 16, struct pm_scan_arg)
#endif
#ifndef UFFD_FEATURE_WP_ASYNC
#define UFFD_FEATURE_WP_UNPOPULATED (1 << 13)
#define UFFD_FEATURE_WP_ASYNC (1 << 15)
#endif

/* mem: compared with copy; tracked: the same size under write protection
 * (its own mapping, so the comparisons' writes never fault). */
static uint8_t *mem, *copy, *tracked;

/* A call's writes: one byte in each of `pages` pages spread over the
 * memory, a different value each call. */
static void call_writes(uint8_t *at, int pages, int call)
{
	for (int p = 0; p < pages; p++)
		at[(size_t)(p * 7 % (SIZE / PAGE)) * PAGE + (size_t)(call & 63)] = (uint8_t)call;
}

static int sink;

/* The write set's comparison: every page, as gf_ws_check looks at each
 * (one memcmp of everything would stop at the first difference). */
static int compare_pages(void)
{
	int same = 0;

	for (size_t off = 0; off < SIZE; off += PAGE)
		same += gf_bytes_equal(mem + off, copy + off, PAGE);
	return same;
}

/* Per call: the write set's step before the call (a whole copy, or the
 * kept copy brought up to date), the call's writes, its comparison. */
static double compared(void (*before)(void *, const void *, size_t), int pages)
{
	double t0 = gf_bench_now_ns();

	for (int c = 0; c < CALLS; c++) {
		before(copy, mem, SIZE);
		call_writes(mem, pages, c);
		sink += compare_pages();
	}
	return (gf_bench_now_ns() - t0) / CALLS;
}

struct uffd {
	int fd, pagemap;
	struct pm_scan_arg scan;
	struct page_region found[SIZE / PAGE];
};

/* 0, or -1 with the reason in why. */
static int uffd_open(struct uffd *u, const char **why)
{
	struct uffdio_api api = {.api = UFFD_API,
				 .features = UFFD_FEATURE_WP_ASYNC | UFFD_FEATURE_WP_UNPOPULATED};
	struct uffdio_register reg = {.range = {(uintptr_t)tracked, SIZE},
				      .mode = UFFDIO_REGISTER_MODE_WP};

	u->fd = (int)syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK | UFFD_USER_MODE_ONLY);
	if (u->fd < 0)
		return *why = "userfaultfd refused", -1;
	if (ioctl(u->fd, UFFDIO_API, &api) != 0)
		return *why = "no asynchronous write protection (Linux < 6.7)", -1;
	if (ioctl(u->fd, UFFDIO_REGISTER, &reg) != 0)
		return *why = "UFFDIO_REGISTER refused", -1;
	u->pagemap = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
	u->scan = (struct pm_scan_arg){
		.size = sizeof u->scan,
		.flags = PM_SCAN_WP_MATCHING | PM_SCAN_CHECK_WPASYNC,
		.start = (uintptr_t)tracked,
		.end = (uintptr_t)tracked + SIZE,
		.vec = (uintptr_t)u->found,
		.vec_len = SIZE / PAGE,
		.category_mask = PAGE_IS_WRITTEN,
		.return_mask = PAGE_IS_WRITTEN,
	};
	if (u->pagemap < 0 || ioctl(u->pagemap, PAGEMAP_SCAN, &u->scan) < 0)
		return *why = "no PAGEMAP_SCAN (Linux < 6.7)", -1;
	return 0;
}

static double uffd_scan(struct uffd *u, int pages)
{
	double t0 = gf_bench_now_ns();

	for (int c = 0; c < CALLS; c++) {
		call_writes(tracked, pages, c);
		sink += (int)ioctl(u->pagemap, PAGEMAP_SCAN, &u->scan);
	}
	return (gf_bench_now_ns() - t0) / CALLS;
}

static const int PAGES[] = {1, 4};
#define NPAGES ((int)(sizeof PAGES / sizeof PAGES[0]))

int main(int argc, char **argv)
{
	const char *json = argc == 3 && strcmp(argv[1], "--json") == 0 ? argv[2] : NULL;
	double v[3][NPAGES][BATCHES], m[3][NPAGES];
	const char *why = NULL;
	struct uffd u;
	int have_uffd;
	FILE *out;

	if (argc != 1 && !json) {
		fprintf(stderr, "usage: %s [--json FILE]\n", argv[0]);
		return 2;
	}
	mem = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	tracked = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	copy = malloc(SIZE);
	if (mem == MAP_FAILED || tracked == MAP_FAILED || !copy) {
		perror("gf_bench_dirty: memory");
		return 1;
	}
	memset(mem, 0x5a, SIZE);
	memset(tracked, 0x5a, SIZE);
	have_uffd = uffd_open(&u, &why) == 0;
	for (int b = 0; b < BATCHES; b++)
		for (int k = 0; k < NPAGES; k++) {
			v[0][k][b] = compared(gf_bytes_copy, PAGES[k]);
			v[1][k][b] = compared(gf_bytes_update, PAGES[k]);
			v[2][k][b] = have_uffd ? uffd_scan(&u, PAGES[k]) : 0;
		}
	for (int f = 0; f < 3; f++)
		for (int k = 0; k < NPAGES; k++)
			m[f][k] = gf_bench_median(v[f][k], BATCHES);
	printf("per call over %u KiB, medians of %d batches of %d calls:\n", SIZE / 1024,
	       BATCHES, CALLS);
	for (int k = 0; k < NPAGES; k++) {
		printf("  %d page(s) written: copy + compare %.0f ns, update + compare %.0f ns, ",
		       PAGES[k], m[0][k], m[1][k]);
		if (have_uffd)
			printf("uffd-wp scan %.0f ns\n", m[2][k]);
		else
			printf("uffd-wp scan unavailable: %s\n", why);
	}
	if (!json)
		return 0;
	if (!(out = fopen(json, "w"))) {
		perror(json);
		return 1;
	}
	fprintf(out, "{\"bytes\": %u, \"batches\": %d, \"calls\": %d, \"uffd_wp\": %s%s%s,\n"
		" \"rows\": [", SIZE, BATCHES, CALLS, have_uffd ? "\"available\"" : "\"",
		have_uffd ? "" : why, have_uffd ? "" : "\"");
	for (int k = 0; k < NPAGES; k++) {
		fprintf(out, "%s\n  {\"pages_written\": %d, \"copy_compare_ns\": %.1f, "
			"\"update_compare_ns\": %.1f, \"uffd_wp_scan_ns\": ", k ? "," : "",
			PAGES[k], m[0][k], m[1][k]);
		if (have_uffd)
			fprintf(out, "%.1f}", m[2][k]);
		else
			fprintf(out, "null}");
	}
	fprintf(out, "\n ]}\n");
	return fclose(out) != 0 || sink == -1;
}

/* mem_linux.c — the isolation core's memory on Linux: the span reserved
 * and regions mapped with mmap, permissions applied with mprotect. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "iso_internal.h"

int gf_perm_prot(gf_perm p)
{
	return ((p & GF_PERM_R) ? PROT_READ : 0) |
	       ((p & GF_PERM_W) ? PROT_WRITE : 0) |
	       ((p & GF_PERM_X) ? PROT_EXEC : 0);
}

int gf_mem_reserve(uintptr_t base, size_t size, size_t *page)
{
	*page = (size_t)sysconf(_SC_PAGESIZE);
	/* NORESERVE: the reservation itself costs no commit charge.
	 * FIXED_NOREPLACE: fail rather than take over someone's mapping. */
	void *want = (void *)base;
	void *got = mmap(want, size, PROT_NONE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE |
				 MAP_FIXED_NOREPLACE,
			 -1, 0);
	if (got == MAP_FAILED) {
		fprintf(stderr,
			"gatefuzz: isolation: cannot reserve the span at %#llx (%llu MiB): %s\n",
			(unsigned long long)base, (unsigned long long)size >> 20,
			strerror(errno));
		return -1;
	}
	if (got != want) { /* Linux < 4.17 takes the flag as a mere hint */
		munmap(got, size);
		fprintf(stderr,
			"gatefuzz: isolation: the span at %#llx is taken (kernel ignored MAP_FIXED_NOREPLACE)\n",
			(unsigned long long)base);
		return -1;
	}
	return 0;
}

int gf_mem_map(uintptr_t base, size_t size, gf_perm p, const char *name)
{
	/* The region gets its own mapping over the reservation: being
	 * accounted (no NORESERVE) its VMA never merges with the guards, so
	 * a later mprotect of the whole region changes one VMA in place
	 * instead of splitting and merging neighbours (about twice as fast). */
	if (mmap((void *)base, size, gf_perm_prot(p),
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED) {
		fprintf(stderr, "gatefuzz: isolation: mapping region %s: %s\n",
			name, strerror(errno));
		return -1;
	}
	return 0;
}

int gf_mem_protect(uintptr_t base, size_t size, gf_perm p)
{
	return mprotect((void *)base, size, gf_perm_prot(p));
}

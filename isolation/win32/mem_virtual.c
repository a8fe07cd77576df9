/* mem_virtual.c — the isolation core's memory on Windows: the span
 * reserved and regions committed with VirtualAlloc, permissions applied
 * with VirtualProtect.
 *
 * .iso.win32.span: the span is one MEM_RESERVE at GF_SPAN_BASE and each
 * region a MEM_COMMIT inside it.  A reservation's base must be 64 KiB
 * aligned, a commit only page aligned, so committing inside one
 * reservation keeps Linux's page-granular layout: every region, guard and
 * hole has the same address as on Linux (.iso.fixed), and guards and holes
 * are reserved, uncommitted pages that fault on any access and that no
 * other allocation can take.
 */
#include <windows.h>

#include <stdio.h>

#include "iso_internal.h"

unsigned long gf_win32_protection(gf_perm p)
{
	/* x86 page tables cannot express write-only or execute-only (as on
	 * Linux, where PROT_WRITE implies read): those get the read they
	 * imply. */
	static const DWORD by_perm[8] = {
		[GF_PERM_NONE] = PAGE_NOACCESS,
		[GF_PERM_R] = PAGE_READONLY,
		[GF_PERM_W] = PAGE_READWRITE,
		[GF_PERM_RW] = PAGE_READWRITE,
		[GF_PERM_X] = PAGE_EXECUTE_READ,
		[GF_PERM_RX] = PAGE_EXECUTE_READ,
		[GF_PERM_W | GF_PERM_X] = PAGE_EXECUTE_READWRITE,
		[GF_PERM_RW | GF_PERM_X] = PAGE_EXECUTE_READWRITE,
	};
	return by_perm[p & 7];
}

int gf_mem_reserve(uintptr_t base, size_t size, size_t *page)
{
	SYSTEM_INFO si;
	GetSystemInfo(&si);
	*page = si.dwPageSize;
	/* Given an address, VirtualAlloc reserves exactly there or fails: it
	 * never takes over another allocation. */
	if (VirtualAlloc((void *)base, size, MEM_RESERVE, PAGE_NOACCESS) !=
	    (void *)base) {
		fprintf(stderr,
			"gatefuzz: isolation: cannot reserve the span at %#llx (%llu MiB): error %lu\n",
			(unsigned long long)base, (unsigned long long)size >> 20,
			GetLastError());
		return -1;
	}
	return 0;
}

int gf_mem_map(uintptr_t base, size_t size, gf_perm p, const char *name)
{
	/* Committed pages read as zeroes. */
	if (VirtualAlloc((void *)base, size, MEM_COMMIT,
			 gf_win32_protection(p)) != (void *)base) {
		fprintf(stderr, "gatefuzz: isolation: committing region %s: error %lu\n",
			name, GetLastError());
		return -1;
	}
	return 0;
}

int gf_mem_protect(uintptr_t base, size_t size, gf_perm p)
{
	DWORD old;
	if (!VirtualProtect((void *)base, size, gf_win32_protection(p), &old))
		return -1;
	/* The API's contract after writing code (gf_region_fill); x86 keeps
	 * its caches coherent, so this is cheap. */
	if (p & GF_PERM_X)
		FlushInstructionCache(GetCurrentProcess(), (void *)base, size);
	return 0;
}

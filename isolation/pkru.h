/* pkru.h — the PKRU register: reading, writing, and its bit layout.
 *
 * PKRU holds two bits per protection key k: AD (bit 2k, access disable)
 * and WD (bit 2k+1, write disable).  RDPKRU and WRPKRU raise #UD (SIGILL)
 * unless the kernel enabled protection keys (CR4.OSPKE), so they may run
 * only after pkey_alloc() succeeded (.iso.pkey.probe).  These are our own
 * inline instructions rather than glibc's pkey_set/pkey_get: no call, no
 * read-modify-write of the other keys, and the compiler sees a memory
 * clobber, so no load or store is moved across a change of rights.
 */
#ifndef GATEFUZZ_PKRU_H
#define GATEFUZZ_PKRU_H

#include <stdint.h>

#define GF_PKEY_COUNT 16 /* keys 0..15; key 0 is every page's default */

static inline uint32_t gf_pkru_ad(int key)
{
	return 1u << (2 * key);
}

static inline uint32_t gf_pkru_wd(int key)
{
	return 2u << (2 * key);
}

/* AD on keys 1..15, key 0 untouched: nothing but default memory.  This is
 * also the value the kernel gives a new process and every signal handler.
 * .iso.pkey.key0: no value this backend writes ever sets key 0's bits,
 * because stacks, the alternate signal stack, TLS, libc and the core's
 * tables all carry key 0. */
#define GF_PKRU_ONLY_KEY0 0x55555554u

static inline uint32_t gf_rdpkru(void)
{
	uint32_t eax, edx;
	__asm__ volatile("rdpkru" : "=a"(eax), "=d"(edx) : "c"(0));
	return eax;
}

static inline void gf_wrpkru(uint32_t pkru)
{
	__asm__ volatile("wrpkru" : : "a"(pkru), "c"(0), "d"(0) : "memory");
}

#endif

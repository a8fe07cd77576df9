/* bytes.c — copies and compares of region memory at memory speed.
 *
 * Under ASan (libFuzzer's builds) memcpy and memcmp are the sanitizer's:
 * they check both ranges in the shadow and hand every comparison to the
 * fuzzer, which is cost with nothing to find for the harness's copies of
 * memory it laid out itself (a twentieth of an execution).  There the C
 * library's own, found behind the sanitizer's (dlsym RTLD_NEXT, once at
 * start-up), are called instead: they are vectorised for the CPU at hand,
 * two to four times a plain loop's speed on these machines
 * (docs/performance.md).  Elsewhere memcpy and memcmp are the library's
 * already.
 */
#define _GNU_SOURCE
#include <string.h>

#include "isolation.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GF_BYTES_BEHIND_ASAN 1
#endif
#endif

#ifdef GF_BYTES_BEHIND_ASAN
#include <dlfcn.h>

static void *(*copy_fn)(void *, const void *, size_t) = memcpy;
static int (*compare_fn)(const void *, const void *, size_t) = memcmp;

__attribute__((constructor)) static void use_the_c_library(void)
{
	void *copy = dlsym(RTLD_NEXT, "memcpy"), *compare = dlsym(RTLD_NEXT, "memcmp");

	if (copy && compare) { /* else the sanitizer's: slower, the same result */
		copy_fn = (void *(*)(void *, const void *, size_t))copy;
		compare_fn = (int (*)(const void *, const void *, size_t))compare;
	}
}
#else
#define copy_fn memcpy
#define compare_fn memcmp
#endif

void gf_bytes_copy(void *dst, const void *src, size_t n)
{
	copy_fn(dst, src, n);
}

int gf_bytes_equal(const void *a, const void *b, size_t n)
{
	return compare_fn(a, b, n) == 0;
}

void gf_bytes_update(void *dst, const void *src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	for (size_t off = 0; off < n; off += GF_BYTES_PAGE) {
		size_t k = n - off < GF_BYTES_PAGE ? n - off : GF_BYTES_PAGE;
		if (compare_fn(d + off, s + off, k) != 0)
			copy_fn(d + off, s + off, k);
	}
}

/* bytes.c — copies and compares of region memory at memory speed.
 *
 * Under ASan a memcpy or memcmp is the sanitizer's: it checks both ranges
 * in the shadow and, under libFuzzer, hands the comparison to the fuzzer,
 * which is cost with nothing to find for the harness's own copies of
 * memory it laid out itself.  These loops are not sanitized (UBSan's
 * checks on every word kept them from vectorising), and under clang may
 * not become library calls again (no_builtin; gcc's builds have no
 * sanitizer to avoid): a word at a time, with no early exit inside the
 * comparison.
 */
#include <stdint.h>

#include "isolation.h"

#if defined(__clang__)
#define GF_RAW_BYTES \
	__attribute__((no_sanitize("address", "undefined"), no_builtin("memcpy", "memcmp")))
#else
#define GF_RAW_BYTES __attribute__((no_sanitize("address", "undefined")))
#endif

/* A word at any alignment, aliasing anything. */
typedef uint64_t word __attribute__((may_alias, aligned(1)));

GF_RAW_BYTES void gf_bytes_copy(void *dst, const void *src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;
	size_t i = 0;

	for (; i + 8 <= n; i += 8)
		*(word *)(void *)(d + i) = *(const word *)(const void *)(s + i);
	for (; i < n; i++)
		d[i] = s[i];
}

GF_RAW_BYTES int gf_bytes_equal(const void *a, const void *b, size_t n)
{
	const uint8_t *x = a, *y = b;
	uint64_t diff = 0;
	size_t i = 0;

	for (; i + 8 <= n; i += 8)
		diff |= *(const word *)(const void *)(x + i) ^ *(const word *)(const void *)(y + i);
	for (; i < n; i++)
		diff |= (uint64_t)(x[i] ^ y[i]);
	return diff == 0;
}

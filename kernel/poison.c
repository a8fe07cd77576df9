/* poison.c — the arena's poison (.kern.poison): filling free space with the
 * pattern of kernel_interface/poison_pattern.c and checking it is intact.
 */
#include "poison.h"

#include <string.h>

#include "arena.h"
#include "kernel.h"

void gf_poison_fill(uint32_t offset, uint32_t len)
{
	gf_poison_span(gf_arena_base() + offset, offset, len);
}

uint32_t gf_poison_first_clean(uint32_t offset, uint32_t len)
{
	/* 64 bytes at a time, without an early exit inside a chunk so the
	 * compiler can vectorise: integrity runs after every fuzz input and
	 * checks all free space (.kern.integrity). */
	const uint8_t *a = gf_arena_base();
	uint8_t pattern[8];
	uint64_t want, got, diff;
	uint32_t i = offset, end = offset + len;

	for (int k = 0; k < 8; k++)
		pattern[k] = gf_poison_byte((uintptr_t)k);
	memcpy(&want, pattern, sizeof want);
	for (; i + 64 <= end; i += 64) {
		diff = 0;
		for (uint32_t k = 0; k < 64; k += 8) {
			memcpy(&got, a + i + k, sizeof got);
			diff |= got ^ want;
		}
		if (diff)
			break;
	}
	for (; i < end; i++)
		if (a[i] != pattern[i & 7])
			return i;
	return end;
}

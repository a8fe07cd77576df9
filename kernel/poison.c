/* poison.c — the arena's poison pattern (.kern.poison).
 *
 * An 8-byte period of distinct bytes, all >= 0x80 and none 0x00 or 0xff:
 * nothing a module writes by accident (zeroes, ASCII, all-ones) looks like
 * it, and the byte alone gives its phase, so a run of poison copied
 * anywhere is recognised (gf_poison_match).
 */
#include "poison.h"

#include <string.h>

#include "arena.h"
#include "kernel.h"

static const uint8_t pattern[8] = {0xf1, 0x9e, 0xc3, 0xb7,
				   0xe5, 0x8d, 0xd9, 0xab};

uint8_t gf_poison_byte(uintptr_t arena_offset)
{
	return pattern[arena_offset & 7];
}

int gf_poison_match(const uint8_t *p, size_t len)
{
	int phase = -1;

	if (len == 0)
		return -1;
	for (int k = 0; k < 8; k++)
		if (pattern[k] == p[0])
			phase = k;
	if (phase < 0)
		return -1;
	for (size_t i = 1; i < len; i++)
		if (p[i] != pattern[(phase + i) & 7])
			return -1;
	return phase;
}

void gf_poison_fill(uint32_t offset, uint32_t len)
{
	uint8_t *a = gf_arena_base();

	for (uint32_t i = offset; i < offset + len; i++)
		a[i] = pattern[i & 7];
}

uint32_t gf_poison_first_clean(uint32_t offset, uint32_t len)
{
	/* 64 bytes at a time, without an early exit inside a chunk so the
	 * compiler can vectorise: integrity runs after every fuzz input and
	 * checks all free space (.kern.integrity). */
	const uint8_t *a = gf_arena_base();
	uint64_t want, got, diff;
	uint32_t i = offset, end = offset + len;

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

/* poison_pattern.c — the poison pattern every kernel under test fills its
 * arena's free space with (.kern.poison), so that the oracle recognises
 * arena bytes wherever a kernel copies them.
 *
 * An 8-byte period of distinct bytes, all >= 0x80 and none 0x00 or 0xff:
 * nothing a module writes by accident (zeroes, ASCII, all-ones) looks like
 * it, and the byte alone gives its phase, so a run of poison copied
 * anywhere is recognised (gf_poison_match).
 */
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

void gf_poison_span(uint8_t *base, uintptr_t arena_offset, size_t len)
{
	for (size_t i = 0; i < len; i++)
		base[i] = pattern[(arena_offset + i) & 7];
}

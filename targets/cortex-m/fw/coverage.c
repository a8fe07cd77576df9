/* coverage.c — the sanitizer-coverage hooks (this file itself is never
 * instrumented).
 *
 * trace-pc: every basic block calls __sanitizer_cov_trace_pc; the edge
 * (previous block, this block) bumps one map byte, AFL style.
 * trace-cmp: every comparison with a constant reports its operands; the
 * number of equal low-order bytes becomes an edge of its own, so matching
 * a multi-byte constant one more byte is new coverage and afl-fuzz solves
 * it a byte at a time (what laf-intel's comparison splitting gives
 * clang builds; GCC has no cmplog).  Bytes rather than bits: an edge per
 * equal bit floods the queue with near misses of every bounds check.
 */
#include "coverage.h"

#include <string.h>

_Static_assert(GF_COV_MAP_SIZE == 1u << 13, "location() makes 13-bit indices");

uint8_t gf_cov_map[GF_COV_MAP_SIZE];
static uint32_t previous;

void gf_cov_reset(void)
{
	memset(gf_cov_map, 0, sizeof gf_cov_map);
	previous = 0;
}

static uint32_t location(uintptr_t pc)
{
	return ((uint32_t)pc * 0x9e3779b1u) >> 19; /* 13 bits: GF_COV_MAP_SIZE */
}

void __sanitizer_cov_trace_pc(void)
{
	uint32_t here = location((uintptr_t)__builtin_return_address(0));
	gf_cov_map[(here ^ previous) & (GF_COV_MAP_SIZE - 1)]++;
	previous = here >> 1;
}

static void compared(uintptr_t pc, uint64_t a, uint64_t b, unsigned bytes)
{
	uint64_t diff = a ^ b;
	unsigned equal = 0;
	while (equal < bytes && !(diff & 0xff)) {
		diff >>= 8;
		equal++;
	}
	if (equal)
		gf_cov_map[(location(pc) + equal) & (GF_COV_MAP_SIZE - 1)]++;
}

/* __sanitizer_cov_trace_const_cmpN: N is the operand width in bytes.  Only
 * comparisons with a constant feed the map: those are the magic values an
 * input must hit; variable-to-variable comparisons (loop bounds, lengths)
 * would flood the queue with inputs that differ only in how close two
 * runtime values came, so their hooks record nothing. */
#define CMP_HOOKS(bytes, type)                                                 \
	void __sanitizer_cov_trace_const_cmp##bytes(type a, type b)            \
	{                                                                      \
		compared((uintptr_t)__builtin_return_address(0), a, b, bytes); \
	}                                                                      \
	void __sanitizer_cov_trace_cmp##bytes(type a, type b)                  \
	{                                                                      \
		(void)a, (void)b;                                              \
	}
CMP_HOOKS(1, uint8_t)
CMP_HOOKS(2, uint16_t)
CMP_HOOKS(4, uint32_t)
CMP_HOOKS(8, uint64_t)

/* cases[0] = number of cases, cases[1] = their width in bits, then the
 * case values. */
void __sanitizer_cov_trace_switch(uint64_t value, uint64_t *cases)
{
	uintptr_t pc = (uintptr_t)__builtin_return_address(0);
	for (uint64_t i = 0; i < cases[0]; i++)
		compared(pc + i, value, cases[2 + i], (unsigned)(cases[1] / 8));
}

/* kut_state.c — ThreadX's state outside the arena (.tx.state): the
 * globals of ThreadX and of its port, gathered by state.ld into two spans
 * (initialised and zeroed data) that are saved once after the fixture and
 * restored before every input, beside the sandbox's own copies of the
 * arena and the module regions; and saved once more in the kept state
 * (.harn.fixture.full.kept).
 */
#include <stdint.h>
#include <stdlib.h>

#include "kernel.h"

extern uint64_t gf_threadx_data_start[], gf_threadx_data_end[];
extern uint64_t gf_threadx_bss_start[], gf_threadx_bss_end[];

static struct span {
	uint64_t *start, *end, *saved[GF_KERNEL_SAVES];
} spans[] = {
	{gf_threadx_data_start, gf_threadx_data_end, {NULL}},
	{gf_threadx_bss_start, gf_threadx_bss_end, {NULL}},
};
#define NSPANS (sizeof spans / sizeof spans[0])

/* Word by word and unsanitized: under ASan a span holds the redzones of
 * ThreadX's globals, which a checked copy would report. */
__attribute__((no_sanitize("address"))) static void copy_words(volatile uint64_t *dst,
							       const volatile uint64_t *src,
							       size_t n)
{
	for (size_t i = 0; i < n; i++)
		dst[i] = src[i];
}

__attribute__((no_sanitize("address"))) static int same_words(const volatile uint64_t *a,
							      const volatile uint64_t *b,
							      size_t n)
{
	uint64_t diff = 0;

	for (size_t i = 0; i < n; i++)
		diff |= a[i] ^ b[i];
	return diff == 0;
}

static size_t words(const struct span *s)
{
	return (size_t)(s->end - s->start);
}

int gf_kernel_snapshot(enum gf_kernel_save save)
{
	for (size_t i = 0; i < NSPANS; i++) {
		struct span *s = &spans[i];
		if (!s->saved[save])
			s->saved[save] = malloc(words(s) * sizeof *s->start + 1);
		if (!s->saved[save])
			return -1;
		copy_words(s->saved[save], s->start, words(s));
	}
	return 0;
}

void gf_kernel_restore(enum gf_kernel_save save)
{
	for (size_t i = 0; i < NSPANS; i++)
		if (spans[i].saved[save])
			copy_words(spans[i].start, spans[i].saved[save], words(&spans[i]));
}

int gf_kernel_unchanged(enum gf_kernel_save save)
{
	for (size_t i = 0; i < NSPANS; i++)
		if (!spans[i].saved[save] ||
		    !same_words(spans[i].start, spans[i].saved[save], words(&spans[i])))
			return 0;
	return 1;
}

/* kut_state.c — ThreadX's state outside the arena (.tx.state): the
 * globals of ThreadX and of its port, gathered by state.ld into two spans
 * (initialised and zeroed data) that are saved once after the fixture and
 * restored before every input, beside the sandbox's own copies of the
 * arena and the module regions.
 */
#include <stdint.h>
#include <stdlib.h>

#include "kernel.h"

extern uint64_t gf_threadx_data_start[], gf_threadx_data_end[];
extern uint64_t gf_threadx_bss_start[], gf_threadx_bss_end[];

static struct span {
	uint64_t *start, *end, *saved;
} spans[] = {
	{gf_threadx_data_start, gf_threadx_data_end, NULL},
	{gf_threadx_bss_start, gf_threadx_bss_end, NULL},
};

/* Word by word and unsanitized: under ASan a span holds the redzones of
 * ThreadX's globals, which a checked copy would report. */
__attribute__((no_sanitize("address"))) static void copy_words(volatile uint64_t *dst,
							       const volatile uint64_t *src,
							       size_t n)
{
	for (size_t i = 0; i < n; i++)
		dst[i] = src[i];
}

void gf_kernel_snapshot(void)
{
	for (size_t i = 0; i < sizeof spans / sizeof spans[0]; i++) {
		struct span *s = &spans[i];
		size_t n = (size_t)(s->end - s->start);
		if (!s->saved)
			s->saved = malloc(n * sizeof *s->saved + 1);
		if (s->saved)
			copy_words(s->saved, s->start, n);
	}
}

void gf_kernel_restore(void)
{
	for (size_t i = 0; i < sizeof spans / sizeof spans[0]; i++)
		if (spans[i].saved)
			copy_words(spans[i].start, spans[i].saved,
				   (size_t)(spans[i].end - spans[i].start));
}

/* kut_state.c — ThreadX's state outside the arena (.tx.state): the
 * globals of ThreadX and of its port, gathered by state.ld into one span
 * that is saved once after the fixture and restored before every input,
 * beside the sandbox's own copies of the arena and the module regions.
 */
#include <stdint.h>
#include <stdlib.h>

#include "kernel.h"

extern uint8_t gf_threadx_state_start[], gf_threadx_state_end[];

static uint64_t *saved;

/* Word by word and unsanitized: under ASan the span holds the redzones of
 * ThreadX's globals, which a checked copy would report. */
__attribute__((no_sanitize("address"))) static void copy_words(volatile uint64_t *dst,
							       const volatile uint64_t *src,
							       size_t n)
{
	for (size_t i = 0; i < n; i++)
		dst[i] = src[i];
}

static size_t state_words(void)
{
	return (size_t)(gf_threadx_state_end - gf_threadx_state_start) / 8;
}

void gf_kernel_snapshot(void)
{
	if (!saved)
		saved = malloc(state_words() * 8);
	if (saved)
		copy_words(saved, (const uint64_t *)gf_threadx_state_start, state_words());
}

void gf_kernel_restore(void)
{
	if (saved)
		copy_words((uint64_t *)gf_threadx_state_start, saved, state_words());
}

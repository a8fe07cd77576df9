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

/* A span's bytes; under ASan they hold the redzones of ThreadX's
 * globals, which gf_bytes_copy and gf_bytes_equal, the C library's and not
 * the sanitizer's, read without a report. */
static size_t bytes(const struct span *s)
{
	return (size_t)(s->end - s->start) * sizeof *s->start;
}

int gf_kernel_snapshot(enum gf_kernel_save save)
{
	for (size_t i = 0; i < NSPANS; i++) {
		struct span *s = &spans[i];
		if (!s->saved[save])
			s->saved[save] = malloc(bytes(s) + 1);
		if (!s->saved[save])
			return -1;
		gf_bytes_copy(s->saved[save], s->start, bytes(s));
	}
	return 0;
}

void gf_kernel_restore(enum gf_kernel_save save)
{
	for (size_t i = 0; i < NSPANS; i++)
		if (spans[i].saved[save])
			gf_bytes_copy(spans[i].start, spans[i].saved[save], bytes(&spans[i]));
}

int gf_kernel_unchanged(enum gf_kernel_save save)
{
	for (size_t i = 0; i < NSPANS; i++)
		if (!spans[i].saved[save] ||
		    !gf_bytes_equal(spans[i].start, spans[i].saved[save], bytes(&spans[i])))
			return 0;
	return 1;
}

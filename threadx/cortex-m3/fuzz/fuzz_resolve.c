/* fuzz_resolve.c — records of a fuzz input resolved into calls against
 * this run's layout (fuzz_resolve.h). */
#include "fuzz_resolve.h"

static unsigned long within(unsigned long base, unsigned long size, uint32_t value)
{
	return size ? base + value % size : base;
}

static unsigned long param(const struct gf_fuzz_world *w, uint8_t class, uint32_t value)
{
	const TXM_MODULE_INSTANCE *a = w->a_instance, *b = w->b_instance;
	switch (class % GF_FUZZ_CLASSES) {
	case GF_FUZZ_SCRATCH:
		return within(w->a.scratch, w->a.scratch_size, value);
	case GF_FUZZ_OBJECT:
		return w->a.object[value % GF_PROGRAM_OBJECTS];
	case GF_FUZZ_B_OBJECT:
		return w->b_object[value % 3];
	case GF_FUZZ_KERNEL:
		return within(w->kernel, w->kernel_size, value);
	case GF_FUZZ_NULL:
		return 0;
	case GF_FUZZ_A_CODE:
		return within((unsigned long)a->txm_module_instance_code_start,
			      a->txm_module_instance_code_size, value);
	case GF_FUZZ_B_DATA:
		return within((unsigned long)b->txm_module_instance_module_data_base_address,
			      b->txm_module_instance_preamble_ptr->txm_module_preamble_data_size, value);
	default:
		return value;
	}
}

void gf_fuzz_extras(const struct gf_fuzz_world *w)
{
	unsigned long *s = (unsigned long *)w->a.scratch;
	if (w->a.scratch_size < GF_FUZZ_QUEUE_AREA + 256)
		return;
	s[GF_FUZZ_EXTRA_SEMAPHORE / 4] = 1;
	s[GF_FUZZ_EXTRA_SEMAPHORE / 4 + 1] = sizeof(TX_SEMAPHORE);
	s[GF_FUZZ_EXTRA_MUTEX / 4] = TX_NO_INHERIT;
	s[GF_FUZZ_EXTRA_MUTEX / 4 + 1] = sizeof(TX_MUTEX);
	s[GF_FUZZ_EXTRA_QUEUE / 4] = TX_1_ULONG;
	s[GF_FUZZ_EXTRA_QUEUE / 4 + 1] = w->a.scratch + GF_FUZZ_QUEUE_AREA;
	s[GF_FUZZ_EXTRA_QUEUE / 4 + 2] = 256;
	s[GF_FUZZ_EXTRA_QUEUE / 4 + 3] = sizeof(TX_QUEUE);
}

static uint32_t word(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

unsigned gf_fuzz_resolve(const uint8_t *in, size_t len, const struct gf_fuzz_world *w,
			 struct gf_program_call *out, uint8_t (*classes)[3], unsigned max)
{
	unsigned n = 0;
	for (; n < max && (size_t)(n + 1) * GF_FUZZ_RECORD <= len; n++) {
		const uint8_t *r = in + (size_t)n * GF_FUZZ_RECORD;
		out[n].request = 1 + r[0] % GF_FUZZ_REQUESTS;
		for (int i = 0; i < 3; i++) {
			classes[n][i] = r[1 + i] % GF_FUZZ_CLASSES;
			out[n].param[i] = param(w, r[1 + i], word(r + 4 + 4 * i));
		}
	}
	return n;
}

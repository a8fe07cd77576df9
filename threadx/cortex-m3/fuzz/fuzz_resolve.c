/* fuzz_resolve.c — records of a fuzz input resolved into calls against
 * this run's layout (fuzz_resolve.h). */
#include "fuzz_resolve.h"

#include <string.h>

static const unsigned long control_block_size[GF_FUZZ_OBJECT_TYPES] = {
	sizeof(TX_BLOCK_POOL), sizeof(TX_BYTE_POOL), sizeof(TX_EVENT_FLAGS_GROUP), sizeof(TX_MUTEX),
	sizeof(TX_QUEUE),      sizeof(TX_SEMAPHORE), sizeof(TX_THREAD),            sizeof(TX_TIMER),
};

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
	case GF_FUZZ_A_DATA_END:
		return (unsigned long)a->txm_module_instance_module_data_base_address +
		       a->txm_module_instance_preamble_ptr->txm_module_preamble_data_size +
		       (unsigned long)(int32_t)value;
	case GF_FUZZ_A_DATA_START:
		return (unsigned long)a->txm_module_instance_module_data_base_address +
		       (unsigned long)(int32_t)value;
	case GF_FUZZ_B_CODE:
		return within((unsigned long)b->txm_module_instance_code_start,
			      b->txm_module_instance_code_size, value);
	case GF_FUZZ_OBJECT_AT:
		return w->a.object[(value & 15) % GF_PROGRAM_OBJECTS] +
		       (unsigned long)((int32_t)value >> 4);
	case GF_FUZZ_OBJECT_HEADER:
		return w->a.object[value % GF_PROGRAM_OBJECTS] - sizeof(TXM_MODULE_ALLOCATED_OBJECT);
	case GF_FUZZ_CB_SIZE:
		return control_block_size[value % GF_FUZZ_OBJECT_TYPES];
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

/* A store's two words, where they fit in A's scratch. */
static void store(const struct gf_fuzz_world *w, const uint8_t *r)
{
	unsigned long at = w->a.scratch_size ? word(r + 4) % w->a.scratch_size : 0;
	for (int i = 1; i < 3; i++, at += 4) {
		uint32_t v = (uint32_t)param(w, r[1 + i], word(r + 4 + 4 * i));
		if (at + 4 <= w->a.scratch_size)
			memcpy((void *)(w->a.scratch + at), &v, 4);
	}
}

unsigned gf_fuzz_resolve(const uint8_t *in, size_t len, const struct gf_fuzz_world *w,
			 struct gf_program_call *out, uint8_t (*classes)[3], unsigned max)
{
	unsigned n = 0;
	for (size_t k = 0; k < GF_FUZZ_MAX_RECORDS && (k + 1) * GF_FUZZ_RECORD <= len; k++) {
		const uint8_t *r = in + k * GF_FUZZ_RECORD;
		if (r[0] >= GF_FUZZ_STORE) {
			store(w, r);
			continue;
		}
		if (n == max)
			continue; /* the stores after the last call still count */
		out[n].request = 1 + r[0] % GF_FUZZ_REQUESTS;
		for (int i = 0; i < 3; i++) {
			classes[n][i] = r[1 + i] % GF_FUZZ_CLASSES;
			out[n].param[i] = param(w, r[1 + i], word(r + 4 + 4 * i));
		}
		n++;
	}
	return n;
}

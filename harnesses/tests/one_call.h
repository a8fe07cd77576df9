/* one_call.h — the harness tests' constructed input: one call of a service
 * by module A, encoded as the decoder reads it, run and judged. */
#ifndef GATEFUZZ_HARNESS_ONE_CALL_H
#define GATEFUZZ_HARNESS_ONE_CALL_H

#include "encode.h"
#include "harness.h"

/* One call of `service` by A, valid but for parameter `param` of class c
 * (-1: none) and the scalars at `mode` (0: valid), behind flag byte
 * `flags`; its verdict. */
static inline enum gf_verdict one_call_with(const char *service, int param, enum gf_class c,
					    uint8_t mode, uint8_t flags)
{
	const struct gf_service *s = gf_service_by_name(service);
	struct gf_call_spec spec;
	struct gf_bytes o = {.n = 0};
	struct gf_input in;

	gf_call_spec_valid(&spec);
	if (param >= 0)
		spec.class_sel[param] = gf_class_selector(c);
	for (int i = 0; mode && i < s->nparams; i++)
		if (s->params[i].kind == GF_P_SCALAR)
			spec.mode[i] = mode;
	gf_encode_call(&o, s, &spec);
	gf_input_init(&in, o.b, o.n);
	gf_harness_begin(o.b, o.n);
	gf_harness_call(GF_SLOT_A, s, &in, flags);
	gf_harness_end();
	return gf_harness_last(NULL, 0);
}

/* The same with every scalar valid and no flag. */
static inline enum gf_verdict one_call(const char *service, int param, enum gf_class c)
{
	return one_call_with(service, param, c, 0, 0);
}

#endif

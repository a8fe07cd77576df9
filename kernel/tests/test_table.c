/* test_table.c — services.def agrees with the validation layer: every status
 * kernel/validate.c and kernel/dispatch.c can return for a service's
 * parameters is one the service documents, and every parameter is one the
 * validation layer can check. */
#include <stdio.h>

#include "call.h"
#include "check.h"
#include "object_abi.h"
#include "service_table.h"

/* The statuses validation produces for one parameter (docs/kernel.md,
 * "Pointer rules"). */
static uint64_t param_statuses(const struct gf_param *p)
{
	uint64_t e = 0;

	switch (p->kind) {
	case GF_P_OBJ:
		e |= gf_status_bit(gf_object_type_status(p->type));
		if (p->mode == GF_MODE_CREATE || p->mode == GF_MODE_DELETE)
			e |= gf_status_bit(GF_INVALID_OBJECT);
		break;
	case GF_P_IN:
	case GF_P_OUT:
	case GF_P_STR:
		e |= gf_status_bit(GF_PTR_ERROR) | gf_status_bit(GF_INVALID_MEMORY);
		break;
	case GF_P_SCALAR:
	case GF_P_WAIT:
		e |= gf_status_bit(p->err);
		break;
	case GF_P_CB:
	case GF_P_SLOT:
		e |= gf_status_bit(GF_INVALID_MEMORY);
		if (!p->nullable)
			e |= gf_status_bit(GF_PTR_ERROR);
		break;
	case GF_P_POOLMEM:
		e |= gf_status_bit(GF_PTR_ERROR) | gf_status_bit(GF_POOL_ERROR);
		break;
	}
	return e;
}

int main(void)
{
	CHECK(gf_service_count == GF_SERVICE_MAX_ID);
	for (size_t i = 0; i < gf_service_count; i++) {
		const struct gf_service *s = &gf_services[i];
		uint64_t need = 0;

		CHECK(gf_service_by_id(s->id) == s);
		CHECK(s->nparams <= GF_MAX_PARAMS);
		if (s->nparams > 3) /* the extra-parameter array (.kern.fetch-once) */
			need |= gf_status_bit(GF_PTR_ERROR) |
				gf_status_bit(GF_INVALID_MEMORY);
		for (int k = 0; k < s->nparams; k++) {
			const struct gf_param *p = &s->params[k];
			int dep = gf_len_dependency(&p->len);

			need |= param_statuses(p);
			if (p->kind == GF_P_SCALAR || p->kind == GF_P_WAIT)
				CHECK_MSG(gf_status_name(p->err) && p->err != GF_SUCCESS,
					  "%s param %d: scalar without a status", s->full_name, k);
			if (p->kind == GF_P_STR)
				CHECK(p->max >= 1 && p->max <= GF_NAME_MAX);
			if (dep >= 0) {
				const struct gf_param *d = &s->params[dep];
				CHECK(dep < s->nparams && dep != k);
				CHECK(p->len.rule == GF_LEN_PARAM_RULE
					      ? d->kind == GF_P_SCALAR
					      : d->kind == GF_P_OBJ);
			}
		}
		CHECK_MSG((need & ~s->errors) == 0,
			  "%s: validation can return undocumented statuses (mask 0x%llx)",
			  s->full_name, (unsigned long long)(need & ~s->errors));
	}
	return check_done("test_table");
}

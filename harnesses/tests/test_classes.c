/* test_classes.c — the table-driven test (label kernel): every service,
 * every pointer parameter, every pointer class, through the gate, judged by
 * the reference rules — and the rules themselves held to the pointer rules
 * as a table of (parameter kind, class) → must reject, written here from
 * docs/pointer-rules.md, not from the kernel or rules.c. */
#include <string.h>

#include "check.h"
#include "encode.h"
#include "harness.h"
#include "kernel.h"
#include "rules.h"

/* 1: every correct kernel rejects; 0: a valid argument; -1: depends on the
 * lengths, contents or object types the input chose. */
static int expected(const struct gf_param *p, enum gf_class c, uint64_t len)
{
	switch (c) {
	case GF_CLASS_NULL_PTR:
		return p->nullable ? 0 : 1;
	case GF_CLASS_NEAR_NULL:
	case GF_CLASS_OWN_STACK_GUARD:
	case GF_CLASS_OTHER_DATA:
	case GF_CLASS_OTHER_CODE:
	case GF_CLASS_KERNEL_ARENA:
	case GF_CLASS_KERNEL_GLOBAL:
	case GF_CLASS_GUARD_PAGE:
	case GF_CLASS_UNMAPPED:
	case GF_CLASS_NONCANONICAL:
	case GF_CLASS_HIGH_KERNEL:
	case GF_CLASS_WRAP:
	case GF_CLASS_OBJ_SHIFTED:
	case GF_CLASS_OBJ_ALIAS_4G:
	case GF_CLASS_OBJ_OTHER:
	case GF_CLASS_BLOCK_OTHER:
	case GF_CLASS_BLOCK_HEADER:
		return 1;
	case GF_CLASS_OBJ_STALE:
		/* A block whose object was deleted may hold a new one, if it
		 * is large enough, and may be deallocated. */
		return p->kind == GF_P_OBJ &&
		       (p->mode == GF_MODE_CREATE || p->type == GF_OT_BLOCK) ? -1 : 1;
	case GF_CLASS_OWN_DATA_STRADDLE_START:
	case GF_CLASS_OWN_DATA_STRADDLE_END:
		return (p->kind == GF_P_IN || p->kind == GF_P_OUT ||
			p->kind == GF_P_SLOT) && len > 1 ? 1 : -1;
	case GF_CLASS_OWN_CODE:
		if (p->kind == GF_P_CB)
			return 0;
		return p->kind == GF_P_OUT || p->kind == GF_P_SLOT ||
		       p->kind == GF_P_OBJ || p->kind == GF_P_POOLMEM ? 1 : -1;
	case GF_CLASS_SHARED_RO:
		return p->kind == GF_P_OUT || p->kind == GF_P_SLOT ||
		       p->kind == GF_P_OBJ || p->kind == GF_P_CB ? 1 : -1;
	case GF_CLASS_OWN_DATA:
		if (p->kind == GF_P_OBJ || p->kind == GF_P_CB || p->kind == GF_P_POOLMEM)
			return 1;
		return p->kind == GF_P_SLOT || p->kind == GF_P_STR ? 0 : -1;
	case GF_CLASS_OBJ_OWN:
		return p->kind == GF_P_OBJ && p->mode != GF_MODE_CREATE &&
		       p->type != GF_OT_BLOCK ? 0 : -1;
	default:
		return -1;
	}
}

int main(void)
{
	int cases = 0, must = 0, tabled = 0, accepted_valid = 0, valid_calls = 0;
	int planned = 0;

	for (size_t k = 0; k < gf_service_count; k++) {
		planned++;
		for (int i = 0; i < gf_services[k].nparams; i++)
			planned += gf_param_is_pointer(&gf_services[k].params[i]) ? GF_CLASS_COUNT : 0;
	}

	gf_harness_set_replay(1);
	for (size_t k = 0; k < gf_service_count; k++) {
		const struct gf_service *s = &gf_services[k];
		for (int i = -1; i < s->nparams; i++) {
			if (i >= 0 && !gf_param_is_pointer(&s->params[i]))
				continue;
			for (int c = 0; c < (i < 0 ? 1 : GF_CLASS_COUNT); c++) {
				struct gf_call_spec spec;
				struct gf_bytes o = {.n = 0};
				const struct gf_call_record *r;
				struct gf_input in;
				char title[160];
				int want;

				gf_call_spec_valid(&spec);
				if (i >= 0)
					spec.class_sel[i] = gf_class_selector((enum gf_class)c);
				gf_encode_call(&o, s, &spec);
				gf_input_init(&in, o.b, o.n);
				gf_harness_begin(o.b, o.n);
				gf_harness_call(GF_SLOT_A, s, &in, 0);
				gf_harness_end();
				r = gf_harness_last_call();
				cases++;
				CHECK(gf_harness_last(title, sizeof title) != GF_VERDICT_BUG,
				      "%s param %d class %s: BUG %s", s->full_name, i,
				      i < 0 ? "valid" : gf_class_name((enum gf_class)c), title);
				if (i < 0) {
					valid_calls++;
					accepted_valid += r->status == GF_SUCCESS;
					if (r->status != GF_SUCCESS)
						printf("valid call of %s: status %#lx%s%s\n",
						       s->full_name, (unsigned long)r->status,
						       r->rule ? ", rule " : "", r->rule ? r->rule : "");
					continue;
				}
				if (r->must_reject) {
					must++;
					CHECK(!r->faulted && r->status != GF_SUCCESS,
					      "%s param %d class %s: rule '%s' but status %#lx",
					      s->full_name, i, gf_class_name((enum gf_class)c),
					      r->rule, (unsigned long)r->status);
				}
				/* The table speaks of the class the generator really
				 * used (it falls back when the ledger has none). */
				if (r->plan.cls[i] != (enum gf_class)c ||
				    (r->must_reject && r->rule_param != i))
					continue;
				want = expected(&s->params[i], (enum gf_class)c,
						s->params[i].kind == GF_P_SLOT
							? s->params[i].size
							: gf_rules_buffer_len(s, i, r->plan.args,
									      gf_harness_ledger()));
				if (want < 0)
					continue;
				tabled++;
				CHECK(r->must_reject == want,
				      "%s param %d class %s: rules say %s (%s), the pointer rules %s",
				      s->full_name, i, gf_class_name((enum gf_class)c),
				      r->must_reject ? "reject" : "accept", r->rule ? r->rule : "-",
				      want ? "reject" : "accept");
			}
		}
	}
	printf("%d cases (%d services), %d the rules reject and the kernel rejected, "
	       "%d held to the class table; %d of %d valid calls succeeded\n",
	       cases, (int)gf_service_count, must, tabled, accepted_valid, valid_calls);
	CHECK(cases == planned, "%d cases of %d planned", cases, planned);
	CHECK(accepted_valid * 2 > valid_calls, "most valid calls must succeed");
	return check_failures ? 1 : 0;
}

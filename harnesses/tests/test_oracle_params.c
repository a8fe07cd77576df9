/* test_oracle_params.c — the oracle's two statements written twice agree
 * with the kernel's (.harn.independent): every service's parameters in
 * harnesses/oracle_params_builtin.def against kernel/services.def, and who
 * owns which memory by the world's bounds (ownership.c) against the
 * isolation core's domains, at every region's edges.  A divergence is
 * either side's mistake; this test says where, so neither goes unnoticed. */
#include <string.h>

#include "check.h"
#include "harness.h"
#include "oracle_params.h"
#include "ownership.h"

static const char *kind_name(enum gf_param_kind k)
{
	static const char *const names[] = {"OBJ", "IN", "OUT", "STR", "SCALAR",
					    "WAIT", "CB", "SLOT", "POOLMEM"};
	return names[k];
}

/* The fields each kind gives meaning to, compared. */
static void same_param(const char *svc, int i, const struct gf_param *k,
		       const struct gf_param *o)
{
	CHECK(k->kind == o->kind, "%s p%d: services.def %s, oracle %s", svc, i,
	      kind_name(k->kind), kind_name(o->kind));
	if (k->kind != o->kind)
		return;
	switch (k->kind) {
	case GF_P_OBJ:
		CHECK(k->type == o->type && k->mode == o->mode,
		      "%s p%d: object type/mode %d/%d vs %d/%d", svc, i, k->type,
		      k->mode, o->type, o->mode);
		break;
	case GF_P_POOLMEM:
		CHECK(k->type == o->type, "%s p%d: pool type %d vs %d", svc, i,
		      k->type, o->type);
		break;
	case GF_P_IN:
	case GF_P_OUT:
		CHECK(k->len.rule == o->len.rule && k->len.param == o->len.param &&
			      k->len.field == o->len.field && k->len.bytes == o->len.bytes,
		      "%s p%d: length rule %d(%d) vs %d(%d)", svc, i, k->len.rule,
		      k->len.param, o->len.rule, o->len.param);
		break;
	case GF_P_STR:
		CHECK(k->max == o->max && k->unbounded == o->unbounded,
		      "%s p%d: string maximum %u vs %u", svc, i, k->max, o->max);
		break;
	case GF_P_SCALAR:
	case GF_P_WAIT:
		CHECK(k->min == o->min && k->max == o->max,
		      "%s p%d: range [%u, %u] vs [%u, %u]", svc, i, k->min, k->max,
		      o->min, o->max);
		/* .harn.rules.status: where both state the status for a
		 * value outside (err 0: the oracle's entry states none) */
		CHECK(!k->err || !o->err || k->err == o->err,
		      "%s p%d: status outside the range %s vs %s", svc, i,
		      gf_status_name(k->err), gf_status_name(o->err));
		break;
	case GF_P_CB:
		CHECK(k->nullable == o->nullable && k->user_mode == o->user_mode,
		      "%s p%d: callback optional %d vs %d", svc, i, k->nullable,
		      o->nullable);
		break;
	case GF_P_SLOT:
		CHECK(k->size == o->size && k->nullable == o->nullable,
		      "%s p%d: slot size/optional %u/%d vs %u/%d", svc, i, k->size,
		      k->nullable, o->size, o->nullable);
		break;
	}
}

static void parameters_agree(void)
{
	for (size_t k = 0; k < gf_service_count; k++) {
		const struct gf_service *s = &gf_services[k];
		struct gf_service o;
		char err[200];

		if (gf_oracle_params_parse(s->full_name, &o, err, sizeof err)) {
			CHECK(0, "%s", err);
			continue;
		}
		CHECK(s->nparams == o.nparams, "%s: %d parameters in services.def, %d in the oracle's",
		      s->full_name, s->nparams, o.nparams);
		for (int i = 0; i < s->nparams && i < o.nparams; i++)
			same_param(s->full_name, i, &s->params[i], &o.params[i]);
	}
}

/* Both sides of every edge of every bound the world records. */
static void ownership_agrees(int slot)
{
	const struct gf_world *w = gf_harness_world(slot);
	const struct gf_bounds *edges[] = {&w->own_code, &w->own_data, &w->other_code,
					   &w->other_data, &w->arena, &w->shared_ro,
					   &w->shared_rw};
	int probes = 0;

	for (unsigned k = 0; k < sizeof edges / sizeof edges[0]; k++) {
		const uintptr_t at[] = {edges[k]->base - 1, edges[k]->base,
					edges[k]->end - 1, edges[k]->end};
		for (unsigned j = 0; j < 4; j++, probes++) {
			gf_perm world = gf_world_perm(w, at[j], 1);
			gf_perm iso = gf_domain_range_perm(w->domain, at[j], 1);
			CHECK(world == iso, "slot %d, %#lx: the world says %d, the domain %d",
			      slot, (unsigned long)at[j], world, iso);
		}
	}
	CHECK(gf_world_perm(w, w->hole, 1) == gf_domain_range_perm(w->domain, w->hole, 1),
	      "slot %d: the hole", slot);
	/* A range across the caller's data and its guard is not its. */
	CHECK(gf_world_perm(w, w->own_data.end - 8, 16) == 0, "slot %d: straddle", slot);
	CHECK(probes == 28, "probed %d edges", probes);
}

int main(void)
{
	gf_harness_begin(NULL, 0); /* builds the sandbox and the worlds */
	parameters_agree();
	ownership_agrees(GF_SLOT_A);
	ownership_agrees(GF_SLOT_B);
	gf_harness_end();
	if (check_failures)
		fprintf(stderr, "test_oracle_params: %d failed\n", check_failures);
	else
		printf("test_oracle_params: both statements agree\n");
	return check_failures != 0;
}

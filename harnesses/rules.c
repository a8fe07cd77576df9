/* rules.c — the reference rules (.harn.rules).  One function per parameter
 * kind, each returning the rule broken or NULL. */
#include "rules.h"

#include <stddef.h>

#include "kernel.h"
#include "oracle_params.h"
#include "ownership.h"

#define RULE_EMPTY "2: empty range"
#define RULE_WRAP "2: range wraps the address space"
#define RULE_UNREACHABLE "1/4: range not wholly the caller's to read"
#define RULE_UNWRITABLE "3/4: range not wholly the caller's to write"
static const char rule_unterminated[] = "string longer than its maximum";

uint64_t gf_rules_buffer_len(const struct gf_service *s, int param,
			     const uintptr_t *args, struct gf_ledger *l)
{
	const struct gf_len *len = &gf_oracle_service(s)->params[param].len;
	struct gf_ledger_block *b;

	switch (len->rule) {
	case GF_LEN_PARAM_RULE:
		return args[len->param];
	case GF_LEN_FIXED_RULE:
		return len->bytes;
	case GF_LEN_FIELD_RULE:
		b = gf_ledger_block_at(l, args[len->param]);
		return b && b->state == GF_OBJ_LIVE ? b->msg_bytes : 0;
	default:
		return 0;
	}
}

/* .harn.rules.range: rules 1-4 for a range the kernel reads or writes. */
static const char *range_rule(const struct gf_rule_ctx *c, uintptr_t addr,
			      uint64_t len, gf_perm need)
{
	if (len == 0)
		return RULE_EMPTY;
	if (len - 1 > UINTPTR_MAX - addr)
		return RULE_WRAP;
	if ((gf_world_perm(c->world, addr, len) & need) != need)
		return need & GF_PERM_W ? RULE_UNWRITABLE : RULE_UNREACHABLE;
	return NULL;
}

/* .harn.rules.string: every byte up to the NUL readable, the NUL within the
 * first max bytes (rule 1 applies to strings too). */
static const char *string_rule(const struct gf_rule_ctx *c, uintptr_t addr,
			       const struct gf_param *p)
{
	/* An unbounded name ends at its NUL or at the first byte the caller
	 * may not read, which every region's guard page provides. */
	uint64_t max = p->unbounded ? UINT64_MAX : p->max;

	if (addr == 0)
		return "1: NULL string";
	for (uint64_t i = 0; i < max; i++) {
		if (i > UINTPTR_MAX - addr)
			return RULE_WRAP;
		if (!(gf_world_perm(c->world, addr + i, 1) & GF_PERM_R))
			return "1: string not wholly the caller's to read";
		if (*(const volatile char *)(uintptr_t)(addr + i) == 0)
			return NULL;
	}
	return rule_unterminated;
}

/* .harn.rules.object: rule 5. */
static const char *object_rule(const struct gf_rule_ctx *c, uintptr_t addr,
			       const struct gf_param *p)
{
	struct gf_ledger_block *b = gf_ledger_block_at(c->ledger, addr);

	if (!b)
		return "5: not an object block";
	switch (p->mode) {
	case GF_MODE_CREATE:
		if (b->owner != c->caller)
			return "5: creation in a block the caller did not allocate";
		if (b->state == GF_OBJ_LIVE)
			return "5: creation over a live object";
		if (b->size < gf_kernel_object_size(p->type))
			return "5: block too small for the object";
		return NULL;
	case GF_MODE_DELETE:
		if (p->type == GF_OT_BLOCK) {
			if (b->owner != c->caller)
				return "5: deallocation without ownership";
			if (b->state == GF_OBJ_LIVE)
				return "5: deallocation of a block holding a live object";
			return NULL;
		}
		/* deletion needs what thread control needs */
		__attribute__((fallthrough));
	case GF_MODE_OWNED:
		if (b->state != GF_OBJ_LIVE || b->type != p->type)
			return "5: not a live object of the type";
		if (b->owner != c->caller)
			return "5: not owned by the caller";
		return NULL;
	case GF_MODE_USE:
		if (!gf_ledger_may_use(c->ledger, addr, p->type, c->caller))
			return "5: not a live object of the type the caller may use";
		return NULL;
	}
	return NULL;
}

static const char *poolmem_rule(const struct gf_rule_ctx *c, uintptr_t addr,
				enum gf_object_type pool_type)
{
	const struct gf_ledger_mem *m = gf_ledger_mem_at(c->ledger, addr);

	if (!m)
		return "5: not memory handed out by a pool";
	if (!gf_ledger_may_use(c->ledger, m->pool, pool_type, c->caller))
		return "5: its pool is not one of the type the caller may use";
	return NULL;
}

static const char *param_rule(const struct gf_service *s, int i,
			      const uintptr_t *args,
			      const struct gf_rule_ctx *c)
{
	const struct gf_param *p = &s->params[i];
	uintptr_t v = args[i];
	/* The value a scalar has in the kernel's ABI (object_abi.h). */
	uintptr_t scalar = GF_SCALAR_LOW_32_BITS ? (uint32_t)v : v;

	switch (p->kind) {
	case GF_P_OBJ:
		return object_rule(c, v, p);
	case GF_P_IN:
		return range_rule(c, v, gf_rules_buffer_len(s, i, args, c->ledger),
				  GF_PERM_R);
	case GF_P_OUT:
		return range_rule(c, v, gf_rules_buffer_len(s, i, args, c->ledger),
				  GF_PERM_W);
	case GF_P_STR:
		return string_rule(c, v, p);
	case GF_P_SCALAR:
		return scalar < p->min || scalar > p->max ? "value out of range" : NULL;
	case GF_P_WAIT:
		return scalar > p->max ? "value out of range" : NULL;
	case GF_P_CB:
		if (v == 0)
			return p->nullable ? NULL : "callback required";
		if (p->user_mode)
			return NULL;
		return gf_world_perm(c->world, v, 1) & GF_PERM_X
			       ? NULL
			       : "callback outside the caller's code";
	case GF_P_SLOT:
		if (v == 0)
			return p->nullable ? NULL : "1: NULL output slot";
		return range_rule(c, v, p->size, GF_PERM_W);
	case GF_P_POOLMEM:
		return poolmem_rule(c, v, p->type);
	}
	return NULL;
}

/* .harn.rules.status: the kind of a broken rule, for the kernel's
 * statement of statuses (oracle_params.h). */
static enum gf_refusal refusal_of(const struct gf_param *p, uintptr_t v, const char *rule)
{
	switch (p->kind) {
	case GF_P_IN:
	case GF_P_OUT:
	case GF_P_SLOT:
		return v ? GF_REFUSE_MEMORY : GF_REFUSE_NULL;
	case GF_P_STR:
		return !v ? GF_REFUSE_NULL
		       : rule == rule_unterminated ? GF_REFUSE_UNTERMINATED
						   : GF_REFUSE_MEMORY;
	case GF_P_CB:
		return v ? GF_REFUSE_FOREIGN_CALLBACK : GF_REFUSE_NULL_CALLBACK;
	default:
		return GF_REFUSE_NONE;
	}
}

/* The status the kernel's statement fixes for p's broken rule: 1 and
 * *status, or 0.  A value's is its own; every other kind's, its kind's. */
static int stated_status(const struct gf_param *p, uintptr_t v, const char *rule,
			 uint32_t *status)
{
	if (p->kind == GF_P_SCALAR || p->kind == GF_P_WAIT)
		return gf_oracle_scalar_status(p, status);
	return gf_oracle_refusal_status(refusal_of(p, v, rule), status);
}

/* One more broken rule: the first is the one reported. */
static void broken(struct gf_rule_result *out, int param, const char *rule, uintptr_t addr,
		   int extra)
{
	if (!out->must_reject)
		*out = (struct gf_rule_result){1, param, rule, addr, extra, 0, 0};
}

/* .harn.rules.status: the statuses of the broken rules that count; one is
 * due while every one fixes the same. */
struct agreement {
	int rules;
	int stated;
	uint32_t status;
};

/* One more rule that counts: p's, broken by v. */
static void agree(struct agreement *a, const struct gf_param *p, uintptr_t v,
		  const char *rule)
{
	uint32_t status = 0;
	int stated = stated_status(p, v, rule, &status);

	if (a->rules++ == 0) {
		a->stated = stated;
		a->status = status;
	} else if (!stated || status != a->status) {
		a->stated = 0;
	}
}

int gf_rules_judge(const struct gf_service *s, const uintptr_t *args,
		   const struct gf_rule_ctx *ctx, struct gf_rule_result *out)
{
	static const struct gf_param array = {.kind = GF_P_IN};
	const char *rule[GF_MAX_PARAMS];
	struct agreement a = {0, 0, 0};

	s = gf_oracle_service(s); /* .harn.independent */
	*out = (struct gf_rule_result){0, -1, NULL, 0, 0, 0, 0};
	/* The extra-parameter array is itself a buffer the kernel reads. */
	if (s->nparams > 3 && ctx->extra_override) {
		const char *r = range_rule(ctx, ctx->extra_ptr,
					   (uint64_t)(s->nparams - 2) * sizeof(uintptr_t),
					   GF_PERM_R);
		if (r) {
			broken(out, 2, r, ctx->extra_ptr, 1);
			agree(&a, &array, ctx->extra_ptr, r);
		}
	}
	/* Every parameter, not only up to the first broken rule: the status
	 * is due only when the rules broken agree on it. */
	for (int i = 0; i < s->nparams; i++)
		rule[i] = param_rule(s, i, args, ctx);
	for (int i = 0; i < s->nparams; i++) {
		const struct gf_param *p = &s->params[i];
		int dep = gf_len_dependency(&p->len);

		if (!rule[i])
			continue;
		broken(out, i, rule[i], args[i], 0);
		/* .kern.vrfy.order: a buffer whose length source (a scalar,
		 * or the object whose field it is) is itself broken has no
		 * length to be judged by: the kernel checks the source first
		 * and refuses with the source's status, so only the source's
		 * rule counts toward the status. */
		if (dep >= 0 && rule[dep])
			continue;
		agree(&a, p, args[i], rule[i]);
	}
	out->status_due = a.rules && a.stated;
	out->status = out->status_due ? a.status : 0;
	return out->must_reject;
}

const char *gf_rules_bug_kind(const struct gf_service *s,
			      const struct gf_rule_result *r)
{
	const struct gf_param *p = &gf_oracle_service(s)->params[r->param];

	if (r->extra)
		return "deputy-read";
	switch (p->kind) {
	case GF_P_OUT:
	case GF_P_SLOT:
		return "deputy-write";
	case GF_P_IN:
	case GF_P_STR:
		return "deputy-read";
	case GF_P_OBJ:
		return p->mode == GF_MODE_CREATE ? "deputy-write" : "integrity";
	default:
		return "integrity";
	}
}

/* dispatch.c — the gate handler: from a request id and three words to a
 * validated call and its implementation.
 *
 *   fetch  parameters 2..n-1 of a service with more than three travel as an
 *          array in module memory (TXM's extra parameters): checked and
 *          copied into the kernel once (.kern.fetch-once)
 *   vrfy   every parameter against the service table (validate.c)
 *   impl   gf_impl_<family>_<name>(), on the validated call only
 *
 * gf_kernel_site() says which of the three ran last, so a fault or a broken
 * invariant is attributed to the right stage.
 */
#include <string.h>

#include "arena.h"
#include "call.h"
#include "kernel.h"
#include "modules.h"

typedef uintptr_t (*gf_impl_fn)(struct gf_call *c);

static const gf_impl_fn impls[GF_SERVICE_MAX_ID + 1] = {
#define GF_SERVICE(id, fam, nam, ...) [id] = gf_impl_##fam##_##nam,
#include "services.def"
#undef GF_SERVICE
};

/* Transient, for reports; not kernel state (.kern.arena). */
static char site[64] = "none";

const char *gf_kernel_site(void)
{
	return site;
}

static void set_site(const struct gf_service *s, const char *stage)
{
	size_t n = strlen(s->full_name), k = strlen(stage);

	memcpy(site, s->full_name, n);
	site[n] = '/';
	memcpy(site + n + 1, stage, k + 1);
}

/* .kern.fetch-once: the extra-parameter array is module memory the module
 * may rewrite at any time (another thread of it, on a real kernel).  It is
 * checked as a whole, copied into the kernel once, word by word
 * (gf_fetch_word), and only the copy is used: no parameter is read twice,
 * so none can change between its check and its use (TXM's double fetch).
 * The harness checks that promise by tracing the reads (.harn.fetch). */
static uint32_t fetch_params(struct gf_call *c, uintptr_t p0, uintptr_t p1,
			     uintptr_t p2)
{
	int n = c->svc->nparams;
	size_t bytes;

	c->arg[0].value = p0;
	c->arg[1].value = p1;
	c->arg[2].value = p2;
	if (n <= 3)
		return 0;
	bytes = (size_t)(n - 2) * sizeof(uintptr_t);
	if (p2 == 0)
		return GF_PTR_ERROR;
	if (!(gf_domain_range_perm(c->domain, p2, bytes) & GF_PERM_R))
		return GF_INVALID_MEMORY;
	c->params = p2;
	for (int i = 2; i < n; i++)
		c->arg[i].value = gf_fetch_word(p2, i - 2);
	return 0;
}

uintptr_t gf_kernel_dispatch(uint32_t request, uintptr_t p0, uintptr_t p1,
			     uintptr_t p2)
{
	struct gf_system *sys = gf_sys();
	struct gf_call c;
	uint32_t st;

	memset(&c, 0, sizeof c);
	c.svc = gf_service_by_id(request);
	sys->calls++;
	if (!c.svc || !impls[request]) {
		strcpy(site, "dispatch");
		sys->rejected++;
		return GF_INVALID_REQUEST;
	}
	/* Only loaded modules call the kernel; the host has no business
	 * here (it would be validated against no domain). */
	c.caller = gf_gate_caller();
	if (!gf_module_of(c.caller)) {
		set_site(c.svc, "caller");
		sys->rejected++;
		return GF_CALLER_ERROR;
	}
	c.domain = gf_gate_caller_domain();
	set_site(c.svc, "fetch");
	st = fetch_params(&c, p0, p1, p2);
	if (st == 0) {
		set_site(c.svc, "vrfy");
		st = gf_validate(&c);
	}
	if (st != 0) {
		sys->rejected++;
		return st;
	}
	set_site(c.svc, "impl");
	return impls[request](&c);
}

/* check.c — see check.h. */
#include "check.h"

int tc_checks, tc_failures, tc_cases;

void tc_expect_fault(const char *what, int rc, const struct gf_fault *f,
		     const struct tc_expect *e)
{
	CHECK(rc == 1, "%s: run returned %d, expected a fault", what, rc);
	if (rc != 1)
		return;
	char line[256];
	gf_fault_format(f, line, sizeof line);
	CHECK(e->addr == 0 || f->addr == e->addr, "%s: addr: %s", what, line);
	CHECK(f->access == e->access, "%s: access %s expected: %s", what,
	      gf_access_str(e->access), line);
	CHECK(f->region == e->region, "%s: region %s expected: %s", what,
	      e->region ? e->region->name : "none", line);
	CHECK(f->guard_of == e->guard_of, "%s: guard_of %s expected: %s", what,
	      e->guard_of ? e->guard_of->name : "none", line);
	CHECK(f->owner == e->owner, "%s: owner %d expected: %s", what, e->owner, line);
	CHECK(f->context == e->context, "%s: context %d expected: %s", what,
	      e->context, line);
	CHECK(f->domain == e->domain, "%s: domain %s expected: %s", what,
	      gf_domain_name(e->domain), line);
	CHECK(f->caller == e->caller, "%s: caller %d expected: %s", what,
	      e->caller, line);
	CHECK(gf_domain_current() == GF_DOMAIN_HOST &&
		      gf_context_current() == GF_CTX_HOST,
	      "%s: back in domain %d context %d after recovery", what,
	      gf_domain_current(), gf_context_current());
}

void tc_expect_record(const char *what, int rc, const struct gf_fault *got,
		      const struct gf_fault *want)
{
	tc_cases++;
	char line[256];
	CHECK(rc == 1, "%s: run returned %d", what, rc);
	if (rc != 1)
		return;
	gf_fault_format(got, line, sizeof line);
	printf("%-44s %s\n", what, line);
#define FIELD(name, fmt)                                                       \
	CHECK(got->name == want->name, "%s: " #name " is " fmt ", expected " fmt, \
	      what, got->name, want->name)
	FIELD(signo, "%d");
	FIELD(si_code, "%d");
	FIELD(addr, "%#lx");
	FIELD(addr_unknown, "%d");
	FIELD(pc, "%#lx");
	FIELD(access, "%d");
	FIELD(region, "%p");
	FIELD(guard_of, "%p");
	FIELD(owner, "%d");
	FIELD(pc_region, "%p");
	FIELD(pc_in_module, "%d");
	FIELD(context, "%d");
	FIELD(domain, "%d");
	FIELD(caller, "%d");
	FIELD(pkey, "%d");
#undef FIELD
}

void tc_expect_ok(const char *what, int rc, const struct gf_fault *f)
{
	char line[256] = "";
	if (rc == 1)
		gf_fault_format(f, line, sizeof line);
	CHECK(rc == 0, "%s: run returned %d %s", what, rc, line);
}

int tc_finish(const char *name, int min_cases)
{
	printf("%s: %d cases, %d checks, %d failures\n", name, tc_cases,
	       tc_checks, tc_failures);
	if (tc_cases < min_cases) {
		printf("%s: FAIL: fewer than %d cases\n", name, min_cases);
		return 1;
	}
	return tc_failures ? 1 : 0;
}

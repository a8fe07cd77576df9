/* test_matrix.c — who may touch what, after every kind of transition; the
 * same matrix on every platform (Linux: none, mprotect, pkey under QEMU;
 * Windows: none, win32 under Wine).
 *
 * usage: test_matrix <backend>
 *
 * Three modules, the kernel arena, a read-only window shared with every
 * module and, where the platform has them (not Windows), a traced region
 * per module, granted rw- to that module (traced.h).  After each
 * transition (the kernel side of a gate entry, the module after a gate
 * return, the run after a recovered fault, the run after another module's
 * run), each module reads, writes and executes one byte of every region.
 * What must happen is the isolation policy, written down here (policy())
 * rather than read back from the domains the core built, so that a wrong
 * grant fails the test: a module's own code r-x, its data and traced region
 * rw-, the window r--, the arena closed to the module and rw- to the kernel
 * serving it, every other module's region closed to both.  Allowed accesses
 * complete (a write is seen afterwards, an access to a traced region is
 * traced once), every other one faults and is attributed to that region,
 * with the access, context, domain and caller of the attempt.  Under "none"
 * nothing is enforced: the natural permissions are what must hold, except
 * in traced regions, always closed, whose tracer applies the policy.
 */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "testmod.h"
#ifndef _WIN32
#include "traced.h"
#define HAVE_TRACED 1 /* the Windows port has no traced regions */
#else
#define HAVE_TRACED 0
#endif

#define NMOD 3

static struct gf_module_domains mods[NMOD];
static const struct gf_region *arena, *window;
static const struct gf_region *traced[NMOD]; /* module i+1's */
static bool enforcing;

enum transition {
	AFTER_GATE_ENTRY,  /* the kernel serving A performs the access      */
	AFTER_GATE_RETURN, /* A performs it after a gate call returned      */
	AFTER_RECOVERY,    /* A performs it in the run after a recovered one */
	AFTER_OTHER_RUN,   /* A performs it in the run after B's run        */
	TRANSITIONS
};
static const char *const transition_name[] = {
	"after gate entry", "after gate return", "after recovery",
	"after another module's run"};

enum { REQ_NOP = 1, REQ_TOUCH = 2 };

/* The kernel: checks who calls and that the arena is its own, then does
 * what the module asked. */
static uintptr_t kernel(uint32_t request, uintptr_t p0, uintptr_t p1, uintptr_t p2)
{
	int caller = gf_gate_caller();
	CHECK(caller >= 1 && caller <= NMOD, "caller %d", caller);
	if (caller < 1 || caller > NMOD)
		return UINTPTR_MAX;
	const struct gf_module_domains *m = &mods[caller - 1];
	CHECK(gf_context_current() == GF_CTX_KERNEL, "context %d", gf_context_current());
	CHECK(gf_domain_current() == m->kernel_for, "domain %s",
	      gf_domain_name(gf_domain_current()));
	CHECK(gf_gate_caller_domain() == m->self, "caller domain %d",
	      gf_gate_caller_domain());
	volatile uint8_t *own = (volatile uint8_t *)arena->base + 64 * caller;
	*own = (uint8_t)request;
	CHECK(*own == request, "kernel arena write/read");
	if (request == REQ_TOUCH) {
		tm_touch((gf_access)p0, p1);
		return 0;
	}
	return p0 + p1 + p2 + 1;
}

/* The module owning region r, or NULL (arena, window). */
static const struct gf_module_domains *owner_of(const struct gf_region *r)
{
	return r->owner >= 1 && r->owner <= NMOD ? &mods[r->owner - 1] : NULL;
}

/* A byte of r to touch with access k that is harmless if it succeeds. */
static uintptr_t target(const struct gf_region *r, gf_access k)
{
	if (r->kind == GF_REGION_CODE)
		return k == GF_ACCESS_EXEC ? tm_entry(owner_of(r), TM_RET)
					   : r->base + r->size - 16;
	return r->base + 512; /* past the blocks at the base */
}

/* Performs access k of `a` on `at` after transition tr; returns the run's
 * result and fills *f. */
static int access_after(enum transition tr, const struct gf_module_domains *a,
			gf_access k, uintptr_t at, struct gf_fault *f)
{
	const struct gf_module_domains *other = &mods[a->module % NMOD];
	struct gf_fault prior;
	if (tr == AFTER_RECOVERY) {
		/* a read of a's data guard faults under every backend */
		uintptr_t guard = a->data->base + a->data->size;
		struct tc_expect e = {guard, GF_ACCESS_READ, NULL, a->data,
				      a->module, GF_CTX_MODULE, a->self, a->module};
		tc_expect_fault("prior run faults", tm_run(a, TM_READ, guard, &prior), &prior, &e);
	} else if (tr == AFTER_OTHER_RUN) {
		uintptr_t own = other->data->base + 1024;
		tc_expect_ok("other module's run", tm_run(other, TM_WRITE, own, &prior), &prior);
	}
	if (tr == AFTER_RECOVERY || tr == AFTER_OTHER_RUN)
		return tm_run(a, tm_access_snippet(k), at, f);
	struct tm_gate_block *blk = (struct tm_gate_block *)a->data->base;
	uintptr_t gate = (uintptr_t)gf_gate_entry();
	if (tr == AFTER_GATE_ENTRY)
		*blk = (struct tm_gate_block){.gate = gate, .request = REQ_TOUCH,
					      .p0 = k, .p1 = at};
	else
		*blk = (struct tm_gate_block){
			.gate = gate, .request = REQ_NOP, .p0 = 1, .p1 = 2, .p2 = 3,
			.then_fn = tm_entry(a, tm_access_snippet(k)), .then_arg = at};
	int rc = tm_run(a, TM_GATE_THEN, (uintptr_t)blk, f);
	if (tr == AFTER_GATE_RETURN)
		CHECK(blk->result == 7, "gate returned %llu", (unsigned long long)blk->result);
	return rc;
}

static const gf_access kinds[] = {GF_ACCESS_READ, GF_ACCESS_WRITE, GF_ACCESS_EXEC};

/* .iso.runs-in: a module run in its kernel's view is still served as the
 * module (kernel() checks the caller's domain is its own), a call from a
 * host already in that view changes no view at all, and no other view is
 * accepted. */
static void runs_in_checks(void)
{
	const struct gf_module_domains *a = &mods[0];
	struct tm_gate_block *blk = (struct tm_gate_block *)a->data->base;
	struct gf_iso_counters before, after;
	struct gf_fault f;
	gf_domain_id was = gf_domain_switch(a->kernel_for);

	*blk = (struct tm_gate_block){.gate = (uintptr_t)gf_gate_entry(), .request = REQ_NOP,
				      .p0 = 1, .p1 = 2, .p2 = 3};
	gf_iso_counters(&before);
	tc_expect_ok("a gate call in the kernel's view",
		     gf_module_run_in(a, a->kernel_for, tm_entry(a, TM_GATE_THEN), (uintptr_t)blk,
				      tm_stack_top(a), &f),
		     &f);
	gf_iso_counters(&after);
	CHECK(blk->result == 7, "gate returned %llu", (unsigned long long)blk->result);
	CHECK(after.switches == before.switches, "%llu view changes",
	      (unsigned long long)(after.switches - before.switches));
	CHECK(gf_module_run_in(a, mods[1].self, tm_entry(a, TM_RET), 0, tm_stack_top(a), &f) == -1,
	      "another module's view refused");
	gf_domain_switch(was);
}

static gf_perm need(gf_access k)
{
	return k == GF_ACCESS_READ ? GF_PERM_R : k == GF_ACCESS_WRITE ? GF_PERM_W : GF_PERM_X;
}

/* Before an access: the byte cleared (so a write shows), the trace too. */
static void prepare(const struct gf_region *r, uintptr_t at, gf_access k)
{
#if HAVE_TRACED
	if (r->kind == GF_REGION_TRACED) {
		gf_region_fill(r, at - r->base, NULL, 1);
		gf_traced_clear(r);
		return;
	}
#endif
	if (k == GF_ACCESS_WRITE && (r->natural & GF_PERM_W))
		*(volatile uint8_t *)at = 0; /* host domain: natural permission */
}

/* After an allowed access: it was traced once (traced regions), and a
 * write is seen (the host reads a traced region through the tracer: no
 * domain sees it, .iso.traced.closed). */
static void check_done(const char *what, const struct gf_region *r, uintptr_t at,
		       gf_access k)
{
	uint8_t byte = 0;
#if HAVE_TRACED
	if (r->kind == GF_REGION_TRACED) {
		CHECK(gf_traced_count(r) == 1, "%s: %llu accesses traced", what,
		      (unsigned long long)gf_traced_count(r));
		CHECK(gf_traced_peek(r, at - r->base, &byte, 1) == 0, "%s: peek", what);
	} else
#endif
		byte = *(volatile uint8_t *)at;
	if (k == GF_ACCESS_WRITE)
		CHECK(byte == TM_WRITE_BYTE, "%s: the byte was not written", what);
}

/* What module a (kernel_side: the kernel serving a) may do to region r. */
static gf_perm policy(const struct gf_module_domains *a, bool kernel_side,
		      const struct gf_region *r)
{
	if (r == arena)
		return kernel_side ? GF_PERM_RW : GF_PERM_NONE;
	if (r == window)
		return GF_PERM_R;
	if (r->owner != a->module)
		return GF_PERM_NONE; /* another module's */
	return r->kind == GF_REGION_CODE ? GF_PERM_RX : GF_PERM_RW;
}

/* One access: its outcome checked against the policy. */
static void one_case(enum transition tr, const struct gf_module_domains *a,
		     const struct gf_region *r, gf_access k)
{
	bool kernel_side = tr == AFTER_GATE_ENTRY;
	gf_domain_id acting = kernel_side ? a->kernel_for : a->self;
	/* The tracer applies the policy whatever the backend
	 * (.iso.traced.closed). */
	bool enforced = enforcing || r->kind == GF_REGION_TRACED;
	gf_perm may = enforced ? policy(a, kernel_side, r) : r->natural;
	uintptr_t at = target(r, k);
	char what[160];
	snprintf(what, sizeof what, "%s: mod%d%s %s %s (%s may: %c)",
		 transition_name[tr], a->module, kernel_side ? " (kernel side)" : "",
		 gf_access_str(k), r->name, gf_domain_name(acting),
		 (may & need(k)) ? 'y' : 'n');
	prepare(r, at, k);
	struct gf_fault f;
	int rc = access_after(tr, a, k, at, &f);
	if (may & need(k)) {
		tc_expect_ok(what, rc, &f);
		if (rc == 0)
			check_done(what, r, at, k);
	} else {
		struct tc_expect e = {
			.addr = at, .access = k, .region = r, .owner = r->owner,
			.context = kernel_side ? GF_CTX_KERNEL : GF_CTX_MODULE,
			.domain = acting, .caller = a->module};
		tc_expect_fault(what, rc, &f, &e);
	}
	tc_cases++;
}

int main(int argc, char **argv)
{
	const char *backend = argc > 1 ? argv[1] : "mprotect";
	enforcing = strcmp(backend, "none") != 0;
	char name[64];
	snprintf(name, sizeof name, "matrix_%s", backend);
	if (gf_iso_init(backend) != 0) {
		printf("%s: FAIL: backend %s unavailable\n", name, backend);
		return 1;
	}
	arena = gf_region_create("kernel-arena", GF_REGION_ARENA, GF_PRINCIPAL_KERNEL,
				 16 * 1024, GF_PERM_RW);
	window = gf_region_create("shared-ro", GF_REGION_SHARED, GF_PRINCIPAL_KERNEL,
				  4096, GF_PERM_R);
	CHECK(arena && window, "arena and window");
	for (int i = 0; i < NMOD; i++) {
		CHECK(tm_module_create(i + 1, 4096, 16 * 1024, arena, &mods[i]) == 0 &&
			      gf_module_share(&mods[i], window, GF_PERM_R) == 0,
		      "module %d", i + 1);
#if HAVE_TRACED
		char traced_name[32];
		snprintf(traced_name, sizeof traced_name, "mod%d.traced", i + 1);
		traced[i] = gf_traced_create(traced_name, i + 1, 4096, NULL, NULL);
		CHECK(traced[i] && gf_module_share(&mods[i], traced[i], GF_PERM_RW) == 0,
		      "module %d's traced region", i + 1);
#endif
	}
	gf_gate_set_handler(kernel);
	if (tc_failures)
		return tc_finish(name, 0);
	runs_in_checks();

	const struct gf_region *regions[2 + 3 * NMOD] = {arena, window};
	int nregions = 2;
	for (int i = 0; i < NMOD; i++) {
		regions[nregions++] = mods[i].code;
		regions[nregions++] = mods[i].data;
		if (traced[i])
			regions[nregions++] = traced[i];
	}
	for (int tr = 0; tr < TRANSITIONS; tr++) {
		int before = tc_cases;
		for (int ia = 0; ia < NMOD; ia++)
			for (int ir = 0; ir < nregions; ir++)
				for (int ik = 0; ik < 3; ik++)
					one_case(tr, &mods[ia], regions[ir], kinds[ik]);
		printf("%s: %d cases (%d modules x %d regions x r, w, x)\n",
		       transition_name[tr], tc_cases - before, NMOD, nregions);
	}
	return tc_finish(name, 36);
}

/* test_matrix.c — who may touch what, after every kind of transition.
 *
 * usage: test_matrix <backend>
 *
 * Three modules and the kernel arena.  After each transition (the kernel
 * side of a gate entry, the module after a gate return, the run after a
 * recovered fault, the run after another module's run), for every ordered
 * pair (A, B) and every access (read, write, exec), A's access to each of
 * B's regions faults and is attributed to that region; A's own regions work
 * with exactly their permissions (data rw-, code r-x); the arena is closed
 * to module context and open to the kernel serving A.  Each module also
 * owns a traced region (traced.h) granted rw- to its domains: its accesses
 * are traced and continue, like data, while another module's (or the
 * kernel serving another module) fault like any region they lack.
 * Backends that do not enforce ("none") run the own-permission part only.
 */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "testmod.h"
#include "traced.h"

#define NMOD 3

static struct gf_module_domains mods[NMOD];
static const struct gf_region *traced[NMOD]; /* module i+1's, plain memory */
static const struct gf_region *arena;

/* A module's regions in the matrix: code, data, its traced region. */
#define MOD_REGIONS 3

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

/* A byte of r to touch with access k that is harmless if it succeeds. */
static uintptr_t target(const struct gf_module_domains *owner,
			const struct gf_region *r, gf_access k)
{
	if (r->kind == GF_REGION_CODE)
		return k == GF_ACCESS_EXEC ? tm_entry(owner, TM_RET)
					   : r->base + r->size - 16;
	return r->base + 512; /* data and arena: past the blocks at base */
}

/* Performs access k of `a` on `at` after transition tr; returns the run's
 * result and fills *f. */
static int access_after(enum transition tr, const struct gf_module_domains *a,
			const struct gf_module_domains *other, gf_access k,
			uintptr_t at, struct gf_fault *f)
{
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
	if (tr == AFTER_GATE_ENTRY || tr == AFTER_GATE_RETURN) {
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
			CHECK(blk->result == 7, "gate returned %#lx", (unsigned long)blk->result);
		return rc;
	}
	return tm_run(a, tm_access_snippet(k), at, f);
}

static struct tc_expect expect(enum transition tr, const struct gf_module_domains *a,
			       const struct gf_region *r, gf_access k, uintptr_t at)
{
	bool kernel_side = tr == AFTER_GATE_ENTRY;
	return (struct tc_expect){
		.addr = at, .access = k, .region = r, .owner = r->owner,
		.context = kernel_side ? GF_CTX_KERNEL : GF_CTX_MODULE,
		.domain = kernel_side ? a->kernel_for : a->self,
		.caller = a->module};
}

static void describe(char *buf, size_t len, enum transition tr,
		     const struct gf_module_domains *a, gf_access k,
		     const struct gf_region *r)
{
	snprintf(buf, len, "%s: mod%d %s %s %s", transition_name[tr], a->module,
		 tr == AFTER_GATE_ENTRY ? "(kernel side)" : "", gf_access_str(k),
		 r->name);
}

static const gf_access kinds[] = {GF_ACCESS_READ, GF_ACCESS_WRITE, GF_ACCESS_EXEC};

/* B's regions are closed to A (and to the kernel serving A). */
static int cross_module(enum transition tr)
{
	int cases = 0;
	for (int ia = 0; ia < NMOD; ia++)
		for (int ib = 0; ib < NMOD; ib++) {
			if (ia == ib)
				continue;
			const struct gf_module_domains *a = &mods[ia], *b = &mods[ib];
			const struct gf_region *regions[] = {b->code, b->data, traced[ib]};
			for (int ir = 0; ir < MOD_REGIONS; ir++)
				for (int ik = 0; ik < 3; ik++) {
					const struct gf_region *r = regions[ir];
					gf_access k = kinds[ik];
					uintptr_t at = target(b, r, k);
					struct gf_fault f;
					char what[128];
					describe(what, sizeof what, tr, a, k, r);
					struct tc_expect e = expect(tr, a, r, k, at);
					tc_expect_fault(what, access_after(tr, a, b, k, at, &f), &f, &e);
					cases++;
				}
		}
	return cases;
}

/* The byte at `at` in r, which the host reads directly unless r is
 * traced (no domain sees it: .iso.traced.closed). */
static uint8_t byte_at(const struct gf_region *r, uintptr_t at)
{
	uint8_t b = 0;
	if (r->kind != GF_REGION_TRACED)
		return *(volatile uint8_t *)at;
	CHECK(gf_traced_peek(r, at - r->base, &b, 1) == 0, "peek %s", r->name);
	return b;
}

/* A's own regions work with exactly their permissions, for A and for the
 * kernel serving A: data and traced rw-, code r-x. */
static int own_permissions(enum transition tr)
{
	int cases = 0;
	for (int ia = 0; ia < NMOD; ia++) {
		const struct gf_module_domains *a = &mods[ia];
		const struct gf_module_domains *other = &mods[(ia + 1) % NMOD];
		const struct gf_region *regions[] = {a->code, a->data, traced[ia]};
		for (int ir = 0; ir < MOD_REGIONS; ir++)
			for (int ik = 0; ik < 3; ik++) {
				const struct gf_region *r = regions[ir];
				gf_access k = kinds[ik];
				uintptr_t at = target(a, r, k);
				gf_perm need = k == GF_ACCESS_READ ? GF_PERM_R
					       : k == GF_ACCESS_WRITE ? GF_PERM_W : GF_PERM_X;
				bool allowed = (r->kind == GF_REGION_CODE ? GF_PERM_RX : GF_PERM_RW) & need;
				struct gf_fault f;
				char what[128];
				describe(what, sizeof what, tr, a, k, r);
				if (r->kind == GF_REGION_DATA) {
					*(volatile uint8_t *)at = 0;
				} else if (r->kind == GF_REGION_TRACED) {
					gf_region_fill(r, at - r->base, NULL, 1);
					gf_traced_clear(r);
				}
				int rc = access_after(tr, a, other, k, at, &f);
				if (allowed) {
					tc_expect_ok(what, rc, &f);
					if (r->kind == GF_REGION_TRACED)
						CHECK(gf_traced_count(r) == 1,
						      "%s: %llu accesses traced", what,
						      (unsigned long long)gf_traced_count(r));
					if (k == GF_ACCESS_WRITE)
						CHECK(byte_at(r, at) == TM_WRITE_BYTE,
						      "%s: the byte was not written", what);
				} else {
					struct tc_expect e = expect(tr, a, r, k, at);
					tc_expect_fault(what, rc, &f, &e);
				}
				cases++;
			}
	}
	return cases;
}

/* The arena: closed to module context, open (rw-) to the kernel. */
static int arena_access(enum transition tr)
{
	int cases = 0;
	for (int ia = 0; ia < NMOD; ia++)
		for (int ik = 0; ik < 3; ik++) {
			const struct gf_module_domains *a = &mods[ia];
			const struct gf_module_domains *other = &mods[(ia + 1) % NMOD];
			gf_access k = kinds[ik];
			uintptr_t at = target(NULL, arena, k);
			struct gf_fault f;
			char what[128];
			describe(what, sizeof what, tr, a, k, arena);
			int rc = access_after(tr, a, other, k, at, &f);
			if (tr == AFTER_GATE_ENTRY && k != GF_ACCESS_EXEC) {
				tc_expect_ok(what, rc, &f);
			} else {
				struct tc_expect e = expect(tr, a, arena, k, at);
				tc_expect_fault(what, rc, &f, &e);
			}
			cases++;
		}
	return cases;
}

int main(int argc, char **argv)
{
	const char *backend = argc > 1 ? argv[1] : "mprotect";
	bool enforcing = strcmp(backend, "none") != 0;
	char name[64];
	snprintf(name, sizeof name, "isolation_matrix_%s", backend);
	if (gf_iso_init(backend) != 0) {
		printf("%s: FAIL: backend %s unavailable\n", name, backend);
		return 1;
	}
	arena = gf_region_create("kernel-arena", GF_REGION_ARENA, GF_PRINCIPAL_KERNEL,
				 16 * 1024, GF_PERM_RW);
	CHECK(arena != NULL, "arena");
	for (int i = 0; i < NMOD; i++) {
		char traced_name[32];
		snprintf(traced_name, sizeof traced_name, "mod%d.traced", i + 1);
		CHECK(tm_module_create(i + 1, 4096, 16 * 1024, arena, &mods[i]) == 0 &&
			      (traced[i] = gf_traced_create(traced_name, i + 1, 4096,
							    NULL, NULL)) != NULL &&
			      gf_module_share(&mods[i], traced[i], GF_PERM_RW) == 0,
		      "module %d", i + 1);
	}
	gf_gate_set_handler(kernel);
	if (tc_failures)
		return tc_finish(name, 0);

	for (int tr = 0; tr < TRANSITIONS; tr++) {
		int own = own_permissions(tr);
		printf("%s: %d own-permission cases (data and traced rw-, code r-x)\n",
		       transition_name[tr], own);
		tc_cases += own;
		if (!enforcing)
			continue;
		int cross = cross_module(tr), closed = arena_access(tr);
		printf("%s: %d cross-module cases (%d ordered pairs x code, data, traced x r, w, x), "
		       "%d arena cases\n",
		       transition_name[tr], cross, NMOD * (NMOD - 1), closed);
		tc_cases += cross + closed;
	}
	return tc_finish(name, enforcing ? 36 : 18);
}

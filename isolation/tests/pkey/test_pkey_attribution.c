/* test_pkey_attribution.c — faults under the pkey backend, field by field.
 *
 * A data access outside the running domain is a key fault: SIGSEGV with
 * si_code SEGV_PKUERR and si_pkey, the key the touched region's class
 * carries (the parking key while that class holds none).  Execution and
 * page-protection faults are not key faults (SEGV_ACCERR, pkey -1).  PKRU
 * is checked in each domain (key 0 never disabled) and after every
 * recovery.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "backend_pkey.h"
#include "check.h"
#include "pkey_test.h"
#include "pkru.h"
#include "testmod.h"

#ifndef SEGV_PKUERR
#define SEGV_PKUERR 4
#endif

static struct gf_module_domains mod_a, mod_b;
static const struct gf_region *arena, *window;

enum { REQ_TOUCH = 1, REQ_PKRU = 2 };
static uint32_t pkru_in_kernel;

static uintptr_t kernel(uint32_t request, uintptr_t p0, uintptr_t p1, uintptr_t p2)
{
	(void)p2;
	if (request == REQ_TOUCH)
		tm_touch((gf_access)p0, p1);
	else if (request == REQ_PKRU)
		pkru_in_kernel = gf_rdpkru();
	return 0;
}

static int kernel_run(const struct gf_module_domains *m, uint32_t request,
		      uintptr_t p0, uintptr_t p1, struct gf_fault *f)
{
	struct tm_gate_block *blk = (struct tm_gate_block *)m->data->base;
	*blk = (struct tm_gate_block){.gate = (uintptr_t)gf_gate_entry(),
				      .request = request, .p0 = p0, .p1 = p1};
	return tm_run(m, TM_GATE_THEN, (uintptr_t)blk, f);
}

/* What a fault of module m (or the kernel serving it) on addr must say. */
static struct gf_fault expected(const struct gf_module_domains *m, bool kernel_side,
				int si_code, uintptr_t addr, gf_access access,
				uintptr_t pc)
{
	const struct gf_region *guard_of, *region = gf_region_lookup(addr, &guard_of);
	const struct gf_region *owned = region ? region : guard_of;
	const struct gf_region *at_pc = gf_region_lookup(pc, NULL);
	bool pc_in_module = at_pc && at_pc->kind == GF_REGION_CODE;
	return (struct gf_fault){
		.signo = SIGSEGV, .si_code = si_code, .addr = addr, .pc = pc,
		.access = access, .region = region, .guard_of = guard_of,
		.owner = owned ? owned->owner : GF_PRINCIPAL_NONE,
		.pc_region = pc_in_module ? at_pc : NULL,
		.pc_in_module = pc_in_module,
		.context = kernel_side ? GF_CTX_KERNEL : GF_CTX_MODULE,
		.domain = kernel_side ? m->kernel_for : m->self,
		.caller = m->module,
		.pkey = si_code == SEGV_PKUERR ? gf_pkey_region_key(region) : -1};
}

/* After any recovery the thread is back in the host domain with the host
 * PKRU: key 0 and every key of ours enabled. */
static void expect_host_pkru(const char *what)
{
	uint32_t pkru = gf_rdpkru();
	CHECK((pkru & 3) == 0, "%s: key 0 disabled in the host (PKRU %#x)", what, pkru);
	int keys[] = {gf_pkey_region_key(arena), gf_pkey_region_key(mod_a.data),
		      gf_pkey_region_key(mod_b.data), gf_pkey_region_key(window)};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		CHECK((pkru & (3u << (2 * keys[i]))) == 0,
		      "%s: key %d not enabled in the host (PKRU %#x)", what, keys[i], pkru);
}

static void expect_record(const char *what, int rc, const struct gf_fault *got,
			  const struct gf_fault *want)
{
	tc_expect_record(what, rc, got, want);
	if (rc == 1)
		expect_host_pkru(what);
}

/* A module's data accesses outside its domain: key faults. */
static void module_key_faults(void)
{
	struct key_case {
		const char *what;
		enum tm_snippet s;
		gf_access k;
		const struct gf_region *r;
	} cases[] = {
		{"A reads B's data (B parked)", TM_READ, GF_ACCESS_READ, mod_b.data},
		{"A writes B's data (B parked)", TM_WRITE, GF_ACCESS_WRITE, mod_b.data},
		{"A reads B's code (B parked)", TM_READ, GF_ACCESS_READ, mod_b.code},
		{"A reads the arena", TM_READ, GF_ACCESS_READ, arena},
		{"A writes the arena", TM_WRITE, GF_ACCESS_WRITE, arena},
	};
	int park = gf_pkey_region_key(mod_b.data);
	struct gf_pkey_stats st;
	gf_pkey_stats(&st);
	CHECK(park == st.park_key, "a module that never ran is parked (key %d, park %d)",
	      park, st.park_key);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct gf_fault f;
		uintptr_t at = cases[i].r->base + 600;
		struct gf_fault want = expected(&mod_a, false, SEGV_PKUERR, at,
						cases[i].k, tm_entry(&mod_a, cases[i].s));
		expect_record(cases[i].what, tm_run(&mod_a, cases[i].s, at, &f), &f, &want);
	}

	/* Once B has run, its class holds a key of its own: A's fault names
	 * that key, not the parking one. */
	struct gf_fault f;
	tc_expect_ok("B writes its own data", tm_run(&mod_b, TM_WRITE, mod_b.data->base + 700, &f), &f);
	int key_b = gf_pkey_region_key(mod_b.data);
	CHECK(key_b > 0 && key_b != park && key_b == gf_pkey_region_key(mod_b.code),
	      "B's code and data share a key of their own (%d, park %d)", key_b, park);
	uintptr_t at = mod_b.data->base + 700;
	struct gf_fault want = expected(&mod_a, false, SEGV_PKUERR, at, GF_ACCESS_READ,
					tm_entry(&mod_a, TM_READ));
	CHECK(want.pkey == key_b, "expected pkey is B's key");
	expect_record("A reads B's data (B keyed)", tm_run(&mod_a, TM_READ, at, &f), &f, &want);
	CHECK(*(volatile uint8_t *)at == TM_WRITE_BYTE, "the host reads B's data");
}

/* The kernel serving A: the arena and A's regions open, B's closed. */
static void kernel_key_faults(void)
{
	struct gf_fault f;
	CHECK(kernel_run(&mod_a, REQ_PKRU, 0, 0, &f) == 0, "kernel call");
	int ka = gf_pkey_region_key(mod_a.data), kk = gf_pkey_region_key(arena),
	    kb = gf_pkey_region_key(mod_b.data);
	tc_cases++;
	CHECK((pkru_in_kernel & 3) == 0, "key 0 enabled in the kernel (PKRU %#x)", pkru_in_kernel);
	CHECK((pkru_in_kernel & (3u << (2 * ka))) == 0, "A's key %d enabled (PKRU %#x)", ka, pkru_in_kernel);
	CHECK((pkru_in_kernel & (3u << (2 * kk))) == 0, "arena key %d enabled (PKRU %#x)", kk, pkru_in_kernel);
	CHECK(pkru_in_kernel & gf_pkru_ad(kb), "B's key %d disabled (PKRU %#x)", kb, pkru_in_kernel);

	for (int k = GF_ACCESS_READ; k <= GF_ACCESS_WRITE; k++) {
		uintptr_t at = mod_b.data->base + 800;
		int rc = kernel_run(&mod_a, REQ_TOUCH, (uintptr_t)k, at, &f);
		struct gf_fault want = expected(&mod_a, true, SEGV_PKUERR, at,
						(gf_access)k, f.pc);
		CHECK(!gf_region_lookup(f.pc, NULL), "kernel pc is host code");
		expect_record(k == GF_ACCESS_READ ? "kernel for A reads B's data"
						  : "kernel for A writes B's data",
			      rc, &f, &want);
	}
}

/* Faults that are not key faults: pages, not keys, deny them. */
static void page_faults(void)
{
	struct gf_fault f, want;
	uintptr_t at = tm_entry(&mod_b, TM_RET);
	want = expected(&mod_a, false, SEGV_ACCERR, at, GF_ACCESS_EXEC, at);
	expect_record("A executes B's code", tm_run(&mod_a, TM_EXEC, at, &f), &f, &want);

	at = mod_a.code->base + 64;
	want = expected(&mod_a, false, SEGV_ACCERR, at, GF_ACCESS_WRITE, tm_entry(&mod_a, TM_WRITE));
	expect_record("A writes its own code", tm_run(&mod_a, TM_WRITE, at, &f), &f, &want);

	at = mod_b.data->base + mod_b.data->size;
	want = expected(&mod_a, false, SEGV_ACCERR, at, GF_ACCESS_READ, tm_entry(&mod_a, TM_READ));
	expect_record("A reads the guard after B's data", tm_run(&mod_a, TM_READ, at, &f), &f, &want);

	at = mod_a.data->base + 900;
	want = expected(&mod_a, false, SEGV_ACCERR, at, GF_ACCESS_EXEC, at);
	expect_record("A executes its own data", tm_run(&mod_a, TM_EXEC, at, &f), &f, &want);
}

/* A window shared read-only: its key is write-disabled in A's PKRU. */
static void read_only_window(void)
{
	struct gf_fault f;
	uintptr_t at = window->base + 40;
	tc_cases++;
	tc_expect_ok("A reads the read-only window", tm_run(&mod_a, TM_READ, at, &f), &f);
	struct gf_fault want = expected(&mod_a, false, SEGV_PKUERR, at, GF_ACCESS_WRITE,
					tm_entry(&mod_a, TM_WRITE));
	expect_record("A writes the read-only window", tm_run(&mod_a, TM_WRITE, at, &f), &f, &want);
	want = expected(&mod_b, false, SEGV_PKUERR, at, GF_ACCESS_READ, tm_entry(&mod_b, TM_READ));
	expect_record("B reads the window it was not given", tm_run(&mod_b, TM_READ, at, &f), &f, &want);
}

/* A grant one key cannot express (B's data without B's code) is enforced
 * fail-closed: the access it grants faults too. */
static void split_grant(void)
{
	struct gf_fault f;
	uintptr_t at = mod_b.data->base + 700;
	CHECK(gf_domain_grant(mod_a.self, mod_b.data, GF_PERM_R) == 0, "grant");
	struct gf_fault want = expected(&mod_a, false, SEGV_PKUERR, at, GF_ACCESS_READ,
					tm_entry(&mod_a, TM_READ));
	expect_record("A reads B's data granted without B's code",
		      tm_run(&mod_a, TM_READ, at, &f), &f, &want);
	CHECK(gf_domain_grant(mod_a.self, mod_b.data, GF_PERM_NONE) == 0, "revoke");
}

/* A recovered run leaves nothing behind: A's next run works. */
static void after_recovery(void)
{
	struct gf_fault f;
	uintptr_t own = mod_a.data->base + 1000;
	tc_cases++;
	tc_expect_ok("A writes its own data after the faults",
		     tm_run(&mod_a, TM_WRITE, own, &f), &f);
	CHECK(*(volatile uint8_t *)own == TM_WRITE_BYTE, "A's write landed");
	tc_expect_ok("A reads its own code after the faults",
		     tm_run(&mod_a, TM_READ, mod_a.code->base + 8, &f), &f);
	expect_host_pkru("after the last run");
}

int main(void)
{
	pkt_init("pkey_attribution");
	CHECK(!gf_iso_process_wide(), "pkey switches per thread: no gate lock");
	arena = gf_region_create("kernel-arena", GF_REGION_ARENA,
				 GF_PRINCIPAL_KERNEL, 16 * 1024, GF_PERM_RW);
	window = gf_region_create("window", GF_REGION_SHARED, GF_PRINCIPAL_KERNEL,
				  4096, GF_PERM_RW);
	CHECK(tm_module_create(1, 4096, 16 * 1024, arena, &mod_a) == 0, "mod1");
	CHECK(tm_module_create(2, 4096, 16 * 1024, arena, &mod_b) == 0, "mod2");
	CHECK(gf_module_share(&mod_a, window, GF_PERM_R) == 0, "window");
	gf_gate_set_handler(kernel);
	if (tc_failures)
		return tc_finish("pkey_attribution", 0);
	expect_host_pkru("after init");
	module_key_faults();
	kernel_key_faults();
	page_faults();
	read_only_window();
	split_grant();
	after_recovery();
	return tc_finish("pkey_attribution", 18);
}

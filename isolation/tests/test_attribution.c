/* test_attribution.c — every field of the fault record, for read, write and
 * exec faults, module and kernel PCs, regions, guards, holes and addresses
 * outside the span; hooks see the record first.
 *
 * usage: test_attribution <backend>
 * Cases that need another module's regions closed run only when the
 * backend enforces (not "none").
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "check.h"
#include "testmod.h"

static struct gf_module_domains mod_a, mod_b;
static const struct gf_region *arena;

enum { REQ_TOUCH = 1, REQ_CALL = 2, REQ_DEEP = 3 };

/* Recursion with buffers in every frame (ASan puts redzones round them),
 * reading addr at the bottom. */
static __attribute__((noinline)) int deep(int depth, uintptr_t addr)
{
	volatile char buf[96];
	buf[depth % 96] = (char)depth;
	if (depth == 0)
		return *(volatile uint8_t *)addr;
	return deep(depth - 1, addr) + buf[depth % 96];
}

/* A frame ASan does not lay out (like libc's) handing a stack buffer to an
 * intercepted call: trips on poison the abandoned frames left behind. */
static __attribute__((noinline, no_sanitize_address)) int stack_after_recovery(void)
{
	char buf[32 * 1024];
	memset(buf, 1, sizeof buf);
	return buf[sizeof buf - 1];
}

static uintptr_t kernel(uint32_t request, uintptr_t p0, uintptr_t p1, uintptr_t p2)
{
	(void)p2;
	if (request == REQ_TOUCH)
		tm_touch((gf_access)p0, p1);
	else if (request == REQ_CALL)
		((void (*)(void))p0)(); /* a wild function pointer */
	else if (request == REQ_DEEP)
		return (uintptr_t)deep((int)p0, p1);
	return 0;
}

/* The record of a fault at addr by the instruction at pc, while m or the
 * kernel serving it (context) ran. */
static struct gf_fault expected(const struct gf_module_domains *m, gf_context context,
				int si_code, uintptr_t addr, uintptr_t pc, gf_access access)
{
	const struct gf_region *guard_of, *region = gf_region_lookup(addr, &guard_of);
	const struct gf_region *owned = region ? region : guard_of;
	const struct gf_region *pc_region = gf_region_lookup(pc, NULL);
	bool pc_in_module = pc_region && pc_region->kind == GF_REGION_CODE;
	return (struct gf_fault){
		.signo = SIGSEGV, .si_code = si_code, .addr = addr, .pc = pc,
		.access = access, .region = region, .guard_of = guard_of,
		.owner = owned ? owned->owner : GF_PRINCIPAL_NONE,
		.pc_region = pc_in_module ? pc_region : NULL,
		.pc_in_module = pc_in_module, .context = context,
		.domain = context == GF_CTX_KERNEL ? m->kernel_for : m->self,
		.caller = m->module, .pkey = -1};
}

/* The record of a fault by module m's snippet s on addr. */
static struct gf_fault module_fault(const struct gf_module_domains *m,
				    enum tm_snippet s, int si_code, uintptr_t addr,
				    gf_access access)
{
	uintptr_t pc = access == GF_ACCESS_EXEC ? addr : tm_entry(m, s);
	return expected(m, GF_CTX_MODULE, si_code, addr, pc, access);
}

/* The record of a fault by the kernel serving m; its pc (got) must be host
 * code, outside every region. */
static struct gf_fault kernel_fault(const struct gf_module_domains *m, int si_code,
				    uintptr_t addr, uintptr_t got_pc, gf_access access)
{
	uintptr_t pc = access == GF_ACCESS_EXEC ? addr : got_pc;
	CHECK(access == GF_ACCESS_EXEC || !gf_region_lookup(got_pc, NULL),
	      "kernel pc %#lx is host code", (unsigned long)got_pc);
	return expected(m, GF_CTX_KERNEL, si_code, addr, pc, access);
}

/* Runs `request` through the gate of module m; the kernel faults. */
static int kernel_run(const struct gf_module_domains *m, uint32_t request,
		      uintptr_t p0, uintptr_t p1, struct gf_fault *f)
{
	struct tm_gate_block *blk = (struct tm_gate_block *)m->data->base;
	*blk = (struct tm_gate_block){.gate = (uintptr_t)gf_gate_entry(),
				      .request = request, .p0 = p0, .p1 = p1};
	return tm_run(m, TM_GATE_THEN, (uintptr_t)blk, f);
}

static struct gf_fault seen_by_hook;
static int hook_calls;
static gf_domain_id domain_in_hook;

static bool recording_hook(const struct gf_fault *f, void *uc, void *arg)
{
	(void)arg;
	CHECK(uc != NULL, "hook gets the ucontext");
	seen_by_hook = *f;
	domain_in_hook = gf_domain_current();
	hook_calls++;
	return false;
}

/* Handles faults in the traced region by opening it: the access retries. */
static bool tracing_hook(const struct gf_fault *f, void *uc, void *arg)
{
	(void)uc;
	const struct gf_region *traced = arg;
	if (f->region != traced)
		return false;
	return mprotect((void *)traced->base, traced->size, PROT_READ | PROT_WRITE) == 0;
}

static void module_faults(bool enforcing)
{
	const struct gf_module_domains *a = &mod_a, *b = &mod_b;
	struct gf_fault f, want;
	uintptr_t at;

	if (enforcing) {
		at = b->data->base + 100;
		want = module_fault(a, TM_READ, SEGV_ACCERR, at, GF_ACCESS_READ);
		tc_expect_record("module reads another module's data", tm_run(a, TM_READ, at, &f), &f, &want);

		at = tm_entry(b, TM_RET);
		want = module_fault(a, TM_EXEC, SEGV_ACCERR, at, GF_ACCESS_EXEC);
		CHECK(want.pc_region == b->code && want.pc_in_module, "exec target is module code");
		tc_expect_record("module executes another module's code", tm_run(a, TM_EXEC, at, &f), &f, &want);

		at = arena->base + 8;
		want = module_fault(a, TM_WRITE, SEGV_ACCERR, at, GF_ACCESS_WRITE);
		CHECK(want.owner == GF_PRINCIPAL_KERNEL, "arena owner");
		tc_expect_record("module writes the kernel arena", tm_run(a, TM_WRITE, at, &f), &f, &want);
	}

	at = a->data->base + a->data->size;
	want = module_fault(a, TM_WRITE, SEGV_ACCERR, at, GF_ACCESS_WRITE);
	CHECK(want.guard_of == a->data && !want.region, "guard after data");
	tc_expect_record("module writes the guard after its data", tm_run(a, TM_WRITE, at, &f), &f, &want);

	at = a->code->base - 1;
	want = module_fault(a, TM_READ, SEGV_ACCERR, at, GF_ACCESS_READ);
	CHECK(want.guard_of == a->code, "guard before code");
	tc_expect_record("module reads the guard before its code", tm_run(a, TM_READ, at, &f), &f, &want);

	at = a->code->base + 64;
	want = module_fault(a, TM_WRITE, SEGV_ACCERR, at, GF_ACCESS_WRITE);
	tc_expect_record("module writes its own code", tm_run(a, TM_WRITE, at, &f), &f, &want);

	at = a->data->base + 256;
	want = module_fault(a, TM_EXEC, SEGV_ACCERR, at, GF_ACCESS_EXEC);
	CHECK(!want.pc_in_module && !want.pc_region, "data is not module code");
	tc_expect_record("module executes its own data", tm_run(a, TM_EXEC, at, &f), &f, &want);

	uintptr_t lo, hi;
	gf_span(&lo, &hi);
	at = hi - 4096;
	want = module_fault(a, TM_READ, SEGV_ACCERR, at, GF_ACCESS_READ);
	CHECK(!want.region && !want.guard_of && want.owner == GF_PRINCIPAL_NONE, "a hole");
	tc_expect_record("module reads a hole of the span", tm_run(a, TM_READ, at, &f), &f, &want);

	at = 0;
	want = module_fault(a, TM_READ, SEGV_MAPERR, at, GF_ACCESS_READ);
	tc_expect_record("module reads NULL", tm_run(a, TM_READ, at, &f), &f, &want);

	/* The stack runs into the guard page below the data region: the
	 * handler needs the alternate stack to run at all. */
	int rc = tm_run(a, TM_RECURSE, 0, &f);
	at = a->data->base - 8;
	want = module_fault(a, TM_RECURSE, SEGV_ACCERR, at, GF_ACCESS_WRITE);
	tc_expect_record("module overflows its stack", rc, &f, &want);
}

static void kernel_faults(bool enforcing)
{
	const struct gf_module_domains *a = &mod_a, *b = &mod_b;
	struct gf_fault f, want;

	int rc = kernel_run(a, REQ_TOUCH, GF_ACCESS_READ, 8, &f);
	want = kernel_fault(a, SEGV_MAPERR, 8, f.pc, GF_ACCESS_READ);
	tc_expect_record("kernel follows a wild pointer", rc, &f, &want);

	rc = kernel_run(a, REQ_CALL, 0, 0, &f);
	want = kernel_fault(a, SEGV_MAPERR, 0, f.pc, GF_ACCESS_EXEC);
	tc_expect_record("kernel calls a NULL function pointer", rc, &f, &want);

	/* A non-canonical address: a general protection fault, which gives
	 * no address (si_addr 0, SI_KERNEL): the record says so, so that no
	 * one takes it for a NULL dereference. */
	rc = kernel_run(a, REQ_TOUCH, GF_ACCESS_READ, (uintptr_t)1 << 63, &f);
	want = kernel_fault(a, SI_KERNEL, 0, f.pc, GF_ACCESS_READ);
	want.addr_unknown = true;
	tc_expect_record("kernel reads a non-canonical address", rc, &f, &want);

	/* A fault deep in instrumented kernel frames: after recovery the
	 * same stack serves other frames without stale ASan poison. */
	rc = kernel_run(a, REQ_DEEP, 40, 16, &f);
	want = kernel_fault(a, SEGV_MAPERR, 16, f.pc, GF_ACCESS_READ);
	tc_expect_record("kernel faults 40 frames deep", rc, &f, &want);
	CHECK(stack_after_recovery() == 1, "the stack is clean after recovery");

	if (enforcing) {
		uintptr_t at = b->data->base + 200;
		rc = kernel_run(a, REQ_TOUCH, GF_ACCESS_WRITE, at, &f);
		want = kernel_fault(a, SEGV_ACCERR, at, f.pc, GF_ACCESS_WRITE);
		CHECK(want.region == b->data && want.owner == b->module, "B's data");
		tc_expect_record("kernel for A writes B's data", rc, &f, &want);
	}
}

/* A module reads past the end of a file mapping: SIGBUS, claimed because
 * the thread is in a module run. */
static void bus_fault(void)
{
	long page = sysconf(_SC_PAGESIZE);
	int fd = memfd_create("gatefuzz-bus", 0);
	CHECK(fd >= 0 && ftruncate(fd, page) == 0, "memfd");
	char *map = mmap(NULL, 2 * page, PROT_READ, MAP_SHARED, fd, 0);
	CHECK(map != MAP_FAILED, "map");
	struct gf_fault f;
	uintptr_t at = (uintptr_t)map + page;
	int rc = tm_run(&mod_a, TM_READ, at, &f);
	struct gf_fault want = module_fault(&mod_a, TM_READ, BUS_ADRERR, at, GF_ACCESS_READ);
	want.signo = SIGBUS;
	tc_expect_record("module reads past a file's end", rc, &f, &want);
	munmap(map, 2 * page);
	close(fd);
}

static void hooks(void)
{
	struct gf_fault f;
	CHECK(gf_fault_hook_add(recording_hook, NULL) == 0, "hook added");
	uintptr_t at = mod_a.data->base + mod_a.data->size + 16;
	int rc = tm_run(&mod_a, TM_READ, at, &f);
	tc_cases++;
	CHECK(rc == 1 && hook_calls == 1, "the hook saw the fault once (%d)", hook_calls);
	CHECK(memcmp(&seen_by_hook, &f, sizeof f) == 0, "the hook saw the returned record");
	CHECK(domain_in_hook == mod_a.self, "the hook ran before recovery (domain %d)", domain_in_hook);

	/* A traced region (no access at all) opened by a hook on first touch,
	 * from host context: the load retries and succeeds. */
	const struct gf_region *traced = gf_region_create(
		"traced", GF_REGION_TRACED, GF_PRINCIPAL_KERNEL, 4096, GF_PERM_NONE);
	CHECK(traced && gf_fault_hook_add(tracing_hook, (void *)traced) == 0, "traced");
	hook_calls = 0;
	uint8_t v = *(volatile uint8_t *)traced->base;
	tc_cases++;
	atomic_signal_fence(memory_order_seq_cst); /* the hook ran in between */
	CHECK(v == 0 && hook_calls == 1 && seen_by_hook.region == traced &&
		      seen_by_hook.context == GF_CTX_HOST &&
		      seen_by_hook.access == GF_ACCESS_READ,
	      "host fault in a traced region handled by the hook");
	mprotect((void *)traced->base, traced->size, PROT_NONE);
}

static void format(void)
{
	struct gf_fault f;
	uintptr_t at = mod_a.data->base + 512;
	CHECK(tm_run(&mod_a, TM_EXEC, at, &f) == 1, "exec fault");
	char line[256], expect[256];
	int n = gf_fault_format(&f, line, sizeof line);
	snprintf(expect, sizeof expect,
		 "exec addr=%#lx region=mod1.data owner=1 pc=%#lx ctx=module "
		 "domain=mod1 caller=1 sig=SEGV code=%d pkey=-1",
		 (unsigned long)at, (unsigned long)at, SEGV_ACCERR);
	tc_cases++;
	CHECK(strcmp(line, expect) == 0 && n == (int)strlen(expect),
	      "format:\n  got  %s\n  want %s", line, expect);
	f.pc = tm_entry(&mod_a, TM_WRITE);
	f.pc_region = mod_a.code;
	f.pc_in_module = true;
	gf_fault_format(&f, line, sizeof line);
	CHECK(strstr(line, " pc=module:mod1.code+0x10 "), "module pc: %s", line);
	f.region = NULL;
	f.guard_of = mod_b.code;
	f.owner = GF_PRINCIPAL_KERNEL;
	gf_fault_format(&f, line, sizeof line);
	CHECK(strstr(line, " guard-of=mod2.code owner=kernel "), "guard: %s", line);
	char small[8];
	n = gf_fault_format(&f, small, sizeof small);
	CHECK(n == (int)strlen(line) && strcmp(small, "exec ad") == 0,
	      "truncation: %s (%d)", small, n);
}

int main(int argc, char **argv)
{
	const char *backend = argc > 1 ? argv[1] : "mprotect";
	bool enforcing = strcmp(backend, "none") != 0;
	char name[64];
	snprintf(name, sizeof name, "isolation_attribution_%s", backend);
	if (gf_iso_init(backend) != 0) {
		printf("%s: FAIL: backend %s unavailable\n", name, backend);
		return 1;
	}
	arena = gf_region_create("kernel-arena", GF_REGION_ARENA,
				 GF_PRINCIPAL_KERNEL, 16 * 1024, GF_PERM_RW);
	CHECK(tm_module_create(1, 4096, 16 * 1024, arena, &mod_a) == 0, "mod1");
	CHECK(tm_module_create(2, 4096, 16 * 1024, arena, &mod_b) == 0, "mod2");
	gf_gate_set_handler(kernel);
	if (tc_failures)
		return tc_finish(name, 0);
	module_faults(enforcing);
	kernel_faults(enforcing);
	bus_fault();
	hooks();
	format();
	return tc_finish(name, enforcing ? 19 : 15);
}

/* test_attribution_win32.c — the fault record on Windows, field by field,
 * and the exception handler's manners.
 *
 * usage: test_attribution_win32
 *
 * Under the win32 backend: reads, writes and executes by module code and
 * by the kernel, on regions, guards, holes, NULL and non-canonical
 * addresses, with the record Linux gives for each (signo, si_code, addr,
 * pc, access, region, owner, context, domain, caller, pkey); writes and
 * reads through instruction forms other than MOV on a PAGE_NOACCESS page,
 * whose direction must not depend on what the system reports
 * (.iso.win32.access); hooks; exceptions that are not ours reach the next
 * handler unchanged, with GetLastError() preserved (.iso.win32.veh).
 * Not tested: a module that runs its stack into the guard page below its
 * data, which ends the process on Windows (docs/windows.md).
 */
#include <windows.h>

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "testmod.h"

enum { SEGV_MAPERR_ = 1, SEGV_ACCERR_ = 2, SI_KERNEL_ = 0x80 }; /* Linux's */
enum { REQ_TOUCH = 1, REQ_CALL = 2, REQ_DEEP = 3, REQ_RAISE = 4 };
#define FORMS_AT 2048 /* forms.S's blob, in module 1's code region */
#define OUR_EXCEPTION 0xE0000042u

static struct gf_module_domains mod_a, mod_b;
static const struct gf_region *arena;

extern const char fm_blob_begin[], fm_blob_end[], fm_rep_stosb[],
	fm_movdqu_store[], fm_inc[], fm_xchg[], fm_setcc[], fm_movs_into[],
	fm_movs_from[], fm_cmp[], fm_push_from[], fm_call_through[];

static __attribute__((noinline)) int deep(int depth, uintptr_t addr)
{
	volatile char buf[96];
	buf[depth % 96] = (char)depth;
	if (depth == 0)
		return *(volatile uint8_t *)addr;
	return deep(depth - 1, addr) + buf[depth % 96];
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
	else if (request == REQ_RAISE)
		RaiseException(OUR_EXCEPTION, 0, 0, NULL); /* not an access violation */
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

/* The whole record of a fault at addr by the instruction at pc (0: not
 * known exactly) in code region pc_code (NULL: host code) while m, or the
 * kernel serving it, ran; what check.c does not compare is compared
 * here. */
static void expect_record(const char *what, int rc, const struct gf_fault *f,
			  const struct gf_module_domains *m, gf_context context,
			  int si_code, uintptr_t addr, uintptr_t pc,
			  const struct gf_region *pc_code, gf_access access)
{
	const struct gf_region *guard_of, *region = gf_region_lookup(addr, &guard_of);
	const struct gf_region *owned = region ? region : guard_of;
	struct tc_expect e = {
		.addr = addr, .access = access, .region = region, .guard_of = guard_of,
		.owner = owned ? owned->owner : GF_PRINCIPAL_NONE, .context = context,
		.domain = context == GF_CTX_KERNEL ? m->kernel_for : m->self,
		.caller = m->module};
	tc_cases++;
	tc_expect_fault(what, rc, f, &e);
	if (rc != 1)
		return;
	char line[256];
	gf_fault_format(f, line, sizeof line);
	printf("%-44s %s\n", what, line);
	CHECK(f->addr == addr, "%s: addr (0 expected): %s", what, line);
	CHECK(f->addr_unknown == (si_code == SI_KERNEL_), "%s: addr_unknown %d expected: %s", what,
	      si_code == SI_KERNEL_, line);
	CHECK(f->signo == SIGSEGV && f->si_code == si_code && f->pkey == -1,
	      "%s: signo/si_code %d/%d expected: %s", what, SIGSEGV, si_code, line);
	CHECK(pc == 0 || f->pc == pc, "%s: pc %#llx expected: %s", what,
	      (unsigned long long)pc, line);
	CHECK(f->pc_in_module == (pc_code != NULL) && f->pc_region == pc_code,
	      "%s: pc region %s expected: %s", what, pc_code ? pc_code->name : "none",
	      line);
}

static void module_faults(void)
{
	const struct gf_module_domains *a = &mod_a, *b = &mod_b;
	struct gf_fault f;
	uintptr_t at, lo, hi;

	at = b->data->base + 100;
	expect_record("module reads another module's data", tm_run(a, TM_READ, at, &f), &f,
		      a, GF_CTX_MODULE, SEGV_ACCERR_, at, tm_entry(a, TM_READ), a->code, GF_ACCESS_READ);
	expect_record("module writes another module's data", tm_run(a, TM_WRITE, at, &f), &f,
		      a, GF_CTX_MODULE, SEGV_ACCERR_, at, tm_entry(a, TM_WRITE), a->code, GF_ACCESS_WRITE);
	at = tm_entry(b, TM_RET);
	expect_record("module executes another module's code", tm_run(a, TM_EXEC, at, &f), &f,
		      a, GF_CTX_MODULE, SEGV_ACCERR_, at, at, b->code, GF_ACCESS_EXEC);
	at = arena->base + 8;
	expect_record("module writes the kernel arena", tm_run(a, TM_WRITE, at, &f), &f,
		      a, GF_CTX_MODULE, SEGV_ACCERR_, at, tm_entry(a, TM_WRITE), a->code, GF_ACCESS_WRITE);
	at = a->code->base + 64;
	expect_record("module writes its own code", tm_run(a, TM_WRITE, at, &f), &f,
		      a, GF_CTX_MODULE, SEGV_ACCERR_, at, tm_entry(a, TM_WRITE), a->code, GF_ACCESS_WRITE);
	at = a->data->base + 256;
	expect_record("module executes its own data", tm_run(a, TM_EXEC, at, &f), &f,
		      a, GF_CTX_MODULE, SEGV_ACCERR_, at, at, NULL, GF_ACCESS_EXEC);
	at = a->data->base + a->data->size;
	expect_record("module writes the guard after its data", tm_run(a, TM_WRITE, at, &f), &f,
		      a, GF_CTX_MODULE, SEGV_ACCERR_, at, tm_entry(a, TM_WRITE), a->code, GF_ACCESS_WRITE);
	gf_span(&lo, &hi);
	at = hi - 4096;
	expect_record("module reads a hole of the span", tm_run(a, TM_READ, at, &f), &f,
		      a, GF_CTX_MODULE, SEGV_ACCERR_, at, tm_entry(a, TM_READ), a->code, GF_ACCESS_READ);
	expect_record("module reads NULL", tm_run(a, TM_READ, 0, &f), &f,
		      a, GF_CTX_MODULE, SEGV_MAPERR_, 0, tm_entry(a, TM_READ), a->code, GF_ACCESS_READ);
	/* A non-canonical address is a general-protection fault: no address
	 * on either system; Linux's record says 0, SI_KERNEL, read. */
	at = 0x8000000000000000ull;
	expect_record("module reads a non-canonical address", tm_run(a, TM_READ, at, &f), &f,
		      a, GF_CTX_MODULE, SI_KERNEL_, 0, tm_entry(a, TM_READ), a->code, GF_ACCESS_READ);
	expect_record("module jumps to a non-canonical address", tm_run(a, TM_EXEC, at, &f), &f,
		      a, GF_CTX_MODULE, SI_KERNEL_, 0, tm_entry(a, TM_EXEC), a->code, GF_ACCESS_READ);
}

/* Instruction forms on another module's data, which is PAGE_NOACCESS in
 * the module's domain: a read of it faults as much as a write does. */
static void forms(void)
{
	static const struct {
		const char *what;
		const char *entry;
		gf_access access;
	} cases[] = {
		{"rep stosb writes", fm_rep_stosb, GF_ACCESS_WRITE},
		{"movdqu store writes", fm_movdqu_store, GF_ACCESS_WRITE},
		{"inc (read-modify-write) writes", fm_inc, GF_ACCESS_WRITE},
		{"xchg writes", fm_xchg, GF_ACCESS_WRITE},
		{"setcc writes", fm_setcc, GF_ACCESS_WRITE},
		{"movs into it writes", fm_movs_into, GF_ACCESS_WRITE},
		{"movs from it reads", fm_movs_from, GF_ACCESS_READ},
		{"cmp reads", fm_cmp, GF_ACCESS_READ},
		{"push from it reads", fm_push_from, GF_ACCESS_READ},
		{"call through it reads", fm_call_through, GF_ACCESS_READ},
	};
	CHECK(gf_region_fill(mod_a.code, FORMS_AT, fm_blob_begin,
			     (size_t)(fm_blob_end - fm_blob_begin)) == 0, "forms loaded");
	uintptr_t at = mod_b.data->base + 1024;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		uintptr_t entry = mod_a.code->base + FORMS_AT +
				  (uintptr_t)(cases[i].entry - fm_blob_begin);
		struct gf_fault f;
		int rc = gf_module_run(&mod_a, entry, at, tm_stack_top(&mod_a), &f);
		char what[96];
		snprintf(what, sizeof what, "form: %s", cases[i].what);
		expect_record(what, rc, &f, &mod_a, GF_CTX_MODULE, SEGV_ACCERR_, at,
			      0, mod_a.code, cases[i].access);
	}
}

static void kernel_faults(void)
{
	const struct gf_module_domains *a = &mod_a, *b = &mod_b;
	struct gf_fault f;

	int rc = kernel_run(a, REQ_TOUCH, GF_ACCESS_READ, 8, &f);
	expect_record("kernel follows a wild pointer", rc, &f, a, GF_CTX_KERNEL,
		      SEGV_MAPERR_, 8, 0, NULL, GF_ACCESS_READ);
	rc = kernel_run(a, REQ_CALL, 0, 0, &f);
	expect_record("kernel calls a NULL function pointer", rc, &f, a, GF_CTX_KERNEL,
		      SEGV_MAPERR_, 0, 0, NULL, GF_ACCESS_EXEC);
	rc = kernel_run(a, REQ_DEEP, 40, 16, &f);
	expect_record("kernel faults 40 frames deep", rc, &f, a, GF_CTX_KERNEL,
		      SEGV_MAPERR_, 16, 0, NULL, GF_ACCESS_READ);
	uintptr_t at = b->data->base + 200;
	rc = kernel_run(a, REQ_TOUCH, GF_ACCESS_WRITE, at, &f);
	expect_record("kernel for A writes B's data", rc, &f, a, GF_CTX_KERNEL,
		      SEGV_ACCERR_, at, 0, NULL, GF_ACCESS_WRITE);
	/* The same thread, recovered, runs on. */
	struct tm_gate_block *blk = (struct tm_gate_block *)a->data->base;
	rc = kernel_run(a, 0, 0, 0, &f);
	tc_cases++;
	CHECK(rc == 0 && blk->result == 0, "a clean gate call after recovery (%d)", rc);
}

static struct gf_fault seen_by_hook;
static int hook_calls;
static gf_domain_id domain_in_hook;

static bool recording_hook(const struct gf_fault *f, void *uctx, void *arg)
{
	(void)arg;
	CHECK(uctx != NULL, "the hook gets the CONTEXT");
	seen_by_hook = *f;
	domain_in_hook = gf_domain_current();
	hook_calls++;
	return false;
}

/* Opens the traced region on first touch: the access retries. */
static bool opening_hook(const struct gf_fault *f, void *uctx, void *arg)
{
	(void)uctx;
	const struct gf_region *traced = arg;
	DWORD old;
	if (f->region != traced)
		return false;
	SetLastError(ERROR_INVALID_DATA); /* what the handler must undo */
	return VirtualProtect((void *)traced->base, traced->size, PAGE_READWRITE, &old);
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
	CHECK(domain_in_hook == mod_a.self, "the hook ran before recovery (domain %d)",
	      domain_in_hook);

	const struct gf_region *traced = gf_region_create(
		"traced", GF_REGION_DATA, GF_PRINCIPAL_KERNEL, 4096, GF_PERM_NONE);
	CHECK(traced && gf_fault_hook_add(opening_hook, (void *)traced) == 0, "traced");
	hook_calls = 0;
	SetLastError(12345);
	uint8_t v = *(volatile uint8_t *)traced->base;
	DWORD error = GetLastError();
	tc_cases++;
	CHECK(v == 0 && hook_calls == 1 && seen_by_hook.region == traced &&
		      seen_by_hook.context == GF_CTX_HOST &&
		      seen_by_hook.access == GF_ACCESS_READ,
	      "host fault in a closed region handled by the hook");
	CHECK(error == 12345, "GetLastError() after a handled fault: %lu", error);
}

/* ---- exceptions that are not ours ------------------------------------ */
static volatile uintptr_t resume_at; /* where the next handler resumes */
static struct {
	DWORD code;
	uintptr_t addr;
	DWORD last_error;
	int calls;
} next_saw;

/* Added last: sees only what ours passed on. */
static LONG CALLBACK next_handler(EXCEPTION_POINTERS *ep)
{
	EXCEPTION_RECORD *er = ep->ExceptionRecord;
	next_saw.code = er->ExceptionCode;
	next_saw.addr = er->NumberParameters >= 2 ? er->ExceptionInformation[1] : 0;
	next_saw.last_error = GetLastError();
	next_saw.calls++;
	if (er->ExceptionCode == OUR_EXCEPTION)
		return EXCEPTION_CONTINUE_EXECUTION; /* RaiseException returns */
	if (er->ExceptionCode == EXCEPTION_ACCESS_VIOLATION && resume_at) {
		ep->ContextRecord->Rip = resume_at;
		return EXCEPTION_CONTINUE_EXECUTION;
	}
	return EXCEPTION_CONTINUE_SEARCH;
}

/* Loads a byte at addr in host context; the next handler resumes after. */
static void host_read(uintptr_t addr)
{
	__asm__ volatile("leaq 1f(%%rip), %%rax\n\t"
			 "movq %%rax, %0\n\t"
			 "movb (%1), %%al\n"
			 "1:"
			 : "=m"(resume_at)
			 : "r"(addr)
			 : "rax", "memory");
	resume_at = 0;
}

static void not_ours(void)
{
	void *next = AddVectoredExceptionHandler(0, next_handler);
	CHECK(next != NULL, "second handler");

	/* An access violation outside the span, in host context. */
	memset(&next_saw, 0, sizeof next_saw);
	SetLastError(4321);
	host_read(0x10);
	tc_cases++;
	CHECK(next_saw.calls == 1 && next_saw.code == EXCEPTION_ACCESS_VIOLATION &&
		      next_saw.addr == 0x10,
	      "a host access violation outside the span went on (%d calls)", next_saw.calls);
	CHECK(next_saw.last_error == 4321, "GetLastError() as the next handler found it: %lu",
	      next_saw.last_error);

	/* Another exception in host context, then during a kernel call. */
	memset(&next_saw, 0, sizeof next_saw);
	RaiseException(OUR_EXCEPTION, 0, 0, NULL);
	struct gf_fault f;
	int rc = kernel_run(&mod_a, REQ_RAISE, 0, 0, &f);
	tc_cases++;
	CHECK(next_saw.calls == 2 && next_saw.code == OUR_EXCEPTION && rc == 0,
	      "other exceptions went on, in a run too (%d calls, run %d)", next_saw.calls, rc);
	RemoveVectoredExceptionHandler(next);
}

static void format(void)
{
	struct gf_fault f;
	uintptr_t at = mod_a.data->base + 512;
	CHECK(tm_run(&mod_a, TM_EXEC, at, &f) == 1, "exec fault");
	char line[256], expect[256];
	gf_fault_format(&f, line, sizeof line);
	snprintf(expect, sizeof expect,
		 "exec addr=%#llx region=mod1.data owner=1 pc=%#llx ctx=module "
		 "domain=mod1 caller=1 sig=SEGV code=2 pkey=-1",
		 (unsigned long long)at, (unsigned long long)at);
	tc_cases++;
	CHECK(strcmp(line, expect) == 0, "format:\n  got  %s\n  want %s", line, expect);
}

int main(void)
{
	const char *name = "windows_attribution";
	if (gf_iso_init("win32") != 0) {
		printf("%s: FAIL: backend win32 unavailable\n", name);
		return 1;
	}
	arena = gf_region_create("kernel-arena", GF_REGION_ARENA,
				 GF_PRINCIPAL_KERNEL, 16 * 1024, GF_PERM_RW);
	CHECK(tm_module_create(1, 4096, 16 * 1024, arena, &mod_a) == 0, "mod1");
	CHECK(tm_module_create(2, 4096, 16 * 1024, arena, &mod_b) == 0, "mod2");
	gf_gate_set_handler(kernel);
	if (tc_failures)
		return tc_finish(name, 0);
	module_faults();
	forms();
	kernel_faults();
	hooks();
	not_ours();
	format();
	return tc_finish(name, 30);
}

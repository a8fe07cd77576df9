/* fault_veh.c — catching access violations, attributing them, passing on
 * the rest (Windows; the Linux handler is fault.c).
 *
 * One vectored exception handler for the process, added first in the
 * list, so it sees every exception before other vectored handlers and
 * before any frame-based (__try/SEH) handler (.iso.win32.veh).  It claims
 * what fault.c claims: an EXCEPTION_ACCESS_VIOLATION whose address lies in
 * the span, or one raised while the thread is inside a module run
 * (.iso.fault.claim).  A claimed fault is attributed into the same struct
 * gf_fault as on Linux, shown to the hooks, and then ends the module run;
 * anything else continues the search (EXCEPTION_CONTINUE_SEARCH), as if
 * gatefuzz were absent.
 *
 * The handler runs on the faulting thread's stack (Windows has no
 * alternate stack), in whatever domain faulted: it touches only host
 * memory and the instruction's own bytes, takes no lock and allocates
 * nothing (but gf_self's first use by a thread that never ran a module,
 * for a host fault in the span).  GetLastError() is preserved.
 */
#include <windows.h>

#include <signal.h>

#include "insn_writes.h"
#include "iso_internal.h"

/* Linux's si_code values (SEGV_MAPERR, SEGV_ACCERR, SI_KERNEL), so that a
 * record reads the same on both platforms (.iso.win32.record). */
enum { GF_SEGV_MAPERR = 1, GF_SEGV_ACCERR = 2, GF_SI_KERNEL = 0x80 };

/* ExceptionInformation[0] of an access violation. */
enum { GF_EXC_READ = 0, GF_EXC_WRITE = 1, GF_EXC_EXECUTE = 8 };

static bool in_span(uintptr_t addr)
{
	uintptr_t lo, hi;
	gf_span(&lo, &hi);
	return addr - lo < hi - lo;
}

/* Linux says MAPERR where nothing is mapped and ACCERR where a mapping
 * refuses the access; Windows' nearest notion of "mapped" is any state
 * but MEM_FREE (the span, reserved, counts as mapped, as the span's
 * PROT_NONE mapping does on Linux).  Kernel addresses are no memory the
 * process can query: MAPERR, as on Linux. */
static int si_code_of(uintptr_t addr)
{
	MEMORY_BASIC_INFORMATION mbi;
	if (VirtualQuery((void *)addr, &mbi, sizeof mbi) == 0 || mbi.State == MEM_FREE)
		return GF_SEGV_MAPERR;
	return GF_SEGV_ACCERR;
}

/* .iso.win32.access: an instruction fetch faults at its own address (as
 * fault.c decides on Linux).  A reported write is a write.  A reported
 * read is checked against the instruction's bytes (insn_writes.c), because
 * Wine has reported a write to a PAGE_NOACCESS page as a read; the region's
 * permission could not settle it (a read of such a page faults too).  Only
 * a read is decoded: a fetch fault guarantees nothing about the bytes at
 * pc, a data fault guarantees they were fetched. */
static gf_access access_of(const EXCEPTION_RECORD *er, const CONTEXT *ctx,
			   const struct gf_fault *f)
{
	if (f->pc == f->addr)
		return GF_ACCESS_EXEC;
	if (er->ExceptionInformation[0] == GF_EXC_WRITE)
		return GF_ACCESS_WRITE;
	if (er->ExceptionInformation[0] == GF_EXC_READ &&
	    gf_insn_writes((const uint8_t *)f->pc, f->addr, ctx->Rsp, ctx->Rdi))
		return GF_ACCESS_WRITE;
	return GF_ACCESS_READ;
}

static void attribute(const EXCEPTION_RECORD *er, const CONTEXT *ctx,
		      const struct gf_thread *t, struct gf_fault *f)
{
	uintptr_t reported = er->ExceptionInformation[1];
	f->signo = SIGSEGV;
	f->pc = ctx->Rip;
	/* .iso.win32.record: a general-protection fault (a non-canonical
	 * address) carries no address; Windows says all ones, Linux says 0
	 * with SI_KERNEL and, its error code having no W bit, a read. */
	f->addr_unknown = reported == UINTPTR_MAX;
	if (reported == UINTPTR_MAX) {
		f->addr = 0;
		f->si_code = GF_SI_KERNEL;
		f->access = GF_ACCESS_READ;
	} else {
		f->addr = reported;
		f->si_code = si_code_of(reported);
		f->access = access_of(er, ctx, f);
	}
	gf_fault_locate(f, t);
	f->pkey = -1;
}

/* A host-context fault in the span is a harness or oracle bug with no
 * recovery point: say which region it hit before the search goes on to
 * whatever reports it or ends the process. */
static void report_host_fault(const struct gf_fault *f)
{
	char line[352];
	DWORD n = (DWORD)gf_fault_host_line(f, line, sizeof line), written;
	WriteFile(GetStdHandle(STD_ERROR_HANDLE), line, n, &written, NULL);
}

/* .iso.win32.recover: the Windows analogue of siglongjmp.  The thread
 * resumes at gf_gate_recovered (gate_win64.S) with rsp and rbp the run's
 * frame on the host stack, which pops the registers gf_gate_run saved and
 * returns 1 from it; gf_module_run then restores the domain and context.
 * Whatever stood between (module frames, the kernel's abandoned frames,
 * the exception frame Windows pushed) is left behind, as siglongjmp
 * leaves it.  Only rip, rsp and rbp change: the epilogue restores every
 * other register the host relies on. */
static void redirect_to_recovery(const struct gf_thread *t, CONTEXT *ctx)
{
	ctx->Rip = (DWORD64)(uintptr_t)gf_gate_recovered;
	ctx->Rsp = t->host_sp;
	ctx->Rbp = t->host_fp;
}

static LONG handle(EXCEPTION_POINTERS *ep)
{
	const EXCEPTION_RECORD *er = ep->ExceptionRecord;
	if (er->ExceptionCode != EXCEPTION_ACCESS_VIOLATION || er->NumberParameters < 2)
		return EXCEPTION_CONTINUE_SEARCH;
	struct gf_thread *t = gf_win32_thread();
	bool in_run = t && t->context != GF_CTX_HOST;
	/* .iso.fault.claim, as on Linux: ours in the span or during a run,
	 * never a fault of this handler or a hook (in_handler), which would
	 * recur. */
	if (!in_span(er->ExceptionInformation[1]) && !in_run)
		return EXCEPTION_CONTINUE_SEARCH;
	if (!t)
		t = &gf_self;
	if (t->in_handler)
		return EXCEPTION_CONTINUE_SEARCH;
	struct gf_fault f;
	t->in_handler = true;
	attribute(er, ep->ContextRecord, t, &f);
	/* The hooks' uctx is the CONTEXT (Linux gives them the ucontext). */
	bool handled = gf_fault_hooks_run(&f, ep->ContextRecord);
	t->in_handler = false;
	if (handled)
		return EXCEPTION_CONTINUE_EXECUTION; /* the instruction retries */
	if (t->context == GF_CTX_HOST) {
		report_host_fault(&f);
		return EXCEPTION_CONTINUE_SEARCH;
	}
	t->fault = f;
	redirect_to_recovery(t, ep->ContextRecord);
	return EXCEPTION_CONTINUE_EXECUTION;
}

/* The calls above (TlsGetValue, VirtualQuery, WriteFile) may set the
 * thread's last error; the interrupted code must find its own. */
static LONG CALLBACK on_exception(EXCEPTION_POINTERS *ep)
{
	DWORD saved = GetLastError();
	LONG verdict = handle(ep);
	SetLastError(saved);
	return verdict;
}

int gf_fault_install(void)
{
	if (gf_win32_slot_init() != 0)
		return -1;
	/* .iso.win32.veh: first in the list (argument 1).  A handler added
	 * later with "first" displaces ours; it keeps recovery working only
	 * if it continues the search for access violations it does not
	 * want. */
	return AddVectoredExceptionHandler(1, on_exception) ? 0 : -1;
}

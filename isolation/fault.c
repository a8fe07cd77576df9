/* fault.c — catching SIGSEGV/SIGBUS, attributing them, passing on the rest
 * (Linux; the Windows handler is win32/fault_veh.c).
 *
 * One handler for the process, installed by gf_iso_init after the
 * sanitizers' and the fuzzing engine's, so it sees every fault first.  It
 * claims a fault when the address lies in the span (a region, a guard page
 * or a hole) or when the thread is inside a module run (module context, or
 * the kernel serving a module: a kernel following a wild pointer must be
 * recovered and reported, not kill the fuzzer).  A claimed fault is
 * attributed, shown to the hooks, and then ends the module run; anything
 * else goes to the handler that was there before, as if gatefuzz were
 * absent.
 *
 * Everything below runs in a signal handler: no locks, no allocation, only
 * async-signal-safe calls, errno preserved.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

#include "iso_internal.h"

#ifndef SEGV_PKUERR
#define SEGV_PKUERR 4
#endif

/* The dispositions we displaced, one per signal we handle.  Written before
 * our handler is installed; afterwards only the SA_RESETHAND emulation in
 * pass_on() changes them. */
static struct sigaction previous_segv, previous_bus;

static struct sigaction *previous(int sig)
{
	return sig == SIGBUS ? &previous_bus : &previous_segv;
}

static void attribute(int sig, const siginfo_t *si, const ucontext_t *uc,
		      struct gf_fault *f)
{
	const greg_t *regs = uc->uc_mcontext.gregs;
	f->signo = sig;
	f->si_code = si->si_code;
	f->addr = (uintptr_t)si->si_addr;
	f->addr_unknown = sig == SIGSEGV && si->si_code == SI_KERNEL;
	f->pc = (uintptr_t)regs[REG_RIP];
	/* An instruction fetch faults at its own address; otherwise bit 1 of
	 * the page-fault error code tells a write from a read. */
	f->access = f->pc == f->addr		? GF_ACCESS_EXEC
		    : (regs[REG_ERR] & 2)	? GF_ACCESS_WRITE
						: GF_ACCESS_READ;
	gf_fault_locate(f, &gf_self);
	f->pkey = sig == SIGSEGV && si->si_code == SEGV_PKUERR ? (int)si->si_pkey : -1;
}

/* .iso.fault.chain: gives the fault to the disposition we displaced, with the
 * effect it would have had without us.  Shared with the traced regions'
 * SIGTRAP handler (traced_step.c), whose traps do not recur. */
void gf_signal_pass_on(struct sigaction *p, int sig, siginfo_t *si, void *uc,
		       bool recurs)
{
	/* sa_handler and sa_sigaction share storage: SIG_DFL and SIG_IGN are
	 * recognised whatever SA_SIGINFO says. */
	if (p->sa_handler == SIG_IGN && si->si_code <= 0)
		return; /* a SIGSEGV sent by kill/raise is ignored, as asked */
	if (p->sa_handler == SIG_DFL || p->sa_handler == SIG_IGN) {
		/* Default action.  POSIX leaves an ignored synchronous fault
		 * undefined; Linux resets it to SIG_DFL and kills, and so do
		 * we.  Reinstate SIG_DFL, then let the fault happen again:
		 * a hardware fault re-executes when we return; a sent one,
		 * or a trap (reported after its instruction), is sent again
		 * (not blocked: SA_NODEFER).  Either way the process dies by
		 * the signal exactly as it would have. */
		struct sigaction dfl;
		memset(&dfl, 0, sizeof dfl);
		dfl.sa_handler = SIG_DFL;
		sigaction(sig, &dfl, NULL);
		if (si->si_code <= 0 || !recurs)
			raise(sig);
		return;
	}
	/* A real handler: run it with the mask the kernel would have given
	 * it (its sa_mask, plus the signal unless SA_NODEFER).  Our return
	 * restores the interrupted mask; if it jumps away, what it finds is
	 * what it would have found. */
	sigset_t mask = p->sa_mask, old;
	if (!(p->sa_flags & SA_NODEFER))
		sigaddset(&mask, sig);
	pthread_sigmask(SIG_BLOCK, &mask, &old);
	struct sigaction call = *p;
	if (p->sa_flags & SA_RESETHAND) { /* one-shot: later ones get SIG_DFL */
		p->sa_handler = SIG_DFL;
		p->sa_flags &= ~SA_SIGINFO;
	}
	/* SA_ONSTACK of the previous handler cannot be honoured: it runs on
	 * whichever stack we were given. */
	if (call.sa_flags & SA_SIGINFO)
		call.sa_sigaction(sig, si, uc);
	else
		call.sa_handler(sig);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

static void pass_on(int sig, siginfo_t *si, void *uc)
{
	gf_signal_pass_on(previous(sig), sig, si, uc, true);
}

/* A host-context fault in the span is a harness or oracle bug with no
 * recovery point: say which region it hit before the previous disposition
 * reports it (ASan's stack trace) or kills. */
static void report_host_fault(const struct gf_fault *f)
{
	char line[352];
	size_t n = gf_fault_host_line(f, line, sizeof line);
	(void)!write(STDERR_FILENO, line, n);
}

static void on_fault(int sig, siginfo_t *si, void *uc)
{
	int saved_errno = errno;
	struct gf_thread *t = &gf_self;
	uintptr_t lo, hi;
	gf_span(&lo, &hi);
	uintptr_t addr = (uintptr_t)si->si_addr;
	bool in_span = addr - lo < hi - lo;
	/* .iso.fault.claim: ours when raised by the kernel for an access (si_code
	 * > 0; kill and raise give <= 0), in the span or during a module run,
	 * and not a fault of this handler or a hook (in_handler), which
	 * would recurse. */
	if (si->si_code <= 0 || t->in_handler ||
	    (!in_span && t->context == GF_CTX_HOST)) {
		pass_on(sig, si, uc);
		errno = saved_errno;
		return;
	}
	struct gf_fault f;
	t->in_handler = true;
	attribute(sig, si, uc, &f);
	bool handled = gf_fault_hooks_run(&f, uc);
	t->in_handler = false;
	errno = saved_errno;
	if (handled)
		return; /* the hook fixed it: the instruction retries */
	if (t->context == GF_CTX_HOST) {
		report_host_fault(&f);
		pass_on(sig, si, uc);
		errno = saved_errno;
		return;
	}
	/* Does not return: the run ends at its recovery point. */
	gf_gate_recover(&f, (uintptr_t)((ucontext_t *)uc)->uc_mcontext.gregs[REG_RSP]);
}

int gf_signal_install(int sig, void (*handler)(int, siginfo_t *, void *),
		      struct sigaction *previous)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = handler;
	/* .iso.fault.flags (the fault handler's; the traced regions' SIGTRAP
	 * handler has them for the same reasons)
	 * SA_SIGINFO: we need si_addr, si_code and the register state.
	 * SA_ONSTACK: run on the thread's alternate stack, because the
	 *   faulting stack may be the module's, exhausted into its guard
	 *   page or corrupted (gf_module_run gives each thread one).
	 * SA_NODEFER and an empty sa_mask: delivery leaves the signal mask
	 *   exactly as it was, so recovery may siglongjmp without restoring
	 *   a mask (no sigprocmask syscall per fault) and a later fault is
	 *   not blocked (a blocked synchronous fault kills the process).
	 * No SA_RESTART: synchronous faults and traps interrupt no system
	 *   call.
	 * No SA_RESETHAND: we stay installed for the next fault. */
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	/* Read the previous disposition before installing, so it is in
	 * place by the time our handler can run. */
	return sigaction(sig, NULL, previous) || sigaction(sig, &sa, NULL) ? -1 : 0;
}

int gf_fault_install(void)
{
	if (gf_signal_install(SIGSEGV, on_fault, &previous_segv) ||
	    gf_signal_install(SIGBUS, on_fault, &previous_bus))
		return -1;
	/* A sanitizer may keep the signal to itself and still say yes. */
	struct sigaction now;
	if (sigaction(SIGSEGV, NULL, &now) || now.sa_sigaction != on_fault) {
		fprintf(stderr, "gatefuzz: isolation: the SIGSEGV handler was not installed "
				"(ASAN_OPTIONS=allow_user_segv_handler=0?)\n");
		return -1;
	}
	return 0;
}

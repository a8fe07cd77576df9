/* traced_step.c — one traced access: fault, record, emulate, step, trap.
 *
 * .iso.traced.step: a traced region is closed in every domain
 * (.iso.traced.closed), so each access faults.  The fault hook (on_access)
 * checks the domain's grant, decodes the instruction, records the access,
 * opens the region, puts the read callback's value in place, sets the trap
 * flag (EFLAGS.TF) in the saved context and answers "handled": the
 * instruction retries, runs exactly once, and the CPU raises a debug trap
 * before the next one.  The SIGTRAP handler (on_trap) then reads what the
 * instruction wrote, restores register content, closes the region, clears
 * TF and hands the write to the callback; execution goes on.
 *
 * Both halves run in signal handlers on the faulting thread: no locks, no
 * allocation, errno preserved.  Between them the thread's pending step
 * lives in initial-exec TLS, reached without calls.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <ucontext.h>
#include <unistd.h>

#include "traced_internal.h"

#define EFLAGS_TF 0x100ull /* trap flag: #DB after the next instruction */

/* The step under way on this thread; t == NULL when none. */
struct step {
	struct gf_traced *t;
	struct gf_traced_access *entry;
	uintptr_t at;    /* the operand's address                       */
	unsigned width, access;
	uint64_t before; /* the operand's bytes before the access       */
};
static __thread struct step pending __attribute__((tls_model("initial-exec")));

/* The SIGTRAP disposition we displaced (.iso.fault.chain). */
static struct sigaction previous_trap;

/* The operand as an integer: one volatile access of its width, as the
 * instruction makes it (little endian, as x86 is). */
static uint64_t load(uintptr_t at, unsigned width)
{
	switch (width) {
	case 1: return *(volatile uint8_t *)at;
	case 2: return *(volatile uint16_t *)at;
	case 4: return *(volatile uint32_t *)at;
	default: return *(volatile uint64_t *)at;
	}
}

static void store(uintptr_t at, unsigned width, uint64_t v)
{
	switch (width) {
	case 1: *(volatile uint8_t *)at = (uint8_t)v; break;
	case 2: *(volatile uint16_t *)at = (uint16_t)v; break;
	case 4: *(volatile uint32_t *)at = (uint32_t)v; break;
	default: *(volatile uint64_t *)at = v; break;
	}
}

/* .iso.traced.open: the whole region opens, read-write whatever the grant:
 * its own mapping changes in place (no VMA split), an access crossing pages
 * inside it runs, and the one instruction that will run has been decoded
 * and its access checked against the grant.  A failure here would leave
 * the trace wrong, so it ends the process. */
static void set_open(const struct gf_region *r, bool open)
{
	if (gf_mem_protect(r->base, r->size, open ? GF_PERM_RW : GF_PERM_NONE) == 0)
		return;
	static const char msg[] = "gatefuzz: traced region: mprotect failed\n";
	(void)!write(STDERR_FILENO, msg, sizeof msg - 1);
	abort();
}

static void set_trap_flag(ucontext_t *uc, bool on)
{
	greg_t *efl = &uc->uc_mcontext.gregs[REG_EFL];
	*efl = on ? (*efl | (greg_t)EFLAGS_TF) : (*efl & ~(greg_t)EFLAGS_TF);
}

/* The decoded access agrees with the page-fault error code: a load reports
 * a read, a store a write; a read-modify-write may report either. */
static bool agrees(const struct gf_insn *in, gf_access fault)
{
	return in->access == (GF_TRACED_READ | GF_TRACED_WRITE) ||
	       in->access == (fault == GF_ACCESS_WRITE ? GF_TRACED_WRITE
						       : GF_TRACED_READ);
}

static gf_perm perm_needed(unsigned access)
{
	return ((access & GF_TRACED_READ) ? GF_PERM_R : 0) |
	       ((access & GF_TRACED_WRITE) ? GF_PERM_W : 0);
}

/* Records the access and starts its step; false when it is refused (the
 * fault then takes its usual course) or not granted after all. */
static bool begin(struct gf_traced *t, const struct gf_fault *f,
		  gf_perm granted, ucontext_t *uc)
{
	const struct gf_region *r = t->region;
	size_t off = f->addr - r->base;
	struct gf_insn in;
	bool known = gf_traced_decode((const uint8_t *)f->pc, &in) == 0 &&
		     agrees(&in, f->access);
	if (known && (granted & perm_needed(in.access)) != perm_needed(in.access))
		return false; /* e.g. read-modify-write with a read-only grant */
	struct gf_traced_access *e = gf_traced_claim(t);
	*e = (struct gf_traced_access){.offset = off, .pc = f->pc,
				       .context = f->context, .domain = f->domain};
	if (!known || in.width > r->size - off) {
		e->flags = GF_TRACED_REFUSED | (f->access == GF_ACCESS_WRITE
							? GF_TRACED_WRITE
							: GF_TRACED_READ);
		return false;
	}
	e->flags = in.access;
	e->width = in.width;
	e->length = in.length;
	set_open(r, true);
	uint64_t before = load(f->addr, in.width);
	if (in.access & GF_TRACED_READ) {
		if (t->ops.read) {
			store(f->addr, in.width, t->ops.read(t->ctx, off, in.width));
			e->flags |= GF_TRACED_EMULATED;
		}
		e->read = load(f->addr, in.width); /* what the instruction gets */
	}
	pending = (struct step){.t = t, .entry = e, .at = f->addr,
				.width = in.width, .access = in.access,
				.before = before};
	set_trap_flag(uc, true);
	return true;
}

/* Closes the step: the region as the device model wants it, closed. */
static void finish(const struct step *s)
{
	if (s->access & GF_TRACED_WRITE)
		s->entry->written = load(s->at, s->width);
	if (s->t->ops.registers)
		store(s->at, s->width, s->before);
	set_open(s->t->region, false);
}

/* .iso.hook: sees every fault the core claims. */
static bool on_access(const struct gf_fault *f, void *uc, void *arg)
{
	(void)arg;
	uint32_t keys;
	if (pending.t) {
		/* .iso.traced.abandon: the stepped instruction (or a signal
		 * handler that ran before it) faulted elsewhere.  End the
		 * step so that the region is not left open nor TF set, and
		 * let that fault take its course. */
		struct step s = pending;
		pending.t = NULL;
		keys = gf_traced_keys_open();
		finish(&s);
		gf_traced_keys_close(keys);
		s.entry->flags |= GF_TRACED_ABANDONED;
		set_trap_flag(uc, false);
		return false;
	}
	struct gf_traced *t = gf_traced_of(f->region);
	if (!t || f->access == GF_ACCESS_EXEC)
		return false;
	/* .iso.traced.grant: only a domain granted the region is traced;
	 * anyone else faults as in any region it lacks. */
	gf_perm granted = gf_domain_perm(f->domain, f->region);
	if (!(granted & (f->access == GF_ACCESS_WRITE ? GF_PERM_W : GF_PERM_R)))
		return false;
	keys = gf_traced_keys_open();
	bool stepping = begin(t, f, granted, uc);
	gf_traced_keys_close(keys);
	return stepping;
}

static void on_trap(int sig, siginfo_t *si, void *uc)
{
	int saved_errno = errno;
	struct gf_thread *self = &gf_self;
	/* Ours when a step is pending on this thread and the kernel raised
	 * the trap (si_code > 0; kill and raise give <= 0).  Nothing else can
	 * trap in the one instruction between. */
	if (!pending.t || si->si_code <= 0 || self->in_handler) {
		gf_signal_pass_on(&previous_trap, sig, si, uc, false);
		errno = saved_errno;
		return;
	}
	struct step s = pending;
	pending.t = NULL;
	set_trap_flag(uc, false);
	/* A fault in here (a callback's) is not ours to handle: the fault
	 * handler passes it on (.iso.fault.claim). */
	self->in_handler = true;
	uint32_t keys = gf_traced_keys_open();
	finish(&s);
	gf_traced_keys_close(keys);
	if ((s.access & GF_TRACED_WRITE) && s.t->ops.write)
		s.t->ops.write(s.t->ctx, s.entry->offset, s.width, s.entry->written);
	self->in_handler = false;
	errno = saved_errno;
}

int gf_traced_step_install(void)
{
	/* .iso.traced.flags — the fault handler's (.iso.fault.flags), for the
	 * same reasons: si_code tells a kernel trap from a sent signal and
	 * the saved context is where TF is cleared (SA_SIGINFO); the trapping
	 * code may run on a module's stack (SA_ONSTACK); the mask never
	 * changes, so a fault in a callback is not blocked and a recovery that
	 * follows restores none (SA_NODEFER).  Installed from
	 * gf_traced_create, after gf_iso_init: after the sanitizers and the
	 * engine (libFuzzer intercepts SIGTRAP), so traps that are not ours
	 * still reach them. */
	if (gf_signal_install(SIGTRAP, on_trap, &previous_trap))
		return -1;
	return gf_fault_hook_add(on_access, NULL);
}

/* fault_cm.c — the fault handlers' decisions (.cm.fault).
 *
 * Every fault exception comes here with its stacked frame.  The registers
 * are recorded, the fault is described as a struct gf_fault (the same
 * record the host backends fill from a signal), hooks may claim it, and
 * then:
 *   - during a module run: the run ends with result 1.  A fault taken from
 *     the module (Thread mode, PSP) resumes the kernel at once; a fault
 *     taken while the kernel served a gate call (Handler mode, inside the
 *     SVC handler) first returns into gf_cm_abort_gate, in the SVC
 *     handler's context, which then resumes the kernel (.cm.abort);
 *   - otherwise the kernel itself faulted: the fault is printed and the
 *     image exits with GF_CM_EXIT_KERNEL_FAULT.
 */
#include <signal.h>

#include "cm_regs.h"
#include "console.h"
#include "cm_internal.h"
#include "semihost.h"

#define MAX_HOOKS 8
static struct {
	gf_fault_hook fn;
	void *arg;
} hooks[MAX_HOOKS];
static int hook_count;
static struct gf_cm_fault_regs last;

extern uint8_t __gf_code_start[], __gf_code_end[];

const struct gf_cm_fault_regs *gf_cm_last_fault(void)
{
	return &last;
}

int gf_fault_hook_add(gf_fault_hook fn, void *arg)
{
	if (!fn || hook_count == MAX_HOOKS)
		return -1;
	hooks[hook_count].fn = fn;
	hooks[hook_count].arg = arg;
	hook_count++;
	return 0;
}

static uint32_t read_ipsr(void)
{
	uint32_t v;
	__asm volatile("mrs %0, ipsr" : "=r"(v));
	return v & 0x1ff;
}

static void capture(const uint32_t *frame, uint32_t exc_return)
{
	last = (struct gf_cm_fault_regs){
		.exception = read_ipsr(), .cfsr = SCB_CFSR, .hfsr = SCB_HFSR,
		.mmfar = SCB_MMFAR, .bfar = SCB_BFAR, .exc_return = exc_return};
#if defined(__ARM_ARCH_8M_MAIN__)
	last.sfsr = SCB_SFSR;
	last.sfar = SCB_SFAR;
	SCB_SFSR = last.sfsr;
#endif
	/* The status bits are write-one-to-clear: the next fault starts
	 * clean. */
	SCB_CFSR = last.cfsr;
	SCB_HFSR = last.hfsr;
	uint32_t stacking = CFSR_MSTKERR | CFSR_MUNSTKERR | CFSR_STKERR | CFSR_UNSTKERR;
	last.frame_valid = !(last.cfsr & stacking);
	if (last.frame_valid) {
		last.lr = frame[5];
		last.pc = frame[6];
		last.xpsr = frame[7];
	}
}

/* The PC's instruction may be decoded only where reading cannot fault:
 * a region or the image's code. */
static bool readable_code(uint32_t pc)
{
	return gf_region_lookup(pc, NULL) ||
	       (pc >= (uintptr_t)__gf_code_start && pc + 4 <= (uintptr_t)__gf_code_end);
}

static void describe(struct gf_fault *f, gf_domain_id at_fault)
{
	uint32_t cfsr = last.cfsr;
	*f = (struct gf_fault){.pc = last.pc, .si_code = (int)cfsr, .pkey = -1,
			       .owner = GF_PRINCIPAL_NONE, .caller = GF_PRINCIPAL_NONE};
	switch (last.exception) {
	case 5: f->signo = SIGBUS; break;
	case 6: f->signo = SIGILL; break;
	default: f->signo = SIGSEGV; break;
	}
	/* .cm.fault.invstate — a branch to an even address asks for ARM
	 * state, which an M-profile core cannot execute: a UsageFault
	 * (INVSTATE) at the target instead of a refused fetch.  Either way
	 * the code jumped somewhere it cannot execute, the PC is the target. */
	if (cfsr & (CFSR_IACCVIOL | CFSR_IBUSERR | CFSR_INVSTATE)) {
		f->access = GF_ACCESS_EXEC;
		f->addr = last.pc;
	} else if (cfsr & (CFSR_MSTKERR | CFSR_STKERR)) {
		f->access = GF_ACCESS_WRITE; /* pushing the exception frame */
	} else if (cfsr & (CFSR_MUNSTKERR | CFSR_UNSTKERR)) {
		f->access = GF_ACCESS_READ;
	} else {
		gf_access a = readable_code(last.pc) ? gf_cm_thumb_access((const uint16_t *)last.pc) : 0;
		f->access = a ? a : GF_ACCESS_READ;
	}
	if (cfsr & CFSR_MMARVALID)
		f->addr = last.mmfar;
	else if (cfsr & CFSR_BFARVALID)
		f->addr = last.bfar;

	f->region = gf_region_lookup(f->addr, &f->guard_of);
	if (f->region)
		f->owner = f->region->owner;
	else if (f->guard_of)
		f->owner = f->guard_of->owner;
	const struct gf_region *pr = gf_region_lookup(f->pc, NULL);
	if (pr && pr->kind == GF_REGION_CODE) {
		f->pc_region = pr;
		f->pc_in_module = true;
	}
	f->context = gf_context_current();
	f->domain = at_fault;
	if (gf_cm_run.active)
		f->caller = gf_cm_run.m->module;
}

__attribute__((noreturn)) static void fatal(const struct gf_fault *f, const char *why)
{
	char line[200];
	gf_fault_format(f, line, sizeof line);
	gf_console_printf("FATAL %s: exception %lu CFSR=0x%08lx HFSR=0x%08lx %s\n", why,
			  (unsigned long)last.exception, (unsigned long)last.cfsr,
			  (unsigned long)last.hfsr, line);
	gf_sh_exit(GF_CM_EXIT_KERNEL_FAULT);
}

uint32_t gf_cm_fault_dispatch(uint32_t *frame, uint32_t exc_return)
{
	static bool busy;
	struct gf_fault f;
	/* Examine the fault in the host program, where privileged reads of
	 * any region or the image cannot fault again; a retry restores the
	 * domain that faulted. */
	gf_domain_id at_fault = gf_domain_current();
	capture(frame, exc_return);
	gf_domain_switch(GF_DOMAIN_HOST);
	/* A fault inside this handler comes back here as a HardFault. */
	bool nested = busy;
	busy = true;
	describe(&f, at_fault);
	if (nested)
		fatal(&f, "fault while handling a fault");

	for (int i = 0; i < hook_count; i++)
		if (hooks[i].fn(&f, &last, hooks[i].arg)) {
			busy = false;
			gf_domain_switch(at_fault);
			return exc_return; /* retry the instruction (.iso.hook) */
		}

	bool thread = (exc_return & 0x8) != 0;
	if (!gf_cm_run.active || !gf_cm_run.launched)
		fatal(&f, "kernel fault outside a module run");
	*gf_cm_run.fault = f;
	gf_cm_run_result = 1;
	busy = false;
	if (thread)
		return 0; /* taken from the module: resume the kernel now */
	/* Taken from Handler mode: must be the SVC handler serving the
	 * module; return into it at gf_cm_abort_gate, keeping the frame's
	 * exception number and alignment bit, clearing IT state. */
	if (!last.frame_valid || (frame[7] & 0x1ff) != 11)
		fatal(&f, "fault in a handler other than the gate");
	frame[6] = (uint32_t)(uintptr_t)gf_cm_abort_gate & ~1u;
	frame[7] = (frame[7] & 0x3ffu) | 0x01000000u;
	return exc_return;
}

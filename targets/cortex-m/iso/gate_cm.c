/* gate_cm.c — running a module and serving its gate calls (.cm.gate).
 * The transitions themselves are in gate_cm.S; this file decides them. */
#include "cm_internal.h"

struct gf_cm_run gf_cm_run;
uint32_t gf_cm_kernel_sp;
uint32_t gf_cm_run_result;
static gf_dispatch_fn dispatcher;

extern uint8_t __gf_gate_start[], __gf_gate_end[];

void gf_cm_gate_span(uintptr_t *start, uintptr_t *end)
{
	*start = (uintptr_t)__gf_gate_start;
	*end = (uintptr_t)__gf_gate_end;
}

void gf_gate_set_handler(gf_dispatch_fn handler)
{
	dispatcher = handler;
}

gf_dispatch_fn gf_gate_entry(void)
{
	return (gf_dispatch_fn)(void *)gf_cm_gate_call;
}

int gf_gate_caller(void)
{
	return gf_cm_run.active && gf_cm_run.context == GF_CTX_KERNEL
		       ? gf_cm_run.m->module
		       : GF_PRINCIPAL_NONE;
}

gf_domain_id gf_gate_caller_domain(void)
{
	return gf_gate_caller() == GF_PRINCIPAL_NONE ? -1 : gf_cm_run.m->self;
}

gf_context gf_context_current(void)
{
	return gf_cm_run.active && gf_cm_run.launched ? gf_cm_run.context : GF_CTX_HOST;
}

static bool in_region(const struct gf_region *r, uintptr_t a)
{
	return a >= r->base && a - r->base < r->size;
}

static uint32_t ipsr(void)
{
	uint32_t v;
	__asm volatile("mrs %0, ipsr" : "=r"(v));
	return v & 0x1ff;
}

int gf_module_run(const struct gf_module_domains *m, uintptr_t entry,
		  uintptr_t arg, uintptr_t stack_top, struct gf_fault *fault)
{
	return gf_module_run_in(m, m ? m->self : -1, entry, arg, stack_top, fault);
}

int gf_module_run_in(const struct gf_module_domains *m, gf_domain_id view,
		     uintptr_t entry, uintptr_t arg, uintptr_t stack_top,
		     struct gf_fault *fault)
{
	/* Only from the kernel thread, one run at a time, entry in the
	 * module's code, a stack frame's room inside its data; the code runs
	 * unprivileged, so only in a view that gives unprivileged code its
	 * regions (the module's own). */
	if (!m || !fault || gf_cm_run.active || ipsr() != 0 ||
	    (view != m->self && view != m->kernel_for) || !gf_domain_runs_modules(view) ||
	    !in_region(m->code, entry) || !in_region(m->data, stack_top - 1))
		return -1;
	stack_top &= ~(uintptr_t)7; /* AAPCS: 8-byte aligned stack */
	if (stack_top - m->data->base < 32 + 8)
		return -1;

	/* The initial exception frame: r0 = arg, lr = the exit stub, pc =
	 * entry, xPSR = Thumb. */
	uint32_t *frame = (uint32_t *)(stack_top - 32);
	gf_domain_id before = gf_domain_switch(GF_DOMAIN_HOST);
	frame[0] = (uint32_t)arg;
	frame[1] = frame[2] = frame[3] = frame[4] = 0;
	frame[5] = (uint32_t)(uintptr_t)gf_cm_gate_exit; /* Thumb bit set */
	frame[6] = (uint32_t)entry & ~1u;
	frame[7] = 0x01000000u;

	gf_cm_run = (struct gf_cm_run){.active = true, .m = m, .view = view, .before = before,
				       .context = GF_CTX_MODULE, .fault = fault};
	int result = (int)gf_cm_enter_module(frame);
	gf_cm_run.active = false;
	gf_domain_switch(before);
	return result;
}

/* Ends the run from Handler mode: the result the kernel thread sees. */
static uint32_t finish(uint32_t result)
{
	gf_cm_run_result = result;
	gf_domain_switch(GF_DOMAIN_HOST);
	return 0;
}

static uint32_t serve(uint32_t *frame)
{
	const struct gf_module_domains *m = gf_cm_run.m;
	gf_cm_run.context = GF_CTX_KERNEL;
	gf_domain_switch(m->kernel_for);
	uintptr_t r = dispatcher ? dispatcher(frame[0], frame[1], frame[2], frame[3])
				 : (uintptr_t)-1;
	gf_domain_switch(gf_cm_run.view);
	gf_cm_run.context = GF_CTX_MODULE;
	frame[0] = (uint32_t)r;
	return GF_EXC_RETURN_THREAD_PSP;
}

uint32_t gf_cm_svc_dispatch(uint32_t *frame, uint32_t exc_return)
{
	/* The SVC immediate is the low byte of the instruction before the
	 * stacked PC (readable: module code or the gate stubs). */
	unsigned number = ((const uint16_t *)frame[6])[-1] & 0xff;
	bool from_module = (exc_return & 0xf) == (GF_EXC_RETURN_THREAD_PSP & 0xf);

	if (from_module && gf_cm_run.active && gf_cm_run.launched) {
		if (number == GF_SVC_CALL)
			return serve(frame);
		if (number == GF_SVC_EXIT)
			return finish(0);
		frame[0] = (uint32_t)-1; /* not a service: refused */
		return exc_return;
	}
	if (!from_module && number == GF_SVC_LAUNCH && gf_cm_run.active &&
	    !gf_cm_run.launched) {
		gf_cm_run.launched = true;
		gf_domain_switch(gf_cm_run.view);
		gf_cm_set_unprivileged(true);
		return GF_EXC_RETURN_THREAD_PSP;
	}
	frame[0] = (uint32_t)-1;
	return exc_return;
}

/* gate.c — running a module and serving its kernel calls.
 *
 * .iso.gate: a run is a switch to the module domain and a call of the
 * module entry on the module's stack, behind a recovery point
 * (gf_gate_run: gate_linux.c with gate_x86_64.S, or win32/).  The module
 * reaches the kernel only through gf_gate_trampoline, which moves back to
 * the host thread stack before any C runs, so instrumented kernel code
 * always runs on the thread's real stack, and then enters gf_gate_serve
 * below.  A fault in module or kernel context ends the run at its
 * recovery point.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

#include "iso_internal.h"

_Static_assert(offsetof(struct gf_thread, host_sp) == GF_THREAD_HOST_SP, "asm offset");
_Static_assert(offsetof(struct gf_thread, host_fp) == GF_THREAD_HOST_FP, "asm offset");
_Static_assert(offsetof(struct gf_thread, module_sp) == GF_THREAD_MODULE_SP, "asm offset");
_Static_assert(offsetof(struct gf_thread, module_fp) == GF_THREAD_MODULE_FP, "asm offset");
_Static_assert(offsetof(struct gf_thread, context) == GF_THREAD_CONTEXT, "asm offset");
_Static_assert(GF_CTX_MODULE == 1, "the gate's assembly compares the context with 1");

static _Atomic(gf_dispatch_fn) kernel_handler;

/* .iso.backend.limits: process-wide backends show one domain to every
 * thread, so one module runs at a time, for its whole run. */
static pthread_mutex_t gate_lock = PTHREAD_MUTEX_INITIALIZER;

void gf_gate_set_handler(gf_dispatch_fn handler)
{
	atomic_store_explicit(&kernel_handler, handler, memory_order_release);
}

gf_dispatch_fn gf_gate_entry(void)
{
	return gf_gate_trampoline;
}

gf_context gf_context_current(void)
{
	return (gf_context)gf_self.context;
}

int gf_gate_caller(void)
{
	return gf_self.context == GF_CTX_KERNEL ? gf_self.run->module
						: GF_PRINCIPAL_NONE;
}

/* Outside a gate call there is no caller: -1, a domain that holds
 * nothing, so validating against it refuses every range. */
gf_domain_id gf_gate_caller_domain(void)
{
	return gf_self.context == GF_CTX_KERNEL ? gf_self.run->self : -1;
}

/* Called by gf_gate_trampoline on the host stack, in module context.
 * Without a registered handler every request answers UINTPTR_MAX. */
uintptr_t gf_gate_serve(uint32_t request, uintptr_t p0, uintptr_t p1,
			uintptr_t p2)
{
	struct gf_thread *t = &gf_self;
	gf_dispatch_fn handler =
		atomic_load_explicit(&kernel_handler, memory_order_acquire);
	t->context = GF_CTX_KERNEL;
	gf_domain_switch(t->run->kernel_for);
	uintptr_t ret = handler ? handler(request, p0, p1, p2) : UINTPTR_MAX;
	gf_domain_switch(t->view);
	t->context = GF_CTX_MODULE;
	return ret;
}

static bool within(const struct gf_region *r, uintptr_t lo, uintptr_t hi)
{
	return lo >= r->base && hi <= r->base + r->size;
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
	struct gf_thread *t = &gf_self;
	if (!gf_iso_active || !m || !fault || t->context != GF_CTX_HOST ||
	    !gf_domain_valid(m->self) || !gf_domain_valid(m->kernel_for) ||
	    (view != m->self && view != m->kernel_for) ||
	    !m->code || !m->data || !within(m->code, entry, entry + 1) ||
	    !within(m->data, stack_top - 1, stack_top) ||
	    gf_thread_prepare() != 0)
		return -1;
	if (gf_iso_active->process_wide)
		pthread_mutex_lock(&gate_lock);
	t->run = m;
	t->view = view;
	t->before = t->domain;
	t->context = GF_CTX_MODULE;
	gf_domain_switch(view);
	int faulted = gf_gate_run(entry, arg, stack_top);
	if (faulted) {
		gf_iso_active->after_recovery(t->domain);
		*fault = t->fault;
	}
	t->context = GF_CTX_HOST;
	gf_domain_switch(t->before);
	t->run = NULL;
	if (gf_iso_active->process_wide)
		pthread_mutex_unlock(&gate_lock);
	return faulted ? 1 : 0;
}

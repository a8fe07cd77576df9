/* gate.c — running a module, serving its kernel calls, recovering.
 *
 * .iso.gate: a run is a sigsetjmp recovery point, a switch to the module
 * domain and a call of the module entry on the module's stack
 * (gate_x86_64.S).  The module reaches the kernel only through
 * gf_gate_trampoline, which moves back to the host thread stack before any
 * C runs, so instrumented kernel code always runs on the thread's real
 * stack, and then enters gf_gate_serve below.  A fault in module or kernel
 * context jumps back to the recovery point (fault.c).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

#include "iso_internal.h"

#if defined(__SANITIZE_ADDRESS__)
#define GF_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GF_ASAN 1
#endif
#endif
#ifdef GF_ASAN
#include <sanitizer/asan_interface.h>
#endif

_Static_assert(offsetof(struct gf_thread, host_sp) == GF_THREAD_HOST_SP, "asm offset");
_Static_assert(offsetof(struct gf_thread, host_fp) == GF_THREAD_HOST_FP, "asm offset");
_Static_assert(offsetof(struct gf_thread, module_sp) == GF_THREAD_MODULE_SP, "asm offset");
_Static_assert(offsetof(struct gf_thread, module_fp) == GF_THREAD_MODULE_FP, "asm offset");
_Static_assert(offsetof(struct gf_thread, context) == GF_THREAD_CONTEXT, "asm offset");
_Static_assert(GF_CTX_MODULE == 1, "gate_x86_64.S compares the context with 1");

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
__attribute__((visibility("hidden"))) uintptr_t
gf_gate_serve(uint32_t request, uintptr_t p0, uintptr_t p1, uintptr_t p2);
uintptr_t gf_gate_serve(uint32_t request, uintptr_t p0, uintptr_t p1,
			uintptr_t p2)
{
	struct gf_thread *t = &gf_self;
	gf_dispatch_fn handler =
		atomic_load_explicit(&kernel_handler, memory_order_acquire);
	t->context = GF_CTX_KERNEL;
	gf_domain_switch(t->run->kernel_for);
	uintptr_t ret = handler ? handler(request, p0, p1, p2) : UINTPTR_MAX;
	gf_domain_switch(t->run->self);
	t->context = GF_CTX_MODULE;
	return ret;
}

/* .iso.gate.recover: recovery jumps from the host stack, not from the signal
 * handler's alternate stack.  The effect is the same, but under ASan the
 * siglongjmp interceptor then only unpoisons this stack from here up,
 * where from the alternate stack it would look up the whole thread stack
 * (for the main thread by reading /proc/self/maps: ~0.15 ms a fault). */
void gf_gate_recover(const struct gf_fault *f, uintptr_t fault_sp)
{
	gf_self.fault = *f;
	gf_self.fault_sp = fault_sp;
	gf_gate_leave_altstack();
}

/* Called by gf_gate_leave_altstack on the host stack, below the run's
 * frame. */
__attribute__((visibility("hidden"))) _Noreturn void gf_gate_land(void);
void gf_gate_land(void)
{
	struct gf_thread *t = &gf_self;
#ifdef GF_ASAN
	/* The kernel's abandoned frames lie between the fault and the run's
	 * frame, partly below where the interceptor starts unpoisoning. */
	if (t->context == GF_CTX_KERNEL && t->fault_sp < t->host_sp)
		__asan_unpoison_memory_region((void *)t->fault_sp,
					      t->host_sp - t->fault_sp);
#endif
	/* The mask needs no restoring (the handler's SA_NODEFER and empty
	 * sa_mask left it untouched), hence sigsetjmp(..., 0) below. */
	siglongjmp(t->recover, 1);
}

static bool within(const struct gf_region *r, uintptr_t lo, uintptr_t hi)
{
	return lo >= r->base && hi <= r->base + r->size;
}

int gf_module_run(const struct gf_module_domains *m, uintptr_t entry,
		  uintptr_t arg, uintptr_t stack_top, struct gf_fault *fault)
{
	struct gf_thread *t = &gf_self;
	if (!gf_iso_active || !m || !fault || t->context != GF_CTX_HOST ||
	    !gf_domain_valid(m->self) || !gf_domain_valid(m->kernel_for) ||
	    !m->code || !m->data || !within(m->code, entry, entry + 1) ||
	    !within(m->data, stack_top - 1, stack_top) ||
	    gf_altstack_ensure() != 0)
		return -1;
	if (gf_iso_active->process_wide)
		pthread_mutex_lock(&gate_lock);
	t->run = m;
	t->before = t->domain;
	/* Everything the code after a recovery needs is in *t (TLS), not in
	 * locals that siglongjmp could leave stale. */
	int faulted = sigsetjmp(t->recover, 0);
	if (!faulted) {
		t->context = GF_CTX_MODULE;
		gf_domain_switch(t->run->self);
		gf_gate_run_on_stack(entry, arg, stack_top);
	} else {
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

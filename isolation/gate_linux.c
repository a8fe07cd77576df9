/* gate_linux.c — a run's recovery point on Linux: sigsetjmp before the
 * module runs (gate_x86_64.S), siglongjmp from the fault handler
 * (fault.c), by way of the host stack.
 */
#include <setjmp.h>
#include <stdint.h>

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

/* gate_x86_64.S */
void gf_gate_run_on_stack(uintptr_t entry, uintptr_t arg, uintptr_t stack_top);
/* Moves to the host stack below the run's frame and calls gf_gate_land
 * there, leaving the signal frame behind. */
void gf_gate_leave_altstack(void);

/* What recovery needs beyond gf_self, in static TLS as gf_self is: the
 * fault handler reaches it without calls, locks or allocation. */
struct recovery {
	sigjmp_buf point;   /* the run's recovery point                     */
	uintptr_t fault_sp; /* rsp of the faulting code                     */
};
static __thread struct recovery recovery
	__attribute__((tls_model("initial-exec")));

int gf_gate_run(uintptr_t entry, uintptr_t arg, uintptr_t stack_top)
{
	/* Everything the code after a recovery needs is in TLS or in the
	 * caller's frame, not in locals that siglongjmp could leave stale.
	 * The mask needs no restoring (the handler's SA_NODEFER and empty
	 * sa_mask left it untouched), hence sigsetjmp(..., 0). */
	if (sigsetjmp(recovery.point, 0))
		return 1;
	gf_gate_run_on_stack(entry, arg, stack_top);
	return 0;
}

/* .iso.gate.recover: recovery jumps from the host stack, not from the signal
 * handler's alternate stack.  The effect is the same, but under ASan the
 * siglongjmp interceptor then only unpoisons this stack from here up,
 * where from the alternate stack it would look up the whole thread stack
 * (for the main thread by reading /proc/self/maps: ~0.15 ms a fault). */
void gf_gate_recover(const struct gf_fault *f, uintptr_t fault_sp)
{
	gf_self.fault = *f;
	recovery.fault_sp = fault_sp;
	gf_gate_leave_altstack();
}

/* Called by gf_gate_leave_altstack on the host stack, below the run's
 * frame. */
__attribute__((visibility("hidden"))) _Noreturn void gf_gate_land(void);
void gf_gate_land(void)
{
#ifdef GF_ASAN
	struct gf_thread *t = &gf_self;
	/* The kernel's abandoned frames lie between the fault and the run's
	 * frame, partly below where the interceptor starts unpoisoning. */
	if (t->context == GF_CTX_KERNEL && recovery.fault_sp < t->host_sp)
		__asan_unpoison_memory_region((void *)recovery.fault_sp,
					      t->host_sp - recovery.fault_sp);
#endif
	siglongjmp(recovery.point, 1);
}

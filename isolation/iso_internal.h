/* iso_internal.h — what the isolation core's files share and nobody else
 * sees: the span, the per-thread state, the active backend.
 *
 * Included by gate_x86_64.S for the offsets of the per-thread state, so the
 * C parts are hidden from the assembler.
 */
#ifndef GATEFUZZ_ISO_INTERNAL_H
#define GATEFUZZ_ISO_INTERNAL_H

/* .iso.fixed: one reservation at a fixed address, above ASan's shadow
 * (which ends at 0x10007fff7fff) and below its allocator (0x600000000000),
 * so instrumented and plain builds lay regions out identically. */
#define GF_SPAN_BASE 0x200000000000ull
#define GF_SPAN_SIZE (1ull << 30)

/* Offsets of the fields of struct gf_thread that gate_x86_64.S reads and
 * writes (checked by static assertions in gate.c). */
#define GF_THREAD_HOST_SP 0
#define GF_THREAD_HOST_FP 8
#define GF_THREAD_MODULE_SP 16
#define GF_THREAD_MODULE_FP 24
#define GF_THREAD_CONTEXT 32

#ifndef __ASSEMBLER__

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>

#include "backend.h"
#include "isolation.h"

/* Everything the core keeps per thread, in one initial-exec TLS block so
 * the fault handler and the gate trampoline reach it without calls, locks
 * or allocation (async-signal-safe). */
struct gf_thread {
	/* gate_x86_64.S: the stacks of the running module run */
	uintptr_t host_sp;   /* host rsp at run start: base of kernel frames */
	uintptr_t host_fp;   /* host rbp at run start: links kernel frames   */
	uintptr_t module_sp; /* module rsp at gate entry                     */
	uintptr_t module_fp; /* module rbp at gate entry                     */
	int32_t context;     /* gf_context                                   */

	gf_domain_id domain;                   /* the running domain        */
	const struct gf_module_domains *run;   /* module of the run, or NULL */
	gf_domain_id before;                   /* domain to restore         */
	bool in_handler;     /* the fault handler is running on this thread  */
	bool altstack_ready; /* this thread has an alternate signal stack    */
	uintptr_t fault_sp;  /* rsp of the faulting code (recovery)          */
	struct gf_iso_counters counters;
	sigjmp_buf recover;  /* the run's recovery point                     */
	struct gf_fault fault; /* the record a recovered run returns         */
};

extern __thread struct gf_thread gf_self
	__attribute__((tls_model("initial-exec")));

/* The backend gf_iso_init chose; NULL before. */
extern const struct gf_backend *gf_iso_active;

/* region.c */
int gf_span_reserve(void);
size_t gf_page_size(void);
/* domain.c */
int gf_domain_init(void);
void gf_domain_grant_id(gf_domain_id d, int region_id, gf_perm p);
bool gf_domain_valid(gf_domain_id d);
/* perm.c: the mmap/mprotect protection for a permission */
int gf_perm_prot(gf_perm p);
/* fault.c */
int gf_fault_install(void);
/* altstack.c */
int gf_altstack_ensure(void);
/* gate.c: abandons the run on this thread with record f; fault_sp is the
 * faulting code's rsp (from the fault handler, async-signal-safe).  Never
 * returns, but is not declared _Noreturn, nor is gf_gate_leave_altstack:
 * ASan precedes calls to noreturn functions with __asan_handle_no_return,
 * which on the alternate stack looks the thread's stack up
 * (.iso.gate.recover). */
void gf_gate_recover(const struct gf_fault *f, uintptr_t fault_sp);
/* gate_x86_64.S */
void gf_gate_run_on_stack(uintptr_t entry, uintptr_t arg, uintptr_t stack_top);
uintptr_t gf_gate_trampoline(uint32_t request, uintptr_t p0, uintptr_t p1,
			     uintptr_t p2);
/* Moves to the host stack below the run's frame and calls gf_gate_land
 * there (gate.c), leaving the signal frame behind. */
void gf_gate_leave_altstack(void);

#endif /* __ASSEMBLER__ */
#endif

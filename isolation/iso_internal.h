/* iso_internal.h — what the isolation core's files share and nobody else
 * sees: the span, the per-thread state, the active backend, and what the
 * platform layer gives the portable core.
 *
 * The portable core (perm, region, domain, module, init, gate, fault_record,
 * fault_format, backend_none) is the same on every platform; the platform
 * layer is chosen by CMake: the Linux files (*_linux.c, mmap, signals, the
 * alternate stack, gate_x86_64.S, backend_mprotect) or win32/ (docs/windows.md).
 *
 * Included by the gate's assembly for the offsets of the per-thread state,
 * so the C parts are hidden from the assembler.
 */
#ifndef GATEFUZZ_ISO_INTERNAL_H
#define GATEFUZZ_ISO_INTERNAL_H

/* .iso.fixed: one reservation at a fixed address, above ASan's shadow
 * (which ends at 0x10007fff7fff) and below its allocator (0x600000000000),
 * so instrumented and plain builds lay regions out identically. */
#define GF_SPAN_BASE 0x200000000000ull
#define GF_SPAN_SIZE (1ull << 30)

/* Offsets of the fields of struct gf_thread that the gate's assembly reads
 * and writes (checked by static assertions in gate.c). */
#define GF_THREAD_HOST_SP 0
#define GF_THREAD_HOST_FP 8
#define GF_THREAD_MODULE_SP 16
#define GF_THREAD_MODULE_FP 24
#define GF_THREAD_CONTEXT 32

#ifndef __ASSEMBLER__

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "backend.h"
#include "isolation.h"

/* Everything the portable core keeps per thread, in one initial-exec TLS
 * block so the fault handler and the gate trampoline reach it without
 * calls, locks or allocation (async-signal-safe).  A platform keeps what
 * only it needs (the recovery point, the alternate stack) in its own
 * files. */
struct gf_thread {
	/* the gate's assembly: the stacks of the running module run */
	uintptr_t host_sp;   /* host rsp at run start: base of kernel frames */
	uintptr_t host_fp;   /* host rbp at run start: links kernel frames   */
	uintptr_t module_sp; /* module rsp at gate entry                     */
	uintptr_t module_fp; /* module rbp at gate entry                     */
	int32_t context;     /* gf_context                                   */

	gf_domain_id domain;                   /* the running domain        */
	const struct gf_module_domains *run;   /* module of the run, or NULL */
	gf_domain_id view;                     /* the run's code runs in it  */
	gf_domain_id before;                   /* domain to restore         */
	bool in_handler;     /* the fault handler is running on this thread  */
	struct gf_iso_counters counters;
	struct gf_fault fault; /* the record a recovered run returns         */
};

extern __thread struct gf_thread gf_self
	__attribute__((tls_model("initial-exec")));

/* The backend gf_iso_init chose; NULL before. */
extern const struct gf_backend *gf_iso_active;

/* The backends this platform compiles in, strongest first, NULL
 * terminated ("auto" takes the first whose probe works): registry_linux.c,
 * win32/registry.c. */
#define GF_MAX_BACKENDS 8
extern const struct gf_backend *const gf_iso_registry[];

/* region.c */
int gf_span_reserve(void);
size_t gf_page_size(void);
/* domain.c */
int gf_domain_init(void);
void gf_domain_grant_id(gf_domain_id d, int region_id, gf_perm p);
bool gf_domain_valid(gf_domain_id d);
/* fault_record.c: what every platform's fault handler does the same way */
/* Fills the fields of f that follow from f->addr, f->pc and the state of
 * thread t: region, guard, owner, pc region, context, domain, caller. */
void gf_fault_locate(struct gf_fault *f, const struct gf_thread *t);
/* Shows f to the hooks (.iso.hook); true when one handled it. */
bool gf_fault_hooks_run(const struct gf_fault *f, void *uctx);
/* "gatefuzz: host fault: <record>\n" in buf, for a host-context fault in
 * the span that no hook handled; returns its length (at most len - 1). */
size_t gf_fault_host_line(const struct gf_fault *f, char *buf, size_t len);
/* gate.c: the kernel side of a gate call, entered by the trampoline on
 * the host stack in module context. */
uintptr_t gf_gate_serve(uint32_t request, uintptr_t p0, uintptr_t p1,
			uintptr_t p2);
/* The gate entry modules call (the gate's assembly).  Its calling
 * convention is the modules' own, SysV on every x86-64 platform
 * (.iso.win32.abi): C only takes its address. */
uintptr_t gf_gate_trampoline(uint32_t request, uintptr_t p0, uintptr_t p1,
			     uintptr_t p2);

/* ---- the platform layer: what the portable core asks of it ------------ */
/* Reserves [base, base + size) inaccessible, failing (with a message)
 * rather than taking over another mapping; sets *page to the page size. */
int gf_mem_reserve(uintptr_t base, size_t size, size_t *page);
/* Makes [base, base + size), inside the reservation, a region's own memory
 * (zeroed) with permission p; name is for the message on failure. */
int gf_mem_map(uintptr_t base, size_t size, gf_perm p, const char *name);
/* Sets the protection of [base, base + size) to p. */
int gf_mem_protect(uintptr_t base, size_t size, gf_perm p);
/* Installs the fault handler (gf_iso_init, last). */
int gf_fault_install(void);
/* Readies the calling thread for module runs (before each one). */
int gf_thread_prepare(void);
/* Runs entry(arg) on the stack ending at stack_top as the module of the
 * thread's run: 0 when it returned, 1 when a fault ended it (the record is
 * in gf_self.fault).  Back on the host stack either way; the domain and
 * context are the caller's to restore. */
int gf_gate_run(uintptr_t entry, uintptr_t arg, uintptr_t stack_top);

/* What only this platform's files share: linux/iso_platform.h or
 * win32/iso_platform.h, whichever directory CMake puts on the include
 * path. */
#include "iso_platform.h"

#endif /* __ASSEMBLER__ */
#endif

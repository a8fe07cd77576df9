/* isolation.h — the isolation core: regions, domains, the gate, faults.
 *
 * The model (docs/architecture.md, .iso.model):
 *   region  — a named, page-aligned span of the sandbox with an owner
 *             (a principal: a module, or the kernel) and a kind;
 *   entry   — a region plus the permission one domain has on it;
 *   domain  — a set of entries; exactly one domain runs on a thread at a time,
 *             every region not in it is inaccessible.
 * A backend (none, mprotect, pkey, ...) makes the running domain's entries
 * true in hardware.  This layer knows nothing of kernels or harnesses; it is
 * libc only.
 *
 * Three domains exist per module (made by gf_module_domains()):
 *   the module domain     — its code r-x, its data rw-, granted shared windows;
 *   the kernel-for domain — what the kernel may touch while serving that
 *                           module: the kernel arena rw-, the caller's code
 *                           r-x, data rw-, its shared windows;
 *   and the host domain   — every region with its natural permission, where
 *                           harness and oracle run (one for all modules).
 */
#ifndef GATEFUZZ_ISOLATION_H
#define GATEFUZZ_ISOLATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- permissions: a typed flag set ------------------------------------ */
typedef enum gf_perm {
	GF_PERM_NONE = 0,
	GF_PERM_R = 1u << 0,
	GF_PERM_W = 1u << 1,
	GF_PERM_X = 1u << 2,
	GF_PERM_RW = GF_PERM_R | GF_PERM_W,
	GF_PERM_RX = GF_PERM_R | GF_PERM_X,
} gf_perm;

/* Writes "rwx"/"r-x"/"---" into buf (4 bytes) and returns buf. */
const char *gf_perm_str(gf_perm p, char buf[4]);

/* ---- principals: who owns a region, who calls the kernel -------------- */
#define GF_PRINCIPAL_KERNEL (-1)
#define GF_PRINCIPAL_NONE (-2)
#define GF_MAX_MODULES 40

/* ---- regions ----------------------------------------------------------- */
typedef enum gf_region_kind {
	GF_REGION_ARENA,  /* kernel arena: objects, object pool, poison       */
	GF_REGION_CODE,   /* a module's code                                   */
	GF_REGION_DATA,   /* a module's data, holding its stack at the top    */
	GF_REGION_SHARED, /* a window the kernel shares with modules          */
	GF_REGION_TRACED, /* every access trapped and recorded (traced.h)     */
} gf_region_kind;

#define GF_MAX_REGIONS 128

struct gf_region {
	int id;               /* index in the region table                   */
	char name[32];        /* "kernel-arena", "mod1.code", ...            */
	gf_region_kind kind;
	int owner;            /* module id, or GF_PRINCIPAL_KERNEL           */
	uintptr_t base;       /* page aligned                                */
	size_t size;          /* page multiple                               */
	gf_perm natural;      /* the permission in the host domain           */
};

/* Every region is carved from one fixed reservation (GF_SPAN_BASE) in the
 * order of creation, with one PROT_NONE guard page before and after, so the
 * same setup gives the same addresses in every process (.iso.fixed). */
const struct gf_region *gf_region_create(const char *name, gf_region_kind kind,
					 int owner, size_t size, gf_perm natural);

/* The region containing addr, or NULL.  If addr is in a guard page next to
 * a region, returns NULL and sets *guard_of to that region (else NULL).
 * Lock free and async-signal-safe (.iso.table). */
const struct gf_region *gf_region_lookup(uintptr_t addr,
					 const struct gf_region **guard_of);
const struct gf_region *gf_region_get(int id);
/* Copies len bytes of src (zeroes when src is NULL) to offset off of r,
 * opening the region for writing for the copy if its natural permission
 * lacks write (loading code).  Host context only; returns 0 or -1 when the
 * span is outside r. */
int gf_region_fill(const struct gf_region *r, size_t off, const void *src,
		   size_t len);
int gf_region_count(void);
/* Copies and compares n bytes of region memory and its copies, the
 * harness's snapshots and write set, with the C library's memcpy and
 * memcmp, never the sanitizer's, whose range checks and comparison hooks
 * cost a twentieth of an execution (isolation/bytes.c,
 * docs/performance.md).  gf_bytes_equal: 1 when equal. */
void gf_bytes_copy(void *dst, const void *src, size_t n);
int gf_bytes_equal(const void *a, const void *b, size_t n);
/* Makes dst[0..n) equal src a page at a time, copying only the pages that
 * differ: where most pages are equal, a comparison is cheaper than a copy
 * (two thirds of one on these machines), and copies nothing that is
 * equal already.  For a restore and for the write set's copies. */
#define GF_BYTES_PAGE 4096u
void gf_bytes_update(void *dst, const void *src, size_t n);
/* The reserved span [lo, hi) that all regions and guards lie in. */
void gf_span(uintptr_t *lo, uintptr_t *hi);

/* ---- domains ----------------------------------------------------------- */
typedef int gf_domain_id;
#define GF_DOMAIN_HOST 0
#define GF_MAX_DOMAINS 128

/* A new empty domain speaking for `principal` (a module id). */
gf_domain_id gf_domain_create(const char *name, int principal);
/* Grant (or change) the permission of `d` on region `r`. */
int gf_domain_grant(gf_domain_id d, const struct gf_region *r, gf_perm p);
gf_perm gf_domain_perm(gf_domain_id d, const struct gf_region *r);
/* The permission `d` has on every byte of [addr, addr+len): the intersection
 * over all regions the range crosses; GF_PERM_NONE when any byte lies outside
 * the regions `d` holds, when len is 0, or when addr+len wraps. */
gf_perm gf_domain_range_perm(gf_domain_id d, uintptr_t addr, size_t len);
int gf_domain_principal(gf_domain_id d);
/* Whether module code can run in `d` and reach what `d` holds: true for
 * every domain where protection is the address space's (page protection,
 * keys); on an MPU only for a module's own domains, since a module runs
 * unprivileged and a kernel-for domain's regions are the privileged
 * kernel's.  The harness runs its own puppet in a kernel's view where it
 * can (gf_module_run_in). */
bool gf_domain_runs_modules(gf_domain_id d);
const char *gf_domain_name(gf_domain_id d);

/* The domain running on this thread. */
gf_domain_id gf_domain_current(void);
/* Make `d` the running domain of this thread; returns the previous one. */
gf_domain_id gf_domain_switch(gf_domain_id d);

/* ---- backends ---------------------------------------------------------- */
/* "none", "mprotect", "pkey" (Linux), "win32" (Windows), or "auto" (the
 * strongest that works here).  Installs the fault handler.  Call once, before creating regions. */
int gf_iso_init(const char *backend);
const char *gf_iso_backend(void);
/* True when the backend's switch is process wide (modules are serialised by
 * the gate lock). */
bool gf_iso_process_wide(void);
/* True when accesses outside the running domain fault (every backend but
 * "none"). */
bool gf_iso_enforces(void);
/* The backends compiled in, NULL terminated. */
const char *const *gf_iso_backends(void);

/* Counters of the calling thread: the domain switches that reached the
 * backend and the regions whose hardware protection they changed (one
 * mprotect each for "mprotect", 0 for "none").  Switch costs are judged per
 * changed region (the bench). */
struct gf_iso_counters {
	uint64_t switches;
	uint64_t regions_changed;
};
void gf_iso_counters(struct gf_iso_counters *out);

/* ---- faults ------------------------------------------------------------ */
typedef enum gf_access {
	GF_ACCESS_READ = 1,
	GF_ACCESS_WRITE = 2,
	GF_ACCESS_EXEC = 3,
} gf_access;
const char *gf_access_str(gf_access a);

typedef enum gf_context {
	GF_CTX_HOST = 0,  /* harness, oracle: not inside a module run         */
	GF_CTX_MODULE,    /* module code on its own stack                     */
	GF_CTX_KERNEL,    /* the kernel serving a module through the gate     */
} gf_context;

/* Linux's values on every platform: Windows records its access
 * violations as Linux would (docs/windows.md, .iso.win32.record). */
struct gf_fault {
	int signo;                   /* SIGSEGV or SIGBUS                    */
	int si_code;                 /* SEGV_MAPERR, SEGV_ACCERR, SEGV_PKUERR */
	uintptr_t addr;              /* si_addr                              */
	bool addr_unknown;           /* the CPU gave no address: a general
					protection fault (a non-canonical
					address) reports si_addr 0          */
	uintptr_t pc;                /* the faulting instruction             */
	gf_access access;            /* from the page-fault error code, or
					exec when pc == addr                 */
	const struct gf_region *region;   /* region holding addr, or NULL   */
	const struct gf_region *guard_of; /* addr in this region's guard    */
	int owner;                   /* owner of region/guard_of, or NONE    */
	const struct gf_region *pc_region; /* module code region holding pc */
	bool pc_in_module;           /* pc lies in some module's code        */
	gf_context context;          /* what ran on the thread               */
	gf_domain_id domain;         /* the domain that ran                  */
	int caller;                  /* the module being run / served        */
	int pkey;                    /* si_pkey for SEGV_PKUERR, else -1     */
};

/* Formats one line: "write addr=0x... region=mod2.data owner=2 pc=module:..." */
int gf_fault_format(const struct gf_fault *f, char *buf, size_t len);

/* Hooks see every fault the core claims, before recovery (for counters,
 * traced regions).  A hook returning true has handled the fault and the
 * faulting instruction is retried (.iso.hook). */
typedef bool (*gf_fault_hook)(const struct gf_fault *f, void *uctx, void *arg);
int gf_fault_hook_add(gf_fault_hook fn, void *arg);

/* ---- the gate ---------------------------------------------------------- */
/* What a module receives at entry (in its data region) and the signature of
 * the kernel-call function pointer it is given (TXM-shaped: request id,
 * two parameters and a third that is a parameter or the address of an array
 * of extra parameters). */
typedef uintptr_t (*gf_dispatch_fn)(uint32_t request, uintptr_t p0,
				    uintptr_t p1, uintptr_t p2);

/* The kernel side of the gate: called on the host stack in the kernel-for
 * domain of the calling module.  Registered by the kernel (.iso.gate). */
void gf_gate_set_handler(gf_dispatch_fn handler);

/* The address a module calls to reach the kernel (the gate entry). */
gf_dispatch_fn gf_gate_entry(void);

struct gf_module_domains {
	int module;             /* principal id                              */
	gf_domain_id self;      /* module domain                             */
	gf_domain_id kernel_for;/* kernel-for domain                         */
	const struct gf_region *code, *data;
};
/* Creates the module and kernel-for domains of module `module` with code
 * and data regions already created; grants the arena to kernel_for. */
int gf_module_domains(int module, const struct gf_region *code,
		      const struct gf_region *data,
		      const struct gf_region *arena,
		      struct gf_module_domains *out);
/* Grants a shared window to both domains of a module. */
int gf_module_share(const struct gf_module_domains *m,
		    const struct gf_region *window, gf_perm p);

/* The module id the kernel is serving on this thread (the caller), or
 * GF_PRINCIPAL_NONE outside a gate call. */
int gf_gate_caller(void);
gf_domain_id gf_gate_caller_domain(void);
gf_context gf_context_current(void);

/* Runs entry(arg) as module m on the stack ending at stack_top (inside its
 * data region).  Returns 0 when the module returned, 1 when it faulted (the
 * record is in *fault; the module is abandoned and the thread is back in
 * the domain it was in before), -1 on misuse.  A fault while the kernel
 * serves the module also ends the run and returns 1 with context KERNEL.
 * Process-wide backends hold the gate lock for the whole run. */
int gf_module_run(const struct gf_module_domains *m, uintptr_t entry,
		  uintptr_t arg, uintptr_t stack_top, struct gf_fault *fault);
/* .iso.runs-in: as gf_module_run, but the module's code runs in `view`,
 * one of m's two domains, while the kernel still serves it as m: the gate
 * answers gf_gate_caller_domain with m->self, which the kernel checks the
 * call's pointers against, and switches back to `view` after each call.
 * For code the harness trusts: its puppet making calls runs in the view of
 * the kernel serving it, where a call changes no view at all.  -1 (misuse)
 * when module code cannot run in `view` (gf_domain_runs_modules). */
int gf_module_run_in(const struct gf_module_domains *m, gf_domain_id view,
		     uintptr_t entry, uintptr_t arg, uintptr_t stack_top,
		     struct gf_fault *fault);

#endif

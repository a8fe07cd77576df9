/* kernel.h — the kernel under test, as the harness, the sandbox and the
 * targets see it (.kut.interface).  Two kernels implement it, each in its
 * own folder with its own service description (services.def, status.def,
 * object_abi.h):
 *   kernel/   the built-in kernel, ThreadX-Modules-shaped (the default);
 *   threadx/  the real ThreadX module manager, built from a user's tree
 *             with gatefuzz as its port (docs/threadx.md).
 * The build links one of them; nothing above this file knows which.
 *
 * A kernel owns one arena region (GF_REGION_ARENA) for what it allocates:
 * its object pool that modules allocate control blocks from, and whatever
 * else it keeps there.  Every arena byte outside live kernel data holds the
 * poison pattern (.kern.poison).  It is entered only through the gate
 * (gf_kernel_dispatch is the gate's handler) and asks the isolation core who
 * is calling.
 */
#ifndef GATEFUZZ_KERNEL_H
#define GATEFUZZ_KERNEL_H

#include <stddef.h>
#include <stdint.h>

#include "isolation.h"
#include "service_table.h"

/* Lays the kernel out in `arena` (which must be in the host domain's reach),
 * fills it with poison and registers the dispatcher with the gate.
 * Returns 0, or -1 when the arena is too small. */
int gf_kernel_init(const struct gf_region *arena);

/* Tells the kernel about a loaded module: its domains (for validation),
 * its priority bounds.  Module ids are the isolation principals. */
int gf_kernel_module_add(const struct gf_module_domains *m);
/* Unloads a module: its objects are deleted, its blocks freed. */
int gf_kernel_module_remove(int module);

/* Whether module `module` can still make calls: a kernel whose threads
 * end (ThreadX: the module's thread terminated itself) says no, and the
 * harness ends the input there, as the module's code would not run on. */
int gf_kernel_module_can_run(int module);

/* Tells the kernel that module `module` faulted in its own code (a
 * CONTAINED verdict), as a port's memory-fault handler would: ThreadX
 * terminates the thread and notifies the application. */
void gf_kernel_module_fault(int module, const struct gf_fault *f);

/* The gate handler: request id, two parameters and a third that is a
 * parameter or, for services with more than three, the module address of the
 * array of extra parameters.  Returns a status (or a value, for VALUE
 * services). */
uintptr_t gf_kernel_dispatch(uint32_t request, uintptr_t p0, uintptr_t p1,
			     uintptr_t p2);

/* Saves / restores the kernel state that lives outside the arena (a kernel
 * whose globals are elsewhere, as ThreadX's are), and tells whether it
 * equals a save; the sandbox calls these beside its own copies of the
 * arena and the module regions.  Two saves: the snapshot every input
 * starts from, and a kept state the harness can jump to
 * (.harn.fixture.full.kept).  gf_kernel_snapshot returns -1 when it
 * could not save (no memory). */
enum gf_kernel_save { GF_KERNEL_SNAPSHOT, GF_KERNEL_KEPT, GF_KERNEL_SAVES };
int gf_kernel_snapshot(enum gf_kernel_save save);
void gf_kernel_restore(enum gf_kernel_save save);
int gf_kernel_unchanged(enum gf_kernel_save save);

/* Walks the arena, the object pool and every created list (.kern.integrity).
 * Returns 0 when every invariant holds; otherwise writes one line naming the
 * first broken invariant into why. */
int gf_kernel_integrity(char *why, size_t len);

/* The poison pattern: byte i of any poisoned span at arena offset o is
 * gf_poison_byte(o + i), so a copied run of poison is recognisable wherever
 * it lands: the oracle looks for it a word (4 bytes) at a time in what the
 * kernel writes into module memory (.harn.oracle.leak).  GF_POISON_RUN
 * matching bytes tell a poisoned span (a dead thread's context). */
uint8_t gf_poison_byte(uintptr_t arena_offset);
#define GF_POISON_RUN 16
/* Offset within the 8-byte poison period that `p[0..len)` matches, or -1. */
int gf_poison_match(const uint8_t *p, size_t len);
/* Fills base[0..len) with the poison of arena offsets arena_offset.. */
void gf_poison_span(uint8_t *base, uintptr_t arena_offset, size_t len);

/* Object facts for the oracle's ledger cross-checks and for tests: the type
 * and owner of the live object whose control block starts exactly at addr
 * (type BLOCK for an allocated block holding no object).  Returns 0 when one
 * exists. */
int gf_kernel_object_at(uintptr_t addr, enum gf_object_type *type, int *owner);

/* The control-block size a module must allocate for an object of type t
 * (the kernel's public ABI, like sizeof(TX_QUEUE): kernel/object_abi.h);
 * 0 for GF_OT_BLOCK. */
size_t gf_kernel_object_size(enum gf_object_type t);

/* The arena region the kernel was initialised with. */
const struct gf_region *gf_kernel_arena(void);

/* Where the dispatcher was on the last call, for BUG reports:
 * "queue_send/vrfy" or "queue_send/impl". */
const char *gf_kernel_site(void);

#endif

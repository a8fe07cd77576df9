/* traced.h — traced regions: every access trapped, recorded, optionally
 * emulated, and execution continues (docs/traced-regions.md).
 *
 * A traced region is a GF_REGION_TRACED region that no domain ever sees in
 * hardware (.iso.traced.closed): each load or store into it faults, the
 * core's fault hook records it, the instruction runs once with the region
 * open, and the region closes again.  A device model supplies what reads
 * return and receives what writes store, as a co-simulation framework
 * does with a device's memory-mapped registers.
 *
 * Who may touch it is an ordinary grant (.iso.traced.grant): a domain
 * granted the region by gf_domain_grant() or gf_module_share() has its
 * accesses traced and continue; any other domain faults as usual.
 *
 * Callbacks run inside the SIGSEGV and SIGTRAP handlers: they must be
 * async-signal-safe (no locks, no allocation, no stdio) and should record
 * and decide later.  Works under "none", "mprotect" and "pkey"; see
 * docs/traced-regions.md for the limits (string, SIMD and other
 * instructions that are refused, accesses crossing the region's end, one
 * thread at a time, the cost of a step).
 */
#ifndef GATEFUZZ_TRACED_H
#define GATEFUZZ_TRACED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "isolation.h"

/* What one entry of the log says happened (bits). */
enum gf_traced_flag {
	GF_TRACED_READ = 1u << 0,      /* the instruction read the region      */
	GF_TRACED_WRITE = 1u << 1,     /* it wrote it (both: read-modify-write) */
	GF_TRACED_EMULATED = 1u << 2,  /* the read returned the read callback's
					  value                                 */
	GF_TRACED_REFUSED = 1u << 3,   /* not decoded: nothing ran, no callback
					  was called, the fault took its usual
					  course (the run ends)                 */
	GF_TRACED_ABANDONED = 1u << 4, /* another fault interrupted the step   */
};

/* One access.  READ/WRITE of a refused entry come from the page-fault
 * error code; width and length are then 0. */
struct gf_traced_access {
	size_t offset;       /* from the region's base                     */
	uintptr_t pc;        /* the accessing instruction                  */
	uint64_t read;       /* the value it read (GF_TRACED_READ)         */
	uint64_t written;    /* the value it wrote (GF_TRACED_WRITE)       */
	unsigned flags;      /* enum gf_traced_flag                        */
	unsigned width;      /* operand bytes: 1, 2, 4 or 8                */
	unsigned length;     /* instruction bytes                          */
	gf_context context;  /* module, or the kernel serving it           */
	gf_domain_id domain; /* the domain that made the access            */
};

/* The device model.  Every member may be NULL/false. */
struct gf_traced_ops {
	/* The value a read of `width` bytes at `offset` returns.  It is put
	 * in the region before the instruction runs.  NULL: the region's
	 * content is read, as memory. */
	uint64_t (*read)(void *ctx, size_t offset, unsigned width);
	/* The value a write of `width` bytes at `offset` stored, after the
	 * instruction ran. */
	void (*write)(void *ctx, size_t offset, unsigned width, uint64_t value);
	/* true: the region is registers, not memory: after every access its
	 * content is what it was before (a write reaches the callback only,
	 * an emulated read leaves nothing behind).  false: writes stay. */
	bool registers;
};

/* The last GF_TRACED_LOG accesses of each region are kept. */
#define GF_TRACED_LOG 256

/* Creates a traced region (owner: a module id or GF_PRINCIPAL_KERNEL) of
 * `size` bytes, page rounded, with device model `ops` (copied; NULL: plain
 * memory) and its argument `ctx`.  No domain, the host included, is
 * granted it.  Installs the SIGTRAP handler on first use: call after
 * gf_iso_init, like it after the sanitizers and the engine.  NULL on
 * failure. */
const struct gf_region *gf_traced_create(const char *name, int owner,
					 size_t size,
					 const struct gf_traced_ops *ops,
					 void *ctx);

/* Accesses recorded in r since its creation or the last gf_traced_clear:
 * entry i (0 first) is held while i >= count - GF_TRACED_LOG.  Read the log
 * between runs, not while a module touches r. */
uint64_t gf_traced_count(const struct gf_region *r);
/* Copies entry i of r's log; 0, or -1 when r is not traced or i is not
 * held. */
int gf_traced_entry(const struct gf_region *r, uint64_t i,
		    struct gf_traced_access *out);
void gf_traced_clear(const struct gf_region *r);

/* Copies len bytes at offset off of r's content (host context and domain,
 * like gf_region_fill, which writes it).  0, or -1 when out of range. */
int gf_traced_peek(const struct gf_region *r, size_t off, void *dst,
		   size_t len);

#endif

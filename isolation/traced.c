/* traced.c — traced regions: creation, the device model, the access log,
 * the host's view of their content (docs/traced-regions.md).
 *
 * How an access is traced is traced_step.c; which instructions are
 * understood is traced_decode.c.  The limits, in one place:
 *   - Instructions: only the forms traced_decode.c lists (MOV, MOVZX/MOVSX,
 *     the ALU, TEST, unary, shift, XCHG, CMPXCHG, XADD and CMOV forms a
 *     compiler emits for volatile 1/2/4/8-byte accesses).  String
 *     instructions (MOVS, STOS, REP ...), SIMD and x87, moffs MOVs, PUSH/POP
 *     of memory and control transfers through memory are refused: logged
 *     with GF_TRACED_REFUSED and left to fault as usual (the run ends).
 *   - Two pages: the whole region opens for a step, so an access crossing
 *     pages inside it runs; one crossing the region's end (into its guard
 *     page) is refused.  An instruction with a second memory operand in
 *     other protected memory is among the refused forms.
 *   - Threads: the region is open while one instruction steps.  Under
 *     "mprotect" module runs are serialised by the gate lock, so that is
 *     invisible; under "none" and "pkey", where modules run concurrently,
 *     another thread touching the same region at that moment goes
 *     untraced (give each thread its own region).
 *   - Cost: two signals (SIGSEGV, SIGTRAP) and two mprotect calls per
 *     access; gf_bench_isolation reports it against a bare fault round
 *     trip (about 10x on a VM whose hypervisor intercepts the single-step
 *     trap).  A hot polling loop is slowed by as much.
 *   - pkey: the region is a key class of its own, enabled for granted
 *     domains; trapping is still by page protection.  Trapping by the key
 *     alone (flip it in the signal frame's PKRU, no mprotect) would need
 *     the backend to keep that key disabled in granted domains; not
 *     implemented.
 *   - An asynchronous signal whose handler leaves by siglongjmp between the
 *     fault and the trap leaves the region open until the next step.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "traced_internal.h"

/* .iso.table: published like the region table, once per region id, with
 * release order after the state is complete; the handler reads it with
 * acquire order and no lock. */
static _Atomic(struct gf_traced *) traced[GF_MAX_REGIONS];

static pthread_once_t install_once = PTHREAD_ONCE_INIT;
static int install_status = -1;

static void install(void)
{
	install_status = gf_traced_step_install();
}

const struct gf_region *gf_traced_create(const char *name, int owner,
					 size_t size,
					 const struct gf_traced_ops *ops,
					 void *ctx)
{
	if (!gf_iso_active)
		return NULL;
	pthread_once(&install_once, install);
	if (install_status != 0)
		return NULL;
	struct gf_traced *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	/* .iso.traced.closed: no natural permission, so the host domain is
	 * not granted it either; the host writes it with gf_region_fill and
	 * reads it with gf_traced_peek. */
	const struct gf_region *r =
		gf_region_create(name, GF_REGION_TRACED, owner, size, GF_PERM_NONE);
	if (!r) {
		free(t);
		return NULL;
	}
	t->region = r;
	if (ops)
		t->ops = *ops;
	t->ctx = ctx;
	atomic_store_explicit(&traced[r->id], t, memory_order_release);
	return r;
}

struct gf_traced *gf_traced_of(const struct gf_region *r)
{
	if (!r || r->kind != GF_REGION_TRACED || r != gf_region_get(r->id))
		return NULL;
	return atomic_load_explicit(&traced[r->id], memory_order_acquire);
}

struct gf_traced_access *gf_traced_claim(struct gf_traced *t)
{
	uint64_t i = atomic_fetch_add_explicit(&t->count, 1, memory_order_relaxed);
	return &t->log[i % GF_TRACED_LOG];
}

uint64_t gf_traced_count(const struct gf_region *r)
{
	struct gf_traced *t = gf_traced_of(r);
	return t ? atomic_load_explicit(&t->count, memory_order_relaxed) : 0;
}

int gf_traced_entry(const struct gf_region *r, uint64_t i,
		    struct gf_traced_access *out)
{
	struct gf_traced *t = gf_traced_of(r);
	if (!t)
		return -1;
	uint64_t n = atomic_load_explicit(&t->count, memory_order_relaxed);
	if (i >= n || n - i > GF_TRACED_LOG)
		return -1;
	*out = t->log[i % GF_TRACED_LOG];
	return 0;
}

void gf_traced_clear(const struct gf_region *r)
{
	struct gf_traced *t = gf_traced_of(r);
	if (t)
		atomic_store_explicit(&t->count, 0, memory_order_relaxed);
}

int gf_traced_peek(const struct gf_region *r, size_t off, void *dst,
		   size_t len)
{
	if (!gf_traced_of(r) || off > r->size || len > r->size - off ||
	    gf_context_current() != GF_CTX_HOST ||
	    gf_domain_current() != GF_DOMAIN_HOST)
		return -1;
	/* Opened read-only for the copy and closed again: no backend ever
	 * shows it otherwise (.iso.traced.closed). */
	if (gf_mem_protect(r->base, r->size, GF_PERM_R) != 0)
		return -1;
	memcpy(dst, (const char *)r->base + off, len);
	return gf_mem_protect(r->base, r->size, GF_PERM_NONE) == 0 ? 0 : -1;
}

/* backend_pkey.c — isolation by Intel protection keys (MPK/PKU).
 *
 * .iso.backend.limits — what this backend promises:
 *   - Data: a thread running domain D can read and write exactly the
 *     regions D holds, read-only ones read only; any other access to a
 *     region faults with SIGSEGV, si_code SEGV_PKUERR and si_pkey (the
 *     key of the region's class), which the core records in gf_fault.pkey.
 *     PKRU is per thread: two threads run two modules at the same moment,
 *     with no gate lock (process_wide = false), each confined to its own
 *     view.  A switch is one WRPKRU after a read of D's grants (one load
 *     per region); a module<->kernel switch takes no lock and makes no
 *     system call unless a class it needs holds no key (pkey_keys.c).
 *   - Instruction fetch (keys do not restrict it; pkey_exec.c): while any
 *     module runs, only the code regions of running modules are
 *     executable, so a jump into the code of a module that is not running
 *     faults (SEGV_ACCERR, exec).  Data regions and the arena are never
 *     executable (page protection).
 *   - More than 15 domains: keys are virtualised (pkey_keys.c); a class of
 *     a domain running on any thread is never evicted.
 *   - Key 0 is never disabled (.iso.pkey.key0) and PKRU is rewritten after
 *     every recovery (.iso.pkey.recovery).  A handler of the program's own
 *     that leaves by siglongjmp leaves the thread with only key 0 enabled
 *     until its next switch (the kernel does not restore PKRU then).
 * What it does not promise:
 *   - Code of a module running at the same moment on another thread is
 *     executable from this thread (it runs with this thread's keys).
 *   - Key-0 memory — libc, the harness, heaps, thread stacks, TLS, the
 *     core's tables — is as reachable from a module as from the host, as
 *     under mprotect; and host code is executable from a module, including
 *     the WRPKRU in this backend and in glibc.  The loader refuses module
 *     code containing WRPKRU or XRSTOR (pkey_scan.c), but control flow into
 *     host code is not confined: gatefuzz's modules are the harness's
 *     puppets, and what it judges is where their and the kernel's accesses
 *     land, not whether a module could hijack the host.
 *   - A grant that splits a key class (e.g. another module's data without
 *     its code) cannot be expressed by one key; it is enforced fail-closed
 *     (the class stays disabled, or read-only) and reported once per
 *     domain on stderr.
 *   - A thread created before gf_iso_init keeps the kernel's default PKRU
 *     (only key 0) until its first switch: in the host domain it cannot
 *     touch regions.  Threads created later inherit their creator's PKRU.
 *   - gf_region_fill must not run while another thread runs a module:
 *     eviction and the exec sweep set protections the fill does not expect.
 *   - Fault hooks run with the kernel's signal-handler PKRU (only key 0):
 *     a hook that reads a region faults.
 * Costs: see pkey_keys.c (eviction: four pkey_mprotect calls per module
 * class swapped) and pkey_exec.c (one mprotect per idle module per run
 * start).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/mman.h>

#include "pkey_internal.h"
#include "pkru.h"

/* What this thread's PKRU and pins are.  Static TLS in key-0 memory: the
 * recovery path reads it with only key 0 enabled. */
struct pk_thread {
	uint32_t pkru;        /* the value last written: after_recovery's */
	bool running;         /* in a domain other than the host          */
	struct pk_set pinned; /* classes pinned for this run              */
	struct pk_set exec;   /* gated code regions its domain executes   */
};
static __thread struct pk_thread pk_self
	__attribute__((tls_model("initial-exec")));

/* .iso.pkey.host: the host domain sees every region at its natural
 * permission, so its PKRU enables all our keys, the parking key included;
 * keys that are not ours stay as the kernel leaves them: disabled. */
static uint32_t host_pkru;

/* What a domain needs from the hardware, from its grants. */
struct pk_view {
	struct pk_set enabled;  /* classes whose key the PKRU enables   */
	struct pk_set readonly; /* of those, the ones it may not write  */
	struct pk_set exec;     /* gated code regions it executes       */
};

static atomic_bool split_reported[GF_MAX_DOMAINS];

static void report_split(gf_domain_id d, const struct pk_set *split)
{
	if (atomic_exchange(&split_reported[d], true))
		return;
	int c = pk_set_next(split, 0), id = 0;
	while (pk_regions[id].cls != c)
		id++;
	fprintf(stderr,
		"gatefuzz: isolation: pkey: domain %s holds %s's key class only in "
		"part (a module's code and data share one key); enforced "
		"fail-closed\n", gf_domain_name(d), gf_region_get(id)->name);
}

/* Reads domain d's grants (a change takes effect at the next switch into
 * d, as the core promises, because nothing is cached). */
static void view_of(gf_domain_id d, struct pk_view *v)
{
	struct pk_set held = {{0, 0}}, lacked = {{0, 0}};
	struct pk_set writable = {{0, 0}}, unwritable = {{0, 0}};
	*v = (struct pk_view){{{0, 0}}, {{0, 0}}, {{0, 0}}};
	int n = gf_region_count();
	for (int id = 0; id < n; id++) {
		const struct pk_region *r = &pk_regions[id];
		gf_perm p = gf_backend_perm(d, id);
		if (p & (GF_PERM_R | GF_PERM_W)) {
			pk_set_add(&held, r->cls);
			if (r->natural_w)
				pk_set_add(p & GF_PERM_W ? &writable : &unwritable,
					   r->cls);
		} else {
			pk_set_add(&lacked, r->cls);
		}
		if ((p & GF_PERM_X) && r->gated)
			pk_set_add(&v->exec, id);
	}
	/* A class is enabled only when d holds every region of it; it is
	 * write-disabled when d may not write one of its writable regions.
	 * Either rule may deny more than d was granted, never more than it
	 * was denied. */
	v->enabled = pk_set_minus(&held, &lacked);
	v->readonly = pk_set_and(&v->enabled, &unwritable);
	struct pk_set part = pk_set_and(&held, &lacked);
	struct pk_set mixed = pk_set_and(&writable, &unwritable);
	if (!pk_set_empty(&part) || !pk_set_empty(&mixed))
		report_split(d, pk_set_empty(&part) ? &mixed : &part);
}

/* The PKRU of a view whose classes are pinned (their keys cannot change).
 * .iso.pkey.key0: starts from "only key 0" and clears bits of keys from
 * pkey_alloc, which is never 0. */
static uint32_t pkru_of(const struct pk_view *v)
{
	uint32_t pkru = GF_PKRU_ONLY_KEY0;
	PK_SET_FOR_EACH(c, &v->enabled) {
		int key = atomic_load_explicit(&pk_classes[c].key,
					       memory_order_relaxed);
		pkru &= ~gf_pkru_ad(key);
		if (pk_set_has(&v->readonly, c))
			pkru |= gf_pkru_wd(key);
	}
	return pkru;
}

/* .iso.pkey.probe: available exactly when pkey_alloc succeeds (EINVAL,
 * ENOSPC, ENOSYS: no PKU, no OSPKE, or an old kernel).  Nothing here may
 * execute RDPKRU/WRPKRU before that: they raise SIGILL without OSPKE. */
static int pkey_probe(void)
{
	int key = pkey_alloc(0, 0);
	if (key < 0)
		return -1;
	pkey_free(key);
	return 0;
}

static int pkey_init(void)
{
	uint32_t ours;
	if (pk_keys_init(&ours) != 0)
		return -1;
	host_pkru = GF_PKRU_ONLY_KEY0 & ~ours;
	/* A process starts with only key 0 enabled; the initialising thread
	 * is in the host domain from now on, and threads it creates inherit
	 * this value. */
	pk_self.pkru = host_pkru;
	gf_wrpkru(host_pkru);
	return 0;
}

static int pkey_region_added(const struct gf_region *r)
{
	return pk_region_track(r);
}

static void pkey_apply(gf_domain_id from, gf_domain_id to)
{
	(void)from; /* pk_self holds what this thread runs */
	struct pk_thread *t = &pk_self;
	unsigned changed = 0;
	if (to == GF_DOMAIN_HOST) {
		t->pkru = host_pkru;
		gf_wrpkru(host_pkru);
		if (t->running) {
			changed += pk_exec_leave(&t->exec);
			/* Unpinned only after PKRU stopped relying on the
			 * classes' keys being theirs. */
			pk_unpin_all(&t->pinned);
			t->running = false;
		}
	} else {
		struct pk_view v;
		view_of(to, &v);
		/* Pin first: the keys read by pkru_of are then fixed. */
		changed += pk_pin(&v.enabled, &t->pinned);
		if (!t->running || !pk_set_equal(&v.exec, &t->exec))
			changed += pk_exec_enter(&t->exec, &v.exec, !t->running);
		t->running = true;
		t->pkru = pkru_of(&v);
		gf_wrpkru(t->pkru);
	}
	gf_backend_count_changed(changed);
}

/* .iso.pkey.recovery: the fault handler ran with the kernel's default PKRU
 * (only key 0) and siglongjmp kept it; give the thread back the PKRU of
 * the domain it is in, which the core then switches out of as usual. */
static void pkey_after_recovery(gf_domain_id now)
{
	(void)now; /* pk_self.pkru is now's PKRU: apply wrote it last */
	gf_wrpkru(pk_self.pkru);
}

const struct gf_backend gf_backend_pkey = {
	.name = "pkey",
	.probe = pkey_probe,
	.init = pkey_init,
	.region_added = pkey_region_added,
	.apply = pkey_apply,
	.after_recovery = pkey_after_recovery,
	.process_wide = false,
	.enforces = true,
};

void gf_pkey_stats(struct gf_pkey_stats *out)
{
	pthread_mutex_lock(&pk_lock);
	*out = pk_stats;
	pthread_mutex_unlock(&pk_lock);
}

int gf_pkey_region_key(const struct gf_region *r)
{
	if (!r || gf_iso_active != &gf_backend_pkey)
		return -1;
	return atomic_load(&pk_classes[pk_regions[r->id].cls].key);
}

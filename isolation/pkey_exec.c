/* pkey_exec.c — instruction fetch, which protection keys do not restrict.
 *
 * .iso.pkey.exec: a key disables data access to its pages but never the
 * fetching of instructions from them, so with keys alone any module could
 * jump into any other module's code.  Code regions (those whose natural
 * permission has X, "gated") are therefore made executable by page
 * protection, which is process wide, only while needed:
 *   - runners[r] counts the threads whose current domain executes r (the
 *     module's own run, or the kernel serving it); r is opened (r-x) when
 *     it rises from 0;
 *   - when it falls to 0 while a domain still runs (on this thread: a
 *     switch from one module's domain to another's; or on another), r is
 *     closed (r--) at once; when nothing runs any more it is left open, so
 *     a fuzzing loop that runs one module again and again pays no system
 *     call for it;
 *   - every run start closes every code region nobody runs ("the sweep"),
 *     whatever this file believes, because gf_region_fill restores a code
 *     region to its natural r-x without telling the backend.  A region
 *     already closed costs one system call that changes nothing (no TLB
 *     flush), about 0.2 us per idle module per run start.
 * So while any module runs, exactly the code of the running modules is
 * executable: a module that jumps into the code of a module that is not
 * running faults (SEGV_ACCERR, pc == addr).  Code of a module running at
 * the same moment on another thread IS executable (the limit of page
 * protection); it runs with the jumper's keys, so it cannot reach its
 * owner's data.  mprotect keeps a page's key, so this never disturbs
 * pkey_keys.c's tagging.
 */
#include <sys/mman.h>

#include "pkey_internal.h"

static int runners[GF_MAX_REGIONS]; /* under pk_lock */
static int running;                 /* threads in a non-host domain */

#define PROT_OPEN (PROT_READ | PROT_EXEC)
#define PROT_CLOSED PROT_READ

/* Sets region id's protection; 1 when it differs from what was set last
 * (pk_lock held). */
static unsigned set_prot(int id, int prot)
{
	struct pk_region *r = &pk_regions[id];
	if (mprotect((void *)r->base, r->size, prot) != 0)
		pk_die("mprotect");
	unsigned changed = r->prot != prot;
	r->prot = prot;
	pk_stats.exec_changes += changed;
	return changed;
}

static unsigned sweep(void)
{
	unsigned changed = 0;
	int known = atomic_load(&pk_region_known);
	for (int id = 0; id < known; id++)
		if (pk_regions[id].gated && runners[id] == 0)
			changed += set_prot(id, PROT_CLOSED);
	return changed;
}

/* One runner of region id is gone; a region nobody runs any more is
 * closed when some domain still runs (pk_lock held). */
static unsigned release(int id, bool still_running)
{
	if (--runners[id] > 0 || !still_running)
		return 0;
	return set_prot(id, PROT_CLOSED);
}

unsigned pk_exec_enter(struct pk_set *mine, const struct pk_set *want,
		       bool run_start)
{
	unsigned changed = 0;
	struct pk_set opening = pk_set_minus(want, mine);
	struct pk_set closing = pk_set_minus(mine, want);
	pthread_mutex_lock(&pk_lock);
	if (run_start)
		running++;
	PK_SET_FOR_EACH(id, &opening)
		if (runners[id]++ == 0 && pk_regions[id].prot != PROT_OPEN)
			changed += set_prot(id, PROT_OPEN);
	PK_SET_FOR_EACH(id, &closing)
		changed += release(id, true); /* this thread runs on */
	if (run_start)
		changed += sweep();
	pthread_mutex_unlock(&pk_lock);
	*mine = *want;
	return changed;
}

unsigned pk_exec_leave(struct pk_set *mine)
{
	unsigned changed = 0;
	pthread_mutex_lock(&pk_lock);
	running--;
	PK_SET_FOR_EACH(id, mine)
		changed += release(id, running > 0);
	pthread_mutex_unlock(&pk_lock);
	*mine = (struct pk_set){{0, 0}};
	return changed;
}

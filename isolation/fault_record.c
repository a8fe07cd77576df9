/* fault_record.c — what every platform's fault handler does the same way:
 * locating a fault in the region table and the thread's run, the hooks,
 * and the line reporting a host fault.
 *
 * Runs inside the fault handler (a signal handler on Linux): no locks, no
 * allocation, no stdio.
 */
#include <pthread.h>
#include <stdatomic.h>

#include "iso_internal.h"

#define GF_MAX_HOOKS 8

/* .iso.hook: published like the region table (entry first, then the
 * count with release order), read without locks by the handler. */
static struct {
	gf_fault_hook fn;
	void *arg;
} hooks[GF_MAX_HOOKS];
static atomic_int hook_count;
static pthread_mutex_t hook_lock = PTHREAD_MUTEX_INITIALIZER;

int gf_fault_hook_add(gf_fault_hook fn, void *arg)
{
	if (!fn)
		return -1;
	pthread_mutex_lock(&hook_lock);
	int n = atomic_load_explicit(&hook_count, memory_order_relaxed);
	if (n < GF_MAX_HOOKS) {
		hooks[n].fn = fn;
		hooks[n].arg = arg;
		atomic_store_explicit(&hook_count, n + 1, memory_order_release);
	}
	pthread_mutex_unlock(&hook_lock);
	return n < GF_MAX_HOOKS ? 0 : -1;
}

bool gf_fault_hooks_run(const struct gf_fault *f, void *uctx)
{
	int n = atomic_load_explicit(&hook_count, memory_order_acquire);
	for (int i = 0; i < n; i++)
		if (hooks[i].fn(f, uctx, hooks[i].arg))
			return true;
	return false;
}

void gf_fault_locate(struct gf_fault *f, const struct gf_thread *t)
{
	f->region = gf_region_lookup(f->addr, &f->guard_of);
	const struct gf_region *owned = f->region ? f->region : f->guard_of;
	f->owner = owned ? owned->owner : GF_PRINCIPAL_NONE;
	const struct gf_region *at_pc = gf_region_lookup(f->pc, NULL);
	f->pc_in_module = at_pc && at_pc->kind == GF_REGION_CODE && at_pc->owner >= 0;
	f->pc_region = f->pc_in_module ? at_pc : NULL;
	f->context = (gf_context)t->context;
	f->domain = t->domain;
	f->caller = t->run ? t->run->module : GF_PRINCIPAL_NONE;
}

size_t gf_fault_host_line(const struct gf_fault *f, char *buf, size_t len)
{
	static const char prefix[] = "gatefuzz: host fault: ";
	size_t n = sizeof prefix - 1;
	if (len < n + 2)
		return 0;
	for (size_t i = 0; i < n; i++)
		buf[i] = prefix[i];
	size_t line = (size_t)gf_fault_format(f, buf + n, len - n);
	if (line > len - n - 2)
		line = len - n - 2; /* truncated, room kept for the newline */
	buf[n + line] = '\n';
	buf[n + line + 1] = '\0';
	return n + line + 1;
}

/* oracle.c — verdicts, fault classification, the BUG line (.harn.oracle). */
#include "oracle.h"

#include <stdio.h>
#include <string.h>

#include "kernel.h"

static const char *const verdict_names[] = {
#define GF_VERDICT(name) #name,
#include "verdicts.def"
#undef GF_VERDICT
};

const char *gf_verdict_name(enum gf_verdict v)
{
	return (unsigned)v < GF_VERDICT_COUNT ? verdict_names[v] : "?";
}

enum gf_verdict gf_verdict_merge(enum gf_verdict a, enum gf_verdict b)
{
	return a > b ? a : b;
}

int gf_bug_line(const struct gf_bug *b, char *out, size_t n)
{
	char param[16] = "-";

	if (b->param >= 0)
		snprintf(param, sizeof param, "%d", b->param);
	return snprintf(out, n,
			"GATEFUZZ-BUG: %s service=%s param=%s class=%s addr=%#lx "
			"owner=%s pc=%s site=%s",
			b->kind, b->service, param, b->cls, (unsigned long)b->addr,
			b->owner, b->pc, b->site);
}

int gf_bug_title(const struct gf_bug *b, char *out, size_t n)
{
	return snprintf(out, n, "%s %s %s", b->kind, b->service, b->site);
}

void gf_oracle_owner(uintptr_t addr, char *out, size_t n)
{
	const struct gf_region *guard_of = NULL;
	const struct gf_region *r = gf_region_lookup(addr, &guard_of);

	if (r)
		snprintf(out, n, "%s", r->name);
	else if (guard_of)
		snprintf(out, n, "guard:%s", guard_of->name);
	else
		snprintf(out, n, "none");
}

static void fault_pc(const struct gf_fault *f, char *out, size_t n)
{
	if (f->pc_in_module && f->pc_region)
		snprintf(out, n, "module:%s+%#lx", f->pc_region->name,
			 (unsigned long)(f->pc - f->pc_region->base));
	else if (f->context == GF_CTX_KERNEL)
		snprintf(out, n, "kernel:%s", gf_kernel_site());
	else
		snprintf(out, n, "gate:%#lx", (unsigned long)f->pc);
}

int gf_oracle_canonical(uintptr_t a)
{
#if UINTPTR_MAX > 0xffffffffu
	/* x86-64 with 48-bit virtual addresses: bits 63..47 all equal. */
	uintptr_t top = a >> 47;
	return top == 0 || top == (UINTPTR_MAX >> 47);
#else
	(void)a;
	return 1;
#endif
}

/* .harn.oracle.fault: who is to blame for a fault. */
enum gf_verdict gf_oracle_fault(const struct gf_fault *f, int caller,
				struct gf_bug *b)
{
	const struct gf_region *held = f->region ? f->region : f->guard_of;

	/* The module's own access: the isolation did its job.  An execute
	 * fault has pc == addr, outside the module's code by definition; the
	 * module jumped there.  A jump to a non-canonical address raises #GP
	 * with no address; hardware reports the jump's own PC (module code),
	 * an emulator (QEMU TCG) the target's: either way the module's. */
	if (f->context == GF_CTX_MODULE &&
	    (f->pc_in_module || f->access == GF_ACCESS_EXEC ||
	     !gf_oracle_canonical(f->pc)))
		return GF_VERDICT_CONTAINED;

	memset(b, 0, sizeof *b);
	b->service = "-";
	b->param = -1;
	b->cls = "-";
	b->addr = f->addr;
	gf_oracle_owner(f->addr, b->owner, sizeof b->owner);
	fault_pc(f, b->pc, sizeof b->pc);
	snprintf(b->site, sizeof b->site, "%s",
		 f->context == GF_CTX_KERNEL ? gf_kernel_site() : "gate");
	gf_fault_format(f, b->detail, sizeof b->detail);
	/* A region or guard the caller does not own, or one of its own it may
	 * not write (its code, a read-only window): the kernel acted as a
	 * confused deputy.  Anything else is a wild pointer. */
	if (f->context == GF_CTX_KERNEL && f->access != GF_ACCESS_EXEC && held &&
	    (held->owner != caller || f->guard_of ||
	     f->access == GF_ACCESS_WRITE))
		b->kind = f->access == GF_ACCESS_WRITE ? "deputy-write"
						       : "deputy-read";
	else
		b->kind = "kernel-fault";
	return GF_VERDICT_BUG;
}

int gf_oracle_integrity(struct gf_bug *b)
{
	char why[sizeof b->detail];

	if (gf_kernel_integrity(why, sizeof why) == 0)
		return 0;
	memset(b, 0, sizeof *b);
	b->kind = "integrity";
	b->service = "-";
	b->param = -1;
	b->cls = "-";
	snprintf(b->owner, sizeof b->owner, "%s", gf_kernel_arena()->name);
	snprintf(b->pc, sizeof b->pc, "kernel:%s", gf_kernel_site());
	snprintf(b->site, sizeof b->site, "%s", gf_kernel_site());
	snprintf(b->detail, sizeof b->detail, "%s", why);
	return 1;
}

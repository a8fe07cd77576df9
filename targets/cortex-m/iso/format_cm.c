/* format_cm.c — names and one-line descriptions of permissions, accesses,
 * faults and verdicts. */
#include <signal.h>
#include <stdio.h>

#include "cm_internal.h"

const char *gf_perm_str(gf_perm p, char buf[4])
{
	buf[0] = p & GF_PERM_R ? 'r' : '-';
	buf[1] = p & GF_PERM_W ? 'w' : '-';
	buf[2] = p & GF_PERM_X ? 'x' : '-';
	buf[3] = '\0';
	return buf;
}

const char *gf_access_str(gf_access a)
{
	switch (a) {
	case GF_ACCESS_READ: return "read";
	case GF_ACCESS_WRITE: return "write";
	case GF_ACCESS_EXEC: return "exec";
	}
	return "?";
}

static const char *context_str(gf_context c)
{
	return c == GF_CTX_MODULE ? "module" : c == GF_CTX_KERNEL ? "kernel" : "host";
}

static const char *principal_str(int who, char buf[12])
{
	if (who == GF_PRINCIPAL_KERNEL)
		return "kernel";
	if (who == GF_PRINCIPAL_NONE)
		return "none";
	snprintf(buf, 12, "%d", who);
	return buf;
}

/* The same line as the host core's (isolation/fault_format.c), so that
 * whatever reads fault lines reads both:
 * "write addr=0x20203900 region=mod2.data owner=2 pc=module:mod1.code+0x1a
 *  ctx=module domain=mod1 caller=1 sig=SEGV code=130 pkey=-1"
 * (code is the CFSR, .cm.fault-record). */
int gf_fault_format(const struct gf_fault *f, char *buf, size_t len)
{
	char where[48], pc[64], owner[12], caller[12];
	if (f->region)
		snprintf(where, sizeof where, "region=%s", f->region->name);
	else if (f->guard_of)
		snprintf(where, sizeof where, "guard-of=%s", f->guard_of->name);
	else
		snprintf(where, sizeof where, "region=none");
	if (f->pc_in_module)
		snprintf(pc, sizeof pc, "module:%s+0x%lx", f->pc_region->name,
			 (unsigned long)(f->pc - f->pc_region->base));
	else
		snprintf(pc, sizeof pc, "0x%lx", (unsigned long)f->pc);
	return snprintf(buf, len,
			"%s addr=0x%lx %s owner=%s pc=%s ctx=%s domain=%s caller=%s sig=%s code=%d pkey=%d",
			gf_access_str(f->access), (unsigned long)f->addr, where,
			principal_str(f->owner, owner), pc, context_str(f->context),
			gf_domain_name(f->domain), principal_str(f->caller, caller),
			f->signo == SIGBUS ? "BUS" : f->signo == SIGILL ? "ILL" : "SEGV",
			f->si_code, f->pkey);
}

enum gf_cm_verdict gf_cm_verdict(int run_result, const struct gf_fault *f)
{
	if (run_result == 0)
		return GF_CM_OK;
	if (run_result != 1 || f->context != GF_CTX_MODULE)
		return GF_CM_BUG;
	bool own_code = f->pc_region && f->pc_region->owner == f->caller;
	bool refused_fetch = f->access == GF_ACCESS_EXEC;
	bool own_stack = !gf_cm_last_fault()->frame_valid;
	return own_code || refused_fetch || own_stack ? GF_CM_CONTAINED : GF_CM_BUG;
}

const char *gf_cm_verdict_str(enum gf_cm_verdict v)
{
	return v == GF_CM_OK ? "ok" : v == GF_CM_CONTAINED ? "contained" : "BUG";
}

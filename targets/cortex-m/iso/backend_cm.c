/* backend_cm.c — the backend choice on Cortex-M (.iso.backend.limits).
 *
 *   "mpu"  (and "auto"): the MPU enforces every domain as described in
 *          mpu_cm.c.  Limits: PMSAv7 regions are powers of two (waste up
 *          to an eighth, or half below 256 bytes); PMSAv8-M cannot deny
 *          privileged reads, so in a kernel-for domain other modules'
 *          regions are read-only, not inaccessible, to the kernel; the
 *          host domain is open to privileged code; at most 8 (v7) or 16
 *          (v8-M) regions per domain, counting the deny span and the gate.
 *   "none": the MPU stays off; modules still run unprivileged and through
 *          the gate, but nothing is enforced (a baseline for comparisons).
 * One core, one thread: the switch is process wide and runs are
 * serialised by construction.
 */
#include <string.h>

#include "cm_internal.h"

static const char *const names[] = {"none", "mpu", NULL};
static const char *active = "none";

int gf_iso_init(const char *backend)
{
	bool mpu;
	if (!backend || !strcmp(backend, "auto") || !strcmp(backend, "mpu"))
		mpu = true;
	else if (!strcmp(backend, "none"))
		mpu = false;
	else
		return -1;
	if (gf_cm_mpu_init(mpu) < 0)
		return -1;
	active = mpu ? "mpu" : "none";
	gf_cm_domains_init();
	gf_domain_switch(GF_DOMAIN_HOST);
	return 0;
}

const char *gf_iso_backend(void)
{
	return active;
}

bool gf_iso_process_wide(void)
{
	return true;
}

bool gf_iso_enforces(void)
{
	return strcmp(active, "mpu") == 0;
}

const char *const *gf_iso_backends(void)
{
	return names;
}

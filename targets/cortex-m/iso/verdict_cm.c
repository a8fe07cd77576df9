/* verdict_cm.c — the firmware's verdict on a module run (.cm.verdict).
 * Permissions, accesses and fault lines are printed by the host core's
 * isolation/perm.c and isolation/fault_format.c, built in too. */
#include <stdbool.h>

#include "cm_internal.h"

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

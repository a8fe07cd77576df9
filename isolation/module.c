/* module.c — the two domains of a module (.iso.model). */
#include <stdio.h>

#include "iso_internal.h"

int gf_module_domains(int module, const struct gf_region *code,
		      const struct gf_region *data,
		      const struct gf_region *arena,
		      struct gf_module_domains *out)
{
	if (module < 0 || !code || !data || !arena || !out ||
	    code->kind != GF_REGION_CODE || data->kind != GF_REGION_DATA ||
	    arena->kind != GF_REGION_ARENA || code->owner != module ||
	    data->owner != module)
		return -1;
	char name[32];
	snprintf(name, sizeof name, "mod%d", module);
	gf_domain_id self = gf_domain_create(name, module);
	snprintf(name, sizeof name, "kernel-for-mod%d", module);
	gf_domain_id kernel_for = gf_domain_create(name, GF_PRINCIPAL_KERNEL);
	if (self < 0 || kernel_for < 0 ||
	    gf_domain_grant(self, code, GF_PERM_RX) ||
	    gf_domain_grant(self, data, GF_PERM_RW) ||
	    gf_domain_grant(kernel_for, arena, GF_PERM_RW) ||
	    gf_domain_grant(kernel_for, code, GF_PERM_RX) ||
	    gf_domain_grant(kernel_for, data, GF_PERM_RW))
		return -1;
	*out = (struct gf_module_domains){.module = module, .self = self,
					  .kernel_for = kernel_for,
					  .code = code, .data = data};
	return 0;
}

int gf_module_share(const struct gf_module_domains *m,
		    const struct gf_region *window, gf_perm p)
{
	if (!m || !window)
		return -1;
	return gf_domain_grant(m->self, window, p) ||
			       gf_domain_grant(m->kernel_for, window, p)
		       ? -1
		       : 0;
}

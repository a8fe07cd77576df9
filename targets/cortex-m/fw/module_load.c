/* module_load.c — template modules into regions (see module_load.h). */
#include "module_load.h"

#include <stdio.h>

int gf_cm_module_load(int module, const uint8_t *start, const uint8_t *stop,
		      size_t data_size, const struct gf_region *arena,
		      struct gf_cm_module *out)
{
	char name[32];
	size_t code_size = (size_t)(stop - start);
	snprintf(name, sizeof name, "mod%d.code", module);
	const struct gf_region *code = gf_region_create(name, GF_REGION_CODE, module,
							code_size, GF_PERM_RX);
	snprintf(name, sizeof name, "mod%d.data", module);
	const struct gf_region *data = gf_region_create(name, GF_REGION_DATA, module,
							data_size, GF_PERM_RW);
	if (!code || !data || gf_region_fill(code, 0, start, code_size) < 0 ||
	    gf_region_fill(data, 0, NULL, data->size) < 0 ||
	    gf_module_domains(module, code, data, arena, &out->domains) < 0)
		return -1;
	out->template_start = start;
	out->stack_top = data->base + data->size;
	return 0;
}

uintptr_t gf_cm_module_addr(const struct gf_cm_module *m, const void *fn)
{
	uintptr_t offset = ((uintptr_t)fn & ~(uintptr_t)1) - (uintptr_t)m->template_start;
	return (m->domains.code->base + offset) | 1;
}

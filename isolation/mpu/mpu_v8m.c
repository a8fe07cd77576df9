/* mpu_v8m.c — one PMSAv8-M region from one request: base and limit on a
 * 32-byte grid, AP and XN in RBAR, the MAIR attribute index in RLAR. */
#include <stdio.h>

#include "mpu_internal.h"

enum gf_mpu_status gf_mpu_v8m_region(const struct gf_mpu_request *r,
				     struct gf_mpu_region *out, char *why,
				     size_t len)
{
	if (r->base % 32 || r->size % 32) {
		snprintf(why, len, "base and size must be multiples of 32 bytes");
		return GF_MPU_E_ALIGN;
	}
	uint32_t limit = (uint32_t)(gf_mpu_end(r) - 32);
	/* Normal memory is non-shareable (single core); the SH field is
	 * ignored for device memory. */
	out->rbar = r->base | GF_V8_SH_NONE << GF_V8_RBAR_SH_SHIFT |
		    (uint32_t)gf_mpu_ap(GF_MPU_PMSAV8M, r->priv, r->user)
			    << GF_V8_RBAR_AP_SHIFT |
		    (r->exec ? 0 : GF_V8_RBAR_XN);
	uint32_t attr = r->mem == GF_MPU_DEVICE ? GF_V8_ATTR_DEVICE : GF_V8_ATTR_NORMAL;
	out->rasr_rlar = limit | attr << GF_V8_RLAR_ATTR_SHIFT | GF_V8_RLAR_EN;
	return GF_MPU_OK;
}

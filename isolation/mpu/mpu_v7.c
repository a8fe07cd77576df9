/* mpu_v7.c — one PMSAv7 region from one request.
 *
 * A region is a power of two P >= 32 bytes at a base aligned to P.  From
 * 256 bytes up it has 8 subregions of P/8, each of which can be disabled
 * (SRD), so a span is expressible when some aligned block of size P
 * contains it and the span starts and ends on P/8 boundaries (.cm.mpu.v7-fit).
 * A disabled subregion is not "no access": the address falls through to a
 * lower region or the background map.
 */
#include <stdio.h>

#include "mpu_internal.h"

/* The smallest region holding [base, end) exactly; false when none does. */
static bool fit(uint32_t base, uint32_t size, unsigned *log2p, uint8_t *srd)
{
	uint64_t end = (uint64_t)base + size;
	unsigned lg = 5;
	while ((1ull << lg) < size)
		lg++;
	for (; lg <= 32; lg++) {
		uint64_t p = 1ull << lg;
		uint64_t block = base & ~(p - 1);
		if (end > block + p)
			continue;
		if (p < 256) {
			if (block == base && size == p) {
				*log2p = lg;
				*srd = 0;
				return true;
			}
			continue;
		}
		uint64_t sub = p / 8;
		if (sub > size)
			return false; /* every larger P has coarser subregions */
		if ((base - block) % sub || size % sub)
			continue;
		uint8_t mask = 0;
		for (unsigned k = 0; k < 8; k++) {
			uint64_t lo = block + k * sub;
			if (lo < base || lo >= end)
				mask |= (uint8_t)(1u << k);
		}
		*log2p = lg;
		*srd = mask;
		return true;
	}
	return false;
}

/* .cm.mpu.v7-attr: normal memory is outer and inner write-back,
 * write-allocate, not shareable (TEX=001 C=1 B=1); device memory is
 * shareable device (TEX=000 C=0 B=1 S=1). */
static uint32_t attributes(enum gf_mpu_mem mem)
{
	if (mem == GF_MPU_DEVICE)
		return GF_V7_RASR_B | GF_V7_RASR_S;
	return 1u << GF_V7_RASR_TEX_SHIFT | GF_V7_RASR_C | GF_V7_RASR_B;
}

enum gf_mpu_status gf_mpu_v7_region(const struct gf_mpu_request *r,
				    unsigned number, struct gf_mpu_region *out,
				    char *why, size_t len)
{
	unsigned lg;
	uint8_t srd;
	if (!fit(r->base, r->size, &lg, &srd)) {
		snprintf(why, len,
			 "no power-of-two region covers it exactly (needs a size-aligned "
			 "2^n >= 32, or >= 256 trimmed in eighths)");
		return GF_MPU_E_ALIGN;
	}
	uint32_t base = r->base & ~(uint32_t)((1ull << lg) - 1);
	out->rbar = base | GF_V7_RBAR_VALID | number;
	out->rasr_rlar = (r->exec ? 0 : GF_V7_RASR_XN) |
			 (uint32_t)gf_mpu_ap(GF_MPU_PMSAV7, r->priv, r->user)
				 << GF_V7_RASR_AP_SHIFT |
			 attributes(r->mem) |
			 (uint32_t)srd << GF_V7_RASR_SRD_SHIFT |
			 (lg - 1) << GF_V7_RASR_SIZE_SHIFT | GF_V7_RASR_ENABLE;
	return GF_MPU_OK;
}

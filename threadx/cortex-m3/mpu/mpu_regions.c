/* mpu_regions.c — reading back the MPU and deciding user access as PMSAv7
 * does: RASR's SIZE (2^(SIZE+1) bytes), SRD (eight subregions of a region
 * of 256 bytes or more), AP (user access), ENABLE. */
#include "mpu_regions.h"

#include "cm_regs.h"

void gf_mpu_read(struct gf_mpu_region r[GF_MPU_REGIONS])
{
	for (int i = 0; i < GF_MPU_REGIONS; i++) {
		MPU_RNR = (uint32_t)i;
		gf_cm_barrier();
		r[i].rbar = MPU_RBAR;
		r[i].rasr = MPU_RASR_RLAR;
		r[i].size = r[i].rasr & 1u ? 2u << ((r[i].rasr >> 1) & 0x1fu) : 0;
		/* The hardware ignores base bits below the size. */
		r[i].base = r[i].size ? r[i].rbar & ~(r[i].size - 1) & ~0x1fu : 0;
	}
}

static int holds(const struct gf_mpu_region *r, uint32_t addr)
{
	if (!r->size || addr - r->base >= r->size)
		return 0;
	if (r->size < 256)
		return 1;
	unsigned sub = (addr - r->base) / (r->size / 8);
	return !(r->rasr >> (8 + sub) & 1u);
}

int gf_mpu_region_at(const struct gf_mpu_region r[GF_MPU_REGIONS], uint32_t addr)
{
	for (int i = GF_MPU_REGIONS - 1; i >= 0; i--)
		if (holds(&r[i], addr))
			return i;
	return -1;
}

unsigned gf_mpu_user_access(const struct gf_mpu_region r[GF_MPU_REGIONS], uint32_t addr)
{
	int i = gf_mpu_region_at(r, addr);
	if (i < 0)
		return GF_USER_NONE;
	switch ((r[i].rasr >> 24) & 7u) { /* AP */
	case 2: case 6: case 7: return GF_USER_READ;
	case 3: return GF_USER_READ | GF_USER_WRITE;
	default: return GF_USER_NONE;
	}
}

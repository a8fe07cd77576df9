/* mpu_regions.h — PMSAv7 regions as the hardware applies them
 * (mpu_regions.c): the effective user access to an address is the highest
 * numbered enabled region whose enabled subregion holds it. */
#ifndef GATEFUZZ_TX_MPU_REGIONS_H
#define GATEFUZZ_TX_MPU_REGIONS_H

#include <stdint.h>

#define GF_MPU_REGIONS 8
#define GF_MPU_GRANULE 32u /* the smallest region; every check is per granule */

struct gf_mpu_region {
	uint32_t rbar, rasr;
	uint32_t base, size; /* size 0: disabled */
};

enum gf_user_access { GF_USER_NONE = 0, GF_USER_READ = 1, GF_USER_WRITE = 2 };

/* Reads the MPU's regions (MPU_RNR, MPU_RBAR, MPU_RASR). */
void gf_mpu_read(struct gf_mpu_region r[GF_MPU_REGIONS]);
/* The region that decides `addr`, or -1 (background: no user access). */
int gf_mpu_region_at(const struct gf_mpu_region r[GF_MPU_REGIONS], uint32_t addr);
/* What unprivileged code may do at `addr` (GF_USER_* bits). */
unsigned gf_mpu_user_access(const struct gf_mpu_region r[GF_MPU_REGIONS], uint32_t addr);

#endif

/* mpu_internal.h — what the architecture files give mpu.c. */
#ifndef GATEFUZZ_MPU_INTERNAL_H
#define GATEFUZZ_MPU_INTERNAL_H

#include "mpu.h"

/* Encode request r as region `number`; on failure write why into why. */
enum gf_mpu_status gf_mpu_v7_region(const struct gf_mpu_request *r,
				    unsigned number, struct gf_mpu_region *out,
				    char *why, size_t len);
enum gf_mpu_status gf_mpu_v8m_region(const struct gf_mpu_request *r,
				     struct gf_mpu_region *out, char *why,
				     size_t len);

/* 32-bit spans as 64-bit ends, so that a span ending at 4 GiB is legal. */
static inline uint64_t gf_mpu_end(const struct gf_mpu_request *r)
{
	return (uint64_t)r->base + r->size;
}

#endif

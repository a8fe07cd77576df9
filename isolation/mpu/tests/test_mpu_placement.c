/* test_mpu_placement.c — the size and alignment a region allocator must use
 * so that a span is one region, and that such spans always compute. */
#include "../mpu.h"
#include "check.h"

static void expect(enum gf_mpu_arch a, uint32_t size, uint32_t rounded, uint32_t align)
{
	uint32_t r = 0, al = 0;
	CHECK_EQ(gf_mpu_placement(a, size, &r, &al), GF_MPU_OK);
	CHECK_EQ(r, rounded);
	CHECK_EQ(al, align);
}

int main(void)
{
	expect(GF_MPU_PMSAV7, 1, 32, 32);
	expect(GF_MPU_PMSAV7, 100, 128, 128);       /* no subregions below 256 */
	expect(GF_MPU_PMSAV7, 256, 256, 256);
	expect(GF_MPU_PMSAV7, 300, 320, 512);       /* eighths of 512 */
	expect(GF_MPU_PMSAV7, 5000, 5120, 8192);
	expect(GF_MPU_PMSAV7, 0x80000000u, 0x80000000u, 0x80000000u);
	expect(GF_MPU_PMSAV8M, 1, 32, 32);
	expect(GF_MPU_PMSAV8M, 5000, 5024, 32);
	uint32_t r, al;
	CHECK_EQ(gf_mpu_placement(GF_MPU_PMSAV7, 0, &r, &al), GF_MPU_E_SIZE);
	CHECK_EQ(gf_mpu_placement(GF_MPU_PMSAV8M, 0x80000001u, &r, &al), GF_MPU_E_SIZE);

	/* Whatever placement says, compute accepts, at any aligned base. */
	for (enum gf_mpu_arch a = GF_MPU_PMSAV7; a <= GF_MPU_PMSAV8M; a++)
		for (uint32_t size = 1; size < 70000; size = size * 3 + 7) {
			CHECK_EQ(gf_mpu_placement(a, size, &r, &al), GF_MPU_OK);
			CHECK(r >= size);
			uint32_t base = 0x20000000u + 3 * al;
			struct gf_mpu_request q = {.base = base, .size = r,
						   .priv = GF_MPU_RW, .user = GF_MPU_RW};
			struct gf_mpu_program p;
			CHECK_EQ(gf_mpu_compute(a, 8, &q, 1, &p, NULL), GF_MPU_OK);
		}
	return check_report("mpu-placement");
}

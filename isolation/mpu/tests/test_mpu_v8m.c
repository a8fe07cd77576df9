/* test_mpu_v8m.c — PMSAv8-M: 32-byte grid, overlap rejection, limits,
 * AP/XN/SH and the MAIR attribute index. */
#include <string.h>

#include "../mpu.h"
#include "check.h"

static struct gf_mpu_request rq(uint32_t base, uint32_t size)
{
	return (struct gf_mpu_request){.name = "t", .base = base, .size = size,
				       .priv = GF_MPU_RW, .user = GF_MPU_RW};
}

static enum gf_mpu_status one(struct gf_mpu_request r, struct gf_mpu_program *p)
{
	return gf_mpu_compute(GF_MPU_PMSAV8M, 16, &r, 1, p, NULL);
}

static void test_grid(void)
{
	struct gf_mpu_program p;
	CHECK_EQ(one(rq(0x38000000, 0x1000), &p), GF_MPU_OK);
	CHECK_EQ(p.region[0].rbar & ~31u, 0x38000000u);
	CHECK_EQ(p.region[0].rasr_rlar & ~31u, 0x38000fe0u);
	CHECK(p.region[0].rasr_rlar & GF_V8_RLAR_EN);
	/* Any 32-byte multiple works; no power of two needed. */
	CHECK_EQ(one(rq(0x38000020, 96), &p), GF_MPU_OK);
	CHECK_EQ(p.region[0].rasr_rlar & ~31u, 0x38000060u);
	CHECK_EQ(one(rq(0x38000010, 64), &p), GF_MPU_E_ALIGN);
	CHECK_EQ(one(rq(0x38000000, 48), &p), GF_MPU_E_ALIGN);
	CHECK_EQ(one(rq(0x38000000, 0), &p), GF_MPU_E_SIZE);
	CHECK_EQ(one(rq(0xffffffe0, 32), &p), GF_MPU_OK);
	CHECK_EQ(p.region[0].rasr_rlar & ~31u, 0xffffffe0u);
	CHECK_EQ(one(rq(0xffffffe0, 64), &p), GF_MPU_E_SIZE);
}

static void test_overlap_rejected(void)
{
	struct gf_mpu_request r[3] = {rq(0x38000000, 0x1000), rq(0x38001000, 0x1000),
				      rq(0x38001fe0, 0x40)};
	struct gf_mpu_program p;
	struct gf_mpu_error e;
	/* Adjacent is fine. */
	CHECK_EQ(gf_mpu_compute(GF_MPU_PMSAV8M, 16, r, 2, &p, &e), GF_MPU_OK);
	CHECK_EQ(gf_mpu_compute(GF_MPU_PMSAV8M, 16, r, 3, &p, &e), GF_MPU_E_OVERLAP);
	CHECK_EQ(e.index, 2);
	CHECK_EQ(e.other, 1);
	CHECK(strstr(e.message, "overlap") != NULL);
	/* Containment is an overlap too. */
	r[2] = rq(0x38000100, 0x20);
	CHECK_EQ(gf_mpu_compute(GF_MPU_PMSAV8M, 16, r, 3, &p, &e), GF_MPU_E_OVERLAP);
	CHECK_EQ(e.other, 0);
}

static void test_limits(void)
{
	struct gf_mpu_request r[17];
	for (int i = 0; i < 17; i++)
		r[i] = rq(0x38000000u + (uint32_t)i * 0x100, 0x100);
	struct gf_mpu_program p;
	struct gf_mpu_error e;
	CHECK_EQ(gf_mpu_compute(GF_MPU_PMSAV8M, 16, r, 16, &p, &e), GF_MPU_OK);
	CHECK_EQ(p.count, 16);
	CHECK_EQ(gf_mpu_compute(GF_MPU_PMSAV8M, 16, r, 17, &p, &e), GF_MPU_E_TOO_MANY);
	CHECK_EQ(gf_mpu_compute(GF_MPU_PMSAV8M, 8, r, 9, &p, &e), GF_MPU_E_TOO_MANY);
	CHECK_EQ(e.index, 8);
}

static void test_permission_encodings(void)
{
	static const struct { enum gf_mpu_rw priv, user; int ap; } table[] = {
		{GF_MPU_RW, GF_MPU_NONE, 0}, {GF_MPU_RW, GF_MPU_RW, 1},
		{GF_MPU_RO, GF_MPU_NONE, 2}, {GF_MPU_RO, GF_MPU_RO, 3},
		/* v8-M cannot deny privileged code, nor give it more write
		 * than unprivileged code beyond the four pairs above. */
		{GF_MPU_NONE, GF_MPU_NONE, -1}, {GF_MPU_NONE, GF_MPU_RO, -1},
		{GF_MPU_NONE, GF_MPU_RW, -1},   {GF_MPU_RW, GF_MPU_RO, -1},
		{GF_MPU_RO, GF_MPU_RW, -1},
	};
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
		CHECK_EQ(gf_mpu_ap(GF_MPU_PMSAV8M, table[i].priv, table[i].user), table[i].ap);
		struct gf_mpu_request r = rq(0x38000000, 0x100);
		r.priv = table[i].priv;
		r.user = table[i].user;
		struct gf_mpu_program p;
		enum gf_mpu_status s = one(r, &p);
		if (table[i].ap < 0) {
			CHECK_EQ(s, GF_MPU_E_PERM);
		} else {
			CHECK_EQ(s, GF_MPU_OK);
			CHECK_EQ((p.region[0].rbar >> GF_V8_RBAR_AP_SHIFT) & 3, table[i].ap);
		}
	}
	struct gf_mpu_program p;
	struct gf_mpu_request code = rq(0x10000000, 0x400), dev = rq(0x40000000, 0x1000);
	code.exec = true;
	code.priv = code.user = GF_MPU_RO;
	dev.mem = GF_MPU_DEVICE;
	CHECK_EQ(one(code, &p), GF_MPU_OK);
	CHECK_EQ(p.region[0].rbar & GF_V8_RBAR_XN, 0);
	CHECK_EQ((p.region[0].rbar >> GF_V8_RBAR_SH_SHIFT) & 3, GF_V8_SH_NONE);
	CHECK_EQ((p.region[0].rasr_rlar >> GF_V8_RLAR_ATTR_SHIFT) & 7, GF_V8_ATTR_NORMAL);
	CHECK_EQ(one(dev, &p), GF_MPU_OK);
	CHECK(p.region[0].rbar & GF_V8_RBAR_XN);
	CHECK_EQ((p.region[0].rasr_rlar >> GF_V8_RLAR_ATTR_SHIFT) & 7, GF_V8_ATTR_DEVICE);
	CHECK_EQ(p.mair0, 0x04ffu);
	CHECK_EQ(p.ctrl, GF_MPU_CTRL_ENABLE | GF_MPU_CTRL_PRIVDEFENA);
}

int main(void)
{
	test_grid();
	test_overlap_rejected();
	test_limits();
	test_permission_encodings();
	return check_report("mpu-v8m");
}

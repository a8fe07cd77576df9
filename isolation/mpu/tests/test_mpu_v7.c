/* test_mpu_v7.c — PMSAv7: power-of-two fit, subregions, limits, encodings. */
#include <stdlib.h>
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
	return gf_mpu_compute(GF_MPU_PMSAV7, 8, &r, 1, p, NULL);
}

static unsigned size_field(const struct gf_mpu_program *p, int i)
{
	return (p->region[i].rasr_rlar >> GF_V7_RASR_SIZE_SHIFT) & 0x1f;
}

static unsigned srd(const struct gf_mpu_program *p, int i)
{
	return (p->region[i].rasr_rlar >> GF_V7_RASR_SRD_SHIFT) & 0xff;
}

/* Does the programmed region i enable address a?  Decodes the registers
 * the way the hardware does. */
static int covers(const struct gf_mpu_program *p, int i, uint64_t a)
{
	uint64_t size = 1ull << (size_field(p, i) + 1);
	uint64_t base = p->region[i].rbar & ~31u;
	if (a < base || a >= base + size)
		return 0;
	if (size < 256)
		return 1;
	unsigned k = (unsigned)((a - base) / (size / 8));
	return !(srd(p, i) >> k & 1);
}

static void test_exact_powers_of_two(void)
{
	struct gf_mpu_program p;
	CHECK_EQ(one(rq(0x20000000, 32), &p), GF_MPU_OK);
	CHECK_EQ(size_field(&p, 0), 4); /* 2^(4+1) = 32 */
	CHECK_EQ(srd(&p, 0), 0);
	CHECK_EQ(p.region[0].rbar, 0x20000000u | GF_V7_RBAR_VALID | 0);
	CHECK_EQ(one(rq(0x20010000, 0x10000), &p), GF_MPU_OK);
	CHECK_EQ(size_field(&p, 0), 15);
	CHECK_EQ(one(rq(0x80000000, 0x80000000), &p), GF_MPU_OK);
	CHECK_EQ(size_field(&p, 0), 30);
}

static void test_alignment_rejected(void)
{
	struct gf_mpu_program p;
	struct gf_mpu_error e;
	struct gf_mpu_request r = rq(0x20000010, 32); /* 32 bytes off a 32 grid */
	CHECK_EQ(gf_mpu_compute(GF_MPU_PMSAV7, 8, &r, 1, &p, &e), GF_MPU_E_ALIGN);
	CHECK_EQ(e.index, 0);
	CHECK(strstr(e.message, "power-of-two") != NULL);
	/* Crosses a 1 KiB boundary off the 128-byte grid: no block fits. */
	CHECK_EQ(one(rq(0x20000380, 0x100), &p), GF_MPU_E_ALIGN);
	/* Below 32 bytes nothing fits; 96 bytes fit only on a 32-byte grid
	 * (as three eighths of a 256-byte region). */
	CHECK_EQ(one(rq(0x20000000, 24), &p), GF_MPU_E_ALIGN);
	CHECK_EQ(one(rq(0x20000010, 96), &p), GF_MPU_E_ALIGN);
	CHECK_EQ(one(rq(0x20000000, 96), &p), GF_MPU_OK);
	CHECK_EQ(srd(&p, 0), 0xf8);
}

static void test_subregions(void)
{
	struct gf_mpu_program p;
	/* 0x300 bytes at +0x100 inside a 1 KiB block: eighths 0 and 1 off. */
	CHECK_EQ(one(rq(0x20000100, 0x300), &p), GF_MPU_OK);
	CHECK_EQ(size_field(&p, 0), 9);
	CHECK_EQ(srd(&p, 0), 0x03);
	CHECK_EQ(p.region[0].rbar & ~31u, 0x20000000u);
	/* 64 bytes at +32: a 256-byte region with eighths 1 and 2 on. */
	CHECK_EQ(one(rq(0x20000020, 64), &p), GF_MPU_OK);
	CHECK_EQ(size_field(&p, 0), 7);
	CHECK_EQ(srd(&p, 0), 0xf9);
	/* 5 KiB at an 8 KiB boundary: top three eighths off. */
	CHECK_EQ(one(rq(0x20002000, 5 * 1024), &p), GF_MPU_OK);
	CHECK_EQ(size_field(&p, 0), 12);
	CHECK_EQ(srd(&p, 0), 0xe0);
}

/* Every expressible random span decodes to exactly itself. */
static void test_fit_is_exact(void)
{
	srand(7);
	int ok = 0, checked = 0;
	for (int t = 0; t < 4000; t++) {
		uint32_t grain = 32u << (rand() % 8);
		uint32_t base = 0x20000000u + (uint32_t)(rand() % 512) * grain;
		uint32_t size = (uint32_t)(rand() % 16 + 1) * grain;
		struct gf_mpu_program p;
		if (one(rq(base, size), &p) != GF_MPU_OK)
			continue;
		ok++;
		int exact = covers(&p, 0, base) && covers(&p, 0, base + size - 1) &&
			    !covers(&p, 0, base - 1) && !covers(&p, 0, (uint64_t)base + size);
		for (uint64_t a = base; exact && a < (uint64_t)base + size; a += 32)
			exact = covers(&p, 0, a);
		checked += exact;
	}
	CHECK(ok > 1000);
	CHECK_EQ(checked, ok);
}

static void test_limits(void)
{
	struct gf_mpu_program p;
	struct gf_mpu_error e;
	struct gf_mpu_request many[9];
	for (int i = 0; i < 9; i++)
		many[i] = rq(0x20000000u + (uint32_t)i * 0x1000, 0x1000);
	CHECK_EQ(gf_mpu_compute(GF_MPU_PMSAV7, 8, many, 8, &p, &e), GF_MPU_OK);
	CHECK_EQ(p.count, 8);
	CHECK_EQ(gf_mpu_compute(GF_MPU_PMSAV7, 8, many, 9, &p, &e), GF_MPU_E_TOO_MANY);
	CHECK_EQ(e.index, 8);
	CHECK_EQ(one(rq(0x20000000, 0), &p), GF_MPU_E_SIZE);
	CHECK_EQ(one(rq(0xfffff000, 0x2000), &p), GF_MPU_E_SIZE);
	CHECK_EQ(gf_mpu_compute(GF_MPU_PMSAV7, 0, many, 1, &p, &e), GF_MPU_E_ARGS);
	CHECK_EQ(gf_mpu_compute(GF_MPU_PMSAV7, 17, many, 1, &p, &e), GF_MPU_E_ARGS);
}

/* Overlap is legal on v7 and the order is the priority: the later request
 * gets the higher region number, which wins. */
static void test_priority_order(void)
{
	struct gf_mpu_request r[3] = {rq(0x20000000, 0x100000), rq(0x20010000, 0x1000),
				      rq(0x20020000, 0x1000)};
	r[0].priv = GF_MPU_NONE;
	r[0].user = GF_MPU_NONE;
	struct gf_mpu_program p;
	CHECK_EQ(gf_mpu_compute(GF_MPU_PMSAV7, 8, r, 3, &p, NULL), GF_MPU_OK);
	for (int i = 0; i < 3; i++)
		CHECK_EQ(p.region[i].rbar & 0xf, (unsigned)i);
	CHECK_EQ(p.ctrl, GF_MPU_CTRL_ENABLE | GF_MPU_CTRL_PRIVDEFENA);
	CHECK_EQ(p.mair0, 0);
}

static void test_permission_encodings(void)
{
	static const struct { enum gf_mpu_rw priv, user; int ap; } table[] = {
		{GF_MPU_NONE, GF_MPU_NONE, 0}, {GF_MPU_RW, GF_MPU_NONE, 1},
		{GF_MPU_RW, GF_MPU_RO, 2},     {GF_MPU_RW, GF_MPU_RW, 3},
		{GF_MPU_RO, GF_MPU_NONE, 5},   {GF_MPU_RO, GF_MPU_RO, 6},
		{GF_MPU_NONE, GF_MPU_RO, -1},  {GF_MPU_NONE, GF_MPU_RW, -1},
		{GF_MPU_RO, GF_MPU_RW, -1},
	};
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
		CHECK_EQ(gf_mpu_ap(GF_MPU_PMSAV7, table[i].priv, table[i].user), table[i].ap);
		struct gf_mpu_request r = rq(0x20000000, 0x1000);
		r.priv = table[i].priv;
		r.user = table[i].user;
		struct gf_mpu_program p;
		struct gf_mpu_error e;
		enum gf_mpu_status s = gf_mpu_compute(GF_MPU_PMSAV7, 8, &r, 1, &p, &e);
		if (table[i].ap < 0) {
			CHECK_EQ(s, GF_MPU_E_PERM);
			CHECK(strstr(e.message, "PMSAv7") != NULL);
		} else {
			CHECK_EQ(s, GF_MPU_OK);
			CHECK_EQ((p.region[0].rasr_rlar >> GF_V7_RASR_AP_SHIFT) & 7, table[i].ap);
		}
	}
	struct gf_mpu_request code = rq(0x20000000, 0x1000), dev = rq(0x40000000, 0x1000);
	code.exec = true;
	dev.mem = GF_MPU_DEVICE;
	struct gf_mpu_program p;
	CHECK_EQ(one(code, &p), GF_MPU_OK);
	CHECK_EQ(p.region[0].rasr_rlar & GF_V7_RASR_XN, 0);
	CHECK_EQ((p.region[0].rasr_rlar >> GF_V7_RASR_TEX_SHIFT) & 7, 1);
	CHECK(p.region[0].rasr_rlar & GF_V7_RASR_C);
	CHECK(p.region[0].rasr_rlar & GF_V7_RASR_B);
	CHECK_EQ(one(dev, &p), GF_MPU_OK);
	CHECK(p.region[0].rasr_rlar & GF_V7_RASR_XN);
	CHECK(p.region[0].rasr_rlar & GF_V7_RASR_S);
	CHECK_EQ(p.region[0].rasr_rlar & GF_V7_RASR_C, 0);
}

int main(void)
{
	test_exact_powers_of_two();
	test_alignment_rejected();
	test_subregions();
	test_fit_is_exact();
	test_limits();
	test_priority_order();
	test_permission_encodings();
	return check_report("mpu-v7");
}

/* mpu_cm.c — a domain's MPU program, computed by isolation/mpu and written
 * into the MPU on every domain switch.
 *
 * .cm.domain-program — what domain d runs under:
 *   host domain   no regions: privileged code sees the default memory map
 *                 (PRIVDEFENA), unprivileged code nothing (.cm.host-open);
 *   other domains 1. the span denied (PMSAv7: one region over the whole
 *                    span, no access for anyone, lowest priority; PMSAv8-M,
 *                    which forbids overlap and cannot deny privileged
 *                    reads: the gaps between d's regions, privileged
 *                    read-only, never executable);
 *                 2. each region d holds, with d's permission for both
 *                    privilege levels (r-x: read-only executable; rw-:
 *                    read-write, XN);
 *                 3. module domains only: the gate stubs, read-only
 *                    executable, the one piece of kernel code a module may
 *                    run (.cm.gate-stub);
 *                 4. the null guard: the first 32 bytes of memory
 *                    privileged read-only, so a kernel write through a
 *                    NULL pointer faults even where address 0 is RAM
 *                    (.cm.null-guard; exception vector fetches do not go
 *                    through the MPU).
 *   Everything outside the span that no region covers is privileged-only
 *   through the background map: the kernel's image, stack and data.
 * So a module (unprivileged) reaches exactly its domain, and the kernel
 * serving it (privileged, in the kernel-for domain) cannot touch another
 * module's regions (PMSAv8-M: cannot write or execute them).
 * Programs are cached per domain and recomputed when a region or grant
 * changes.
 */
#include <stdio.h>

#include "cm_regs.h"
#include "console.h"
#include "cm_internal.h"

static bool enforce;
static unsigned slots;

struct cached {
	uint32_t generation; /* gf_cm_iso_generation + 1 when valid */
	int status;
	struct gf_mpu_program program;
};
static struct cached cache[GF_MAX_DOMAINS];
/* What the MPU holds now, so that a switch writes only the slots that
 * differ (.cm.mpu.shadow): every MPU register write costs QEMU a TLB flush,
 * and a gate call switches twice.  Writing with the MPU enabled is safe
 * because no region ever covers what the switching code touches (the
 * image, the main stack, kernel data: the background map). */
static struct gf_mpu_region shadow[GF_MPU_MAX_REGIONS];
static uint32_t shadow_ctrl, shadow_mair0;
static struct gf_iso_counters counters;

/* One thread, so the calling thread's counters are the image's. */
void gf_iso_counters(struct gf_iso_counters *out)
{
	*out = counters;
}

static void write_program(const struct gf_mpu_program *p)
{
	if (p->arch == GF_MPU_PMSAV8M && shadow_mair0 != p->mair0) {
		MPU_MAIR0 = shadow_mair0 = p->mair0;
		MPU_MAIR1 = p->mair1;
	}
	for (unsigned i = 0; i < slots; i++) {
		struct gf_mpu_region want = i < p->count ? p->region[i] : (struct gf_mpu_region){0};
		if (want.rbar == shadow[i].rbar && want.rasr_rlar == shadow[i].rasr_rlar)
			continue;
		MPU_RNR = i;
		if (want.rasr_rlar) {
			MPU_RBAR = want.rbar;
			MPU_RASR_RLAR = want.rasr_rlar;
		} else {
			MPU_RASR_RLAR = 0; /* RASR.ENABLE / RLAR.EN clear */
		}
		shadow[i] = want;
		counters.regions_changed++;
	}
	if (shadow_ctrl != p->ctrl)
		MPU_CTRL = shadow_ctrl = p->ctrl;
	gf_cm_barrier();
}

enum gf_mpu_arch gf_cm_mpu_arch(void)
{
#if defined(__ARM_ARCH_8M_MAIN__) || defined(__ARM_ARCH_8M_BASE__)
	return GF_MPU_PMSAV8M;
#else
	return GF_MPU_PMSAV7;
#endif
}

unsigned gf_cm_mpu_slots(void)
{
	return slots;
}

int gf_cm_mpu_init(bool enforce_isolation)
{
	slots = (MPU_TYPE >> 8) & 0xff;
	if (slots > GF_MPU_MAX_REGIONS)
		slots = GF_MPU_MAX_REGIONS;
	if (enforce_isolation && slots == 0)
		return -1;
	enforce = enforce_isolation;
	/* A known state for the shadow: MPU off, every region disabled. */
	MPU_CTRL = shadow_ctrl = 0;
	for (unsigned i = 0; i < slots; i++) {
		MPU_RNR = i;
		MPU_RASR_RLAR = 0;
		shadow[i] = (struct gf_mpu_region){0};
	}
	gf_cm_barrier();
	for (unsigned i = 0; i < GF_MAX_DOMAINS; i++)
		cache[i].generation = 0;
	return 0;
}

static enum gf_mpu_rw rw_of(gf_perm p)
{
	if (p & GF_PERM_W)
		return GF_MPU_RW;
	return p ? GF_MPU_RO : GF_MPU_NONE;
}

static struct gf_mpu_request deny(uintptr_t base, uintptr_t end)
{
	bool v7 = gf_cm_mpu_arch() == GF_MPU_PMSAV7;
	return (struct gf_mpu_request){.name = "span-deny", .base = (uint32_t)base,
				       .size = (uint32_t)(end - base),
				       .priv = v7 ? GF_MPU_NONE : GF_MPU_RO,
				       .user = GF_MPU_NONE};
}

/* The requests of domain d, in priority order; their count. */
static size_t requests_of(gf_domain_id d, struct gf_mpu_request *rq, size_t max)
{
	size_t n = 0;
	uintptr_t lo, hi;
	if (d == GF_DOMAIN_HOST)
		return 0;
	gf_span(&lo, &hi);
	bool v7 = gf_cm_mpu_arch() == GF_MPU_PMSAV7;
	if (v7)
		rq[n++] = deny(lo, hi);
	/* Regions are carved in address order, so walking ids walks the
	 * span upwards and the gaps come out sorted. */
	uintptr_t gap = lo;
	for (int id = 0; id < gf_region_count() && n < max; id++) {
		const struct gf_region *r = gf_region_get(id);
		gf_perm p = gf_domain_perm(d, r);
		if (p == GF_PERM_NONE)
			continue;
		if (!v7 && r->base > gap && n < max)
			rq[n++] = deny(gap, r->base);
		gap = r->base + r->size;
		if (n < max)
			rq[n++] = (struct gf_mpu_request){
				.name = r->name, .base = (uint32_t)r->base,
				.size = (uint32_t)r->size, .priv = rw_of(p),
				.user = rw_of(p), .exec = (p & GF_PERM_X) != 0};
	}
	if (!v7 && hi > gap && n < max)
		rq[n++] = deny(gap, hi);
	if (gf_cm_domain_unprivileged(d) && n < max) {
		uintptr_t gs, ge;
		gf_cm_gate_span(&gs, &ge);
		rq[n++] = (struct gf_mpu_request){.name = "gate", .base = (uint32_t)gs,
						  .size = (uint32_t)(ge - gs),
						  .priv = GF_MPU_RO, .user = GF_MPU_RO,
						  .exec = true};
	}
	if (n < max)
		rq[n++] = (struct gf_mpu_request){.name = "null-guard", .base = 0,
						  .size = GF_CM_NULL_GUARD,
						  .priv = GF_MPU_RO, .user = GF_MPU_NONE};
	return n;
}

int gf_cm_domain_program(gf_domain_id d, struct gf_mpu_program *out,
			 struct gf_mpu_error *err)
{
	/* One more than the MPU has, so that a domain needing too many
	 * regions is reported as such instead of silently truncated. */
	struct gf_mpu_request rq[GF_MPU_MAX_REGIONS + 1];
	size_t n = requests_of(d, rq, slots + 1);
	return gf_mpu_compute(gf_cm_mpu_arch(), slots, rq, n, out, err) == GF_MPU_OK ? 0 : -1;
}

int gf_cm_mpu_apply(gf_domain_id d)
{
	if (!gf_cm_domain_valid(d))
		return 0;
	counters.switches++;
	if (!enforce)
		return 0;
	struct cached *c = &cache[d];
	if (c->generation != gf_cm_iso_generation + 1) {
		struct gf_mpu_error err;
		c->status = gf_cm_domain_program(d, &c->program, &err);
		c->generation = gf_cm_iso_generation + 1;
		if (c->status < 0)
			gf_console_printf("mpu: domain %s cannot be programmed: %s\n",
					  gf_domain_name(d), err.message);
	}
	if (c->status < 0) {
		gf_cm_domain_program(GF_DOMAIN_HOST, &c->program, NULL);
		write_program(&c->program);
		c->generation = 0;
		return -1;
	}
	write_program(&c->program);
	return 0;
}

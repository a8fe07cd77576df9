/* mpu.c — request checking shared by both architectures, AP encodings,
 * placement and the error text. */
#include "mpu.h"

#include <stdio.h>

#include "mpu_internal.h"

const char *gf_mpu_status_str(enum gf_mpu_status s)
{
	switch (s) {
	case GF_MPU_OK: return "ok";
	case GF_MPU_E_ARGS: return "bad arguments";
	case GF_MPU_E_SIZE: return "bad size";
	case GF_MPU_E_ALIGN: return "not expressible at this base and size";
	case GF_MPU_E_OVERLAP: return "overlapping regions";
	case GF_MPU_E_PERM: return "access pair has no encoding";
	case GF_MPU_E_TOO_MANY: return "more regions than the MPU has";
	}
	return "unknown status";
}

const char *gf_mpu_rw_str(enum gf_mpu_rw rw)
{
	return rw == GF_MPU_RW ? "rw" : rw == GF_MPU_RO ? "ro" : "none";
}

/* .cm.mpu.ap — the AP tables of the two architectures.  PMSAv7 can deny
 * privileged code everything (000) but not give unprivileged code more than
 * privileged code; PMSAv8-M has no "privileged: none" at all, and no
 * "privileged rw, unprivileged ro". */
int gf_mpu_ap(enum gf_mpu_arch arch, enum gf_mpu_rw priv, enum gf_mpu_rw user)
{
	if (arch == GF_MPU_PMSAV7) {
		static const int v7[3][3] = {
			/* user:      none  ro  rw */
			[GF_MPU_NONE] = {0, -1, -1},
			[GF_MPU_RW] = {1, 2, 3},
			[GF_MPU_RO] = {5, 6, -1},
		};
		return v7[priv][user];
	}
	if (arch == GF_MPU_PMSAV8M) {
		static const int v8[3][3] = {
			/* user:      none  ro  rw */
			[GF_MPU_NONE] = {-1, -1, -1},
			[GF_MPU_RW] = {0, -1, 1},
			[GF_MPU_RO] = {2, 3, -1},
		};
		return v8[priv][user];
	}
	return -1;
}

enum gf_mpu_status gf_mpu_placement(enum gf_mpu_arch arch, uint32_t size,
				    uint32_t *rounded, uint32_t *align)
{
	if (size == 0 || size > 0x80000000u)
		return GF_MPU_E_SIZE;
	if (arch == GF_MPU_PMSAV8M) {
		*rounded = (size + 31u) & ~31u;
		*align = 32;
		return GF_MPU_OK;
	}
	if (arch != GF_MPU_PMSAV7)
		return GF_MPU_E_ARGS;
	uint32_t p = 32;
	while (p < size)
		p <<= 1;
	/* Below 256 bytes a region has no subregions: it is all of P. */
	uint32_t grain = p >= 256 ? p / 8 : p;
	*rounded = (size + grain - 1) / grain * grain;
	*align = p;
	return GF_MPU_OK;
}

static enum gf_mpu_status fail(struct gf_mpu_error *err, enum gf_mpu_status s,
			       int index, int other,
			       const struct gf_mpu_request *r, const char *why)
{
	if (err) {
		err->status = s;
		err->index = index;
		err->other = other;
		if (r)
			snprintf(err->message, sizeof err->message,
				 "region %d (%s) base 0x%08lx size 0x%lx: %s",
				 index, r->name ? r->name : "?",
				 (unsigned long)r->base, (unsigned long)r->size,
				 why);
		else
			snprintf(err->message, sizeof err->message, "%s", why);
	}
	return s;
}

static bool overlaps(const struct gf_mpu_request *a,
		     const struct gf_mpu_request *b)
{
	return a->base < gf_mpu_end(b) && b->base < gf_mpu_end(a);
}

enum gf_mpu_status gf_mpu_compute(enum gf_mpu_arch arch, unsigned slots,
				  const struct gf_mpu_request *requests,
				  size_t n, struct gf_mpu_program *out,
				  struct gf_mpu_error *err)
{
	char why[120];

	if (err) {
		err->status = GF_MPU_OK;
		err->index = err->other = -1;
		err->message[0] = '\0';
	}
	if (!out || (n && !requests) || slots < 1 ||
	    slots > GF_MPU_MAX_REGIONS ||
	    (arch != GF_MPU_PMSAV7 && arch != GF_MPU_PMSAV8M))
		return fail(err, GF_MPU_E_ARGS, -1, -1, NULL,
			    "unknown architecture, slots outside 1..16 or NULL");
	if (n > slots) {
		snprintf(why, sizeof why, "%zu regions requested, the MPU has %u",
			 n, slots);
		return fail(err, GF_MPU_E_TOO_MANY, (int)slots, -1,
			    &requests[slots], why);
	}

	*out = (struct gf_mpu_program){.arch = arch, .slots = slots};
	for (size_t i = 0; i < n; i++) {
		const struct gf_mpu_request *r = &requests[i];
		if (r->size == 0 || gf_mpu_end(r) > 0x100000000ull)
			return fail(err, GF_MPU_E_SIZE, (int)i, -1, r,
				    r->size ? "ends beyond 4 GiB" : "size is 0");
		if (r->priv > GF_MPU_RW || r->user > GF_MPU_RW ||
		    gf_mpu_ap(arch, r->priv, r->user) < 0) {
			snprintf(why, sizeof why,
				 "privileged %s with unprivileged %s has no %s AP encoding",
				 gf_mpu_rw_str(r->priv), gf_mpu_rw_str(r->user),
				 arch == GF_MPU_PMSAV7 ? "PMSAv7" : "PMSAv8-M");
			return fail(err, GF_MPU_E_PERM, (int)i, -1, r, why);
		}
		enum gf_mpu_status s =
			arch == GF_MPU_PMSAV7
				? gf_mpu_v7_region(r, (unsigned)i, &out->region[i], why, sizeof why)
				: gf_mpu_v8m_region(r, &out->region[i], why, sizeof why);
		if (s != GF_MPU_OK)
			return fail(err, s, (int)i, -1, r, why);
		/* .cm.mpu.v8-overlap: PMSAv8-M faults any access hitting two
		 * regions, so an overlap is never what the caller meant. */
		for (size_t j = 0; arch == GF_MPU_PMSAV8M && j < i; j++)
			if (overlaps(&requests[j], r)) {
				snprintf(why, sizeof why,
					 "overlaps region %zu (%s); PMSAv8-M forbids overlap",
					 j, requests[j].name ? requests[j].name : "?");
				return fail(err, GF_MPU_E_OVERLAP, (int)i, (int)j, r, why);
			}
	}
	out->count = (unsigned)n;
	out->ctrl = GF_MPU_CTRL_ENABLE | GF_MPU_CTRL_PRIVDEFENA;
	if (arch == GF_MPU_PMSAV8M)
		out->mair0 = 0xffu << (8 * GF_V8_ATTR_NORMAL) |
			     0x04u << (8 * GF_V8_ATTR_DEVICE);
	return GF_MPU_OK;
}

/* mpu.h — what to write into a Cortex-M MPU, computed from region requests.
 *
 * Pure functions: no register access, no libc beyond string formatting, so
 * the same code runs in the firmware (targets/cortex-m) and in host unit
 * tests.  A request says what one span of memory should allow; the result is
 * the register values that make it so, or an error that names the request
 * and why the hardware cannot express it (.cm.mpu.strict: nothing is
 * rounded, widened or split behind the caller's back).
 *
 * Two architectures:
 *   PMSAv7   (Cortex-M3/M4/M7): up to 8 (or 16) regions, each a power of two
 *            >= 32 bytes at a base aligned to its size; regions >= 256 bytes
 *            have 8 subregions that can be disabled to trim the span.
 *            Regions may overlap: the higher region number wins, so the
 *            order of the requests is their priority (last wins).
 *   PMSAv8-M (Cortex-M23/M33/M55): up to 16 regions, base and limit on a
 *            32-byte grid; overlapping regions are a fault in hardware, so
 *            overlapping requests are rejected.
 */
#ifndef GATEFUZZ_MPU_H
#define GATEFUZZ_MPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum gf_mpu_arch {
	GF_MPU_PMSAV7,
	GF_MPU_PMSAV8M,
};

/* The most regions either architecture implements. */
#define GF_MPU_MAX_REGIONS 16

/* Access for one privilege level. */
enum gf_mpu_rw {
	GF_MPU_NONE = 0,
	GF_MPU_RO,
	GF_MPU_RW,
};

/* Memory type of a region: normal (RAM, code) or device (peripherals). */
enum gf_mpu_mem {
	GF_MPU_NORMAL = 0,
	GF_MPU_DEVICE,
};

struct gf_mpu_request {
	const char *name;      /* for error messages; may be NULL            */
	uint32_t base;
	uint32_t size;         /* bytes; 0 is an error                       */
	enum gf_mpu_rw priv;   /* privileged access                          */
	enum gf_mpu_rw user;   /* unprivileged access                        */
	bool exec;             /* instruction fetch allowed (XN clear)       */
	enum gf_mpu_mem mem;
};

/* Register values for one region.  PMSAv7: rbar (with VALID and REGION
 * set, so one write to RBAR selects the region) and rasr.  PMSAv8-M: rbar
 * and rlar, written after RNR selects region `number`. */
struct gf_mpu_region {
	uint32_t rbar;
	uint32_t rasr_rlar;
};

struct gf_mpu_program {
	enum gf_mpu_arch arch;
	unsigned count;                 /* regions used, numbered 0..count-1 */
	unsigned slots;                 /* regions the MPU implements        */
	struct gf_mpu_region region[GF_MPU_MAX_REGIONS];
	uint32_t mair0, mair1;          /* PMSAv8-M only, else 0             */
	uint32_t ctrl;                  /* ENABLE | PRIVDEFENA               */
};

enum gf_mpu_status {
	GF_MPU_OK = 0,
	GF_MPU_E_ARGS,        /* unknown arch, slots outside 1..16, NULL     */
	GF_MPU_E_SIZE,        /* size 0, or base+size beyond 4 GiB           */
	GF_MPU_E_ALIGN,       /* v8-M: base or size off the 32-byte grid;
				 v7: no power-of-two region (with
				 subregions) covers exactly the span        */
	GF_MPU_E_OVERLAP,     /* v8-M: two requests share bytes              */
	GF_MPU_E_PERM,        /* the (priv, user) pair has no AP encoding    */
	GF_MPU_E_TOO_MANY,    /* more requests than the MPU has regions      */
};

/* Why a computation failed: which request (index into the array, and the
 * other one for an overlap), and a one-line explanation. */
struct gf_mpu_error {
	enum gf_mpu_status status;
	int index, other;
	char message[256]; /* room for the region and the reason (why[120]) */
};

/* Computes the program for requests[0..n) on an MPU of `slots` regions.
 * Region i comes from request i.  The background map (PRIVDEFENA) stays on
 * for privileged code: memory no region covers is privileged-only
 * (.cm.mpu.background).  Returns GF_MPU_OK or the first error (also in
 * *err when err is not NULL). */
enum gf_mpu_status gf_mpu_compute(enum gf_mpu_arch arch, unsigned slots,
				  const struct gf_mpu_request *requests,
				  size_t n, struct gf_mpu_program *out,
				  struct gf_mpu_error *err);

/* The smallest size and the alignment at which a span of `size` bytes is
 * expressible as one region (v7: the power of two P >= size, trimmed to a
 * multiple of P/8 when P >= 256, aligned to P; v8-M: 32-byte multiple and
 * alignment).  Returns GF_MPU_E_SIZE for 0 or spans above 2 GiB. */
enum gf_mpu_status gf_mpu_placement(enum gf_mpu_arch arch, uint32_t size,
				    uint32_t *rounded, uint32_t *align);

/* Encodes the access pair into the architecture's AP field value (v7: the
 * 3-bit AP; v8-M: the 2-bit AP[2:1]).  Returns -1 when there is none. */
int gf_mpu_ap(enum gf_mpu_arch arch, enum gf_mpu_rw priv, enum gf_mpu_rw user);

const char *gf_mpu_status_str(enum gf_mpu_status s);
const char *gf_mpu_rw_str(enum gf_mpu_rw rw);

/* ---- register field layouts (for the firmware and the tests) ---------- */
#define GF_MPU_CTRL_ENABLE (1u << 0)
#define GF_MPU_CTRL_PRIVDEFENA (1u << 2)

#define GF_V7_RBAR_VALID (1u << 4)
#define GF_V7_RASR_ENABLE (1u << 0)
#define GF_V7_RASR_SIZE_SHIFT 1     /* region size = 2^(SIZE+1)         */
#define GF_V7_RASR_SRD_SHIFT 8      /* bit k disables subregion k        */
#define GF_V7_RASR_B (1u << 16)
#define GF_V7_RASR_C (1u << 17)
#define GF_V7_RASR_S (1u << 18)
#define GF_V7_RASR_TEX_SHIFT 19
#define GF_V7_RASR_AP_SHIFT 24
#define GF_V7_RASR_XN (1u << 28)

#define GF_V8_RBAR_XN (1u << 0)
#define GF_V8_RBAR_AP_SHIFT 1
#define GF_V8_RBAR_SH_SHIFT 3
#define GF_V8_SH_NONE 0u
#define GF_V8_RLAR_EN (1u << 0)
#define GF_V8_RLAR_ATTR_SHIFT 1
/* MAIR attribute indices the program sets up (.cm.mpu.mair). */
#define GF_V8_ATTR_NORMAL 0u        /* 0xff: normal, write-back RW-alloc */
#define GF_V8_ATTR_DEVICE 1u        /* 0x04: device nGnRE                */

#endif

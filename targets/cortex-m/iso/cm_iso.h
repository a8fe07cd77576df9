/* cm_iso.h — what the Cortex-M isolation layer adds to isolation.h.
 *
 * targets/cortex-m/iso implements isolation.h for the firmware: the same
 * regions, domains, grants and gate semantics as the host backends, made
 * true by the MPU instead of page protections (.cm.iso).  This header holds
 * only what has no portable counterpart: the raw fault registers, the
 * verdict rule and the MPU program of a domain.
 */
#ifndef GATEFUZZ_CM_ISO_H
#define GATEFUZZ_CM_ISO_H

#include <stdbool.h>
#include <stdint.h>

#include "isolation.h"
#include "mpu.h"

/* The registers of the last fault the layer claimed. */
struct gf_cm_fault_regs {
	uint32_t exception;      /* 3 HardFault, 4 MemManage, 5 BusFault, 6 UsageFault, 7 SecureFault */
	uint32_t cfsr, hfsr, mmfar, bfar;
	uint32_t sfsr, sfar;     /* ARMv8-M Security Extension, else 0     */
	uint32_t pc, lr, xpsr;   /* from the stacked frame                 */
	uint32_t exc_return;
	bool frame_valid;        /* false after a stacking error           */
};
const struct gf_cm_fault_regs *gf_cm_last_fault(void);

/* gf_fault.si_code on Cortex-M holds the CFSR (.cm.fault-record). */

enum gf_cm_verdict {
	GF_CM_OK = 0,        /* the module returned                             */
	GF_CM_CONTAINED = 1, /* the module faulted on its own: isolation held  */
	GF_CM_BUG = 2,       /* the kernel faulted, or a fault nobody can own  */
};
/* .cm.verdict: a fault is contained when the module itself made it: its
 * context is MODULE and the PC lies in the module's code, or the fault is
 * the refused instruction fetch itself, or the refused stacking of its own
 * stack.  Everything else (context KERNEL, module context with the PC in
 * kernel code) is a BUG. */
enum gf_cm_verdict gf_cm_verdict(int run_result, const struct gf_fault *f);
const char *gf_cm_verdict_str(enum gf_cm_verdict v);

/* The MPU program domain d runs under (.cm.domain-program); 0, or -1 with
 * the reason in *err when the domain cannot be expressed. */
int gf_cm_domain_program(gf_domain_id d, struct gf_mpu_program *out,
			 struct gf_mpu_error *err);
enum gf_mpu_arch gf_cm_mpu_arch(void);
unsigned gf_cm_mpu_slots(void);

/* The gate stubs modules may execute: [start, end). */
void gf_cm_gate_span(uintptr_t *start, uintptr_t *end);

/* Bytes from address 0 that only privileged reads reach (.cm.null-guard). */
#define GF_CM_NULL_GUARD 32u

/* Exit code of an image whose kernel faulted outside any module run. */
#define GF_CM_EXIT_KERNEL_FAULT 3

#endif

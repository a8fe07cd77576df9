/* cm_internal.h — what the files of the Cortex-M isolation layer share. */
#ifndef GATEFUZZ_CM_INTERNAL_H
#define GATEFUZZ_CM_INTERNAL_H

#include "cm_iso.h"

/* Regions (regions_cm.c).  Bumped on every region or grant change, so that
 * cached MPU programs know they are stale. */
extern uint32_t gf_cm_iso_generation;
/* Guard gap on each side of a region (.cm.guard): a page, as the host's
 * guard pages, so that the harness's guard classes (4 KiB below the arena,
 * up to 2 KiB past a data region) land in a guard here too. */
#define GF_CM_GUARD 4096u

/* Domains (domains_cm.c).  Init makes the host domain (gf_iso_init). */
void gf_cm_domains_init(void);
bool gf_cm_domain_valid(gf_domain_id d);
/* True for module domains: what runs in them runs unprivileged and needs
 * the gate stubs. */
bool gf_cm_domain_unprivileged(gf_domain_id d);

/* MPU (mpu_cm.c). */
int gf_cm_mpu_init(bool enforce);
/* Writes d's program into the MPU; -1 when it cannot be expressed (the
 * MPU is then left in the host program and the reason printed). */
int gf_cm_mpu_apply(gf_domain_id d);

/* Gate (gate_cm.c) state the fault path needs. */
struct gf_cm_run {
	bool active;
	bool launched;
	const struct gf_module_domains *m;
	gf_domain_id view;        /* the module's code runs in it         */
	gf_domain_id before;      /* the domain to return to              */
	gf_context context;       /* MODULE or KERNEL while active         */
	struct gf_fault *fault;
};
extern struct gf_cm_run gf_cm_run;
/* Read by the assembly: the kernel's MSP at entry, the run's result. */
extern uint32_t gf_cm_kernel_sp;
extern uint32_t gf_cm_run_result;

/* Assembly (gate_cm.S). */
#define GF_SVC_CALL 0   /* module -> kernel service (the gate entry)   */
#define GF_SVC_EXIT 1   /* module returned from its entry              */
#define GF_SVC_LAUNCH 2 /* kernel thread -> start the prepared module  */
#define GF_EXC_RETURN_THREAD_PSP 0xFFFFFFFDu
uint32_t gf_cm_enter_module(uint32_t *frame);
void gf_cm_gate_call(void);
void gf_cm_gate_exit(void);
void gf_cm_abort_gate(void);
void gf_cm_set_unprivileged(bool on);

/* Thumb decoding (thumb_access.c): whether the instruction at pc loads or
 * stores; 0 when it is neither or unknown. */
gf_access gf_cm_thumb_access(const uint16_t *pc);

#endif

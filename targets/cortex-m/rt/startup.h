/* startup.h — the exception handlers the vector table names.  The
 * isolation layer (iso/) defines them (an RTOS port, PendSV and SysTick
 * too: threadx/cortex-m3/); an image without it gets
 * gf_cm_unhandled, which reports the exception and exits. */
#ifndef GATEFUZZ_CM_STARTUP_H
#define GATEFUZZ_CM_STARTUP_H

void gf_cm_reset(void);
void gf_cm_hardfault(void);
void gf_cm_memmanage(void);
void gf_cm_busfault(void);
void gf_cm_usagefault(void);
void gf_cm_securefault(void);
void gf_cm_svc(void);
void gf_cm_pendsv(void);
void gf_cm_systick(void);
void gf_cm_unhandled(void);

/* Exit code of an image that took an exception nobody handles. */
#define GF_CM_EXIT_UNHANDLED 70

#endif

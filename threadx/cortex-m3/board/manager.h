/* manager.h — the ThreadX firmware's common part (manager.c): the kernel
 * started from main(), the module manager brought up as ThreadX's own
 * example does (its memory, the object pool, the fault notification), and
 * the verdict line each fault the port reports produces.  Each firmware
 * supplies gf_tx_firmware(). */
#ifndef GATEFUZZ_TX_MANAGER_H
#define GATEFUZZ_TX_MANAGER_H

#include <stdint.h>

#include "tx_api.h"
#include "txm_module.h"

/* The firmware's work, in a privileged ThreadX thread of priority
 * GF_TX_MANAGER_PRIORITY once the scheduler runs; its result is the exit
 * code QEMU returns. */
int gf_tx_firmware(void);
#define GF_TX_MANAGER_PRIORITY 0

/* The module manager over the span (its byte pool), an object pool in
 * kernel memory, the fault notification registered.  Exits on failure. */
void gf_tx_manager_start(void);

/* A module image linked into the firmware (gf_tx_image's MODULES). */
#define GF_TX_IMAGE(name) gf_txm_image_##name
#define GF_TX_IMAGE_DECLARE(name) extern const uint8_t gf_txm_image_##name[]

/* What the port reported about the last fault it notified
 * (_txm_module_manager_memory_fault_info), and how many there were. */
struct gf_tx_fault {
	TXM_MODULE_INSTANCE *module;
	TX_THREAD *thread;
	uint32_t cfsr, addr, pc, sp;
	/* Unprivileged when it faulted: the module's own access, jump or
	 * stack (CONTAINED); the kernel, serving a module, runs privileged. */
	int in_module;
};
extern volatile unsigned gf_tx_fault_count;
/* Exit codes: a firmware stopped by a BUG it judged, by a fault in
 * handler mode. */
#define GF_TX_EXIT_BUG 1
#define GF_TX_EXIT_KERNEL_FAULT 3
extern struct gf_tx_fault gf_tx_last_fault;
/* Called after each reported fault (handler mode: ThreadX's ISR-safe
 * services only), or NULL. */
extern void (*gf_tx_fault_hook)(void);
/* The service the faulting module had asked for and its parameter the
 * fault is about, for the verdict line ("-" when unknown), or NULL. */
extern void (*gf_tx_fault_service)(const char **service, const char **param);

/* The firmware's answer to modules' application requests (board/requests.c):
 * called in the requesting module's thread, privileged, with the module's
 * MPU regions loaded; `request` is the module's id (ThreadX subtracted
 * TXM_APPLICATION_REQUEST_ID_BASE).  Without one, TX_NOT_AVAILABLE. */
typedef UINT (*gf_tx_request_fn)(ULONG request, ALIGN_TYPE p1, ALIGN_TYPE p2, ALIGN_TYPE p3);
void gf_tx_set_request_handler(gf_tx_request_fn fn);

/* A ThreadX call that must succeed: on another status the firmware says
 * which call and exits 1. */
#define GF_TX_MUST(call) gf_tx_must((call), #call)
void gf_tx_must(UINT status, const char *what);

#endif

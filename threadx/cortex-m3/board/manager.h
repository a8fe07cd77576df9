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
	uint32_t cfsr, mmfar, pc, sp;
	int in_module; /* the PC was in the module's code: CONTAINED */
};
extern volatile unsigned gf_tx_fault_count;
extern struct gf_tx_fault gf_tx_last_fault;

/* A ThreadX call that must succeed: on another status the firmware says
 * which call and exits 1. */
#define GF_TX_MUST(call) gf_tx_must((call), #call)
void gf_tx_must(UINT status, const char *what);

#endif

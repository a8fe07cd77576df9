/* port.h — what gatefuzz's ThreadX port offers the adapter above it
 * (threadx/kut_*.c), in plain C types, so that the adapter's own headers
 * need no ThreadX types. */
#ifndef GATEFUZZ_TX_PORT_H
#define GATEFUZZ_TX_PORT_H

#include <stdint.h>

/* Where the next module the module manager loads lives: its gatefuzz code
 * and data regions and its shared read-write window.  Taken by the port's
 * module setup hook (TXM_MODULE_MANAGER_MODULE_SETUP) during the load. */
struct gf_txport_placement {
	uintptr_t code, code_size;
	uintptr_t data, data_size;
	uintptr_t shared, shared_size;
	uintptr_t entry;        /* every entry point of the preamble        */
};
void gf_txport_place_next(const struct gf_txport_placement *p);

/* A module's memory fault, as a real port's fault handler reports it:
 * the faulting thread is terminated through ThreadX and the application's
 * fault notification runs (gf_txport_fault_notified tells whether it did). */
void gf_txport_memory_fault(uintptr_t pc, uintptr_t addr, int write);
int gf_txport_fault_notified(void);

/* Calls into a scheduler-less ThreadX end with the caller's thread ready
 * again (.tx.port.noschedule): how many waits the port ended itself. */
unsigned long gf_txport_waits_ended(void);

#endif

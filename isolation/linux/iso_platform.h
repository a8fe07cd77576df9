/* iso_platform.h (Linux) — what only the Linux platform files of the
 * isolation core share (iso_internal.h includes it; CMake puts this
 * directory on the include path of Linux builds only). */
#ifndef GATEFUZZ_ISO_PLATFORM_H
#define GATEFUZZ_ISO_PLATFORM_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "isolation.h"

/* mem_linux.c: the mmap/mprotect protection for a permission */
int gf_perm_prot(gf_perm p);

/* gate_linux.c: abandons the run on this thread with record f; fault_sp is
 * the faulting code's rsp (from the fault handler, async-signal-safe).
 * Never returns, but is not declared _Noreturn, nor is
 * gf_gate_leave_altstack: ASan precedes calls to noreturn functions with
 * __asan_handle_no_return, which on the alternate stack looks the thread's
 * stack up (.iso.gate.recover). */
void gf_gate_recover(const struct gf_fault *f, uintptr_t fault_sp);

/* Hands a signal that is not ours to the displaced disposition p, as if we
 * were absent (.iso.fault.chain); recurs: returning re-raises it (a fault
 * re-executes), else a default action is re-raised (a trap). */
void gf_signal_pass_on(struct sigaction *p, int sig, siginfo_t *si, void *uc,
		       bool recurs);

/* Installs handler for sig with the flags .iso.fault.flags explains, after
 * saving the disposition it displaces in *previous; 0 or -1. */
int gf_signal_install(int sig, void (*handler)(int, siginfo_t *, void *),
		      struct sigaction *previous);

#endif

/* iso_platform.h (Windows) — what only the win32 files of the isolation
 * core share (iso_internal.h includes it; CMake puts this directory on the
 * include path of Windows builds only).  Free of <windows.h>, so the
 * portable core never sees the Windows API's names; gate_win64.S includes
 * it too, for the TEB offsets.
 */
#ifndef GATEFUZZ_ISO_PLATFORM_H
#define GATEFUZZ_ISO_PLATFORM_H

/* .iso.win32.tls: the TEB's TlsSlots[64] lie at gs:0x1480 on x64; a slot
 * index below 64 is read there with one load, no call (gate_win64.S). */
#define GF_WIN32_TEB_TLS_SLOTS 0x1480
#define GF_WIN32_TEB_TLS_SLOT_COUNT 64

#ifndef __ASSEMBLER__

#include <stdint.h>

#include "isolation.h"

struct gf_thread;

/* thread_slot.c: the TLS slot that holds each thread's &gf_self once it
 * prepared a run; gf_win32_slot_init allocates it (gf_fault_install). */
extern uint32_t gf_win32_slot;
int gf_win32_slot_init(void);
/* This thread's state if it ever prepared a run, else NULL: a lookup that
 * never allocates (gf_self itself is emulated TLS, allocated on first
 * use). */
struct gf_thread *gf_win32_thread(void);

/* mem_virtual.c: the PAGE_* protection for a permission. */
unsigned long gf_win32_protection(gf_perm p);

/* gate_win64.S: where the exception handler resumes a thread whose run a
 * fault ended, with rsp and rbp set to the run's frame (not callable). */
void gf_gate_recovered(void);

#endif /* __ASSEMBLER__ */
#endif

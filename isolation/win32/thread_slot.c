/* thread_slot.c — how the gate and the exception handler find a thread's
 * state.
 *
 * .iso.win32.tls: mingw-w64's __thread is emulated (each access calls
 * __emutls_get_address, which allocates on a thread's first use), so the
 * gate's assembly cannot reach gf_self with one load as on Linux.  Each
 * thread that runs modules publishes &gf_self in a TLS slot instead;
 * slots below 64 live in the TEB, which the assembly reads with one load
 * from gs, no call and no stack, and the exception handler reads without
 * allocating (a thread that never ran a module has no slot value: it can
 * only be in host context).
 */
#include <windows.h>

#include <stdio.h>

#include "iso_internal.h"

uint32_t gf_win32_slot = TLS_OUT_OF_INDEXES;

int gf_win32_slot_init(void)
{
	DWORD slot = TlsAlloc();
	if (slot == TLS_OUT_OF_INDEXES || slot >= GF_WIN32_TEB_TLS_SLOT_COUNT) {
		fprintf(stderr,
			"gatefuzz: isolation: no TLS slot among the TEB's first %d (got %lu)\n",
			GF_WIN32_TEB_TLS_SLOT_COUNT, slot);
		if (slot != TLS_OUT_OF_INDEXES)
			TlsFree(slot);
		return -1;
	}
	gf_win32_slot = slot;
	return 0;
}

/* The Windows gf_thread_prepare: gate.c calls it before every run.
 * TlsSetValue writes the TEB and nothing else: cheaper than asking
 * whether it already holds the value. */
int gf_thread_prepare(void)
{
	return TlsSetValue(gf_win32_slot, &gf_self) ? 0 : -1;
}

struct gf_thread *gf_win32_thread(void)
{
	return TlsGetValue(gf_win32_slot);
}

/* traced_keys.c — the protection keys the tracer's handlers run with.
 *
 * .iso.traced.keys: the kernel runs every signal handler with only key 0
 * enabled in PKRU.  Under the pkey backend module code and traced regions
 * carry other keys, yet the handlers must read the faulting instruction
 * and move values in and out of the region.  So, while they do, they
 * enable every key, and put the handler's value back before anything else
 * runs (a chained handler, the recovery).  The interrupted code's PKRU is
 * not touched: sigreturn restores it from the signal frame.  Under other
 * backends, or when the pkey backend is not built in, nothing happens
 * (RDPKRU/WRPKRU would raise SIGILL without protection keys).
 */
#include "traced_internal.h"

#ifdef GATEFUZZ_HAVE_PKEY_BACKEND
#include "pkru.h"

static bool pkey_active(void)
{
	return gf_iso_active == &gf_backend_pkey;
}

uint32_t gf_traced_keys_open(void)
{
	if (!pkey_active())
		return 0;
	uint32_t saved = gf_rdpkru();
	gf_wrpkru(0); /* every key: read and write */
	return saved;
}

void gf_traced_keys_close(uint32_t saved)
{
	if (pkey_active())
		gf_wrpkru(saved);
}
#else
uint32_t gf_traced_keys_open(void)
{
	return 0;
}

void gf_traced_keys_close(uint32_t saved)
{
	(void)saved;
}
#endif

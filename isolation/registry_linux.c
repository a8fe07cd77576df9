/* registry_linux.c — the backends of the Linux build, strongest first:
 * "auto" takes the first whose probe works. */
#include "iso_internal.h"

const struct gf_backend *const gf_iso_registry[] = {
#ifdef GATEFUZZ_HAVE_PKEY_BACKEND
	&gf_backend_pkey,
#endif
	&gf_backend_mprotect,
	&gf_backend_none,
	NULL,
};

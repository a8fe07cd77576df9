/* registry.c — the backends of the Windows build, strongest first:
 * "auto" takes the first whose probe works. */
#include "iso_internal.h"

const struct gf_backend *const gf_iso_registry[] = {
	&gf_backend_win32,
	&gf_backend_none,
	NULL,
};

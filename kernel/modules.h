/* modules.h — the kernel's table of loaded modules (internal to kernel/).
 * Set-once configuration, not arena state: a module's domains do not
 * change while it is loaded, and restoring the arena must not unload it. */
#ifndef GATEFUZZ_MODULES_H
#define GATEFUZZ_MODULES_H

#include <stdint.h>

#include "isolation.h"

/* The domains of loaded module m, or NULL when m is not loaded. */
const struct gf_module_domains *gf_module_of(int m);
/* Bit m set for each loaded module m. */
uint64_t gf_modules_loaded(void);
/* Forgets every module (gf_kernel_init). */
void gf_modules_reset(void);

#endif

/* module_load.h — loading a module compiled into the image.
 *
 * A module template is a group of functions placed in one section
 * (GF_CM_MODULE_CODE("gf_mod_NAME")); the linker brackets it with
 * __start_gf_mod_NAME / __stop_gf_mod_NAME.  Loading copies those bytes into
 * a fresh code region, so the code must be position independent
 * (.cm.module-template): no globals, no taking addresses of functions or
 * constants, no library calls — a module reaches the kernel only through
 * the gate pointer it is handed.
 */
#ifndef GATEFUZZ_CM_MODULE_LOAD_H
#define GATEFUZZ_CM_MODULE_LOAD_H

#include <stddef.h>
#include <stdint.h>

#include "isolation.h"

#define GF_CM_MODULE_CODE(name) __attribute__((section(name), noinline, used))

struct gf_cm_module {
	struct gf_module_domains domains;
	const uint8_t *template_start; /* where the template is in the image */
	uintptr_t stack_top;           /* top of the data region            */
};

/* Creates "modN.code" (the template's bytes, r-x) and "modN.data"
 * (data_size bytes, rw-, stack at the top) and the module's domains. */
int gf_cm_module_load(int module, const uint8_t *start, const uint8_t *stop,
		      size_t data_size, const struct gf_region *arena,
		      struct gf_cm_module *out);

/* The loaded address of a template function (with the Thumb bit). */
uintptr_t gf_cm_module_addr(const struct gf_cm_module *m, const void *fn);

#endif

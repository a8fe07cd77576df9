/* smoke_module.h — the block the kernel smoke test's module works from:
 * the calls to make (request ids looked up by the kernel side, since
 * module code cannot reach the service table) and their results. */
#ifndef GATEFUZZ_CM_SMOKE_MODULE_H
#define GATEFUZZ_CM_SMOKE_MODULE_H

#include <stdint.h>

#include "isolation.h"

#define SMOKE_CALLS 6

struct smoke_call {
	uint32_t request;
	uintptr_t p0, p1, p2;
	uintptr_t result;
};

struct smoke_block {
	gf_dispatch_fn gate;
	struct smoke_call call[SMOKE_CALLS];
	uintptr_t slot;  /* an output slot in the module's data */
	char name[8];    /* an object name in the module's data */
};

void smoke_module_entry(struct smoke_block *b);
extern const uint8_t __start_gf_mod_smoke[], __stop_gf_mod_smoke[];

#endif

/* read_arena.c — reads the kernel arena directly.  The isolation must stop
 * the load in the module's own code: a contained fault.
 * env->args[0]: the address to read (the host knows where the arena is).
 * env->results[0]: the byte read, should the read ever succeed. */
#include "sdk/gf_module.h"

void gf_module_entry(struct gf_module_env *env)
{
	env->results[0] = *(const volatile uint8_t *)env->args[0];
	env->results[1] = 1; /* reached only without isolation */
}

/* write_other.c — writes another module's data directly.  The isolation
 * must stop the store in the module's own code: a contained fault.
 * env->args[0]: the address to write, env->args[1]: the value. */
#include "sdk/gf_module.h"

void gf_module_entry(struct gf_module_env *env)
{
	*(volatile uintptr_t *)env->args[0] = env->args[1];
	env->results[1] = 1; /* reached only without isolation */
}

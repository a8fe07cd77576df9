/* delete_other.c — tries to end another module's objects (the published
 * bug: delete without an ownership check).  The other module is
 * well_behaved, run with its objects kept alive.
 * env->args[0]: its live semaphore ("wb.sem"), [1]: another of its blocks.
 * env->results[0]: semaphore_delete of an object we were never given
 * (SEMAPHORE_ERROR); [1]: pointer_get by name (SUCCESS: it is now shared
 * with us); [2]: semaphore_delete once shared (INVALID_OBJECT: sharing
 * lets us use it, never end it); [3]: semaphore_put once shared (SUCCESS);
 * [4]: module_object_deallocate of its block (INVALID_OBJECT). */
#include "sdk/gf_module.h"

struct do_memory {
	uintptr_t found;
};

void gf_module_entry(struct gf_module_env *env)
{
	struct do_memory *m = (struct do_memory *)gfm_heap(env);
	void *sem = (void *)env->args[0];

	env->results[0] = gfm_semaphore_delete(env, sem);
	env->results[1] = gfm_module_object_pointer_get(env, GFM_OT_SEMAPHORE,
							"wb.sem", &m->found);
	env->results[2] = gfm_semaphore_delete(env, (void *)m->found);
	env->results[3] = gfm_semaphore_put(env, (void *)m->found);
	env->results[4] = gfm_module_object_deallocate(env, (void *)env->args[1]);
}

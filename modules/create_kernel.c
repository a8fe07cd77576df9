/* create_kernel.c — asks the kernel to create objects over kernel memory
 * (the published bug: a creation check that accepts any address outside
 * the module's data lets a kernel global be "created" over).
 * env->args[0]: an address in the kernel arena.
 * env->results[0..2]: what queue_create, semaphore_create and
 * event_flags_create returned (INVALID_OBJECT each); [3]: what a create in
 * a block of our own returned (SUCCESS, proving the calls are well formed). */
#include "sdk/gf_module.h"

struct ck_memory {
	uint32_t storage[16];
	void *block;
};

void gf_module_entry(struct gf_module_env *env)
{
	struct ck_memory *m = (struct ck_memory *)gfm_heap(env);
	void *kernel = (void *)env->args[0];

	env->results[0] = gfm_queue_create(env, kernel, "evil.q", 1, m->storage,
					   sizeof m->storage);
	env->results[1] = gfm_semaphore_create(env, kernel, "evil.s", 1);
	env->results[2] = gfm_event_flags_create(env, kernel, "evil.e");
	gfm_module_object_allocate(env, &m->block, GF_CB_BYTES_QUEUE);
	env->results[3] = gfm_queue_create(env, m->block, "own.q", 1, m->storage,
					   sizeof m->storage);
}

/* shifted_object.c — passes pointers a few bytes off a live object, and its
 * block header, where the object is expected (the published bug: objects
 * authenticated by a header read in front of the pointer).
 * env->results[0]: SUCCESS of the honest put; [1..4]: the statuses for
 * the object shifted by +4, +8, -4 and for the block header (-16), each
 * SEMAPHORE_ERROR; [5]: the count, still 1. */
#include "sdk/gf_module.h"

struct so_memory {
	void *block;
	uint32_t count;
};

void gf_module_entry(struct gf_module_env *env)
{
	struct so_memory *m = (struct so_memory *)gfm_heap(env);
	static const int8_t shift[4] = {4, 8, -4, -GF_BLOCK_HEADER_BYTES};
	uint8_t *sem;

	gfm_module_object_allocate(env, &m->block, GF_CB_BYTES_SEMAPHORE);
	sem = m->block;
	gfm_semaphore_create(env, sem, "so.sem", 0);
	env->results[0] = gfm_semaphore_put(env, sem);
	for (int i = 0; i < 4; i++)
		env->results[1 + i] = gfm_semaphore_put(env, sem + shift[i]);
	gfm_semaphore_info_get(env, sem, 0, &m->count, 0, 0, 0);
	env->results[5] = m->count;
}

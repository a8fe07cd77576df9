/* svc_semaphore.c — counting semaphores.  get never waits: a zero count
 * gives NO_INSTANCE, the no-wait status. */
#include "bugs.h"
#include "call.h"
#include "control_blocks.h"

/* (semaphore, ceiling): put, unless the count would pass the ceiling
 * (ThreadX's CEILING_EXCEEDED is NOT_DONE here). */
uintptr_t gf_impl_semaphore_ceiling_put(struct gf_call *c)
{
	struct gf_semaphore *s = gf_arg_cb(c, 0);

	if (s->count >= gf_arg_u32(c, 1))
		return GF_NOT_DONE;
	s->count++;
	return GF_SUCCESS;
}

/* (semaphore, name, initial_count) */
uintptr_t gf_impl_semaphore_create(struct gf_call *c)
{
	gf_object_begin(c->arg[0].block, GF_OT_SEMAPHORE, c->arg[1].value,
			c->name, c->name_len);
	((struct gf_semaphore *)gf_arg_cb(c, 0))->count = gf_arg_u32(c, 2);
	return GF_SUCCESS;
}

/* (semaphore, wait) */
uintptr_t gf_impl_semaphore_get(struct gf_call *c)
{
	struct gf_semaphore *s = gf_arg_cb(c, 0);

	/* Seeded bug semaphore_get_refused: the last instance kept back. */
	if (s->count == 0 || GF_SEEDED(semaphore_get_refused, s->count == 1))
		return GF_NO_INSTANCE;
	s->count--;
	return GF_SUCCESS;
}

/* (semaphore, name, current_value, first_suspended, suspended_count, next) */
uintptr_t gf_impl_semaphore_info_get(struct gf_call *c)
{
	struct gf_semaphore *s = gf_arg_cb(c, 0);

	return gf_info_reply(c, &s->obj, (const uintptr_t[]){s->count}, 1);
}

/* (semaphore): a count at its maximum cannot grow (NOT_DONE) rather than
 * wrap to zero. */
uintptr_t gf_impl_semaphore_put(struct gf_call *c)
{
	struct gf_semaphore *s = gf_arg_cb(c, 0);

	/* Seeded bug semaphore_put_wraps: the maximum incremented like any
	 * other count, to 0. */
	if (GF_SEEDED(semaphore_put_wraps, s->count == UINT32_MAX)) {
		s->count++;
		return GF_SUCCESS;
	}
	if (s->count == UINT32_MAX)
		return GF_NOT_DONE;
	s->count++;
	return GF_SUCCESS;
}

/* (semaphore, callback): recorded, never called (no scheduler). */
uintptr_t gf_impl_semaphore_put_notify(struct gf_call *c)
{
	((struct gf_semaphore *)gf_arg_cb(c, 0))->put_notify = c->arg[1].value;
	return GF_SUCCESS;
}

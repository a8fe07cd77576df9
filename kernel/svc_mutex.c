/* svc_mutex.c — mutexes.  With no threads, the owner is the calling module:
 * a module may get a mutex it holds again (nesting), another module gets
 * NOT_AVAILABLE, the no-wait status. */
#include "bugs.h"
#include "call.h"
#include "control_blocks.h"

/* (mutex, name, inherit) */
uintptr_t gf_impl_mutex_create(struct gf_call *c)
{
	struct gf_mutex *m;

	gf_object_begin(c->arg[0].block, GF_OT_MUTEX, c->arg[1].value, c->name,
			c->name_len);
	m = gf_arg_cb(c, 0);
	m->inherit = gf_arg_u32(c, 2);
	m->owner = GF_MUTEX_FREE;
	return GF_SUCCESS;
}

/* (mutex, wait) */
uintptr_t gf_impl_mutex_get(struct gf_call *c)
{
	struct gf_mutex *m = gf_arg_cb(c, 0);

	if (m->owner == GF_MUTEX_FREE) {
		m->owner = c->caller;
		m->count = 1;
	} else if (m->owner == c->caller && m->count < UINT32_MAX) {
		m->count++;
	} else {
		return GF_NOT_AVAILABLE;
	}
	return GF_SUCCESS;
}

/* (mutex, name, count, owner, first_suspended, suspended_count, next) */
uintptr_t gf_impl_mutex_info_get(struct gf_call *c)
{
	struct gf_mutex *m = gf_arg_cb(c, 0);

	/* The owner is a module, not a thread: 0. */
	return gf_info_reply(c, &m->obj, (const uintptr_t[]){m->count, 0}, 2);
}

/* (mutex) */
uintptr_t gf_impl_mutex_put(struct gf_call *c)
{
	struct gf_mutex *m = gf_arg_cb(c, 0);

	/* Seeded bug mutex_put_not_owner: a put on a mutex nobody holds is
	 * taken for a release already done. */
	if (GF_SEEDED(mutex_put_not_owner, m->owner == GF_MUTEX_FREE))
		return GF_SUCCESS;
	if (m->owner != c->caller)
		return GF_NOT_OWNED;
	if (--m->count == 0)
		m->owner = GF_MUTEX_FREE;
	return GF_SUCCESS;
}

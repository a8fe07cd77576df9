/* svc_event_flags.c — event flags groups.  get never waits (no scheduler):
 * flags that are not set give NO_EVENTS, the no-wait status. */
#include <string.h>

#include "bugs.h"
#include "call.h"
#include "control_blocks.h"

/* ThreadX's options: bit 1 AND (else OR), bit 0 CLEAR. */
#define GF_EVENT_AND 2u
#define GF_EVENT_CLEAR 1u

/* (group, name) */
uintptr_t gf_impl_event_flags_create(struct gf_call *c)
{
	gf_object_begin(c->arg[0].block, GF_OT_EVENT_FLAGS, c->arg[1].value,
			c->name, c->name_len);
	return GF_SUCCESS;
}

/* (group, requested_flags, get_option, actual_flags slot, wait) */
uintptr_t gf_impl_event_flags_get(struct gf_call *c)
{
	struct gf_event_flags *g = gf_arg_cb(c, 0);
	uint32_t want = gf_arg_u32(c, 1), option = gf_arg_u32(c, 2);
	uint32_t have = g->flags & want;

	if (option & GF_EVENT_AND ? have != want : have == 0) {
		/* Seeded bug event_flags_stale_waiter: a getter that cannot
		 * wait is left registered as a waiter, its slot kept. */
		if (GF_SEEDED(event_flags_stale_waiter, c->arg[3].value != 0))
			g->waiter_actual = c->arg[3].value;
		return GF_NO_EVENTS;
	}
	gf_slot_write(c, 3, g->flags);
	if (option & GF_EVENT_CLEAR)
		g->flags &= ~want;
	return GF_SUCCESS;
}

/* (group, name, current_flags, first_suspended, suspended_count, next) */
uintptr_t gf_impl_event_flags_info_get(struct gf_call *c)
{
	struct gf_event_flags *g = gf_arg_cb(c, 0);

	return gf_info_reply(c, &g->obj, (const uintptr_t[]){g->flags}, 1);
}

/* (group, flags_to_set, set_option): OR (0) or AND (2); 1 means nothing. */
uintptr_t gf_impl_event_flags_set(struct gf_call *c)
{
	struct gf_event_flags *g = gf_arg_cb(c, 0);
	uint32_t flags = gf_arg_u32(c, 1), option = gf_arg_u32(c, 2);

	if (option == GF_EVENT_AND)
		g->flags &= flags;
	else if (option == 0)
		g->flags |= flags;
	else
		return GF_OPTION_ERROR;
	/* A waiting getter gets the flags in its slot, as ThreadX's set
	 * satisfies a suspended get. */
	if (g->waiter_actual) {
		memcpy((void *)g->waiter_actual, &g->flags, sizeof g->flags);
		g->waiter_actual = 0;
	}
	return GF_SUCCESS;
}

/* (group, callback): recorded, never called (no scheduler). */
uintptr_t gf_impl_event_flags_set_notify(struct gf_call *c)
{
	((struct gf_event_flags *)gf_arg_cb(c, 0))->set_notify = c->arg[1].value;
	return GF_SUCCESS;
}

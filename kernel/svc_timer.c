/* svc_timer.c — application timers: their ticks and callback are recorded;
 * with no timer interrupt they never expire and the callback is never
 * called. */
#include "bugs.h"
#include "call.h"
#include "control_blocks.h"

static void start(struct gf_timer *t)
{
	t->active = 1;
	t->remaining = t->initial;
}

uintptr_t gf_impl_timer_activate(struct gf_call *c)
{
	struct gf_timer *t = gf_arg_cb(c, 0);

	if (t->active)
		return GF_ACTIVATE_ERROR;
	start(t);
	return GF_SUCCESS;
}

/* (timer, initial_ticks, reschedule_ticks): takes effect at the next
 * activation. */
uintptr_t gf_impl_timer_change(struct gf_call *c)
{
	struct gf_timer *t = gf_arg_cb(c, 0);

	t->initial = gf_arg_u32(c, 1);
	t->reschedule = gf_arg_u32(c, 2);
	return GF_SUCCESS;
}

/* (timer, name, expiration_function, expiration_input, initial_ticks,
 *  reschedule_ticks, auto_activate) */
uintptr_t gf_impl_timer_create(struct gf_call *c)
{
	struct gf_timer *t;
	/* What the block held where the remaining ticks go (seeded bug). */
	uint32_t held = ((const struct gf_timer *)gf_arg_cb(c, 0))->remaining;

	gf_object_begin(c->arg[0].block, GF_OT_TIMER, c->arg[1].value, c->name,
			c->name_len);
	t = gf_arg_cb(c, 0);
	t->callback = c->arg[2].value;
	t->input = gf_arg_u32(c, 3);
	t->initial = gf_arg_u32(c, 4);
	t->reschedule = gf_arg_u32(c, 5);
	if (gf_arg_u32(c, 6))
		start(t);
	/* Seeded bug timer_remaining_stale: the remaining ticks are set only
	 * by an activation; an inactive timer keeps what the block held. */
	else if (GF_SEEDED(timer_remaining_stale, held != 0))
		t->remaining = held;
	return GF_SUCCESS;
}

uintptr_t gf_impl_timer_deactivate(struct gf_call *c)
{
	((struct gf_timer *)gf_arg_cb(c, 0))->active = 0;
	return GF_SUCCESS;
}

/* (timer, name, active, remaining_ticks, reschedule_ticks, next_timer) */
uintptr_t gf_impl_timer_info_get(struct gf_call *c)
{
	struct gf_timer *t = gf_arg_cb(c, 0);

	gf_slot_write(c, 1, t->obj.name_ptr);
	gf_slot_write(c, 2, t->active);
	gf_slot_write(c, 3, t->remaining);
	gf_slot_write(c, 4, t->reschedule);
	gf_slot_write(c, 5, gf_object_next_address(&t->obj));
	return GF_SUCCESS;
}

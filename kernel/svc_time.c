/* svc_time.c — the system clock.  Nothing ticks it: there is no timer
 * interrupt, so time moves only by time_set. */
#include "arena.h"
#include "call.h"

uintptr_t gf_impl_time_get(struct gf_call *c)
{
	(void)c;
	return gf_sys()->tick;
}

/* (new_time) */
uintptr_t gf_impl_time_set(struct gf_call *c)
{
	gf_sys()->tick = gf_arg_u32(c, 0);
	return GF_SUCCESS;
}

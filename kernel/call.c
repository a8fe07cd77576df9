/* call.c — helpers implementations use on a validated call. */
#include "call.h"

#include <string.h>

void gf_slot_write(const struct gf_call *c, int i, uintptr_t v)
{
	uintptr_t slot = c->arg[i].value;
	uint32_t narrow = (uint32_t)v;

	if (slot == 0)
		return;
	/* memcpy: a slot need not be aligned. */
	if (c->arg[i].len == sizeof narrow)
		memcpy((void *)slot, &narrow, sizeof narrow);
	else
		memcpy((void *)slot, &v, sizeof v);
}

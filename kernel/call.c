/* call.c — helpers implementations use on a validated call. */
#include "call.h"

#include <string.h>

#include "bugs.h"

struct unaligned_word {
	uintptr_t v;
} __attribute__((packed));

uintptr_t gf_fetch_word(uintptr_t array, int k)
{
	return ((const volatile struct unaligned_word *)array)[k].v;
}

uintptr_t gf_refetch(const struct gf_call *c, int i)
{
	return gf_fetch_word(c->params, i - 2);
}

void gf_slot_write(const struct gf_call *c, int i, uintptr_t v)
{
	/* Seeded bug slot_pointer_fetched_twice: the slot's address read
	 * again from the module's array when the kernel writes the answer. */
	uintptr_t slot = GF_SEEDED(slot_pointer_fetched_twice, i >= 2 && c->params)
				 ? gf_refetch(c, i)
				 : c->arg[i].value;
	uint32_t narrow = (uint32_t)v;

	if (slot == 0)
		return;
	/* memcpy: a slot need not be aligned. */
	if (c->arg[i].len == sizeof narrow)
		memcpy((void *)slot, &narrow, sizeof narrow);
	else
		memcpy((void *)slot, &v, sizeof v);
}

uintptr_t gf_info_reply(const struct gf_call *c, const struct gf_object *o,
			const uintptr_t *own, int n)
{
	gf_slot_write(c, 1, o->name_ptr);
	for (int i = 0; i < n; i++)
		gf_slot_write(c, 2 + i, own[i]);
	gf_slot_write(c, 2 + n, 0); /* first suspended */
	gf_slot_write(c, 3 + n, 0); /* suspended count */
	gf_slot_write(c, 4 + n, gf_object_next_address(o));
	return GF_SUCCESS;
}

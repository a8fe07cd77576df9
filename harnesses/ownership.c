/* ownership.c — the caller's memory, from the world's bounds
 * (.harn.independent). */
#include "ownership.h"

struct owned {
	const struct gf_bounds *b;
	gf_perm perm;
};

gf_perm gf_world_perm(const struct gf_world *w, uintptr_t addr, uint64_t len)
{
	const struct owned mine[] = {
		{&w->own_code, GF_PERM_R | GF_PERM_X},
		{&w->own_data, GF_PERM_R | GF_PERM_W},
		{&w->shared_ro, GF_PERM_R},
		{&w->shared_rw, GF_PERM_R | GF_PERM_W},
	};
	gf_perm perm = GF_PERM_R | GF_PERM_W | GF_PERM_X;
	uintptr_t at = addr;

	if (len == 0 || len - 1 > UINTPTR_MAX - addr)
		return 0;
	/* Regions that touch are walked across: the range is the caller's
	 * when every byte is, whichever region holds it. */
	while (perm) {
		const struct owned *o = NULL;
		for (unsigned k = 0; k < sizeof mine / sizeof mine[0]; k++)
			if (at >= mine[k].b->base && at < mine[k].b->end)
				o = &mine[k];
		if (!o)
			return 0;
		perm &= o->perm;
		if (o->b->end - 1 >= addr + (len - 1))
			break;
		at = o->b->end;
	}
	return perm;
}

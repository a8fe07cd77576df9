/* bugs.c — the seeded bugs' runtime switch, canaries and names (bugs.h).
 * Statics, not arena state: a bench counts across inputs, and the arena is
 * restored before each. */
#include "bugs.h"

#include <string.h>

uint64_t gf_seeded_bugs;
struct gf_canary gf_canaries[GF_BUG_COUNT];

static const char *const names[GF_BUG_COUNT] = {
	[GF_BUG_none] = "none",
#define GF_SEEDED_BUG(id, class) [GF_BUG_##id] = #id,
#include "bugs.def"
#undef GF_SEEDED_BUG
};

int gf_seeded_bug_id(const char *name)
{
	for (int id = GF_BUG_none + 1; id < GF_BUG_COUNT; id++)
		if (strcmp(names[id], name) == 0)
			return id;
	return GF_BUG_none;
}

const char *gf_seeded_bug_name(int id)
{
	return id >= 0 && id < GF_BUG_COUNT ? names[id] : "?";
}

int gf_seeded_bug_select(int id)
{
#if defined(GATEFUZZ_BUG) && GATEFUZZ_BUG == GF_BUG_runtime
	if (id > GF_BUG_none && id < GF_BUG_COUNT) {
		gf_seeded_bugs |= (uint64_t)1 << id;
		return 0;
	}
#else
	(void)id;
#endif
	return -1;
}

uint64_t gf_seeded_bugs_active(void)
{
#if !defined(GATEFUZZ_BUG)
	return 0;
#elif GATEFUZZ_BUG == GF_BUG_runtime
	return gf_seeded_bugs;
#else
	return (uint64_t)1 << GATEFUZZ_BUG;
#endif
}

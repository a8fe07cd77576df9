/* bugs.h — seeded bugs: their ids, the switch that builds one in, and the
 * canaries that count each bug site reached and triggered (Magma's
 * instrumentation), for the benchmark (docs/seeded-bugs.md).
 *
 * The build passes GATEFUZZ_BUG=GF_BUG_<id> (CMake's GATEFUZZ_BUG), or
 * GF_BUG_runtime for a build that holds every bug behind the runtime switch
 * gf_seeded_bugs (the harness sets it from GATEFUZZ_SEEDED_BUG), and
 * GATEFUZZ_BENCH=1 for the canaries.  Without them every site compiles to
 * the correct kernel: GF_SEEDED() is a constant 0 and its condition is never
 * evaluated.
 */
#ifndef GATEFUZZ_BUGS_H
#define GATEFUZZ_BUGS_H

#include <stdint.h>

enum gf_seeded_bug_id {
	GF_BUG_none = 0,
#define GF_SEEDED_BUG(id, class) GF_BUG_##id,
#include "bugs.def"
#undef GF_SEEDED_BUG
	GF_BUG_COUNT
};
/* A macro, not an enumerator, so that #if can tell the runtime build. */
#define GF_BUG_runtime (-1)

/* GF_BUG(id): the bug is in the kernel being run. */
#if !defined(GATEFUZZ_BUG)
#define GF_BUG(id) 0
#elif GATEFUZZ_BUG == GF_BUG_runtime
#define GF_BUG(id) ((gf_seeded_bugs >> GF_BUG_##id) & 1u)
#else
#define GF_BUG(id) (GATEFUZZ_BUG == GF_BUG_##id)
#endif

/* GF_SEEDED(id, cond) at a bug site: true when the bug is in and cond holds
 * — cond being the inputs the bug mishandles, so that the correct path runs
 * for every other input.  Bench builds count the site as reached, and as
 * triggered when cond holds, whichever bug is in. */
#ifdef GATEFUZZ_BENCH
#define GF_SEEDED(id, cond) (gf_canary(GF_BUG_##id, (cond) != 0) && GF_BUG(id))
#else
#define GF_SEEDED(id, cond) (GF_BUG(id) && (cond))
#endif

/* The runtime switch: a bit per bug in (runtime builds only).  A set, not
 * one bug: a campaign over every target (`gatefuzz run --seeded`) runs all
 * of them at once, each target meeting the bugs its services hold. */
extern uint64_t gf_seeded_bugs;
_Static_assert(GF_BUG_COUNT <= 64, "gf_seeded_bugs holds a bit per seeded bug");

struct gf_canary {
	uint64_t reached, triggered;
};
extern struct gf_canary gf_canaries[GF_BUG_COUNT];

static inline int gf_canary(int id, int triggered)
{
	gf_canaries[id].reached++;
	gf_canaries[id].triggered += (uint64_t)triggered;
	return triggered;
}

/* The id of a bug name, or GF_BUG_none when there is no such bug. */
int gf_seeded_bug_id(const char *name);
const char *gf_seeded_bug_name(int id);
/* Adds a bug to those a runtime build runs with; -1 when this build has no
 * runtime switch (or id is not a bug). */
int gf_seeded_bug_select(int id);
/* The bugs built in or selected, a bit per id; 0 for the correct kernel. */
uint64_t gf_seeded_bugs_active(void);

#endif

/* seeded.c — the harness's side of the seeded bugs: GATEFUZZ_SEEDED_BUG
 * picks a runtime build's bug, and bench builds add the canaries to the
 * stats file (.harn.stats), where the benchmark reads reached and
 * triggered. */
#include "seeded.h"

#include <stdlib.h>
#include <string.h>

#include "bugs.h"

void gf_seeded_init(void)
{
	const char *name = getenv("GATEFUZZ_SEEDED_BUG");

	if (name && *name && strcmp(name, "none") != 0) {
		int id = gf_seeded_bug_id(name);
		if (id == GF_BUG_none) {
			fprintf(stderr, "gatefuzz: GATEFUZZ_SEEDED_BUG=%s: no such bug in kernel/bugs.def\n",
				name);
			exit(2);
		}
		if (gf_seeded_bug_select(id)) {
			fprintf(stderr, "gatefuzz: GATEFUZZ_SEEDED_BUG=%s: this build has no runtime "
					"switch (configure with -DGATEFUZZ_BUG=runtime)\n",
				name);
			exit(2);
		}
	}
	memset(gf_canaries, 0, sizeof gf_canaries);
}

void gf_seeded_stats(FILE *f)
{
#ifdef GATEFUZZ_BENCH
	fprintf(f, ", \"seeded\": {\"bug\": \"%s\", \"canaries\": {",
		gf_seeded_bug_name(gf_seeded_bug_active()));
	for (int id = GF_BUG_none + 1; id < GF_BUG_COUNT; id++)
		fprintf(f, "%s\"%s\": {\"reached\": %llu, \"triggered\": %llu}",
			id > GF_BUG_none + 1 ? ", " : "", gf_seeded_bug_name(id),
			(unsigned long long)gf_canaries[id].reached,
			(unsigned long long)gf_canaries[id].triggered);
	fprintf(f, "}}");
#else
	(void)f;
#endif
}

/* replay_tally.c — a replay main's lines and exit status (replay_tally.h). */
#include "replay_tally.h"

#include <stdio.h>

#include "harness.h"

void gf_replay_not_input(struct gf_replay_tally *t, const char *path, const char *why)
{
	fprintf(stderr, "%s: ERROR not an input: %s\n", path, why);
	t->errors++;
}

void gf_replay_judged(struct gf_replay_tally *t, const char *path)
{
	char title[160];
	enum gf_verdict v = gf_harness_last(title, sizeof title);

	t->inputs++;
	if (v == GF_VERDICT_BUG) {
		t->bugs++;
		printf("%s: BUG %s\n", path, title);
	} else {
		printf("%s: %s\n", path, gf_verdict_name(v));
	}
	fflush(stdout);
}

int gf_replay_finish(const struct gf_replay_tally *t)
{
	fprintf(stderr, "replayed %d inputs: %d BUG, %d not inputs, %llu kernel calls\n",
		t->inputs, t->bugs, t->errors, gf_harness_calls());
	return t->errors ? 2 : t->bugs ? 1 : 0;
}

/* stats.c — verdict counters for the campaign report (.harn.stats). */
#define _GNU_SOURCE /* program_invocation_short_name: the target's name */
#include "stats.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#define GF_STATS_EVERY 4096

static struct {
	const char *path, *backend;
	unsigned long long execs, count[GF_VERDICT_COUNT];
} S;

void gf_stats_flush(void)
{
	char tmp[4096];
	FILE *f;

	if (!S.path)
		return;
	/* Write a sibling and rename it: a reader never sees half a file. */
	snprintf(tmp, sizeof tmp, "%s.tmp", S.path);
	f = fopen(tmp, "w");
	if (!f)
		return;
	fprintf(f, "{\"target\": \"%s\", \"backend\": \"%s\", \"execs\": %llu, "
		   "\"verdicts\": {",
		program_invocation_short_name, S.backend, S.execs);
	for (int v = 0; v < GF_VERDICT_COUNT; v++)
		fprintf(f, "%s\"%s\": %llu", v ? ", " : "",
			gf_verdict_name((enum gf_verdict)v), S.count[v]);
	fprintf(f, "}}\n");
	if (fclose(f) == 0)
		rename(tmp, S.path);
}

void gf_stats_init(const char *backend)
{
	S.path = getenv("GATEFUZZ_STATS");
	S.backend = backend;
	if (S.path)
		atexit(gf_stats_flush);
}

void gf_stats_count(enum gf_verdict v)
{
	S.execs++;
	S.count[v]++;
	if (S.execs % GF_STATS_EVERY == 0)
		gf_stats_flush();
}

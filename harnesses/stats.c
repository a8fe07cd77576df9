/* stats.c — verdict counters for the campaign report (.harn.stats). */
#define _GNU_SOURCE /* program_invocation_short_name: the target's name */
#include "stats.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "seeded.h"

#define GF_STATS_EVERY 4096

static struct {
	const char *path, *backend;
	char expanded[4096];
	unsigned long long execs, count[GF_VERDICT_COUNT];
} S;

/* "%p" in GATEFUZZ_STATS stands for the process id, so that every process
 * an engine starts for the same target keeps its own file (AFL++ restarts
 * its target; the front end adds the files up). */
static const char *expand_pid(const char *path)
{
	const char *p = strstr(path, "%p");

	if (!p)
		return path;
	snprintf(S.expanded, sizeof S.expanded, "%.*s%ld%s", (int)(p - path), path,
		 (long)getpid(), p + 2);
	return S.expanded;
}

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
	fputc('}', f);
	gf_seeded_stats(f);
	fprintf(f, "}\n");
	if (fclose(f) == 0)
		rename(tmp, S.path);
}

void gf_stats_init(const char *backend)
{
	S.path = getenv("GATEFUZZ_STATS");
	if (S.path)
		S.path = expand_pid(S.path);
	S.backend = backend;
	if (S.path)
		atexit(gf_stats_flush);
	/* The harness's last set-up step: the fixture is built, so a seeded
	 * bug chosen now never shapes it, and the canaries count inputs. */
	gf_seeded_init();
}

void gf_stats_count(enum gf_verdict v)
{
	S.execs++;
	S.count[v]++;
	if (S.execs % GF_STATS_EVERY == 0)
		gf_stats_flush();
}

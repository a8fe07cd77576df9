/* stats.c — verdict counters for the campaign report (.harn.stats), kept
 * in the GATEFUZZ_STATS file as they change (stats_file.h). */
#define _GNU_SOURCE /* program_invocation_short_name: the target's name, open_memstream */
#include "stats.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seeded.h"
#include "stats_file.h"

/* A bench build's canaries are kept by the kernel, not in the file: they
 * are written out this often, and at exit. */
#define GF_STATS_EVERY 4096

void gf_stats_flush(void)
{
	char *members = NULL;
	size_t len;
	FILE *f = open_memstream(&members, &len);

	if (!f)
		return;
	gf_seeded_stats(f);
	if (fclose(f) == 0)
		gf_stats_file_write(members);
	free(members);
}

void gf_stats_init(const char *backend)
{
	const char *path = getenv("GATEFUZZ_STATS");

	if (path && *path) {
		if (gf_stats_file_open(path, program_invocation_short_name, backend) == 0)
			atexit(gf_stats_flush);
		else
			fprintf(stderr, "gatefuzz: GATEFUZZ_STATS=%s: cannot write it (%s); "
					"counting without it\n", path, strerror(errno));
	}
	/* The harness's last set-up step: the fixture is built, so a seeded
	 * bug chosen now never shapes it, and the canaries count inputs. */
	gf_seeded_init();
}

void gf_stats_count(enum gf_verdict v)
{
	if (gf_stats_file_count((unsigned)v) % GF_STATS_EVERY == 0)
		gf_stats_flush();
}

void gf_stats_reset(void)
{
	gf_stats_file_reset();
}

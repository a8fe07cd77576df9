/* stats_cm.c — harnesses/stats.h for the firmware (.cm.stats).
 *
 * The host's stats.c names the target by the program's name, finds its
 * file in the environment (GATEFUZZ_STATS) and writes it with stdio, also
 * at exit.  A firmware image serves every target and has no environment
 * and no exit hook, so this file counts the same verdicts and writes the
 * same JSON to the host file its command line names (the afl-fuzz bridge
 * passes GATEFUZZ_STATS on), over semihosting: every few thousand inputs
 * and when the session ends (the image calls gf_stats_flush()).
 */
#include "stats.h"

#include <stdbool.h>
#include <stdio.h>

#include "seeded.h"
#include "semihost.h"
#include "stats_cm.h"

#define GF_STATS_EVERY 4096

static struct {
	const char *path, *target, *backend;
	/* unsigned long: newlib-nano's printf has no %llu; 2^32 inputs are
	 * weeks of one QEMU process. */
	unsigned long execs, count[GF_VERDICT_COUNT];
} S;

void gf_cm_stats_to(const char *path, const char *target)
{
	S.path = path;
	S.target = target;
}

/* As stats.c's: also where the harness selects the seeded bug a runtime
 * build holds (GATEFUZZ_SEEDED_BUG, here from the image's environment,
 * .cm.env). */
void gf_stats_init(const char *backend)
{
	S.backend = backend;
	gf_seeded_init();
}

void gf_stats_count(enum gf_verdict v)
{
	S.execs++;
	S.count[v]++;
	if (S.execs % GF_STATS_EVERY == 0)
		gf_stats_flush();
}

void gf_stats_flush(void)
{
	char json[512], tmp[512];
	int n, h;

	if (!S.path || !S.backend) /* nowhere to write, or nothing run yet */
		return;
	n = snprintf(json, sizeof json,
		     "{\"target\": \"%s\", \"backend\": \"%s\", \"execs\": %lu, \"verdicts\": {",
		     S.target, S.backend, S.execs);
	for (int v = 0; v < GF_VERDICT_COUNT && n < (int)sizeof json; v++)
		n += snprintf(json + n, sizeof json - (size_t)n, "%s\"%s\": %lu", v ? ", " : "",
			      gf_verdict_name((enum gf_verdict)v), S.count[v]);
	if (n >= (int)sizeof json - 4)
		return;
	n += snprintf(json + n, sizeof json - (size_t)n, "}}\n");
	/* Write a sibling and rename it: a reader never sees half a file. */
	snprintf(tmp, sizeof tmp, "%s.tmp", S.path);
	h = gf_sh_open(tmp, GF_SH_WRITE);
	if (h < 0)
		return;
	bool written = gf_sh_write_all(h, json, (size_t)n) == 0;
	if (gf_sh_close(h) == 0 && written)
		gf_sh_rename(tmp, S.path);
}

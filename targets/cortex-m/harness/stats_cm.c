/* stats_cm.c — harnesses/stats.h for the firmware (.cm.stats).
 *
 * The firmware keeps no counts: afl-fuzz kills QEMU without notice (on a
 * hang, and when its time is up), so counts kept in the firmware and
 * written now and then lose the inputs since the last write.  The harness
 * image returns each input's verdict to the afl-fuzz bridge instead
 * (bridge_proto.h's `judged`), which counts it on the host
 * (harnesses/stats_file.h); a replay prints each verdict.
 */
#include "stats.h"

#include "seeded.h"

/* As stats.c's: where the harness selects the seeded bug a runtime build
 * holds (GATEFUZZ_SEEDED_BUG, here from the image's environment, .cm.env). */
void gf_stats_init(const char *backend)
{
	(void)backend;
	gf_seeded_init();
}

void gf_stats_count(enum gf_verdict v)
{
	(void)v;
}

void gf_stats_flush(void)
{
}

void gf_stats_reset(void)
{
}

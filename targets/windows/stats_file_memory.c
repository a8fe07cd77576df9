/* stats_file_memory.c — the Windows port's stats_file.h: counts in memory,
 * no GATEFUZZ_STATS file.
 *
 * The file exists for campaigns (a shared mapping that forked children add
 * to and a kill cannot lose), and campaigns run on Linux; the Windows port
 * replays (docs/windows.md).  So opening one fails with ENOSYS and stats.c
 * says it counts without it. */
#include "stats_file.h"

#include <errno.h>
#include <string.h>

enum {
#define GF_VERDICT(name) VERDICT_##name,
#include "verdicts.def"
#undef GF_VERDICT
	VERDICTS
};

static struct {
	unsigned long long execs, verdict[VERDICTS], cpu_us;
} C;

int gf_stats_file_open(const char *path, const char *target, const char *backend)
{
	(void)path, (void)target, (void)backend;
	errno = ENOSYS;
	return -1;
}

unsigned long long gf_stats_file_count(unsigned verdict)
{
	if (verdict < VERDICTS)
		C.verdict[verdict]++;
	return ++C.execs;
}

void gf_stats_file_add_cpu(unsigned long long us)
{
	C.cpu_us += us;
}

void gf_stats_file_reset(void)
{
	memset(&C, 0, sizeof C);
}

void gf_stats_file_write(const char *members)
{
	(void)members;
}

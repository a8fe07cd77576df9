/* stats.h — verdict counters for the campaign report (.harn.stats).
 * With GATEFUZZ_STATS=<path> in the environment the counters are kept in
 * that file as JSON, each rewritten as it changes, so that nothing is lost
 * when the process is killed; "%p" in the path becomes the process id
 * (stats_file.h). */
#ifndef GATEFUZZ_STATS_H
#define GATEFUZZ_STATS_H

#include "oracle.h"

void gf_stats_init(const char *backend);
void gf_stats_count(enum gf_verdict v);
/* Writes the figures kept outside the file (a bench build's canaries). */
void gf_stats_flush(void);
/* Forgets the inputs counted so far: the AFL++ main's warm-up input, run
 * before the fork server starts, is no input of afl-fuzz's. */
void gf_stats_reset(void);

#endif

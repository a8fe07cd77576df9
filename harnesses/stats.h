/* stats.h — verdict counters for the campaign report (.harn.stats).
 * With GATEFUZZ_STATS=<path> in the environment the counters are written
 * there as JSON every few thousand inputs and at exit; "%p" in the path
 * becomes the process id. */
#ifndef GATEFUZZ_STATS_H
#define GATEFUZZ_STATS_H

#include "oracle.h"

void gf_stats_init(const char *backend);
void gf_stats_count(enum gf_verdict v);
void gf_stats_flush(void);

#endif

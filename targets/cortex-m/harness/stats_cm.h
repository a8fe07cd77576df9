/* stats_cm.h — where the firmware's verdict counters go (.cm.stats). */
#ifndef GATEFUZZ_CM_STATS_H
#define GATEFUZZ_CM_STATS_H

/* From now on, gf_stats_flush() writes the counters as JSON to the host
 * file `path` (through semihosting), naming `target`. */
void gf_cm_stats_to(const char *path, const char *target);

#endif

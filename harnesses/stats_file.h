/* stats_file.h — a GATEFUZZ_STATS file whose counts are always on disk
 * (.harn.stats), for the harness's stats.c and the Cortex-M afl-fuzz
 * bridge, which counts the firmware's verdicts on the host.
 *
 * The file is a JSON object {"target", "backend", "execs", "verdicts":
 * {...}, "cpu_us"[, more]}, padded with spaces to a fixed size, kept in a shared
 * mapping: each count is rewritten in place, at a fixed width, as it
 * changes.  So a process killed at any moment loses no input it judged
 * (afl-fuzz kills its target when its time is up and on every hang), and
 * the processes forked after the file is opened (an AFL++ fork server's
 * children) add to the same counts rather than each writing its own over
 * the last one's.  Host only: it needs mmap. */
#ifndef GATEFUZZ_STATS_FILE_H
#define GATEFUZZ_STATS_FILE_H

/* Creates the file `path` ("%p" in it: this process's id) for `target`
 * run under `backend`, with zero counts; 0, or -1 with errno set.
 * Without it the counts are kept in memory only. */
int gf_stats_file_open(const char *path, const char *target, const char *backend);
/* One input judged `verdict` (harnesses/verdicts.def's order); returns
 * the executions counted so far. */
unsigned long long gf_stats_file_count(unsigned verdict);
/* Adds CPU time spent executing inputs, in microseconds ("cpu_us"). */
void gf_stats_file_add_cpu(unsigned long long us);
/* Sets every count back to zero (inputs that were the program's own
 * warm-up, not the engine's). */
void gf_stats_file_reset(void);
/* Rewrites the whole object, with `members` (", \"name\": value..."; ""
 * for none) after the counts: figures that change rarely. */
void gf_stats_file_write(const char *members);

#endif

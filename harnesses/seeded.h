/* seeded.h — the harness's side of the seeded bugs (kernel/bugs.h,
 * docs/seeded-bugs.md). */
#ifndef GATEFUZZ_SEEDED_H
#define GATEFUZZ_SEEDED_H

#include <stddef.h>

/* Selects the bugs GATEFUZZ_SEEDED_BUG names — one, a comma-separated
 * list, or "all" — (a runtime build's switch; exits when the build has none
 * or a name is no bug) and zeroes the
 * canaries, so that they count inputs, not the fixture. */
void gf_seeded_init(void);
/* Bench builds: writes `, "seeded": {...}` — the bugs in and each bug's
 * canaries — for the stats JSON object, into buf (n bytes, cut short if it
 * must be); returns its length (0 in other builds). */
size_t gf_seeded_stats(char *buf, size_t n);

#endif

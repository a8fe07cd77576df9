/* regressions.h — `gf_gen regressions DIR`: the seeded bugs' reproducers. */
#ifndef GATEFUZZ_GEN_REGRESSIONS_H
#define GATEFUZZ_GEN_REGRESSIONS_H

/* Writes DIR/<bug>/input and DIR/<bug>/expect for every seeded bug of
 * kernel/bugs.def.  Returns 0, or -1 after a message on stderr. */
int gf_gen_regressions(const char *dir);

#endif

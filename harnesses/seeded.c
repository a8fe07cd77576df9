/* seeded.c — the harness's side of the seeded bugs: GATEFUZZ_SEEDED_BUG
 * picks a runtime build's bug, and bench builds add the canaries to the
 * stats file (.harn.stats), where the benchmark reads reached and
 * triggered. */
#include "seeded.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bugs.h"

void gf_seeded_init(void)
{
	const char *name = getenv("GATEFUZZ_SEEDED_BUG");

	if (name && *name && strcmp(name, "none") != 0) {
		int id = gf_seeded_bug_id(name);
		if (id == GF_BUG_none) {
			fprintf(stderr, "gatefuzz: GATEFUZZ_SEEDED_BUG=%s: no such bug in kernel/bugs.def\n",
				name);
			exit(2);
		}
		if (gf_seeded_bug_select(id)) {
			fprintf(stderr, "gatefuzz: GATEFUZZ_SEEDED_BUG=%s: this build has no runtime "
					"switch (configure with -DGATEFUZZ_BUG=runtime)\n",
				name);
			exit(2);
		}
	}
	memset(gf_canaries, 0, sizeof gf_canaries);
}

#ifdef GATEFUZZ_BENCH
/* Appends to buf (n bytes, length *at) as snprintf would, never past it. */
static void append(char *buf, size_t n, size_t *at, const char *fmt, ...)
{
	va_list ap;
	int wrote;

	if (*at >= n)
		return;
	va_start(ap, fmt);
	wrote = vsnprintf(buf + *at, n - *at, fmt, ap);
	va_end(ap);
	if (wrote > 0)
		*at = *at + (size_t)wrote < n ? *at + (size_t)wrote : n - 1;
}
#endif

size_t gf_seeded_stats(char *buf, size_t n)
{
	size_t at = 0;

	if (n)
		buf[0] = 0;
#ifdef GATEFUZZ_BENCH
	append(buf, n, &at, ", \"seeded\": {\"bug\": \"%s\", \"canaries\": {",
	       gf_seeded_bug_name(gf_seeded_bug_active()));
	for (int id = GF_BUG_none + 1; id < GF_BUG_COUNT; id++)
		append(buf, n, &at, "%s\"%s\": {\"reached\": %llu, \"triggered\": %llu}",
		       id > GF_BUG_none + 1 ? ", " : "", gf_seeded_bug_name(id),
		       (unsigned long long)gf_canaries[id].reached,
		       (unsigned long long)gf_canaries[id].triggered);
	append(buf, n, &at, "}}");
#endif
	return at;
}

/* seeded.c — the harness's side of the seeded bugs: GATEFUZZ_SEEDED_BUG
 * picks a runtime build's bugs, and bench builds add the canaries to the
 * stats file (.harn.stats), where the benchmark reads reached and
 * triggered. */
#include "seeded.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bugs.h"

/* Selects one bug by name; exits when there is no such bug or no switch. */
static void select_bug(const char *name, size_t len)
{
	char id_name[64];
	int id;

	snprintf(id_name, sizeof id_name, "%.*s", (int)len, name);
	id = gf_seeded_bug_id(id_name);
	if (id == GF_BUG_none) {
		fprintf(stderr, "gatefuzz: GATEFUZZ_SEEDED_BUG: no bug '%s' in kernel/bugs.def\n",
			id_name);
		exit(2);
	}
	if (gf_seeded_bug_select(id)) {
		fprintf(stderr, "gatefuzz: GATEFUZZ_SEEDED_BUG=%s: this build has no runtime "
				"switch (configure with -DGATEFUZZ_BUG=runtime)\n",
			id_name);
		exit(2);
	}
}

/* GATEFUZZ_SEEDED_BUG: one bug's name, a comma-separated list of them, or
 * "all" (each bug of bugs.def); unset, empty or "none": the correct kernel. */
void gf_seeded_init(void)
{
	const char *names = getenv("GATEFUZZ_SEEDED_BUG");

	if (names && strcmp(names, "all") == 0) {
		for (int id = GF_BUG_none + 1; id < GF_BUG_COUNT; id++) {
			const char *name = gf_seeded_bug_name(id);
			select_bug(name, strlen(name));
		}
	} else if (names && *names && strcmp(names, "none") != 0) {
		for (const char *at = names; *at;) {
			size_t len = strcspn(at, ",");
			select_bug(at, len);
			at += len + (at[len] == ',');
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
	append(buf, n, &at, ", \"seeded\": {\"bugs\": [");
	for (int id = GF_BUG_none + 1, listed = 0; id < GF_BUG_COUNT; id++)
		if (gf_seeded_bugs_active() >> id & 1)
			append(buf, n, &at, "%s\"%s\"", listed++ ? ", " : "", gf_seeded_bug_name(id));
	append(buf, n, &at, "], \"canaries\": {");
	for (int id = GF_BUG_none + 1; id < GF_BUG_COUNT; id++)
		append(buf, n, &at, "%s\"%s\": {\"reached\": %llu, \"triggered\": %llu}",
		       id > GF_BUG_none + 1 ? ", " : "", gf_seeded_bug_name(id),
		       (unsigned long long)gf_canaries[id].reached,
		       (unsigned long long)gf_canaries[id].triggered);
	append(buf, n, &at, "}}");
#endif
	return at;
}

/* check.h — assertions for the isolation tests: every check is counted,
 * every failure printed with what was expected; tc_finish prints the
 * totals and gives the exit status. */
#ifndef GATEFUZZ_CHECK_H
#define GATEFUZZ_CHECK_H

#include <stdio.h>

#include "isolation.h"

/* tc_cases: the cases a test counts itself (a case is one access with
 * one expected outcome, possibly checked by many CHECKs). */
extern int tc_checks, tc_failures, tc_cases;

#define CHECK(cond, ...)                                                     \
	do {                                                                 \
		tc_checks++;                                                 \
		if (!(cond)) {                                               \
			tc_failures++;                                       \
			fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__,        \
				__LINE__, #cond);                            \
			fprintf(stderr, __VA_ARGS__);                        \
			fputc('\n', stderr);                                 \
		}                                                            \
	} while (0)

/* What a fault record must say; addr/pc of 0 are not checked. */
struct tc_expect {
	uintptr_t addr;
	gf_access access;
	const struct gf_region *region, *guard_of;
	int owner;
	gf_context context;
	gf_domain_id domain;
	int caller;
};

/* A run that must end with a fault matching e. */
void tc_expect_fault(const char *what, int rc, const struct gf_fault *f,
		     const struct tc_expect *e);
/* A run that must end with a fault whose record is want, every field
 * compared; counts one case and prints the record. */
void tc_expect_record(const char *what, int rc, const struct gf_fault *got,
		      const struct gf_fault *want);
/* A run that must return normally. */
void tc_expect_ok(const char *what, int rc, const struct gf_fault *f);
/* Prints "<name>: N cases, M checks, K failures"; fails with fewer than
 * min_cases cases.  Returns the exit status. */
int tc_finish(const char *name, int min_cases);

#endif

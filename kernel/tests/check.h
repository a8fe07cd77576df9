/* check.h — the assertions of the kernel tests: a failed check prints where
 * and why and the test goes on, so one run shows every broken expectation;
 * check_done() prints the tally and gives main's exit code. */
#ifndef GATEFUZZ_CHECK_H
#define GATEFUZZ_CHECK_H

#include <stdio.h>

extern int check_passed, check_failed;

#define CHECK_MSG(cond, ...)                                                \
	do {                                                                \
		if (cond) {                                                 \
			check_passed++;                                     \
		} else {                                                    \
			check_failed++;                                     \
			fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, \
				__LINE__, #cond);                           \
			fprintf(stderr, __VA_ARGS__);                       \
			fputc('\n', stderr);                                \
		}                                                           \
	} while (0)
#define CHECK(cond) CHECK_MSG(cond, "%s", "")
/* Two unsigned values, each evaluated once, both printed on failure. */
#define CHECK_EQ(a, b)                                                      \
	do {                                                                \
		unsigned long long a_ = (unsigned long long)(a);            \
		unsigned long long b_ = (unsigned long long)(b);            \
		CHECK_MSG(a_ == b_, "%s = 0x%llx, %s = 0x%llx", #a, a_, #b, \
			  b_);                                              \
	} while (0)

/* Prints "<test>: N passed, M failed"; returns main's exit code. */
int check_done(const char *test);

#endif

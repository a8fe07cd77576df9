/* check.h — the few assertions the MPU unit tests need; each test program
 * ends with the "N passed, N failed" line and exits non-zero on a failure. */
#ifndef GATEFUZZ_MPU_CHECK_H
#define GATEFUZZ_MPU_CHECK_H

#include <stdio.h>

static int check_passed, check_failed;

#define CHECK(cond)                                                         \
	do {                                                                \
		if (cond) {                                                 \
			check_passed++;                                     \
		} else {                                                    \
			check_failed++;                                     \
			fprintf(stderr, "%s:%d: CHECK(%s) failed\n",        \
				__FILE__, __LINE__, #cond);                 \
		}                                                           \
	} while (0)

#define CHECK_EQ(a, b)                                                      \
	do {                                                                \
		unsigned long long a_ = (a), b_ = (b);                      \
		if (a_ == b_) {                                             \
			check_passed++;                                     \
		} else {                                                    \
			check_failed++;                                     \
			fprintf(stderr, "%s:%d: %s == 0x%llx, expected 0x%llx\n", \
				__FILE__, __LINE__, #a, a_, b_);            \
		}                                                           \
	} while (0)

static inline int check_report(const char *suite)
{
	printf("%s: %d passed, %d failed\n", suite, check_passed, check_failed);
	return check_failed ? 1 : 0;
}

#endif

/* check.h — the assertion the harness tests use: prints the failed
 * condition with its place and counts it; a test fails when any failed. */
#ifndef GATEFUZZ_HARNESS_CHECK_H
#define GATEFUZZ_HARNESS_CHECK_H

#include <stdio.h>

static int check_failures;

#define CHECK(cond, ...)                                                    \
	do {                                                                \
		if (!(cond)) {                                              \
			check_failures++;                                   \
			fprintf(stderr, "%s:%d: CHECK(%s) failed: ", __FILE__, \
				__LINE__, #cond);                           \
			fprintf(stderr, __VA_ARGS__);                       \
			fputc('\n', stderr);                                \
		}                                                           \
	} while (0)

#endif

/* sandbox_internal.h — what sandbox.c and loader.c share behind sandbox.h. */
#ifndef GF_SANDBOX_INTERNAL_H
#define GF_SANDBOX_INTERNAL_H

#include <stddef.h>

/* Writes the message into err (when there is one) and returns -1: every
 * refusal of the sandbox API reads `return gf_sandbox_fail(...)`. */
int gf_sandbox_fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif

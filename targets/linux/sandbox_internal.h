/* sandbox_internal.h — what the sandbox's files share behind sandbox.h. */
#ifndef GF_SANDBOX_INTERNAL_H
#define GF_SANDBOX_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/* Writes the message into err (when there is one) and returns -1: every
 * refusal of the sandbox API reads `return gf_sandbox_fail(...)`. */
int gf_sandbox_fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Copies region r into *buf, allocated on first use; -1 when memory is
 * short (*buf stays NULL). */
struct gf_region;
int gf_sandbox_save_region(uint8_t **buf, const struct gf_region *r);

#endif

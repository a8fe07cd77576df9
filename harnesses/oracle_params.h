/* oracle_params.h — the oracle's own statement of each service's
 * parameters (.harn.independent).
 *
 * The built-in kernel's validator reads kernel/services.def; the oracle
 * reads harnesses/oracle_params_builtin.def, written apart and in another
 * notation (N-version: the two statements fail independently, and
 * test_oracle_params says where they differ).  ThreadX's validator is
 * ThreadX's own code, which never reads threadx/services.def: that table,
 * written from ThreadX's documentation, already is the oracle's statement,
 * and a build without GF_ORACLE_PARAMS uses it as it is.
 */
#ifndef GATEFUZZ_ORACLE_PARAMS_H
#define GATEFUZZ_ORACLE_PARAMS_H

#include "service_table.h"

/* Service s as the oracle states it: s's id, name, returns and statuses,
 * the oracle's parameters (s itself when it already is).  Exits with a message when the statement has no
 * entry for s or cannot be read. */
const struct gf_service *gf_oracle_service(const struct gf_service *s);

/* The statement's entry for the service named full_name, parsed into
 * *out; 0, or -1 with a message in err (tests). */
int gf_oracle_params_parse(const char *full_name, struct gf_service *out,
			   char *err, size_t errlen);

/* .harn.rules.status: the kinds of rule failure whose status a kernel
 * may fix (docs/kernel.md's table for the built-in kernel). */
enum gf_refusal {
	GF_REFUSE_NONE,          /* a failure no statement names (objects,
				    pool memory; a scalar's status is its
				    own: gf_oracle_scalar_status)           */
	GF_REFUSE_NULL,          /* a required buffer, string, slot or
				    extra-parameter array is NULL           */
	GF_REFUSE_MEMORY,        /* one not wholly the caller's to access
				    that way, empty or wrapping             */
	GF_REFUSE_UNTERMINATED,  /* a string with no NUL within its maximum */
	GF_REFUSE_NULL_CALLBACK, /* a required callback is NULL             */
	GF_REFUSE_FOREIGN_CALLBACK, /* a callback outside the caller's code */
};

/* The status the kernel's statement fixes for refusals of kind r: 1 and
 * *status, or 0 when it fixes none (a kernel that states none: ThreadX,
 * whose services.def is its statement). */
int gf_oracle_refusal_status(enum gf_refusal r, uint32_t *status);

/* The status the kernel's statement fixes for a value of scalar or wait
 * p (the oracle's: gf_oracle_service) outside its range: 1 and *status,
 * or 0 when it fixes none (an entry without /STATUS; ThreadX, whose
 * services.def names one per scalar but is held to none). */
int gf_oracle_scalar_status(const struct gf_param *p, uint32_t *status);

#endif

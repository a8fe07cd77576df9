/* rules.h — the reference rules (.harn.rules): what a correct kernel must
 * reject, written from the pointer rules in docs/pointer-rules.md and judged
 * from the harness's own map of who owns which memory, its own statement of
 * each service's parameters and its ledger — never from the kernel's own
 * checks, nor from anything those checks read (.harn.independent).  The kernel's table-driven tests and the oracle
 * both use these.
 */
#ifndef GATEFUZZ_RULES_H
#define GATEFUZZ_RULES_H

#include <stdint.h>

#include "isolation.h"
#include "ledger.h"
#include "pointer_gen.h"
#include "service_table.h"

struct gf_rule_ctx {
	struct gf_ledger *ledger;
	int caller;               /* module id                               */
	const struct gf_world *world; /* the caller's memory (ownership.h)   */
	int extra_override;       /* p2 names an array chosen by the input   */
	uintptr_t extra_ptr;      /* ... at this address                     */
};

struct gf_rule_result {
	int must_reject;          /* some argument breaks a rule             */
	int param;                /* the first such parameter (2 also for
				     the extra-parameter array)              */
	const char *rule;         /* which rule, in words                    */
	uintptr_t addr;           /* the offending address, if a pointer     */
	int extra;                /* the extra-parameter array broke it      */
	/* .harn.rules.status: the status a refusal must have, when the
	 * kernel's statement fixes one for every rule broken and they agree
	 * (with several broken, a kernel may report any: only then is the
	 * status unambiguous, whatever order it checks them in); a buffer's
	 * rule does not count when its length source is broken too
	 * (.kern.vrfy.order). */
	int status_due;
	uint32_t status;
};

/* Judges every argument of one call.  Returns must_reject. */
int gf_rules_judge(const struct gf_service *s, const uintptr_t *args,
		   const struct gf_rule_ctx *ctx, struct gf_rule_result *out);

/* The byte length a buffer parameter covers given the other arguments
 * (0 when it cannot be known, e.g. a FIELD of an invalid object). */
uint64_t gf_rules_buffer_len(const struct gf_service *s, int param,
			     const uintptr_t *args, struct gf_ledger *l);

/* The BUG kind a kernel earns by accepting a call the rules reject:
 * deputy-write for memory it then writes, deputy-read for memory it reads,
 * integrity for objects, callbacks and values it must not have taken. */
const char *gf_rules_bug_kind(const struct gf_service *s,
			      const struct gf_rule_result *r);

#endif

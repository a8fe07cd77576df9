/* oracle.h — from what happened to a verdict (.harn.oracle).
 *
 * The verdicts (docs/verdicts.md): OK and REJECTED (the kernel stayed
 * within the rules), CONTAINED (the module's own fault, stopped by the
 * isolation), and BUG (kernel-fault, deputy-write, deputy-read, integrity,
 * info-leak, address-leak, overflow, stray-write), which the fuzzer keeps
 * as a crash.
 */
#ifndef GATEFUZZ_ORACLE_H
#define GATEFUZZ_ORACLE_H

#include <stddef.h>
#include <stdint.h>

#include "isolation.h"

enum gf_verdict {
#define GF_VERDICT(name) GF_VERDICT_##name,
#include "verdicts.def"
#undef GF_VERDICT
	GF_VERDICT_COUNT
};
const char *gf_verdict_name(enum gf_verdict v);
/* The worse of two verdicts: BUG > CONTAINED > REJECTED > OK. */
enum gf_verdict gf_verdict_merge(enum gf_verdict a, enum gf_verdict b);

/* Everything a BUG report says. */
struct gf_bug {
	const char *kind;      /* "deputy-write", ...                          */
	const char *service;   /* full service name, or "-"                   */
	int param;             /* parameter index, or -1                      */
	const char *cls;       /* pointer class of that parameter, or "-"     */
	uintptr_t addr;        /* the address involved, or 0                  */
	char owner[48];        /* what holds addr: region, guard of, none     */
	char pc[64];           /* kernel:<site> or module:<region>+0x<off>    */
	char site[48];         /* the kernel site: "<service>/vrfy|impl"      */
	char detail[256];      /* the rule broken, the fault line, ...        */
};

/* One line the triage parses:
 * GATEFUZZ-BUG: <kind> service=<s> param=<n> class=<c> addr=<a>
 *   owner=<region> pc=<kernel|module>:<symbol> site=<site>            */
int gf_bug_line(const struct gf_bug *b, char *out, size_t n);
/* The deduplication key: "<kind> <service> <site>". */
int gf_bug_title(const struct gf_bug *b, char *out, size_t n);

/* Names what holds addr: "mod1.data", "guard:kernel-arena", "none". */
void gf_oracle_owner(uintptr_t addr, char *out, size_t n);

/* A fault that ended a module run.  CONTAINED when the module faulted in its
 * own code (or jumped somewhere not executable); otherwise BUG, with *b
 * filled: deputy-read/write when the kernel touched a region or guard the
 * caller may not, kernel-fault for a wild pointer or a fault in the gate. */
enum gf_verdict gf_oracle_fault(const struct gf_fault *f, int caller,
				struct gf_bug *b);

/* Whether a is an address the CPU can form (always, on 32-bit targets). */
int gf_oracle_canonical(uintptr_t a);

/* Runs the kernel's integrity walk; 1 and *b filled when it fails. */
int gf_oracle_integrity(struct gf_bug *b);

#endif

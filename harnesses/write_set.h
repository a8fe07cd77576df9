/* write_set.h — every byte the kernel changed in its caller's memory during
 * a call is accounted for, and no word it wrote there leaks kernel data
 * (.harn.oracle.writes, .harn.oracle.leak).
 *
 * The caller's memory the kernel may write while serving it (its data
 * region and the read-write window) is copied before the call runs and
 * compared after.  A changed byte must lie in an output of the call (an
 * output buffer or slot) or in storage the caller handed over at a create
 * that still lives (a pool's area, a queue's storage, a thread's stack);
 * else the kernel wrote where it was not asked to: `overflow` when the
 * byte lies within GF_WS_OVERFLOW_REACH bytes of such a range, else
 * `stray-write`.  Every 4-byte and pointer-size word the kernel wrote is
 * then checked for the arena's poison (`info-leak`) and for an address
 * the caller must not learn (`address-leak`: in the arena or another
 * module), unless the caller's memory held the word's changed bytes
 * before the call or the input holds them (the module supplied them) or,
 * for an address, the word is a whole
 * pointer-size output slot (the service's description says the kernel
 * returns an address there: a handle, a name, pool memory).
 */
#ifndef GATEFUZZ_WRITE_SET_H
#define GATEFUZZ_WRITE_SET_H

#include <stddef.h>
#include <stdint.h>

#include "decode.h"
#include "ledger.h"
#include "sandbox.h"

/* How far outside an output a changed byte still counts as running past
 * it: one more element of the widest value a service writes, twice. */
#define GF_WS_OVERFLOW_REACH 16u

/* A range of the caller's memory the kernel may write. */
struct gf_ws_range {
	uintptr_t lo, hi;
	int param;            /* the call's parameter, or -1 for storage    */
	int returns_address;  /* a pointer-size slot: an address is its value */
};

/* A stretch of memory compared: its live bytes at base, its copy. */
struct gf_ws_area {
	uintptr_t base;
	size_t size;
	const uint8_t *before;
};

struct gf_ws_facts {
	const struct gf_ws_area *area;
	int nareas;
	const struct gf_ws_range *out;    /* where the kernel may write       */
	int nout;
	const struct gf_ws_range *own;    /* what the module itself writes
					     during its run: not judged       */
	int nown;
	const struct gf_bounds *secret;   /* addresses the caller must not
					     learn                            */
	int nsecret;
	const uint8_t *input;             /* the fuzz input: values the module
					     passed in earlier calls (scalars
					     the kernel keeps and returns)    */
	size_t input_len;
};

struct gf_ws_finding {
	const char *kind;   /* overflow, stray-write, info-leak, address-leak */
	int param;          /* the parameter involved, or -1                  */
	uintptr_t addr;     /* the byte or word                               */
	char detail[200];
};

/* The check itself, on facts gathered by the caller (and by tests):
 * 1 and *out filled on the first finding, else 0. */
int gf_ws_check(const struct gf_ws_facts *f, struct gf_ws_finding *out);

/* The input being judged, for the values the module supplied. */
void gf_write_set_input(const uint8_t *data, size_t len);
/* Copies the caller's writable memory; just before `slot`'s call runs. */
void gf_write_set_before(const struct gf_sandbox *sb, int slot);
/* After the call returned (no fault): gathers the facts of plan p by the
 * module in `slot` (world w, ledger l) and checks them. */
int gf_write_set_judge(const struct gf_sandbox *sb, int slot,
		       const struct gf_plan *p, const struct gf_world *w,
		       struct gf_ledger *l, struct gf_ws_finding *out);

#endif

/* harness.h — the engine-independent driver every fuzz target uses
 * (.harn.driver).
 *
 * One sandbox per process: slots 0 and 1 hold the puppet module (two
 * modules, so there is always "another module" to attack), slot 2 is the
 * loader target's, slot 3 a third puppet whose objects only the fixture
 * touches.  A fixture of objects is built once and snapshotted; each
 * input starts from that snapshot.  A target calls gf_harness_begin(), then
 * any number of gf_harness_call()/gf_harness_raw() while
 * gf_harness_running(), then returns gf_harness_end().
 */
#ifndef GATEFUZZ_HARNESS_H
#define GATEFUZZ_HARNESS_H

#include <stddef.h>
#include <stdint.h>

#include "decode.h"
#include "input.h"
#include "oracle.h"
#include "sandbox.h"
#include "service_table.h"
#include "sdk/gf_puppet.h"

/* The puppet's data region, by offset (.harn.layout): its env, its stack,
 * the program, the fixture's slots and names, the fixture's resources, then
 * scratch memory up to the region's end.  The harness runs the puppet on
 * this stack, low in the region, rather than the image's default at the
 * top: every range the pointer classes make grows upward from above the
 * stack (or ends below its live frames), so no argument the kernel may
 * legitimately write can reach the puppet's return addresses, and the
 * region's last bytes are scratch whose content the harness controls. */
#define GF_DATA_STACK 0x1000u     /* bottom of the puppet's stack        */
#define GF_DATA_STACK_TOP 0x5000u /* its top                              */
#define GF_DATA_PROGRAM 0x5000u
#define GF_DATA_SLOTS 0x7000u
#define GF_DATA_NAMES 0x7800u
#define GF_DATA_FIXTURE 0x8000u
#define GF_DATA_SCRATCH 0xc000u
/* The top of the stack holds the puppet's live frames: never a target. */
#define GF_LIVE_FRAMES 4096u

#define GF_SLOT_A 0      /* the caller, unless a sequence says otherwise */
#define GF_SLOT_B 1      /* the other module                              */
#define GF_SLOT_LOADER 2 /* fuzz_loader's                                 */
#define GF_SLOT_C 3      /* a third module: it never calls, its objects
			    are there to be reached (after the loader's
			    slot, so no region moved when it came)        */
#define GF_HARNESS_SLOTS 4

/* A target that needs more in the sandbox than the puppets (fuzz_device:
 * a driver in the loader's slot and its device window) registers a setup
 * step before its first gf_harness_begin().  It runs once, after the
 * fixture is built and before the snapshot, so what it makes is part of
 * every input's starting state.  Returns 0, or -1 with a message in err. */
typedef int (*gf_harness_setup_fn)(struct gf_sandbox *sb, char *err,
				   size_t errlen);
void gf_harness_set_setup(gf_harness_setup_fn setup);

void gf_harness_begin(const uint8_t *data, size_t len);
int gf_harness_running(void);
/* Decodes and runs one call of s by the module in `slot`, and judges it. */
void gf_harness_call(int slot, const struct gf_service *s, struct gf_input *in,
		     uint8_t flags);
/* The calls gf_harness_call judged in this process (the throughput bench's
 * floor is a cost per kernel call: docs/performance.md). */
unsigned long long gf_harness_calls(void);
/* .harn.raw-request: decodes one call of s by `slot` and runs it with a
 * request id no service has, read from the input before the call's
 * selectors; the kernel must answer GF_UNKNOWN_REQUEST_STATUS
 * (object_abi.h) and touch nothing. */
void gf_harness_request(int slot, const struct gf_service *s, struct gf_input *in,
			uint8_t flags);
/* Decodes and runs one raw access (LOAD, STORE or JUMP) by `slot`. */
void gf_harness_raw(int slot, enum gf_puppet_kind kind, struct gf_input *in);
/* Judges a verdict reached outside a call (the loader target). */
void gf_harness_judge(enum gf_verdict v, const struct gf_bug *bug);
/* Ends the input: counts the verdict, reports a BUG (and aborts, unless in
 * replay mode).  Returns 0, the value LLVMFuzzerTestOneInput returns. */
int gf_harness_end(void);

/* Replay mode: a BUG is reported and recorded, not aborted on. */
void gf_harness_set_replay(int on);
/* The verdict of the last input, and its BUG title when it was a BUG. */
enum gf_verdict gf_harness_last(char *title, size_t n);

/* What the last gf_harness_call() expected and got, for tests. */
struct gf_call_record {
	const struct gf_service *s;
	struct gf_plan plan;
	int must_reject;
	int rule_param;  /* the parameter the rule is about, or -1 */
	const char *rule;
	uintptr_t status;
	int faulted;
};
const struct gf_call_record *gf_harness_last_call(void);

struct gf_sandbox *gf_harness_sandbox(void);
struct gf_ledger *gf_harness_ledger(void);
/* What the module in `slot` owns, and the other module (pointer_gen.h). */
const struct gf_world *gf_harness_world(int slot);

/* Runs one call with arguments already made (the fixture, tests): returns
 * 0 and the status in *status, or 1 when the run faulted. */
int gf_harness_exec(int slot, const struct gf_service *s,
		    const uintptr_t *args, uintptr_t *status);
/* The most calls gf_harness_run_until_refused makes in one run: what the
 * program area holds. */
#define GF_HARNESS_HELD_CALLS 32
_Static_assert(GF_HARNESS_HELD_CALLS * sizeof(struct gf_puppet_op) <=
		       GF_DATA_SLOTS - GF_DATA_PROGRAM,
	       "the held calls fit the puppet's program area");
/* Up to n calls of s with the same arguments, in one run of the slot's
 * puppet that stops after the first call that does not succeed, neither
 * judged nor recorded in the ledger and the model (the fill of
 * .harn.fixture.full; .harn.fixture.held).  Returns 1 when the run faulted
 * (*f says where), else 0; *made: the calls made, *last: the last one's
 * status. */
int gf_harness_run_until_refused(int slot, const struct gf_service *s, const uintptr_t *args,
				 int n, int *made, uintptr_t *last, struct gf_fault *f);

#endif

/* testbed.h — the kernel tests' world: one sandbox per test process, the
 * backend named on the command line, module images linked in, and the
 * harness's puppet module (modules/puppet.c) as a hand inside module
 * context, so every service call really crosses the gate from module code.
 */
#ifndef GATEFUZZ_TESTBED_H
#define GATEFUZZ_TESTBED_H

#include <stdint.h>

#include "check.h"
#include "sandbox.h"
#include "service_table.h"

/* Scratch memory of a slot's data region, past the puppet's program. */
#define TB_PROGRAM 0x1000u
#define TB_SCRATCH 0x4000u

extern struct gf_sandbox tb;

/* Sets the sandbox up with the backend in argv[1] ("none" when absent).
 * Returns the backend name. */
const char *tb_init(int argc, char **argv, int nslots);
/* Loads the embedded image `name` into slot (a failed load fails the
 * test). */
void tb_load(int slot, const char *name);
/* Whether the backend confines modules (faults are possible). */
int tb_enforcing(void);

/* An address in slot's data region, TB_SCRATCH + offset. */
uintptr_t tb_scratch(int slot, uintptr_t offset);

/* Runs slot's module; returns what gf_sandbox_run returned. */
int tb_run(int slot, struct gf_fault *fault);

/* Calls `service` (its full name) from the puppet in slot with the given
 * parameters, and checks the kernel's integrity afterwards.  Returns what
 * the kernel returned. */
uintptr_t tb_call(int slot, const char *service, const uintptr_t *args);
#define TB_CALL(slot, service, ...) \
	tb_call((slot), (service), (const uintptr_t[]){__VA_ARGS__, 0})
/* The same with p2 replaced by `extra` (the extra-parameter array). */
uintptr_t tb_call_extra(int slot, const char *service, const uintptr_t *args,
			uintptr_t extra);

/* Any request id with nparams parameters, as the puppet passes them. */
uintptr_t tb_call_raw(int slot, uint32_t request, const uintptr_t *args,
		      int nparams);

/* Allocates a block of the control-block size of type t for slot and
 * returns its address (checks SUCCESS). */
uintptr_t tb_block(int slot, enum gf_object_type t);

/* Writes a NUL-terminated string into slot's scratch at offset; returns its
 * address. */
uintptr_t tb_string(int slot, uintptr_t offset, const char *s);

/* gf_kernel_integrity holds. */
void tb_integrity(const char *where);

/* A status name for messages. */
const char *tb_status(uintptr_t status);
/* A call's status against the one expected, the call made once. */
#define CHECK_STATUS(got, want)                                             \
	do {                                                                \
		uintptr_t got_ = (got), want_ = (want);                     \
		CHECK_MSG(got_ == want_, "got %s, want %s", tb_status(got_), \
			  tb_status(want_));                                \
	} while (0)

#endif

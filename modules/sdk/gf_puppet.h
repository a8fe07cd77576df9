/* gf_puppet.h — the puppet module's program format (.harn.puppet).
 *
 * The puppet is the harness's hand inside module context: it executes a
 * short program of operations that the harness writes into its data region,
 * so every kernel call really crosses the gate from module code on the
 * module's stack, and every raw access really faults (or not) with the PC in
 * module code.  Shared by modules/puppet.c and harnesses/.
 */
#ifndef GATEFUZZ_PUPPET_H
#define GATEFUZZ_PUPPET_H

#include <stdint.h>

enum gf_puppet_kind {
	GF_OP_CALL = 1,  /* dispatch(request, params) through the gate        */
	GF_OP_LOAD = 2,  /* value = *(width *)addr                            */
	GF_OP_STORE = 3, /* *(width *)addr = value                            */
	GF_OP_JUMP = 4,  /* call addr as a function                           */
};

/* GF_OP_CALL with more than three parameters: pass extra_ptr as the third
 * argument instead of the address of the array the puppet builds on its
 * stack (an attack on the kernel's fetch of extra parameters). */
#define GF_OPF_EXTRA_PTR 1u
/* GF_OP_CALL: the program ends after this call unless it returned `value`
 * (a run of calls that stops at the first the kernel refuses). */
#define GF_OPF_STOP_UNLESS 2u

#define GF_PUPPET_MAX_PARAMS 12

struct gf_puppet_op {
	uint32_t kind;
	uint32_t request;
	uint32_t nparams;
	uint32_t flags;
	uintptr_t arg[GF_PUPPET_MAX_PARAMS];
	uintptr_t extra_ptr;
	uintptr_t addr;   /* LOAD, STORE, JUMP                                */
	uintptr_t value;  /* STORE input, LOAD output, CALL: GF_OPF_STOP_UNLESS */
	uint32_t width;   /* LOAD, STORE: 1, 2, 4 or 8                        */
	uint32_t done;    /* set by the puppet when the op completed          */
	uintptr_t result; /* CALL: what the kernel returned                   */
};

/* env->args[0]: address of the first op; env->args[1]: number of ops.
 * env->results[0]: number of ops completed. */

#endif

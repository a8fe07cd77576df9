/* testmod.h — module code and a module layout for the isolation tests and
 * the bench (testmod.S holds the code). */
#ifndef GATEFUZZ_TESTMOD_H
#define GATEFUZZ_TESTMOD_H

#include <stdint.h>

#include "isolation.h"

enum tm_snippet {
	TM_READ,       /* arg: address; loads a byte                        */
	TM_WRITE,      /* arg: address; stores TM_WRITE_BYTE                */
	TM_EXEC,       /* arg: address; jumps there                         */
	TM_RET,        /* a lone ret: the executable target of TM_EXEC      */
	TM_GATE_THEN,  /* arg: struct tm_gate_block in the module's data    */
	TM_GATE_LOOP,  /* arg: struct tm_loop_block in the module's data    */
	TM_STAMP_READ, /* arg: struct tm_stamp_block in the module's data   */
	TM_RECURSE,    /* recurses until the stack hits the data's guard    */
};
#define TM_WRITE_BYTE 0x5a

/* Layouts the snippets read (offsets fixed in testmod.S). */
struct tm_gate_block {
	uintptr_t gate, request, p0, p1, p2; /* the kernel call            */
	uintptr_t then_fn, then_arg;         /* then tail-call, if then_fn */
	uintptr_t result;                    /* what the gate returned     */
};
struct tm_loop_block {
	uintptr_t gate, count;
};
struct tm_stamp_block {
	uint64_t tsc;
	uintptr_t target;
};

/* A module: "mod<id>.code" (the snippets), "mod<id>.data" and its two
 * domains.  Returns 0. */
int tm_module_create(int id, size_t code_size, size_t data_size,
		     const struct gf_region *arena, struct gf_module_domains *m);
/* Where snippet s lives in module m's code. */
uintptr_t tm_entry(const struct gf_module_domains *m, enum tm_snippet s);
/* The top of m's data region: its stack. */
uintptr_t tm_stack_top(const struct gf_module_domains *m);
/* gf_module_run of snippet s with arg on m's stack. */
int tm_run(const struct gf_module_domains *m, enum tm_snippet s, uintptr_t arg,
	   struct gf_fault *f);

/* The snippet that performs access k on its argument. */
enum tm_snippet tm_access_snippet(gf_access k);
/* The same access from C (the kernel side of the tests): loads a byte,
 * stores TM_WRITE_BYTE, or calls addr. */
void tm_touch(gf_access k, uintptr_t addr);

#endif

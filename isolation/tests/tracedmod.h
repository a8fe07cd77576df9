/* tracedmod.h — module code that touches a traced region (tracedmod.S),
 * for the traced region tests and the bench. */
#ifndef GATEFUZZ_TRACEDMOD_H
#define GATEFUZZ_TRACEDMOD_H

#include <stdint.h>

#include "isolation.h"

enum tr_snippet {
	TR_LOAD8, TR_LOAD16, TR_LOAD32, TR_LOAD64, /* result = *addr, zero ext. */
	TR_SLOAD8,                                 /* result = *addr, sign ext. */
	TR_STORE8, TR_STORE16, TR_STORE32, TR_STORE64, /* *addr = value        */
	TR_STORE_IMM, /* *(uint32_t *)(addr + 16) = TR_IMM                    */
	TR_ADD,       /* *(uint32_t *)addr += 1                               */
	TR_OR8,       /* *(uint8_t *)addr |= value                            */
	TR_XCHG,      /* result = *(uint64_t *)addr, which becomes value       */
	TR_SCRIPT,    /* v = reg32[0]; reg32[4] = v; reg32[8] += 1;
			 result = reg8[12]: four accesses                     */
	TR_STRING,    /* lodsb from addr: refused by the tracer               */
	TR_POLL,      /* `value` 4-byte loads of addr (the bench)             */
	TR_SNIPPETS
};
#define TR_IMM 0x5aa5c33cu
#define TR_SCRIPT_ACCESSES 4

/* What the snippets read, in the module's data. */
struct tr_block {
	uintptr_t addr;
	uint64_t value, result;
};

/* One traced instruction of a snippet: where it is, how long. */
struct tr_site {
	uintptr_t pc;
	unsigned length;
};

/* Copies the snippets into m's code region after testmod.S's (which
 * tm_module_create put at its base).  Returns 0. */
int tr_load(const struct gf_module_domains *m);
uintptr_t tr_entry(const struct gf_module_domains *m, enum tr_snippet s);
/* The k-th traced instruction of snippet s (k > 0 for TR_SCRIPT only). */
struct tr_site tr_site(const struct gf_module_domains *m, enum tr_snippet s,
		       int k);
/* The block the snippets of m read: at the base of its data region. */
struct tr_block *tr_block_of(const struct gf_module_domains *m);
/* Runs snippet s on m's block; returns what gf_module_run returned. */
int tr_run(const struct gf_module_domains *m, enum tr_snippet s,
	   struct gf_fault *f);

#endif

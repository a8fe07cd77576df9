/* tracedmod.c — loading tracedmod.S next to testmod.S. */
#include <stddef.h>

#include "testmod.h"
#include "tracedmod.h"

/* Past testmod.S's snippets at the code region's base. */
#define TR_CODE_OFFSET 1024

#define TR_SYMBOLS(name) extern const char name[], name##_at[], name##_next[];
TR_SYMBOLS(tr_load8) TR_SYMBOLS(tr_load16) TR_SYMBOLS(tr_load32)
TR_SYMBOLS(tr_load64) TR_SYMBOLS(tr_sload8) TR_SYMBOLS(tr_store8)
TR_SYMBOLS(tr_store16) TR_SYMBOLS(tr_store32) TR_SYMBOLS(tr_store64)
TR_SYMBOLS(tr_store_imm) TR_SYMBOLS(tr_add) TR_SYMBOLS(tr_or8)
TR_SYMBOLS(tr_xchg) TR_SYMBOLS(tr_string) TR_SYMBOLS(tr_poll)
extern const char tr_script[], tr_script0_at[], tr_script0_next[],
	tr_script1_at[], tr_script1_next[], tr_script2_at[], tr_script2_next[],
	tr_script3_at[], tr_script3_next[];
extern const char tr_blob_begin[], tr_blob_end[], tm_blob_begin[], tm_blob_end[];

_Static_assert(offsetof(struct tr_block, value) == 8 &&
		       offsetof(struct tr_block, result) == 16,
	       "tracedmod.S block offsets");

#define TR_ROW(name) {name, {{name##_at, name##_next}}}
static const struct {
	const char *entry;
	struct {
		const char *at, *next;
	} access[TR_SCRIPT_ACCESSES];
} snippets[TR_SNIPPETS] = {
	[TR_LOAD8] = TR_ROW(tr_load8),       [TR_LOAD16] = TR_ROW(tr_load16),
	[TR_LOAD32] = TR_ROW(tr_load32),     [TR_LOAD64] = TR_ROW(tr_load64),
	[TR_SLOAD8] = TR_ROW(tr_sload8),     [TR_STORE8] = TR_ROW(tr_store8),
	[TR_STORE16] = TR_ROW(tr_store16),   [TR_STORE32] = TR_ROW(tr_store32),
	[TR_STORE64] = TR_ROW(tr_store64),   [TR_STORE_IMM] = TR_ROW(tr_store_imm),
	[TR_ADD] = TR_ROW(tr_add),           [TR_OR8] = TR_ROW(tr_or8),
	[TR_XCHG] = TR_ROW(tr_xchg),         [TR_STRING] = TR_ROW(tr_string),
	[TR_POLL] = TR_ROW(tr_poll),
	[TR_SCRIPT] = {tr_script, {{tr_script0_at, tr_script0_next},
				   {tr_script1_at, tr_script1_next},
				   {tr_script2_at, tr_script2_next},
				   {tr_script3_at, tr_script3_next}}},
};

static uintptr_t code_at(const struct gf_module_domains *m, const char *sym)
{
	return m->code->base + TR_CODE_OFFSET + (uintptr_t)(sym - tr_blob_begin);
}

int tr_load(const struct gf_module_domains *m)
{
	if (tm_blob_end - tm_blob_begin > TR_CODE_OFFSET)
		return -1;
	return gf_region_fill(m->code, TR_CODE_OFFSET, tr_blob_begin,
			      (size_t)(tr_blob_end - tr_blob_begin));
}

uintptr_t tr_entry(const struct gf_module_domains *m, enum tr_snippet s)
{
	return code_at(m, snippets[s].entry);
}

struct tr_site tr_site(const struct gf_module_domains *m, enum tr_snippet s,
		       int k)
{
	return (struct tr_site){
		code_at(m, snippets[s].access[k].at),
		(unsigned)(snippets[s].access[k].next - snippets[s].access[k].at)};
}

struct tr_block *tr_block_of(const struct gf_module_domains *m)
{
	return (struct tr_block *)m->data->base;
}

int tr_run(const struct gf_module_domains *m, enum tr_snippet s,
	   struct gf_fault *f)
{
	return gf_module_run(m, tr_entry(m, s), (uintptr_t)tr_block_of(m),
			     tm_stack_top(m), f);
}

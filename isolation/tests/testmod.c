/* testmod.c — loading testmod.S into module code regions. */
#include <stddef.h>
#include <stdio.h>

#include "testmod.h"

extern const char tm_blob_begin[], tm_blob_end[], tm_read[], tm_write[],
	tm_exec[], tm_ret[], tm_gate_then[], tm_gate_loop[], tm_stamp_read[], tm_recurse[];

_Static_assert(offsetof(struct tm_gate_block, then_fn) == 40 &&
		       offsetof(struct tm_gate_block, then_arg) == 48 &&
		       offsetof(struct tm_gate_block, result) == 56,
	       "testmod.S tm_gate_then offsets");
_Static_assert(offsetof(struct tm_loop_block, count) == 8, "tm_gate_loop");
_Static_assert(offsetof(struct tm_stamp_block, target) == 8, "tm_stamp_read");

static ptrdiff_t offset_of(enum tm_snippet s)
{
	static const char *const at[] = {
		[TM_READ] = tm_read,           [TM_WRITE] = tm_write,
		[TM_EXEC] = tm_exec,           [TM_RET] = tm_ret,
		[TM_GATE_THEN] = tm_gate_then, [TM_GATE_LOOP] = tm_gate_loop,
		[TM_STAMP_READ] = tm_stamp_read, [TM_RECURSE] = tm_recurse,
	};
	return at[s] - tm_blob_begin;
}

int tm_module_create(int id, size_t code_size, size_t data_size,
		     const struct gf_region *arena, struct gf_module_domains *m)
{
	char name[32];
	snprintf(name, sizeof name, "mod%d.code", id);
	const struct gf_region *code =
		gf_region_create(name, GF_REGION_CODE, id, code_size, GF_PERM_RX);
	snprintf(name, sizeof name, "mod%d.data", id);
	const struct gf_region *data =
		gf_region_create(name, GF_REGION_DATA, id, data_size, GF_PERM_RW);
	if (!code || !data ||
	    gf_region_fill(code, 0, tm_blob_begin,
			   (size_t)(tm_blob_end - tm_blob_begin)) != 0)
		return -1;
	return gf_module_domains(id, code, data, arena, m);
}

uintptr_t tm_entry(const struct gf_module_domains *m, enum tm_snippet s)
{
	return m->code->base + (uintptr_t)offset_of(s);
}

uintptr_t tm_stack_top(const struct gf_module_domains *m)
{
	return m->data->base + m->data->size;
}

int tm_run(const struct gf_module_domains *m, enum tm_snippet s, uintptr_t arg,
	   struct gf_fault *f)
{
	return gf_module_run(m, tm_entry(m, s), arg, tm_stack_top(m), f);
}

enum tm_snippet tm_access_snippet(gf_access k)
{
	return k == GF_ACCESS_READ ? TM_READ : k == GF_ACCESS_WRITE ? TM_WRITE : TM_EXEC;
}

void tm_touch(gf_access k, uintptr_t addr)
{
	volatile uint8_t *p = (volatile uint8_t *)addr;
	if (k == GF_ACCESS_READ)
		(void)*p;
	else if (k == GF_ACCESS_WRITE)
		*p = TM_WRITE_BYTE;
	else
		((void (*)(void))addr)();
}

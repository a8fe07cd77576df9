/* toy_main.c — the toy target: the toy kernel, the fuzzed module and a
 * second module whose data the seeded bug can reach, served to the
 * afl-fuzz bridge (fw/serve.h).  Each input starts from a fresh kernel and
 * fresh module data. */
#include <string.h>

#include "cm_iso.h"
#include "console.h"
#include "coverage.h"
#include "module_load.h"
#include "serve.h"
#include "toy_kernel.h"
#include "toy_proto.h"

static const struct gf_region *arena;
static struct gf_cm_module fuzzed, other;

static void run_input(const uint8_t *input, size_t len, struct gf_bridge_response *res)
{
	toy_kernel_reset(arena);
	gf_cov_reset(); /* the reset itself is not the input's coverage */

	struct toy_block *b = (struct toy_block *)fuzzed.domains.data->base;
	memset(b, 0, sizeof *b);
	b->gate = gf_gate_entry();
	b->other_data = other.domains.data->base;
	b->arena = arena->base;
	b->len = len < TOY_INPUT_MAX ? (uint32_t)len : TOY_INPUT_MAX;
	memcpy(b->input, input, b->len);

	struct gf_fault f;
	int r = gf_module_run(&fuzzed.domains, gf_cm_module_addr(&fuzzed, toy_module_entry),
			      (uintptr_t)b, fuzzed.stack_top, &f);
	enum gf_cm_verdict v = r < 0 ? GF_CM_BUG : gf_cm_verdict(r, &f);
	res->verdict = v == GF_CM_OK ? GF_BRIDGE_OK
		       : v == GF_CM_CONTAINED ? GF_BRIDGE_CONTAINED
					      : GF_BRIDGE_BUG;
	if (r == 1) {
		res->signo = (uint32_t)f.signo;
		res->cfsr = (uint32_t)f.si_code;
		res->pc = (uint32_t)f.pc;
		res->addr = (uint32_t)f.addr;
	}
}

int main(void)
{
	if (gf_iso_init("mpu") < 0)
		return 2;
	arena = gf_region_create("kernel-arena", GF_REGION_ARENA, GF_PRINCIPAL_KERNEL, 4096,
				 GF_PERM_RW);
	if (!arena ||
	    gf_cm_module_load(1, __start_gf_mod_toy, __stop_gf_mod_toy,
			      sizeof(struct toy_block) + 1024, arena, &fuzzed) < 0 ||
	    gf_cm_module_load(2, __start_gf_mod_toy, __stop_gf_mod_toy, 1024, arena, &other) < 0) {
		gf_console_printf("toy: setup failed\n");
		return 2;
	}
	gf_gate_set_handler(toy_kernel_dispatch);
	return gf_cm_serve(run_input);
}

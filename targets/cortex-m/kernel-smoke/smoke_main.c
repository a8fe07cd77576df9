/* smoke_main.c — the portable kernel (kernel/) running in the firmware
 * (.cm.kernel-smoke): the same sources as the host build, compiled for the
 * board, served through the SVC gate in Handler mode under the MPU.  A
 * module sets and reads the time, asks who it is, and looks up objects by
 * names and slots in its own data and in the kernel arena; the kernel must
 * answer each call with the documented status (pointers into the arena are
 * refused by validation, not by a fault) and its arena must stay intact.
 */
#include <string.h>

#include "cm_iso.h"
#include "console.h"
#include "kernel.h"
#include "module_load.h"
#include "smoke_module.h"

static int passed, failed;

static void check(bool ok, const char *what, uintptr_t got)
{
	ok ? passed++ : failed++;
	gf_console_printf("%s %-40s -> 0x%lx (%s)\n", ok ? "ok  " : "FAIL", what,
			  (unsigned long)got, gf_status_name((uint32_t)got) ? gf_status_name((uint32_t)got) : "value");
}

static uint32_t id(const char *name)
{
	const struct gf_service *s = gf_service_by_name(name);
	return s ? s->id : 0;
}

static bool refused(uintptr_t status)
{
	return status == GF_PTR_ERROR || status == GF_INVALID_MEMORY;
}

int main(void)
{
	struct gf_cm_module m;
	const struct gf_region *arena;
	if (gf_iso_init("mpu") < 0 ||
	    !(arena = gf_region_create("kernel-arena", GF_REGION_ARENA, GF_PRINCIPAL_KERNEL,
				       64 * 1024, GF_PERM_RW)) ||
	    gf_kernel_init(arena) < 0 ||
	    gf_cm_module_load(1, __start_gf_mod_smoke, __stop_gf_mod_smoke, 4096, arena, &m) < 0 ||
	    gf_kernel_module_add(&m.domains) < 0) {
		gf_console_printf("kernel-smoke: setup failed\n");
		return 2;
	}

	struct smoke_block *b = (struct smoke_block *)m.domains.data->base;
	uintptr_t queue = GF_OT_QUEUE;
	*b = (struct smoke_block){.gate = gf_gate_entry(), .name = "nope"};
	struct smoke_call calls[SMOKE_CALLS] = {
		{id("time_set"), 1234, 0, 0, 0},
		{id("time_get"), 0, 0, 0, 0},
		{id("thread_identify"), 0, 0, 0, 0},
		{id("module_object_pointer_get"), queue, (uintptr_t)b->name, (uintptr_t)&b->slot, 0},
		{id("module_object_pointer_get"), queue, arena->base, (uintptr_t)&b->slot, 0},
		{id("module_object_pointer_get"), queue, (uintptr_t)b->name, arena->base, 0},
	};
	memcpy(b->call, calls, sizeof calls);

	struct gf_fault f;
	int r = gf_module_run(&m.domains, gf_cm_module_addr(&m, smoke_module_entry), (uintptr_t)b,
			      m.stack_top, &f);
	check(r == 0, "the module ran without a fault", (uintptr_t)r);
	check(b->call[0].result == GF_SUCCESS, "time_set(1234)", b->call[0].result);
	check(b->call[1].result == 1234, "time_get", b->call[1].result);
	check(b->call[2].result != GF_CALLER_ERROR, "thread_identify", b->call[2].result);
	check(b->call[3].result == GF_NOT_FOUND, "pointer_get(\"nope\")", b->call[3].result);
	check(refused(b->call[4].result), "pointer_get(name in the arena)", b->call[4].result);
	check(refused(b->call[5].result), "pointer_get(slot in the arena)", b->call[5].result);
	char why[160] = "";
	int integrity = gf_kernel_integrity(why, sizeof why);
	check(integrity == 0, "kernel integrity", (uintptr_t)integrity);
	if (integrity)
		gf_console_printf("  %s\n", why);
	gf_console_printf("kernel-smoke: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}

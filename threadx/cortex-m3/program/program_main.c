/* program_main.c — the program module (program_module.c) on ThreadX's
 * Cortex-M3 port, one program per run, named on the command line:
 *   well-behaved   every call returns the status ThreadX documents
 *   tx-use         TX-USE: the kernel reads kernel memory that is no
 *                  object for the module (a fake semaphore's secret count)
 *   tx-create      TX-CREATE: the kernel writes a control block at a
 *                  kernel address the module chose
 *   tx-delete      TX-DELETE: the kernel deletes module B's semaphore
 * The classes are the host port's (docs/threadx.md); here they run on the
 * real port, where the kernel runs privileged with the default memory map:
 * no fault stops them, so the firmware judges by what changed.  Exit 1
 * when a program gives a BUG or differs from the documentation. */
#include <string.h>

#include "console.h"
#include "program.h"
#include "probe_run.h"
#include "semihost.h"
#include "tx_semaphore.h"

GF_TX_IMAGE_DECLARE(program);

static const char *const names[GF_PROGRAMS] = {"well-behaved", "tx-use", "tx-create", "tx-delete"};

/* TX-USE's target: a semaphore's id word and a secret, never created. */
static TX_SEMAPHORE fake;
/* TX-CREATE's target: kernel data nobody writes. */
#define GF_CANARY 0x63616E61u
static volatile uint32_t canary[32] __attribute__((aligned(8)));

static enum gf_program program;
static int mismatches;
static unsigned long leaked;

static void next(struct gf_probe_run *r, struct gf_probe_order *o)
{
	(void)r;
	unsigned long target = program == GF_PROGRAM_TX_USE      ? (unsigned long)&fake
			       : program == GF_PROGRAM_TX_CREATE ? (unsigned long)&canary[8]
								 : 0;
	*o = (struct gf_probe_order){GF_PROBE_PROGRAM, target | program};
}

static void status(struct gf_probe_run *r, ULONG step, ULONG got, ULONG documented)
{
	(void)r;
	int ok = documented == GF_PROGRAM_ANY_ERROR ? got != TX_SUCCESS : got == documented;
	if (program == GF_PROGRAM_TX_USE && got == GF_PROGRAM_SECRET)
		leaked = got;
	gf_console_printf("  step %2lu: status 0x%02lx, documented %s0x%02lx%s\n", (unsigned long)step,
			  (unsigned long)got, documented == GF_PROGRAM_ANY_ERROR ? "an error, not " : "",
			  documented == GF_PROGRAM_ANY_ERROR ? 0ul : (unsigned long)documented,
			  ok ? "" : "  <- differs");
	mismatches += !ok;
}

static int canary_intact(void)
{
	for (unsigned i = 0; i < sizeof canary / sizeof canary[0]; i++)
		if (canary[i] != GF_CANARY + i)
			return 0;
	return 1;
}

/* Whether module B's semaphore is still in ThreadX's created list, seen
 * once A's program ran and before the modules are unloaded. */
static int b_semaphore_alive;

static void ran(struct gf_probe_run *r)
{
	(void)r;
	TX_SEMAPHORE *s = _tx_semaphore_created_ptr;
	b_semaphore_alive = 0;
	for (ULONG i = 0; i < _tx_semaphore_created_count; i++, s = s->tx_semaphore_created_next)
		if (!strcmp(s->tx_semaphore_name, GF_PROGRAM_B_SEMAPHORE))
			b_semaphore_alive = 1;
}

int gf_tx_firmware(void)
{
	char line[128] = "";
	if (gf_sh_cmdline(line, sizeof line) != 0)
		line[0] = '\0';
	const char *name = strchr(line, ' ') ? strchr(line, ' ') + 1 : "";
	for (program = 0; program < GF_PROGRAMS && strcmp(names[program], name); program++)
		;
	if (program == GF_PROGRAMS) {
		gf_console_printf("unknown program '%s' (well-behaved, tx-use, tx-create, tx-delete)\n",
				  name);
		return 2;
	}
	fake.tx_semaphore_id = TX_SEMAPHORE_ID;
	fake.tx_semaphore_count = GF_PROGRAM_SECRET;
	for (unsigned i = 0; i < sizeof canary / sizeof canary[0]; i++)
		canary[i] = GF_CANARY + i;
	gf_tx_manager_start();

	gf_console_printf("program %s:\n", names[program]);
	struct gf_probe_run r = {.image_a = GF_TX_IMAGE(program), .image_b = GF_TX_IMAGE(program),
				 .next = next, .ran = ran, .status = status};
	enum gf_probe_outcome out = gf_probe_run(&r);
	int faults = gf_tx_fault_count;
	if (out != GF_PROBE_RAN || faults) {
		gf_console_printf("program %s did not complete (%s, %d faults)\n", names[program],
				  out == GF_PROBE_TIMEOUT ? "timeout" : "fault", faults);
		return 1;
	}
	switch (program) {
	case GF_PROGRAM_WELL_BEHAVED:
		gf_console_printf("well-behaved: %d of the statuses differ from ThreadX's documentation\n",
				  mismatches);
		return mismatches ? 1 : 0;
	case GF_PROGRAM_TX_USE:
		if (leaked)
			gf_console_printf("GATEFUZZ-BUG: deputy-read class=tx-use service=semaphore_info_get "
					  "addr=0x%08lx: the module got kernel memory's 0x%lx\n",
					  (unsigned long)&fake, leaked);
		return leaked ? 1 : 0;
	case GF_PROGRAM_TX_CREATE:
		if (!canary_intact())
			gf_console_printf("GATEFUZZ-BUG: deputy-write class=tx-create service=semaphore_create "
					  "addr=0x%08lx: kernel memory overwritten\n",
					  (unsigned long)&canary[8]);
		return canary_intact() ? 0 : 1;
	case GF_PROGRAM_TX_DELETE:
	case GF_PROGRAMS:
		if (!b_semaphore_alive)
			gf_console_printf("GATEFUZZ-BUG: deputy-delete class=tx-delete service=semaphore_delete: "
					  "module B's semaphore deleted by module A\n");
		return b_semaphore_alive ? 0 : 1;
	}
	return 1;
}

/* program_main.c — the program module (program_module.c) on ThreadX's
 * Cortex-M3 port, one program per run, named on the command line:
 * "well-behaved" (every call returns the status ThreadX documents), or one
 * of the host port's bug classes (docs/threadx.md) re-enacted by module A
 * against kernel memory or module B.  On the real port the kernel runs
 * privileged with the default memory map: no fault stops a class, so the
 * firmware judges by what changed, and prints a BUG line in the host
 * port's form (kind, service, parameter), which check-class matches
 * against the host's known classes (threadx/known-bugs.txt).  Exit 1 on a BUG or on a status that
 * differs from the documentation. */
#include <string.h>

#include "console.h"
#include "probe_run.h"
#include "program.h"
#include "semihost.h"
#include "objects.h"
#include "tx_semaphore.h"

GF_TX_IMAGE_DECLARE(program);

/* TX-USE's target: a semaphore's id word and a secret, never created. */
static TX_SEMAPHORE fake;
/* TX-CREATE's target: kernel data nobody writes. */
#define GF_CANARY 0x63616E61u
#define GF_CANARY_WORDS 32
static volatile uint32_t canary[GF_CANARY_WORDS] __attribute__((aligned(8)));

/* What the program's status reports and the created lists showed. */
static struct {
	int mismatches;
	ULONG first_success;  /* 1 + the first step an error was documented for, TX_SUCCESS got */
	ULONG leaked;         /* TX-USE: the secret, when the module got it */
	ULONG b_pool_free;    /* TX-RELEASE: B's free blocks before A's call */
} seen;

/* A program's verdict, judged once A ran and before the modules are
 * unloaded (which deletes their objects): NULL, or the BUG line's text
 * after "GATEFUZZ-BUG: ". */
typedef const char *(*judge_fn)(void);

static const char *no_bug(void)
{
	return NULL;
}
static const char *tx_use(void)
{
	return seen.leaked ? "deputy-read service=semaphore_info_get param=0 what=kernel-data: the "
			     "module got kernel memory that is no object"
			   : NULL;
}
static const char *tx_create(void)
{
	return gf_canary_intact(canary, GF_CANARY_WORDS, GF_CANARY) ? NULL
			       : "deputy-write service=semaphore_create param=0 what=kernel-data: a "
				 "control block written over kernel data";
}
static const char *tx_delete(void)
{
	return gf_tx_semaphore_named(GF_PROGRAM_B_SEMAPHORE)
		       ? NULL
		       : "integrity service=semaphore_delete param=- what=other-module-object: "
			 "module B's semaphore deleted by module A";
}
static const char *tx_thread(void)
{
	TX_THREAD *t = gf_tx_thread_named(GF_PROGRAM_B_THREAD);
	return t && t->tx_thread_state != TX_TERMINATED
		       ? NULL
		       : "integrity service=thread_terminate param=0 what=other-module-thread: "
			 "module B's thread terminated by module A";
}
static const char *tx_pool(void)
{
	return seen.first_success ? "integrity service=block_pool_allocate param=0 "
				    "what=other-module-pool: module A allocated from module B's block pool"
				  : NULL;
}
static const char *tx_release(void)
{
	TX_BLOCK_POOL *p = gf_tx_block_pool_named(GF_PROGRAM_B_POOL);
	return p && p->tx_block_pool_available == seen.b_pool_free
		       ? NULL
		       : "integrity service=block_pool_release param=0 what=other-module-pool: "
			 "module A's memory linked into module B's block pool";
}
static const char *tx_dealloc(void)
{
	return seen.first_success && gf_tx_semaphore_named(GF_PROGRAM_A_DOOMED)
		       ? "integrity service=module_object_deallocate param=0 what=object-pool: a "
			 "live semaphore's block freed"
		       : NULL;
}
static const char *tx_alloc(void)
{
	return seen.first_success ? "integrity service=module_object_allocate param=- "
				    "what=object-pool: an object of nearly 4 GiB allocated"
				  : NULL;
}

static const struct program {
	const char *name;
	judge_fn judge;
} programs[GF_PROGRAMS] = {
	[GF_PROGRAM_WELL_BEHAVED] = {"well-behaved", no_bug},
	[GF_PROGRAM_TX_USE] = {"tx-use", tx_use},
	[GF_PROGRAM_TX_CREATE] = {"tx-create", tx_create},
	[GF_PROGRAM_TX_DELETE] = {"tx-delete", tx_delete},
	[GF_PROGRAM_TX_THREAD] = {"tx-thread", tx_thread},
	[GF_PROGRAM_TX_POOL] = {"tx-pool", tx_pool},
	[GF_PROGRAM_TX_RELEASE] = {"tx-release", tx_release},
	[GF_PROGRAM_TX_DEALLOC] = {"tx-dealloc", tx_dealloc},
	[GF_PROGRAM_TX_ALLOC] = {"tx-alloc", tx_alloc},
	/* GF_PROGRAM_SEQUENCE is the fuzz firmware's (fuzz/): no name here */
};

static enum gf_program program;
static const char *bug;

static void next(struct gf_probe_run *r, struct gf_probe_order *o)
{
	(void)r;
	TX_BLOCK_POOL *pool = gf_tx_block_pool_named(GF_PROGRAM_B_POOL);
	seen.b_pool_free = pool ? pool->tx_block_pool_available : 0;
	unsigned long target = program == GF_PROGRAM_TX_USE      ? (unsigned long)&fake
			       : program == GF_PROGRAM_TX_CREATE ? (unsigned long)&canary[8]
								 : (unsigned long)pool;
	*o = (struct gf_probe_order){GF_PROBE_PROGRAM, target, program};
}

static void status(struct gf_probe_run *r, ULONG step, ULONG got, ULONG documented)
{
	(void)r;
	int any_error = documented == GF_PROGRAM_ANY_ERROR;
	int ok = any_error ? got != TX_SUCCESS : got == documented;
	if (program == GF_PROGRAM_TX_USE && got == GF_PROGRAM_SECRET)
		seen.leaked = got;
	if (any_error && got == TX_SUCCESS && !seen.first_success)
		seen.first_success = step;
	gf_console_printf("  step %2lu: status 0x%02lx, documented %s0x%02lx%s\n", (unsigned long)step,
			  (unsigned long)got, any_error ? "an error, not " : "",
			  any_error ? 0ul : (unsigned long)documented, ok ? "" : "  <- differs");
	seen.mismatches += !ok;
}

static void ran(struct gf_probe_run *r)
{
	(void)r;
	bug = programs[program].judge();
}

int gf_tx_firmware(void)
{
	char line[128] = "";
	if (gf_sh_cmdline(line, sizeof line) != 0)
		line[0] = '\0';
	const char *name = strchr(line, ' ') ? strchr(line, ' ') + 1 : "";
	for (program = 0; program < GF_PROGRAMS &&
			  !(programs[program].name && !strcmp(programs[program].name, name));
	     program++)
		;
	if (program == GF_PROGRAMS) {
		gf_console_printf("unknown program '%s' (well-behaved, tx-use, tx-create, tx-delete, "
				  "tx-thread, tx-pool, tx-release, tx-dealloc, tx-alloc)\n", name);
		return 2;
	}
	fake.tx_semaphore_id = TX_SEMAPHORE_ID;
	fake.tx_semaphore_count = GF_PROGRAM_SECRET;
	gf_canary_fill(canary, GF_CANARY_WORDS, GF_CANARY);
	gf_tx_manager_start();

	gf_console_printf("program %s:\n", programs[program].name);
	struct gf_probe_run r = {.image_a = GF_TX_IMAGE(program), .image_b = GF_TX_IMAGE(program),
				 .next = next, .ran = ran, .status = status};
	enum gf_probe_outcome out = gf_probe_run(&r);
	if (out != GF_PROBE_RAN || gf_tx_fault_count) {
		gf_console_printf("program %s did not complete (%s, %u faults)\n", programs[program].name,
				  out == GF_PROBE_TIMEOUT ? "timeout" : "fault", gf_tx_fault_count);
		return 1;
	}
	if (bug)
		gf_console_printf("GATEFUZZ-BUG: %s\n", bug);
	gf_console_printf("program %s: %d of the statuses differ from ThreadX's documentation, %s\n",
			  programs[program].name, seen.mismatches, bug ? "BUG" : "no BUG");
	return bug || seen.mismatches ? 1 : 0;
}

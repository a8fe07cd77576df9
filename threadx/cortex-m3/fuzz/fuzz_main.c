/* fuzz_main.c — fuzz_threadx_cm3_sequence: afl-fuzz's inputs as call
 * sequences made by module A on ThreadX's Cortex-M3 port, through the
 * module library's kernel entry (the port's SVC path), served over the
 * Cortex-M bridge (targets/cortex-m/fw/serve.c: pipes, or --file to
 * replay).  Each input gets fresh modules A and B (probe_run.c); its calls
 * come from fuzz_resolve.c.  The verdict (docs/threadx.md):
 *   BUG    the kernel faulted serving A (privileged when it faulted); or
 *          A's calls changed what is not A's: kernel data, B's semaphore,
 *          block pool or thread (the host port's classes, found again);
 *   CONTAINED  A faulted in its own code;
 *   OK     otherwise, A's calls completed or A still waits.
 * A BUG ends the firmware (run_input; a fault in handler mode, manager.c):
 * the bridge sees QEMU end, a crash of that input. */
#include <string.h>

#include "console.h"
#include "fuzz_resolve.h"
#include "objects.h"
#include "probe_run.h"
#include "semihost.h"
#include "serve.h"
#include "tx_block_pool.h"
#include "tx_semaphore.h"
#include "tx_thread.h"

GF_TX_IMAGE_DECLARE(program);

/* The kernel data GF_FUZZ_KERNEL points into: nobody else writes it. */
#define GF_KERNEL_SEED 0x6b65726eu
#define GF_KERNEL_WORDS 64
static volatile uint32_t kernel_data[GF_KERNEL_WORDS];

/* A module waits at most this long (ticks) before its input counts as
 * done: a call may block for ever, which is the module's business. */
#define GF_FUZZ_TICKS 3

static const uint8_t *input;
static size_t input_len;
static const char *bug;          /* the BUG line's text, or NULL */
static ULONG b_pool_free;

static UINT fetch(struct gf_probe_run *r, ALIGN_TYPE layout, ALIGN_TYPE calls, ALIGN_TYPE max)
{
	struct gf_fuzz_world w = {
		.a = *(const struct gf_program_layout *)layout,
		.a_instance = &r->a,
		.b_instance = &r->b,
		.b_object = {(unsigned long)gf_tx_semaphore_named(GF_PROGRAM_B_SEMAPHORE),
			     (unsigned long)gf_tx_block_pool_named(GF_PROGRAM_B_POOL),
			     (unsigned long)gf_tx_thread_named(GF_PROGRAM_B_THREAD)},
		.kernel = (unsigned long)kernel_data,
		.kernel_size = sizeof kernel_data,
	};
	TX_BLOCK_POOL *pool = gf_tx_block_pool_named(GF_PROGRAM_B_POOL);
	b_pool_free = pool ? pool->tx_block_pool_available : 0;
	gf_fuzz_extras(&w);
	return gf_fuzz_resolve(input, input_len, &w, (struct gf_program_call *)calls,
			       max < GF_PROGRAM_MAX_CALLS ? max : GF_PROGRAM_MAX_CALLS);
}

static void next(struct gf_probe_run *r, struct gf_probe_order *o)
{
	(void)r;
	*o = (struct gf_probe_order){GF_PROBE_PROGRAM, 0, GF_PROGRAM_SEQUENCE};
}

/* What A's calls may not have changed, judged before the modules go:
 * their unloading walks B's objects, which a control block created over
 * them would send into a loop. */
static void ran(struct gf_probe_run *r)
{
	(void)r;
	TX_SEMAPHORE *s = gf_tx_semaphore_named(GF_PROGRAM_B_SEMAPHORE);
	TX_BLOCK_POOL *pool = gf_tx_block_pool_named(GF_PROGRAM_B_POOL);
	TX_THREAD *t = gf_tx_thread_named(GF_PROGRAM_B_THREAD);
	if (!gf_canary_intact(kernel_data, GF_KERNEL_WORDS, GF_KERNEL_SEED))
		bug = "deputy-write kernel-data: kernel data changed by module A's calls";
	else if (!s || !pool || !t || s->tx_semaphore_id != TX_SEMAPHORE_ID ||
		 pool->tx_block_pool_id != TX_BLOCK_POOL_ID || t->tx_thread_id != TX_THREAD_ID)
		bug = "deputy-write other-module-object: module B's semaphore, block pool or thread "
		      "deleted or overwritten by module A's calls";
	else if (pool->tx_block_pool_available != b_pool_free)
		bug = "deputy-use other-module-pool: module B's block pool changed by module A's calls";
	else if (t->tx_thread_state == TX_TERMINATED || t->tx_thread_state == TX_SUSPENDED ||
		 t->tx_thread_state == TX_COMPLETED)
		bug = "deputy-control other-module-thread: module B's thread stopped by module A's calls";
}

/* A BUG leaves ThreadX's state changed in ways the next input would
 * inherit (a control block linked into a created list from kernel data;
 * the host port restores a snapshot, this one cannot): the firmware ends
 * on the BUG line, unanswered, which the bridge reports as this input's
 * crash before it boots QEMU again for the next. */
static void run_input(const uint8_t *in, size_t len, struct gf_bridge_response *res)
{
	input = in;
	input_len = len;
	bug = NULL;
	gf_canary_fill(kernel_data, GF_KERNEL_WORDS, GF_KERNEL_SEED);
	struct gf_probe_run r = {.image_a = GF_TX_IMAGE(program), .image_b = GF_TX_IMAGE(program),
				 .ticks = GF_FUZZ_TICKS, .next = next, .ran = ran, .fetch = fetch};
	enum gf_probe_outcome out = gf_probe_run(&r);
	if (out == GF_PROBE_FAULTED && !gf_tx_last_fault.in_module)
		gf_sh_exit(GF_TX_EXIT_BUG); /* its GATEFUZZ-BUG line is printed */
	if (bug) {
		gf_console_printf("GATEFUZZ-BUG: %s\n", bug);
		gf_sh_exit(GF_TX_EXIT_BUG);
	}
	if (out == GF_PROBE_FAULTED) {
		const struct gf_tx_fault *f = &gf_tx_last_fault;
		res->verdict = GF_BRIDGE_CONTAINED;
		res->signo = 11; /* SIGSEGV, as the host reports a fault */
		res->cfsr = f->cfsr;
		res->pc = f->pc;
		res->addr = f->addr;
	}
}

/* The command line: "--file FILE..." (replay), or what the bridge passes a
 * harness image, "[VAR=value...] [TARGET] REQUEST_PIPE RESPONSE_PIPE"
 * (the environment and the target name are the harness image's business:
 * this image serves one target). */
int gf_tx_firmware(void)
{
	char *argv[16];
	int argc = gf_cm_args(argv, 16);
	gf_tx_manager_start();
	if (argc >= 2 && !strcmp(argv[1], "--file"))
		return gf_cm_serve(run_input);
	if (argc < 3) {
		gf_console_printf("usage: IMAGE [VAR=value...] [TARGET] REQUEST_PIPE RESPONSE_PIPE | "
				  "IMAGE --file FILE...\n");
		return 2;
	}
	return gf_cm_serve_pipes(argv[argc - 2], argv[argc - 1], run_input);
}

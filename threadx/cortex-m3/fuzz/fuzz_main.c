/* fuzz_main.c — fuzz_threadx_cm3_sequence: afl-fuzz's inputs as call
 * sequences made by module A on ThreadX's Cortex-M3 port, through the
 * module library's kernel entry (the port's SVC path), served over the
 * Cortex-M bridge (targets/cortex-m/fw/serve.c: pipes, or --file to
 * replay).  Each input gets fresh modules A and B (probe_run.c); its calls
 * come from fuzz_resolve.c.  The verdict (docs/threadx.md):
 *   BUG    the kernel faulted serving A (privileged when it faulted); or
 *          one of A's calls changed what is not A's: kernel data, B's
 *          semaphore, block pool or thread, the object pool's block list
 *          (judge, as each call returns); the line names the call's
 *          service and parameter as the host port's do, so its known
 *          classes (threadx/known-bugs.txt) apply;
 *   CONTAINED  A faulted in its own code;
 *   OK     otherwise, A's calls completed or A still waits.
 * A BUG ends the firmware (judge; a kernel fault, run_input; one in
 * handler mode, manager.c): the bridge sees QEMU end, a crash of that
 * input. */
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

/* A module waits at most this long (ticks) without a call returning
 * before its input counts as done: a call may block for ever, which is the
 * module's business.  QEMU's ticks are real time: a loaded machine would
 * otherwise cut a long input short. */
#define GF_FUZZ_TICKS 3

static const uint8_t *input;
static size_t input_len;
/* This input's calls as resolved, each parameter's class, how many of
 * them have returned. */
static struct gf_program_call calls[GF_PROGRAM_MAX_CALLS];
static uint8_t classes[GF_PROGRAM_MAX_CALLS][3];
static unsigned ncalls, returned;
static ULONG b_pool_free;
/* A's progress: its fetch and each call's return; and how many of A's
 * time slices it has had before its fetch (its start, bounded). */
static unsigned steps, steps_before, slices_to_fetch;
#define GF_FUZZ_START_SLICES 100
/* Replaying files (--file), module A's regions and each call's status are
 * printed, for the differential replay (differential/); under the bridge
 * nobody would read them.  They are recorded as A reports them and printed
 * from the firmware's thread: A's requests run on its kernel stack, which
 * a formatted print overflows into the object pool. */
static int print_statuses;
static ULONG statuses[GF_PROGRAM_MAX_CALLS];
/* A's data and code, and the data range ThreadX's checks accept */
static unsigned long a_data, a_data_size, a_code, a_code_size, a_checked, a_checked_end;

static void print_calls(void)
{
	if (!print_statuses)
		return;
	gf_console_printf("GATEFUZZ-WORLD: a_data=0x%lx+%lu a_code=0x%lx+%lu checked=0x%lx-0x%lx\n",
			  a_data, a_data_size, a_code, a_code_size, a_checked, a_checked_end);
	for (unsigned i = 0; i < returned; i++)
		gf_console_printf("GATEFUZZ-CALL: %u %s status=0x%lx\n", i + 1,
				  gf_fuzz_service_name(calls[i].request), (unsigned long)statuses[i]);
}

static UINT fetch(struct gf_probe_run *r, ALIGN_TYPE layout, ALIGN_TYPE buffer, ALIGN_TYPE max)
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
	a_data = (unsigned long)r->a.txm_module_instance_module_data_base_address;
	a_data_size = r->a.txm_module_instance_preamble_ptr->txm_module_preamble_data_size;
	a_code = (unsigned long)r->a.txm_module_instance_code_start;
	a_code_size = r->a.txm_module_instance_code_size;
	a_checked = (unsigned long)r->a.txm_module_instance_data_start;
	a_checked_end = (unsigned long)r->a.txm_module_instance_data_end;
	steps++;
	gf_fuzz_extras(&w);
	ncalls = gf_fuzz_resolve(input, input_len, &w, calls, classes,
				 max < GF_PROGRAM_MAX_CALLS ? max : GF_PROGRAM_MAX_CALLS);
	memcpy((void *)buffer, calls, ncalls * sizeof calls[0]);
	return ncalls;
}

static void next(struct gf_probe_run *r, struct gf_probe_order *o)
{
	(void)r;
	*o = (struct gf_probe_order){GF_PROBE_PROGRAM, 0, GF_PROGRAM_SEQUENCE};
}

/* Call `index`'s service, and its first parameter of one of two classes
 * ("-": none), as a BUG line names them. */
static const char *service_of(unsigned index)
{
	return index < ncalls ? gf_fuzz_service_name(calls[index].request) : "-";
}

static const char *param_of(unsigned index, int class, int other)
{
	static const char *const numbers[] = {"0", "1", "2"};
	for (int i = 0; index < ncalls && i < 3; i++)
		if (classes[index][i] == class || classes[index][i] == other)
			return numbers[i];
	return "-";
}

/* What call `index` may not have changed, judged as it returns (and once
 * more when A ends or times out): kernel data, B's objects, whose
 * unloading would walk a control block created over them into a loop,
 * and the object pool's blocks.
 * A BUG ends the firmware (ThreadX's state has no snapshot to restore);
 * the bridge reports it as this input's crash and boots QEMU again. */
static void judge(unsigned index)
{
	TX_SEMAPHORE *s = gf_tx_semaphore_named(GF_PROGRAM_B_SEMAPHORE);
	TX_BLOCK_POOL *pool = gf_tx_block_pool_named(GF_PROGRAM_B_POOL);
	TX_THREAD *t = gf_tx_thread_named(GF_PROGRAM_B_THREAD);
	const char *kind = "integrity", *what, *param = param_of(index, GF_FUZZ_B_OBJECT, GF_FUZZ_B_DATA);
	if (!gf_canary_intact(kernel_data, GF_KERNEL_WORDS, GF_KERNEL_SEED)) {
		kind = "deputy-write";
		what = "kernel-data: kernel data changed";
		param = param_of(index, GF_FUZZ_KERNEL, GF_FUZZ_KERNEL);
	} else if (!s || !pool || !t || s->tx_semaphore_id != TX_SEMAPHORE_ID ||
		   pool->tx_block_pool_id != TX_BLOCK_POOL_ID || t->tx_thread_id != TX_THREAD_ID) {
		/* found as the host's integrity walk finds it: after the call */
		what = "other-module-object: module B's semaphore, block pool or thread deleted or "
		       "overwritten";
		param = "-";
	}
	else if (!gf_tx_byte_pool_intact(&_txm_module_manager_object_pool)) {
		what = "object-pool: the object pool's block list broken";
		param = "-";
	} else if (pool->tx_block_pool_available != b_pool_free)
		what = "other-module-pool: module B's block pool used";
	else if (t->tx_thread_state == TX_TERMINATED || t->tx_thread_state == TX_SUSPENDED ||
		 t->tx_thread_state == TX_COMPLETED)
		what = "other-module-thread: module B's thread stopped";
	else
		return;
	print_calls();
	gf_console_printf("GATEFUZZ-BUG: %s service=%s param=%s what=%s by module A's call %u\n", kind,
			  service_of(index), param, what, index + 1);
	gf_sh_exit(GF_TX_EXIT_BUG);
}

static void called(struct gf_probe_run *r, ULONG index, ULONG status)
{
	(void)r;
	returned = index + 1;
	steps++;
	if (index < GF_PROGRAM_MAX_CALLS)
		statuses[index] = status;
	judge(index);
}

static int progressed(struct gf_probe_run *r)
{
	(void)r;
	int more = steps != steps_before || (!steps && ++slices_to_fetch < GF_FUZZ_START_SLICES);
	steps_before = steps;
	return more;
}

static void ran(struct gf_probe_run *r)
{
	(void)r;
	judge(returned); /* the call A waits in, if any */
}

/* A fault while A's call `returned` was being served. */
static void fault_service(const char **service, const char **param)
{
	*service = service_of(returned);
	*param = "-";
}

/* The harness's verdicts (harnesses/verdicts.def), which the bridge counts
 * from `judged`.  An input here is OK or CONTAINED when it is answered (the
 * port's calls are judged as they return, and a refusal is OK); a BUG ends
 * the firmware, which afl-fuzz counts as a crash. */
enum port_verdict {
#define GF_VERDICT(name) PORT_##name,
#include "verdicts.def"
#undef GF_VERDICT
};

static void run_input(const uint8_t *in, size_t len, struct gf_bridge_response *res)
{
	input = in;
	input_len = len;
	ncalls = returned = steps = steps_before = slices_to_fetch = 0;
	gf_canary_fill(kernel_data, GF_KERNEL_WORDS, GF_KERNEL_SEED);
	struct gf_probe_run r = {.image_a = GF_TX_IMAGE(program), .image_b = GF_TX_IMAGE(program),
				 .ticks = GF_FUZZ_TICKS, .progressed = progressed, .next = next, .ran = ran,
				 .fetch = fetch,
				 .called = called};
	enum gf_probe_outcome out = gf_probe_run(&r);
	print_calls();
	if (out == GF_PROBE_FAULTED && !gf_tx_last_fault.in_module)
		gf_sh_exit(GF_TX_EXIT_BUG); /* its GATEFUZZ-BUG line is printed */
	res->judged = (out == GF_PROBE_FAULTED ? PORT_CONTAINED : PORT_OK) + 1;
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
	gf_tx_fault_service = fault_service;
	if (argc >= 2 && !strcmp(argv[1], "--file")) {
		print_statuses = 1;
		return gf_cm_serve(run_input);
	}
	if (argc < 3) {
		gf_console_printf("usage: IMAGE [VAR=value...] [TARGET] REQUEST_PIPE RESPONSE_PIPE | "
				  "IMAGE --file FILE...\n");
		return 2;
	}
	return gf_cm_serve_pipes(argv[argc - 2], argv[argc - 1], run_input);
}

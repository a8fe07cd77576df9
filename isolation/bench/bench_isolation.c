/* bench_isolation.c — what a gate call and a fault recovery cost, per
 * backend, against the bare system operations they are made of.
 *
 * usage: gf_bench_isolation [--json FILE]
 *
 * Each backend is measured in its own child process (gf_iso_init is once
 * per process), next to two bare references measured in the same child:
 *   bare mprotect   one populated page in its own mapping (as regions are),
 *                   toggled PROT_NONE <-> PROT_READ|PROT_WRITE, per call;
 *   bare fault      SIGSEGV -> handler -> siglongjmp back, with the flags
 *                   the isolation handler uses (SA_ONSTACK, SA_NODEFER, no
 *                   mask saved), from the faulting load to the jump's end.
 * and two figures of the isolation core:
 *   gate round trip module -> kernel -> module through the gate with an
 *                   empty kernel handler (two switches);
 *   recovery        from a module's faulting load (its TSC stamp) to
 *                   gf_module_run returning 1, including the switch back
 *                   to the host domain.
 * and, apart, the cost of one access to a traced region (traced.h):
 *   traced access  a module's 4-byte load of a traced region whose reads a
 *                  model emulates, from the load to the next instruction
 *                  (SIGSEGV, decode, two mprotect calls, single step,
 *                  SIGTRAP), per access of a loop of TRACED_ACCESSES;
 *                  judged against the bare fault round trip as a ratio,
 *                  with no target: it is what tracing costs.
 * Ratios: switch = round trip / (regions changed per round trip x bare
 * mprotect), target <= 1.3; recovery = recovery / bare fault, judged
 * against the floor below: recovery / floor, target <= 1.2.
 * Under a switching backend a recovery also pays the restoring switch's
 * mprotect calls (judged by the switch ratio) and runs with the TLB the
 * entry switch flushed.  Printed beside the ratio, not instead of it: the
 * floor, (cold fault + restoring calls x bare mprotect) / bare fault, what
 * any recovery that restores the host's view before returning costs at
 * the least, and the net ratio, the recovery less
 * the restoring calls against a bare fault taken right after an mprotect:
 * what the handler and the jump add.
 * Batches interleave all measurements, so every ratio compares figures
 * taken moments apart; medians of BATCHES batches, timed with the TSC.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <x86intrin.h>

#include "bench_time.h"
#include "isolation.h"
#include "pkru.h"
#include "testmod.h"
#include "traced.h"
#include "tracedmod.h"

#define BATCHES 21
#define MPROTECT_TOGGLES 200
#define FAULTS 100
#define GATE_CALLS 400
#define TRACED_ACCESSES 100

/* Medians over the batches; ratios are taken per batch (each against the
 * references measured next to it) and their median reported. */
struct figures {
	int ok;
	double tsc_ghz;
	double bare_mprotect_ns, bare_fault_ns, bare_fault_cold_ns;
	double gate_ns, gate_switches, gate_changed; /* per round trip */
	double recovery_ns, restore_changed;
	double switch_ratio, recovery_ratio, recovery_net_ratio, recovery_floor_ratio;
	double recovery_vs_floor; /* recovery / its floor: the judged ratio */
	double traced_ns, traced_ratio; /* per traced access; / bare fault */
};

static double tsc_ghz(void)
{
	double t0 = gf_bench_now_ns();
	uint64_t c0 = __rdtsc();
	while (gf_bench_now_ns() - t0 < 50e6)
		;
	return (double)(__rdtsc() - c0) / (gf_bench_now_ns() - t0);
}

/* ---- bare references --------------------------------------------------- */

static const size_t page = 4096;
static char *toggled;          /* one populated page in its own mapping */
static volatile uint8_t *closed; /* a PROT_NONE page: the bare fault     */

static void bare_setup(void)
{
	char *span = mmap(NULL, 3 * page, PROT_NONE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	toggled = mmap(span + page, page, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	toggled[0] = 1;
	closed = mmap(NULL, page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	/* The thread's alternate stack, used by the bare handler and kept by
	 * gf_module_run. */
	static char altstack[64 * 1024];
	stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack};
	sigaltstack(&ss, NULL);
}

static double bare_mprotect(double ghz)
{
	uint64_t t0 = __rdtsc();
	for (int i = 0; i < MPROTECT_TOGGLES; i++) {
		mprotect(toggled, page, PROT_NONE);
		mprotect(toggled, page, PROT_READ | PROT_WRITE);
	}
	return (double)(__rdtsc() - t0) / ghz / (2.0 * MPROTECT_TOGGLES);
}

static sigjmp_buf bare_back;
static volatile uint64_t bare_stamp;

static void bare_handler(int sig, siginfo_t *si, void *uc)
{
	(void)sig, (void)si, (void)uc;
	siglongjmp(bare_back, 1);
}

/* From the load's stamp to the jump's landing, in TSC ticks. */
static __attribute__((noinline)) uint64_t one_bare_fault(void)
{
	if (!sigsetjmp(bare_back, 0)) {
		bare_stamp = __rdtsc();
		(void)*closed;
	}
	return __rdtsc() - bare_stamp;
}

/* SIGSEGV -> siglongjmp, with the isolation handler's flags.  `cold`:
 * each fault follows an mprotect that closes a page, as a module's fault
 * follows the entry switch under mprotect (the TLB refills). */
static double bare_fault(double ghz, bool cold)
{
	struct sigaction sa, ours;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = bare_handler;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
	sigaction(SIGSEGV, &sa, &ours);
	uint64_t total = 0;
	for (int i = 0; i < FAULTS; i++) {
		if (cold)
			mprotect(toggled, page, PROT_NONE);
		total += one_bare_fault();
		if (cold)
			mprotect(toggled, page, PROT_READ | PROT_WRITE);
	}
	sigaction(SIGSEGV, &ours, NULL);
	return (double)total / ghz / FAULTS;
}

/* ---- the isolation core ------------------------------------------------ */

static uintptr_t empty_kernel(uint32_t request, uintptr_t p0, uintptr_t p1, uintptr_t p2)
{
	(void)request, (void)p0, (void)p1, (void)p2;
	return 0;
}

/* One timed gate loop of `count` calls: TSC ticks, regions changed and
 * switches. */
static void gate_loop(const struct gf_module_domains *m, uintptr_t count,
		      uint64_t *ticks, uint64_t *changed, uint64_t *switches)
{
	struct tm_loop_block *blk = (struct tm_loop_block *)m->data->base;
	*blk = (struct tm_loop_block){.gate = (uintptr_t)gf_gate_entry(), .count = count};
	struct gf_iso_counters c0, c1;
	struct gf_fault f;
	gf_iso_counters(&c0);
	uint64_t t0 = __rdtsc();
	if (tm_run(m, TM_GATE_LOOP, (uintptr_t)blk, &f) != 0)
		exit(3);
	*ticks = __rdtsc() - t0;
	gf_iso_counters(&c1);
	*changed = c1.regions_changed - c0.regions_changed;
	*switches = c1.switches - c0.switches;
}

/* Per round trip; the run's own entry and exit are taken off with an
 * empty loop. */
static double gate_round_trip(const struct gf_module_domains *m, struct figures *fig)
{
	uint64_t ticks, changed, switches, base_ticks, base_changed, base_switches;
	gate_loop(m, 0, &base_ticks, &base_changed, &base_switches);
	gate_loop(m, GATE_CALLS, &ticks, &changed, &switches);
	fig->gate_changed = (double)(changed - base_changed) / GATE_CALLS;
	fig->gate_switches = (double)(switches - base_switches) / GATE_CALLS;
	return (double)(ticks - base_ticks) / fig->tsc_ghz / GATE_CALLS;
}

/* From the module's faulting load (stamped just before) to gf_module_run
 * returning 1. */
static double recovery(const struct gf_module_domains *m, const struct gf_region *arena,
		       double ghz)
{
	struct tm_stamp_block *blk = (struct tm_stamp_block *)m->data->base;
	blk->target = arena->base + arena->size; /* a guard: faults everywhere */
	uint64_t total = 0;
	for (int i = 0; i < FAULTS; i++) {
		struct gf_fault f;
		if (tm_run(m, TM_STAMP_READ, (uintptr_t)blk, &f) != 1)
			exit(4);
		total += __rdtsc() - blk->tsc;
	}
	return (double)total / ghz / FAULTS;
}

/* The traced region's model: every read answers 0 at once, so the figure
 * is the mechanism's. */
static uint64_t answer_zero(void *ctx, size_t offset, unsigned width)
{
	(void)ctx, (void)offset, (void)width;
	return 0;
}

/* Per traced access: a run of TRACED_ACCESSES loads of the traced region,
 * less the same run with none (the run's own entry and exit). */
static double traced_access(const struct gf_module_domains *m,
			    const struct gf_region *window, double ghz)
{
	uint64_t ticks[2];
	for (int i = 0; i < 2; i++) {
		*tr_block_of(m) = (struct tr_block){
			.addr = window->base, .value = i ? TRACED_ACCESSES : 0};
		struct gf_fault f;
		uint64_t t0 = __rdtsc();
		if (tr_run(m, TR_POLL, &f) != 0)
			exit(5);
		ticks[i] = __rdtsc() - t0;
	}
	return (double)(ticks[1] - ticks[0]) / ghz / TRACED_ACCESSES;
}

/* Regions the restoring switch (module -> host) changes. */
static double restore_changed(const struct gf_module_domains *m)
{
	struct gf_iso_counters c0, c1;
	gf_domain_switch(m->self);
	gf_iso_counters(&c0);
	gf_domain_switch(GF_DOMAIN_HOST);
	gf_iso_counters(&c1);
	return (double)(c1.regions_changed - c0.regions_changed);
}

static struct figures measure(const char *backend)
{
	struct figures fig = {0};
	fig.tsc_ghz = tsc_ghz();
	bare_setup();
	if (gf_iso_init(backend) != 0)
		return fig;
	/* Under pkey a bare fault's siglongjmp keeps the handler's PKRU (only
	 * key 0: .iso.pkey.recovery), which shuts the host out of the
	 * regions; the host's own is put back after each batch's bare faults. */
	bool pkey = strcmp(backend, "pkey") == 0;
	uint32_t host_pkru = pkey ? gf_rdpkru() : 0;
	/* One page each: the bare mprotect's size, so the ratio judges the
	 * gate, not the kernel's per-page cost. */
	const struct gf_region *arena = gf_region_create(
		"kernel-arena", GF_REGION_ARENA, GF_PRINCIPAL_KERNEL, 4096, GF_PERM_RW);
	struct gf_module_domains m;
	if (!arena || tm_module_create(1, 4096, 4096, arena, &m) != 0)
		return fig;
	*(volatile uint8_t *)arena->base = 1; /* populated, like the bare page */
	gf_gate_set_handler(empty_kernel);
	fig.restore_changed = restore_changed(&m);
	static const struct gf_traced_ops zero_device = {answer_zero, NULL, true};
	const struct gf_region *window =
		gf_traced_create("bench-window", 1, 4096, &zero_device, NULL);
	if (!window || gf_module_share(&m, window, GF_PERM_RW) != 0 || tr_load(&m) != 0)
		return fig;

	double v[12][BATCHES];
	for (int b = 0; b < BATCHES; b++) {
		double mp = v[0][b] = bare_mprotect(fig.tsc_ghz);
		double flt = v[1][b] = bare_fault(fig.tsc_ghz, false);
		double cold = v[2][b] = bare_fault(fig.tsc_ghz, true);
		if (pkey)
			gf_wrpkru(host_pkru);
		double gate = v[3][b] = gate_round_trip(&m, &fig);
		double rec = v[4][b] = recovery(&m, arena, fig.tsc_ghz);
		v[5][b] = fig.gate_changed > 0 ? gate / (fig.gate_changed * mp) : -1;
		v[6][b] = rec / flt;
		v[7][b] = fig.restore_changed > 0
				  ? (rec - fig.restore_changed * mp) / cold
				  : rec / flt;
		double traced = v[8][b] = traced_access(&m, window, fig.tsc_ghz);
		v[9][b] = traced / flt;
		v[10][b] = fig.restore_changed > 0 /* else: no switch to pay for */
				   ? (cold + fig.restore_changed * mp) / flt
				   : 1.0;
		v[11][b] = v[6][b] / v[10][b];
	}
	/* The figure each row of v is the median of, row by row. */
	double *median_of[sizeof v / sizeof v[0]] = {
		&fig.bare_mprotect_ns, &fig.bare_fault_ns, &fig.bare_fault_cold_ns,
		&fig.gate_ns, &fig.recovery_ns, &fig.switch_ratio, &fig.recovery_ratio,
		&fig.recovery_net_ratio, &fig.traced_ns, &fig.traced_ratio,
		&fig.recovery_floor_ratio, &fig.recovery_vs_floor,
	};
	for (size_t k = 0; k < sizeof v / sizeof v[0]; k++)
		*median_of[k] = gf_bench_median(v[k], BATCHES);
	fig.ok = 1;
	return fig;
}

/* ---- reporting --------------------------------------------------------- */

static struct figures run_child(const char *backend)
{
	struct figures fig = {0};
	int fds[2];
	if (pipe(fds) != 0)
		return fig;
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[0]);
		fig = measure(backend);
		_exit(write(fds[1], &fig, sizeof fig) == sizeof fig ? 0 : 1);
	}
	close(fds[1]);
	if (read(fds[0], &fig, sizeof fig) != sizeof fig)
		fig.ok = 0;
	close(fds[0]);
	waitpid(pid, NULL, 0);
	return fig;
}

#define SWITCH_TARGET 1.3
/* Recovery is judged against its floor: a target on the bare fault alone
 * (1.5 x, once) lay below the floor itself whenever a restoring mprotect
 * costs more than half a fault, so no handler could meet it. */
#define RECOVERY_TARGET 1.2

/* Set by the pkey test VM (targets/linux/pkey-qemu): the CPU is emulated
 * and every figure measures QEMU, not the backend. */
#define EMULATED_LABEL "emulated — not a performance figure"

static void print_table(const char *const *names, const struct figures *figs, int n)
{
	const char *emulated = getenv("GATEFUZZ_EMULATED");
	double ghz = 0;
	for (int i = 0; i < n; i++)
		ghz = figs[i].ok ? figs[i].tsc_ghz : ghz;
	printf("gatefuzz isolation bench: medians of %d interleaved batches, TSC %.2f GHz\n\n",
	       BATCHES, ghz);
	if (emulated)
		printf("CPU emulated by %s: every row is " EMULATED_LABEL "\n\n", emulated);
	printf("%-9s %8s %5s %6s %8s %6s | %8s %8s %6s %6s %8s %7s %6s\n", "backend",
	       "gate rt", "chg", "bare", "mprotect", "ratio", "recovery", "bare",
	       "ratio", "floor", "restore", "cold", "net");
	printf("%-9s %8s %5s %6s %8s %6s | %8s %8s %6s %6s %8s %7s %6s\n", "", "", "/rt",
	       "", "", "<=1.3", "", "fault", "", "", "regions", "fault", "");
	for (int i = 0; i < n; i++) {
		const struct figures *f = &figs[i];
		if (!f->ok) {
			printf("%-9s unavailable on this machine\n", names[i]);
			continue;
		}
		char sw[16] = "-";
		if (f->switch_ratio >= 0)
			snprintf(sw, sizeof sw, "%.2f", f->switch_ratio);
		printf("%-9s %6.0fns %5.1f %6s %6.0fns %6s | %6.0fns %6.0fns %6.2f %6.2f %8.0f %5.0fns %6.2f%s\n",
		       names[i], f->gate_ns, f->gate_changed, "", f->bare_mprotect_ns, sw,
		       f->recovery_ns, f->bare_fault_ns, f->recovery_ratio, f->recovery_floor_ratio,
		       f->restore_changed, f->bare_fault_cold_ns, f->recovery_net_ratio,
		       emulated ? "  " EMULATED_LABEL : "");
	}
	printf("\ngate rt   module -> kernel -> module through the gate, empty handler (%.0f switches)\n"
	       "chg/rt    regions whose protection the round trip changed (backend counter)\n"
	       "mprotect  bare mprotect of one populated page in its own mapping, per call\n"
	       "ratio     gate rt / (chg/rt x bare mprotect)\n"
	       "recovery  module load fault -> gf_module_run returns 1, restoring switch included\n"
	       "bare fault  SIGSEGV -> handler -> siglongjmp, same flags, no mask saved\n"
	       "ratio     recovery / bare fault\n"
	       "floor     (cold fault + restore x bare mprotect) / bare fault: the least\n"
	       "          ratio of any recovery that restores the host's view\n"
	       "restore   regions the restoring switch (module -> host) opens\n"
	       "cold fault  bare fault right after an mprotect closed a page (the TLB state\n"
	       "          a module run starts in under a switching backend)\n"
	       "net       (recovery - restore x bare mprotect) / cold fault; with nothing\n"
	       "          to restore, recovery / bare fault\n\n",
	       n && figs[0].ok ? figs[0].gate_switches : 2.0);
	printf("%-9s %8s %8s %6s   (traced region access, traced.h)\n", "backend",
	       "traced", "bare", "ratio");
	for (int i = 0; i < n; i++)
		if (figs[i].ok)
			printf("%-9s %6.0fns %6.0fns %6.2f%s\n", names[i],
			       figs[i].traced_ns, figs[i].bare_fault_ns,
			       figs[i].traced_ratio,
			       emulated ? "  " EMULATED_LABEL : "");
	printf("\ntraced    module load of a traced region with an emulated read ->\n"
	       "          next instruction: SIGSEGV, decode, 2 mprotect, step, SIGTRAP\n"
	       "ratio     traced / bare fault (no target: the price of tracing)\n\n");
	for (int i = 0; i < n; i++) {
		const struct figures *f = &figs[i];
		if (!f->ok || emulated) /* targets judge real CPUs only */
			continue;
		if (f->switch_ratio >= 0)
			printf("%s: switch %.2f x (changed regions x bare mprotect): %s target %.1f\n",
			       names[i], f->switch_ratio,
			       f->switch_ratio <= SWITCH_TARGET ? "meets" : "MISSES", SWITCH_TARGET);
		printf("%s: recovery %.2f x its floor (%.2f x bare round trip, floor %.2f): "
		       "%s target %.1f\n", names[i], f->recovery_vs_floor, f->recovery_ratio,
		       f->recovery_floor_ratio,
		       f->recovery_vs_floor <= RECOVERY_TARGET ? "meets" : "MISSES",
		       RECOVERY_TARGET);
	}
}

static int write_json(const char *path, const char *const *names,
		      const struct figures *figs, int n)
{
	FILE *out = fopen(path, "w");
	if (!out) {
		perror(path);
		return -1;
	}
	const char *emulated = getenv("GATEFUZZ_EMULATED");
	fprintf(out, "{\n  \"batches\": %d,\n  \"emulated\": %s%s%s,\n"
		"  \"targets\": {\"switch_ratio\": %.1f, "
		"\"recovery_vs_floor\": %.1f},\n  \"backends\": [",
		BATCHES, emulated ? "\"" : "", emulated ? emulated : "null",
		emulated ? "\"" : "", SWITCH_TARGET, RECOVERY_TARGET);
	const char *sep = "\n";
	for (int i = 0; i < n; i++) {
		const struct figures *f = &figs[i];
		if (!f->ok)
			continue;
		fprintf(out, "%s    {\"backend\": \"%s\", \"tsc_ghz\": %.3f,\n", sep, names[i],
			f->tsc_ghz);
		fprintf(out, "     \"bare_mprotect_ns\": %.1f, \"bare_fault_roundtrip_ns\": %.1f, "
			"\"bare_fault_roundtrip_cold_ns\": %.1f,\n",
			f->bare_mprotect_ns, f->bare_fault_ns, f->bare_fault_cold_ns);
		fprintf(out, "     \"gate_roundtrip_ns\": %.1f, \"switches_per_roundtrip\": %.2f, "
			"\"regions_changed_per_roundtrip\": %.2f, \"switch_ratio\": ",
			f->gate_ns, f->gate_switches, f->gate_changed);
		if (f->switch_ratio >= 0)
			fprintf(out, "%.3f,\n", f->switch_ratio);
		else
			fprintf(out, "null,\n");
		fprintf(out, "     \"recovery_ns\": %.1f, \"recovery_ratio\": %.3f, "
			"\"recovery_floor_ratio\": %.3f, \"restore_regions_changed\": %.0f, "
			"\"recovery_net_ratio\": %.3f, \"recovery_vs_floor\": %.3f,\n",
			f->recovery_ns, f->recovery_ratio, f->recovery_floor_ratio,
			f->restore_changed, f->recovery_net_ratio, f->recovery_vs_floor);
		fprintf(out, "     \"traced_access_ns\": %.1f, \"traced_ratio\": %.3f}",
			f->traced_ns, f->traced_ratio);
		sep = ",\n";
	}
	fprintf(out, "\n  ]\n}\n");
	return fclose(out);
}

int main(int argc, char **argv)
{
	const char *json = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0 && i + 1 < argc) {
			json = argv[++i];
		} else {
			fprintf(stderr, "usage: %s [--json FILE]\n", argv[0]);
			return 2;
		}
	}
	const char *const *all = gf_iso_backends();
	const char *names[8];
	struct figures figs[8];
	int n = 0;
	while (all[n] && n < 8)
		n++;
	for (int i = 0; i < n; i++) { /* weakest first */
		names[i] = all[n - 1 - i];
		figs[i] = run_child(names[i]);
	}
	print_table(names, figs, n);
	return json && write_json(json, names, figs, n) != 0 ? 1 : 0;
}

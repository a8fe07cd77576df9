/* test_chain.c — faults that are not ours reach the disposition that was
 * there before gf_iso_init, with the effect they would have had without
 * gatefuzz.
 *
 * usage: test_chain handler | default | asan
 *   handler  a host fault outside every region reaches an SA_SIGINFO
 *            handler installed before gf_iso_init, with the same
 *            arguments (in process); plain and SA_RESETHAND handlers and a
 *            host fault in the span (children);
 *   default  with SIG_DFL or SIG_IGN, children fault, raise and bus-error
 *            and end exactly as the same children without gatefuzz;
 *   asan     (ASan builds) ASan still reports a heap overflow and a wild
 *            access outside the span; other builds skip with 77.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "testmod.h"

#if defined(__SANITIZE_ADDRESS__)
#define HAVE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HAVE_ASAN 1
#endif
#endif

#define SKIP 77

/* ---- what a child does ------------------------------------------------ */

static void say(const char *s)
{
	(void)!write(STDERR_FILENO, s, strlen(s));
}

static uintptr_t page_outside_span(void)
{
	void *p = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return (uintptr_t)p;
}

static void act_fault_outside(void)
{
	(void)*(volatile uint8_t *)page_outside_span();
}

static void act_raise(void)
{
	raise(SIGSEGV);
}

static void act_fault_guard(void)
{
	const struct gf_region *r = gf_region_create("victim", GF_REGION_DATA, 1,
						     4096, GF_PERM_RW);
	(void)*(volatile uint8_t *)(r->base + r->size);
}

static void act_bus_outside(void)
{
	int fd = memfd_create("gatefuzz-bus", 0);
	char *map = mmap(NULL, 8192, PROT_READ, MAP_SHARED, fd, 0);
	(void)!ftruncate(fd, 4096);
	(void)*(volatile char *)(map + 4096);
}


static void on_prev_siginfo(int sig, siginfo_t *si, void *uc)
{
	char msg[128];
	snprintf(msg, sizeof msg, "previous handler: sig=%d code=%d uc=%d\n", sig,
		 si->si_code, uc != NULL);
	say(msg);
	_exit(42);
}

static void on_prev_plain(int sig)
{
	say(sig == SIGSEGV ? "plain handler: SIGSEGV\n" : "plain handler: ?\n");
	_exit(43);
}

static void on_prev_once(int sig, siginfo_t *si, void *uc)
{
	(void)sig, (void)si, (void)uc;
	say("one-shot handler\n"); /* returns: the fault re-executes */
}

static void set_disposition(void (*handler)(int), void (*action)(int, siginfo_t *, void *),
			    int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	if (action)
		sa.sa_sigaction = action;
	else
		sa.sa_handler = handler;
	sa.sa_flags = flags;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
}

static void disp_dfl(void) { set_disposition(SIG_DFL, NULL, 0); }
static void disp_ign(void) { set_disposition(SIG_IGN, NULL, 0); }
static void disp_siginfo(void) { set_disposition(NULL, on_prev_siginfo, SA_SIGINFO); }
static void disp_plain(void) { set_disposition(on_prev_plain, NULL, 0); }
static void disp_once(void) { set_disposition(NULL, on_prev_once, SA_SIGINFO | SA_RESETHAND); }

struct scenario {
	const char *name;
	void (*disposition)(void); /* before gf_iso_init */
	void (*act)(void);
	bool needs_span;           /* only meaningful with gatefuzz        */
	int signal;                /* expected death by this signal, or 0  */
	int exit_code;             /* else this exit status                */
	const char *stderr_has;    /* and this on stderr (or NULL)         */
};

struct outcome {
	int status;
	char err[8192];
};

static struct outcome run_child(const struct scenario *s, bool gatefuzz)
{
	struct outcome o = {0};
	int fds[2];
	if (pipe(fds) != 0)
		abort();
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fds[1], STDERR_FILENO);
		close(fds[0]);
		struct rlimit no_core = {0, 0};
		setrlimit(RLIMIT_CORE, &no_core);
		s->disposition();
		if (gatefuzz && gf_iso_init("auto") != 0)
			_exit(99);
		s->act();
		_exit(0);
	}
	close(fds[1]);
	size_t len = 0;
	ssize_t n;
	while ((n = read(fds[0], o.err + len, sizeof o.err - 1 - len)) > 0)
		len += (size_t)n;
	close(fds[0]);
	waitpid(pid, &o.status, 0);
	return o;
}

static void describe_status(int status, char *buf, size_t len)
{
	if (WIFSIGNALED(status))
		snprintf(buf, len, "killed by %s", strsignal(WTERMSIG(status)));
	else
		snprintf(buf, len, "exit %d", WEXITSTATUS(status));
}

/* Runs s with gatefuzz (and, unless it needs the span, without) and checks
 * the expected end, the same in both. */
static void check_scenario(const struct scenario *s)
{
	tc_cases++;
	struct outcome with = run_child(s, true);
	char how[64];
	describe_status(with.status, how, sizeof how);
	if (s->signal)
		CHECK(WIFSIGNALED(with.status) && WTERMSIG(with.status) == s->signal,
		      "%s: %s, expected death by %s\n%s", s->name, how,
		      strsignal(s->signal), with.err);
	else
		CHECK(WIFEXITED(with.status) && WEXITSTATUS(with.status) == s->exit_code,
		      "%s: %s, expected exit %d\n%s", s->name, how, s->exit_code, with.err);
	if (s->stderr_has)
		CHECK(strstr(with.err, s->stderr_has) != NULL,
		      "%s: stderr lacks \"%s\":\n%s", s->name, s->stderr_has, with.err);
	if (!s->needs_span) {
		struct outcome without = run_child(s, false);
		char how_without[64];
		describe_status(without.status, how_without, sizeof how_without);
		CHECK(with.status == without.status, "%s: %s with gatefuzz, %s without",
		      s->name, how, how_without);
		printf("%-44s %s, as without gatefuzz\n", s->name, how);
	} else {
		printf("%-44s %s\n", s->name, how);
	}
}

/* ---- (a) a previous handler ------------------------------------------ */

static sigjmp_buf back;
static volatile sig_atomic_t prev_calls;
static siginfo_t prev_info;
static int prev_sig;
static bool prev_had_uc;

static void on_prev_return(int sig, siginfo_t *si, void *uc)
{
	prev_calls++;
	prev_sig = sig;
	prev_info = *si;
	prev_had_uc = uc != NULL;
	siglongjmp(back, 1);
}

static uintptr_t kernel(uint32_t request, uintptr_t p0, uintptr_t p1, uintptr_t p2)
{
	(void)request, (void)p1, (void)p2;
	tm_touch(GF_ACCESS_READ, p0);
	return 0;
}

static int previous_handler(void)
{
	/* Children first: they must fork from a process without gatefuzz. */
	static const struct scenario children[] = {
		{"plain handler, fault outside the span", disp_plain, act_fault_outside,
		 false, 0, 43, "plain handler: SIGSEGV"},
		{"SA_RESETHAND handler, fault outside", disp_once, act_fault_outside,
		 false, SIGSEGV, 0, "one-shot handler"},
		{"SA_SIGINFO handler, host fault in the span", disp_siginfo, act_fault_guard,
		 true, 0, 42, "gatefuzz: host fault: read addr="},
	};
	for (size_t i = 0; i < sizeof children / sizeof children[0]; i++)
		check_scenario(&children[i]);

	set_disposition(NULL, on_prev_return, SA_SIGINFO);
	CHECK(gf_iso_init("auto") == 0, "init");
	const struct gf_region *arena = gf_region_create(
		"kernel-arena", GF_REGION_ARENA, GF_PRINCIPAL_KERNEL, 4096, GF_PERM_RW);
	struct gf_module_domains m;
	CHECK(tm_module_create(1, 4096, 8192, arena, &m) == 0, "module");
	gf_gate_set_handler(kernel);

	uintptr_t page = page_outside_span();
	tc_cases++;
	if (!sigsetjmp(back, 1))
		(void)*(volatile uint8_t *)page;
	CHECK(prev_calls == 1 && prev_sig == SIGSEGV && prev_had_uc &&
		      prev_info.si_code == SEGV_ACCERR &&
		      (uintptr_t)prev_info.si_addr == page,
	      "host fault outside the span: calls=%d sig=%d code=%d addr=%p",
	      (int)prev_calls, prev_sig, prev_info.si_code, prev_info.si_addr);
	printf("host fault outside the span reached the previous SA_SIGINFO handler\n");

	tc_cases++;
	if (!sigsetjmp(back, 1))
		raise(SIGSEGV);
	CHECK(prev_calls == 2 && prev_info.si_code == SI_TKILL,
	      "raise: calls=%d code=%d", (int)prev_calls, prev_info.si_code);
	printf("raise(SIGSEGV) reached the previous SA_SIGINFO handler\n");

	/* Faults of a module run are ours, even outside the span. */
	struct gf_fault f;
	tc_cases++;
	CHECK(tm_run(&m, TM_READ, page, &f) == 1 && f.context == GF_CTX_MODULE &&
		      prev_calls == 2,
	      "module fault outside the span recovered, not passed on");
	struct tm_gate_block *blk = (struct tm_gate_block *)m.data->base;
	*blk = (struct tm_gate_block){.gate = (uintptr_t)gf_gate_entry(), .p0 = page};
	tc_cases++;
	CHECK(tm_run(&m, TM_GATE_THEN, (uintptr_t)blk, &f) == 1 &&
		      f.context == GF_CTX_KERNEL && prev_calls == 2,
	      "kernel fault outside the span recovered, not passed on");
	printf("module and kernel faults outside the span were recovered, not passed on\n");

	return tc_finish("isolation_chain_handler", 7);
}

/* ---- (b) default and ignored dispositions ----------------------------- */

static int default_dispositions(void)
{
	static const struct scenario scenarios[] = {
		{"SIG_DFL, fault outside the span", disp_dfl, act_fault_outside, false, SIGSEGV, 0, NULL},
		{"SIG_DFL, raise(SIGSEGV)", disp_dfl, act_raise, false, SIGSEGV, 0, NULL},
		{"SIG_DFL, bus error outside the span", disp_dfl, act_bus_outside, false, SIGBUS, 0, NULL},
		{"SIG_IGN, fault outside the span", disp_ign, act_fault_outside, false, SIGSEGV, 0, NULL},
		{"SIG_IGN, raise(SIGSEGV)", disp_ign, act_raise, false, 0, 0, NULL},
		{"SIG_DFL, host fault in a guard page", disp_dfl, act_fault_guard, true, SIGSEGV, 0,
		 "gatefuzz: host fault: read addr=0x200000002000 guard-of=victim owner=1"},
	};
	for (size_t i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++)
		check_scenario(&scenarios[i]);
	return tc_finish("isolation_chain_default", 6);
}

/* ---- (c) ASan still reports ------------------------------------------- */

#ifdef HAVE_ASAN
static void act_heap_overflow(void)
{
	char *volatile p = malloc(16);
	volatile char past = p[16]; /* one past the block */
	(void)past;
	free(p);
}

static void disp_keep(void) {} /* whatever the runtime installed: ASan's */
#endif

static int asan_reports(void)
{
#ifndef HAVE_ASAN
	printf("isolation_chain_asan: SKIP: this build has no AddressSanitizer "
	       "runtime to chain to (run it in the libfuzzer preset)\n");
	return SKIP;
#else
	static const struct scenario scenarios[] = {
		{"ASan, heap overflow", disp_keep, act_heap_overflow, false, 0, 1,
		 "AddressSanitizer: heap-buffer-overflow"},
		{"ASan, wild access outside the span", disp_keep, act_fault_outside, false, 0, 1,
		 "AddressSanitizer: SEGV on unknown address"},
		{"ASan, host fault in a guard page", disp_keep, act_fault_guard, true, 0, 1,
		 "AddressSanitizer: SEGV on unknown address 0x200000002000"},
	};
	for (size_t i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++)
		check_scenario(&scenarios[i]);
	return tc_finish("isolation_chain_asan", 3);
#endif
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	if (strcmp(mode, "handler") == 0)
		return previous_handler();
	if (strcmp(mode, "default") == 0)
		return default_dispositions();
	if (strcmp(mode, "asan") == 0)
		return asan_reports();
	fprintf(stderr, "usage: test_chain handler | default | asan\n");
	return 2;
}

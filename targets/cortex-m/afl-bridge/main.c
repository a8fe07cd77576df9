/* main.c — gf-afl-bridge: a bare-metal firmware in QEMU as an afl-fuzz
 * target (.cm.bridge).
 *
 *   gf-afl-bridge [options] IMAGE.elf [@@ | FILE...]
 *     --target NAME        the harness image's target to serve (.cm.harness);
 *                          GATEFUZZ_BACKEND and GATEFUZZ_SEEDED_BUG in the
 *                          environment are passed on; with GATEFUZZ_STATS
 *                          the bridge counts the harness's verdicts there
 *                          ("%p": the bridge's pid; harnesses/stats_file.h)
 *     --board an385|an505  QEMU board (default: from the image's name)
 *     --qemu PATH          qemu-system-arm to run
 *     --fresh              a new QEMU per input (the baseline)
 *     --timeout-ms N       per input, outside afl-fuzz (default 2000)
 *     --bench N            outside afl-fuzz: run the FILEs round robin N
 *                          times and print executions per second
 *
 * Under afl-fuzz (fds 198/199 and __AFL_SHM_ID present) it is the fork
 * server: each run sends the test case (the file named by @@, else standard
 * input, which afl-fuzz rewrites in place) to the firmware, copies the
 * firmware's edge map into afl-fuzz's, and reports a BUG verdict as death
 * by the fault's signal.  The pid it reports is QEMU's, so afl-fuzz's own
 * timeout kills QEMU, which the next run restarts: the verdicts are
 * counted here, not in the firmware, which afl-fuzz kills without notice.
 * An input without an answer (a hang, a firmware that died) has no
 * verdict and is not counted; afl-fuzz counts it as a hang or a crash.
 * Outside afl-fuzz it runs each FILE and prints the verdict.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "forkserver.h"
#include "qemu_target.h"
#include "stats_file.h"

static uint8_t input[GF_BRIDGE_MAX_INPUT];
static struct qemu_result result;

static void usage(void)
{
	fprintf(stderr, "usage: gf-afl-bridge [--target NAME] [--board an385|an505] [--qemu PATH]\n"
			"                     [--fresh] [--timeout-ms N] [--bench N] IMAGE.elf\n"
			"                     [@@ | FILE...]\n");
	exit(2);
}

/* The test case: the whole file, or standard input from its start (the
 * file afl-fuzz rewrites; pread leaves the shared offset alone).  Longer
 * inputs are cut to what the firmware accepts. */
static ssize_t load(const char *path)
{
	int fd = path ? open(path, O_RDONLY) : 0;
	if (fd < 0)
		return -1;
	ssize_t n = pread(fd, input, sizeof input, 0);
	if (path)
		close(fd);
	return n;
}

/* The wait status afl-fuzz sees: a BUG dies by its fault's signal; a
 * firmware that exits or dies on its own (a kernel fault outside a module
 * run exits 3) is a crash too, unless afl-fuzz killed it (timeout). */
static int wait_status_of(const struct qemu_result *r)
{
	if (r->answered)
		return r->res.verdict == GF_BRIDGE_BUG ? (int)(r->res.signo ? r->res.signo : SIGSEGV) : 0;
	if (WIFSIGNALED(r->wait_status))
		return r->wait_status;
	return SIGABRT;
}

static int serve_afl(struct qemu_target *t, uint8_t *shared, const char *path)
{
	if (qemu_target_start(t) < 0 || fs_hello(GF_COV_MAP_SIZE) < 0)
		return 1;
	while (fs_next() == 0) {
		ssize_t n = load(path);
		pid_t pid = qemu_target_start(t);
		if (fs_started(pid > 0 ? pid : getpid()) < 0)
			break;
		result.answered = false;
		if (n >= 0)
			qemu_target_run(t, input, (size_t)n, &result);
		if (result.answered)
			memcpy(shared, result.map, GF_COV_MAP_SIZE);
		if (result.answered && result.res.judged)
			gf_stats_file_count(result.res.judged - 1);
		if (fs_finished(n < 0 ? SIGABRT : wait_status_of(&result)) < 0)
			break;
	}
	qemu_target_stop(t);
	return 0;
}

static int replay(struct qemu_target *t, int nfiles, char **files, long rounds)
{
	static const char *const verdicts[] = {"ok", "contained", "BUG"};
	struct timespec a, b;
	long runs = 0, bugs = 0;
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (long round = 0; round < (rounds ? rounds : 1); round++)
		for (int i = 0; i < nfiles; i++, runs++) {
			ssize_t n = load(files[i]);
			if (n < 0) {
				perror(files[i]);
				return 2;
			}
			qemu_target_run(t, input, (size_t)n, &result);
			int status = wait_status_of(&result);
			bugs += status != 0;
			if (rounds)
				continue;
			if (result.answered)
				printf("%s: %s", files[i], verdicts[result.res.verdict % 3]);
			else
				printf("%s: firmware died (wait status 0x%x)", files[i], result.wait_status);
			if (status)
				printf(" signal=%d", status);
			/* The fault's registers, when the verdict came from one (the
			 * harness image's BUGs carry none: see the replay script). */
			if (status && result.res.cfsr)
				printf(" pc=0x%08x addr=0x%08x CFSR=0x%08x", result.res.pc,
				       result.res.addr, result.res.cfsr);
			printf("\n");
		}
	clock_gettime(CLOCK_MONOTONIC, &b);
	qemu_target_stop(t);
	double secs = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	if (rounds)
		printf("%s: %ld runs in %.2f s = %.1f exec/s (%lu QEMU starts, %ld crashes)\n",
		       t->fresh ? "fresh" : "persistent", runs, secs, (double)runs / secs,
		       t->starts, bugs);
	return bugs ? 1 : 0;
}

static const char *board_of(const char *image)
{
	return strstr(image, "an505") ? "an505" : strstr(image, "an385") ? "an385" : NULL;
}

int main(int argc, char **argv)
{
	struct qemu_target t = {.qemu = "qemu-system-arm", .timeout_ms = 2000,
				.request_fd = -1, .response_fd = -1};
	long rounds = 0;
	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
		const char *opt = argv[i];
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(opt, "--fresh")) {
			t.fresh = true;
			continue;
		}
		if (!val)
			usage();
		if (!strcmp(opt, "--target"))
			t.target = val;
		else if (!strcmp(opt, "--board"))
			t.board = val;
		else if (!strcmp(opt, "--qemu"))
			t.qemu = val;
		else if (!strcmp(opt, "--timeout-ms"))
			t.timeout_ms = atoi(val);
		else if (!strcmp(opt, "--bench"))
			rounds = atol(val);
		else
			usage();
		i++;
	}
	if (i >= argc)
		usage();
	t.image = argv[i++];
	if (!t.board)
		t.board = board_of(t.image);
	if (!t.board || access(t.image, R_OK) < 0)
		usage();
	signal(SIGPIPE, SIG_IGN); /* a dead QEMU shows as a failed run */

	uint8_t *shared = fs_shared_map();
	struct stat st;
	if (shared && fstat(198, &st) == 0) {
		/* afl-fuzz's own timeout applies; ours is a backstop. */
		t.timeout_ms = 60000;
		const char *stats = getenv("GATEFUZZ_STATS");
		const char *backend = getenv("GATEFUZZ_BACKEND");
		if (t.target && stats && *stats &&
		    gf_stats_file_open(stats, t.target, backend && *backend ? backend : "auto") < 0)
			fprintf(stderr, "gf-afl-bridge: GATEFUZZ_STATS=%s: cannot write it\n", stats);
		return serve_afl(&t, shared, i < argc ? argv[i] : NULL);
	}
	if (i >= argc)
		usage();
	return replay(&t, argc - i, argv + i, rounds);
}

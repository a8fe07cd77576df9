/* qemu_init.c — /init of the pkey test VM (.iso.pkey.qemu).
 *
 * The VM exists to run the pkey tests on an emulated CPU with PKU when the
 * host CPU has none.  This program is PID 1 of that VM: it mounts what the
 * tests need, runs every test listed in /gf/tests.list one after the other,
 * prints one machine-parsable result line per test on the console, and
 * powers the VM off.  The runner (gf_pkey_qemu.py) reads the console.
 *
 * tests.list: one test a line, fields separated by TABs:
 *     name  timeout-seconds  [NAME=VALUE ...]  program  [argument ...]
 * (the NAME=VALUE fields are set in the test's environment).
 * Console protocol (each on its own line):
 *     @@gf-cpu pku=<0|1> ospke=<0|1>
 *     @@gf-begin <name>
 *     ... whatever the test prints ...
 *     @@gf-result <name> exit=<code> | signal=<signo> | timeout=<seconds>
 *                 | error=<errno text>, then seconds=<wall time>
 *     @@gf-done
 * Tests get GATEFUZZ_EMULATED=qemu-tcg in their environment so they can say
 * where they ran and so the bench labels its figures as not performance.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TESTS_LIST "/gf/tests.list"
#define MAX_ARGS 64

/* The initramfs root is itself writable, so /tmp needs no mount (and one
 * would hide test data the runner put there at its host path).  The kernel
 * gives PID 1 the console only if /dev/console existed in the initramfs;
 * reopen it after mounting devtmpfs so output never depends on how the
 * archive was built. */
static void setup_filesystems(void)
{
	mkdir("/proc", 0555);
	mkdir("/sys", 0555);
	mkdir("/dev", 0755);
	mkdir("/tmp", 01777);
	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	mkdir("/dev/shm", 01777);
	mount("tmpfs", "/dev/shm", "tmpfs", 0, NULL);

	int fd = open("/dev/console", O_RDWR | O_NOCTTY);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
}

/* Whether /proc/cpuinfo lists `flag` for the first CPU. */
static bool cpu_has(const char *flag)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	if (!f)
		return false;
	char line[4096];
	bool found = false;
	while (fgets(line, sizeof line, f)) {
		char *colon = strchr(line, ':');
		if (strncmp(line, "flags", 5) != 0 || !colon)
			continue;
		for (char *tok = strtok(colon + 1, " \n"); tok && !found;
		     tok = strtok(NULL, " \n"))
			found = strcmp(tok, flag) == 0;
		break;
	}
	fclose(f);
	return found;
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Splits one tests.list line in place; returns the number of fields. */
static int split_tabs(char *line, char **field, int max)
{
	int n = 0;
	line[strcspn(line, "\n")] = '\0';
	for (char *tok = strtok(line, "\t"); tok && n < max;
	     tok = strtok(NULL, "\t"))
		field[n++] = tok;
	return n;
}

/* An environment setting: NAME=VALUE, NAME a C identifier. */
static bool is_setting(const char *field)
{
	size_t n = strspn(field, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
				 "0123456789_");
	return n > 0 && !(field[0] >= '0' && field[0] <= '9') && field[n] == '=';
}

static void run_test(char **field, int nfield)
{
	const char *name = field[0];
	double timeout = atof(field[1]);
	int first = 2;
	while (first < nfield && is_setting(field[first]))
		first++;
	char *argv[MAX_ARGS + 1];
	int argc = 0;
	for (int i = first; i < nfield && argc < MAX_ARGS; i++)
		argv[argc++] = field[i];
	argv[argc] = NULL;

	printf("@@gf-begin %s\n", name);
	pid_t pid = fork();
	if (pid < 0) {
		printf("@@gf-result %s error=fork:%s\n", name, strerror(errno));
		return;
	}
	if (pid == 0) {
		for (int i = 2; i < first; i++)
			putenv(field[i]);
		if (chdir("/") == 0)
			execv(argv[0], argv);
		printf("cannot execute %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}

	/* Poll rather than block so a hung test is killed at its deadline
	 * and the remaining tests still run. */
	double start = now_seconds(), deadline = start + timeout;
	int status;
	for (;;) {
		pid_t got = waitpid(pid, &status, WNOHANG);
		if (got == pid)
			break;
		if (now_seconds() > deadline) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			printf("@@gf-result %s timeout=%g seconds=%.2f\n", name,
			       timeout, now_seconds() - start);
			return;
		}
		nanosleep(&(struct timespec){.tv_nsec = 20 * 1000 * 1000},
			  NULL);
	}
	if (WIFEXITED(status))
		printf("@@gf-result %s exit=%d", name, WEXITSTATUS(status));
	else
		printf("@@gf-result %s signal=%d", name, WTERMSIG(status));
	printf(" seconds=%.2f\n", now_seconds() - start);
}

int main(void)
{
	setup_filesystems();
	setenv("GATEFUZZ_EMULATED", "qemu-tcg", 1);
	printf("@@gf-cpu pku=%d ospke=%d\n", cpu_has("pku"), cpu_has("ospke"));

	FILE *list = fopen(TESTS_LIST, "r");
	if (!list) {
		printf("@@gf-error cannot open %s: %s\n", TESTS_LIST,
		       strerror(errno));
	} else {
		char line[8192];
		char *field[MAX_ARGS + 2];
		while (fgets(line, sizeof line, list)) {
			int n = split_tabs(line, field, MAX_ARGS + 2);
			if (n >= 3)
				run_test(field, n);
		}
		fclose(list);
	}
	printf("@@gf-done\n");
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	/* Only reached if power-off failed; PID 1 exiting panics the kernel,
	 * and panic=-1 with QEMU's -no-reboot ends the VM either way. */
	return 0;
}

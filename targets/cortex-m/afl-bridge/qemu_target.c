/* qemu_target.c — see qemu_target.h. */
#define _GNU_SOURCE
#include "qemu_target.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The fds the firmware's pipes get in QEMU; it opens them by name. */
#define CHILD_REQUEST_FD 100
#define CHILD_RESPONSE_FD 101

static void forget(struct qemu_target *t)
{
	if (t->request_fd >= 0)
		close(t->request_fd);
	close(t->response_fd);
	t->pid = 0;
	t->request_fd = t->response_fd = -1;
}

/* What the harness reads from its environment, passed on as the image's
 * (.cm.env): NAME=VALUE words before the target. */
static const char *const passed_on[] = {"GATEFUZZ_BACKEND", "GATEFUZZ_SEEDED_BUG"};

/* The firmware's command line: [NAME=VALUE...] [TARGET] REQUEST RESPONSE. */
static void command_line(const struct qemu_target *t, char *out, size_t len)
{
	const char *pipes = "/dev/fd/100 /dev/fd/101";
	size_t n = 0;

	out[0] = 0;
	for (size_t i = 0; t->target && i < sizeof passed_on / sizeof passed_on[0]; i++) {
		const char *value = getenv(passed_on[i]);
		if (value && *value && n < len)
			n += (size_t)snprintf(out + n, len - n, "%s=%s ", passed_on[i], value);
	}
	if (n >= len)
		return;
	if (!t->target)
		snprintf(out + n, len - n, "%s", pipes);
	else
		snprintf(out + n, len - n, "%s %s", t->target, pipes);
}

pid_t qemu_target_start(struct qemu_target *t)
{
	int req[2], resp[2];
	char machine[32], line[4096 + 128];
	/* A process that died between runs (killed from outside) is
	 * replaced now, so its death is not blamed on the next input. */
	if (t->pid > 0 && waitpid(t->pid, NULL, WNOHANG) == t->pid)
		forget(t);
	if (t->pid > 0)
		return t->pid;
	if (pipe2(req, O_CLOEXEC) < 0 || pipe2(resp, O_CLOEXEC) < 0)
		return -1;
	snprintf(machine, sizeof machine, "mps2-%s", t->board);
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		/* dup2 clears close-on-exec on the copies only: QEMU keeps
		 * exactly its two pipe ends, and not afl-fuzz's 198/199. */
		dup2(req[0], CHILD_REQUEST_FD);
		dup2(resp[1], CHILD_RESPONSE_FD);
		close(198);
		close(199);
		command_line(t, line, sizeof line);
		execlp(t->qemu, t->qemu, "-M", machine, "-nographic", "-monitor", "none",
		       "-serial", "none", "-semihosting-config", "enable=on,target=native",
		       "-kernel", t->image, "-append", line, (char *)NULL);
		_exit(127);
	}
	close(req[0]);
	close(resp[1]);
	t->pid = pid;
	t->request_fd = req[1];
	t->response_fd = resp[0];
	t->starts++;
	return pid;
}

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static int write_all(int fd, const void *buf, size_t len)
{
	const uint8_t *p = buf;
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Reads exactly len bytes before the deadline; 0, or -1 on end of file,
 * error or timeout. */
static int read_all(int fd, void *buf, size_t len, long deadline)
{
	uint8_t *p = buf;
	while (len) {
		struct pollfd pfd = {.fd = fd, .events = POLLIN};
		long left = deadline - now_ms();
		if (left <= 0)
			return -1;
		int ready = poll(&pfd, 1, (int)left);
		if (ready < 0 && errno == EINTR)
			continue;
		if (ready <= 0)
			return -1;
		ssize_t n = read(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int reap(struct qemu_target *t, bool kill_it)
{
	int status = 0;
	if (t->pid <= 0)
		return 0;
	if (kill_it)
		kill(t->pid, SIGKILL);
	while (waitpid(t->pid, &status, 0) < 0 && errno == EINTR)
		;
	forget(t);
	return status;
}

void qemu_target_run(struct qemu_target *t, const uint8_t *input, size_t len,
		     struct qemu_result *out)
{
	out->answered = false;
	out->wait_status = 0;
	if (qemu_target_start(t) < 0) {
		out->wait_status = 127 << 8;
		return;
	}
	uint32_t n = (uint32_t)len;
	bool sent = write_all(t->request_fd, &n, 4) == 0 && write_all(t->request_fd, input, len) == 0;
	if (t->fresh) {
		close(t->request_fd); /* one input, then end of file */
		t->request_fd = -1;
	}
	/* A restarted process boots within this run's time (tens of ms). */
	long deadline = now_ms() + t->timeout_ms;
	out->answered = sent &&
			read_all(t->response_fd, &out->res, sizeof out->res, deadline) == 0 &&
			out->res.magic == GF_BRIDGE_MAGIC && out->res.map_size == GF_COV_MAP_SIZE &&
			read_all(t->response_fd, out->map, sizeof out->map, deadline) == 0;
	if (!out->answered)
		out->wait_status = reap(t, true);
	else if (t->fresh)
		reap(t, false);
}

void qemu_target_stop(struct qemu_target *t)
{
	if (t->pid > 0 && t->request_fd >= 0) {
		close(t->request_fd); /* the firmware ends on end of file */
		t->request_fd = -1;
	}
	reap(t, false);
}

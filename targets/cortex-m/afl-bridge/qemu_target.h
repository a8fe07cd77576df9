/* qemu_target.h — one QEMU process running a serving firmware image, fed
 * through two pipes (bridge_proto.h).  Persistent: one process serves
 * input after input and is restarted only when it dies.  Fresh: a new
 * process per input, which then sees end of file and exits — the cost
 * the persistent mode saves. */
#ifndef GATEFUZZ_BRIDGE_QEMU_TARGET_H
#define GATEFUZZ_BRIDGE_QEMU_TARGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "bridge_proto.h"

struct qemu_target {
	const char *qemu, *board, *image;
	/* For the harness image (.cm.harness): the target it serves, named
	 * first on its command line (after GATEFUZZ_BACKEND and
	 * GATEFUZZ_SEEDED_BUG from the environment, .cm.env); NULL for
	 * single-target images. */
	const char *target;
	bool fresh;
	int timeout_ms;       /* a run taking longer is killed            */
	pid_t pid;            /* 0 when not running                       */
	int request_fd, response_fd;
	unsigned long starts;
};

/* Starts the process unless it runs; its pid, or -1. */
pid_t qemu_target_start(struct qemu_target *t);

struct qemu_result {
	bool answered;        /* res and map are valid                     */
	struct gf_bridge_response res;
	uint8_t map[GF_COV_MAP_SIZE];
	int wait_status;      /* the process's, when it died               */
};

/* Runs one input; a process that dies or times out is reaped (and
 * restarted by the next run). */
void qemu_target_run(struct qemu_target *t, const uint8_t *input, size_t len,
		     struct qemu_result *out);
void qemu_target_stop(struct qemu_target *t);

#endif

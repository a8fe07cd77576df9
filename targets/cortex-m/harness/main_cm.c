/* main_cm.c — the harness image (gf-harness-BOARD.elf): the real harness,
 * every target, the portable kernel and the puppet under the MPU
 * (.cm.harness).  Its semihosting command line says what to do:
 *
 *   --list LIST                     replay the inputs LIST names, one
 *                                   "<target> <path>" per line (replay_cm.h)
 *   TARGET --file FILE...           replay the FILEs on TARGET
 *   TARGET REQUEST RESPONSE         serve TARGET to the afl-fuzz bridge over
 *                                   its pipes (afl-bridge/bridge_proto.h),
 *                                   which counts each response's verdict
 *
 * Words NAME=VALUE before these are the image's environment (.cm.env), which
 * a firmware otherwise lacks: what the harness reads from it on the host
 * (GATEFUZZ_BACKEND=none, GATEFUZZ_SEEDED_BUG=<id> in a runtime-seeded
 * build) it reads here too.  The backend is the MPU ("auto") unless told;
 * the harness sets the sandbox up on the first input, as on the host.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "replay_cm.h"
#include "serve.h"
#include "targets_cm.h"

#define MAX_ARGS 64

static const struct gf_cm_target *serving;

/* One input from the bridge.  A BUG is a crash for afl-fuzz, reported as
 * the host's harness ends it: abort(). */
static void serve_input(const uint8_t *input, size_t len, struct gf_bridge_response *res)
{
	serving->run(input, len);
	enum gf_verdict v = gf_harness_last(NULL, 0);
	res->judged = (uint32_t)v + 1;
	switch (v) {
	case GF_VERDICT_BUG:
		res->verdict = GF_BRIDGE_BUG;
		res->signo = SIGABRT;
		break;
	case GF_VERDICT_CONTAINED:
		res->verdict = GF_BRIDGE_CONTAINED;
		break;
	default:
		res->verdict = GF_BRIDGE_OK;
		break;
	}
}

static int serve(const struct gf_cm_target *t, const char *request, const char *response)
{
	serving = t;
	gf_harness_set_replay(1); /* a BUG is reported, not aborted on */
	/* .cm.harness.warm: the sandbox and fixture are built by a first,
	 * empty input before the bridge's first one, as the host's AFL main
	 * does before its fork server starts, so that every input's coverage
	 * and time are its own. */
	t->run((const uint8_t *)"", 0);
	return gf_cm_serve_pipes(request, response, serve_input);
}

static int usage(void)
{
	fprintf(stderr, "usage: gf-harness [NAME=VALUE...] --list LIST | TARGET --file FILE... | "
			"TARGET REQUEST RESPONSE\ntargets:");
	for (size_t i = 0; i < gf_cm_target_count; i++)
		fprintf(stderr, " %s", gf_cm_targets[i].name);
	fprintf(stderr, "\n");
	return 2;
}

int main(void)
{
	char *args[MAX_ARGS], **argv = args;
	int argc = gf_cm_args(args, MAX_ARGS);
	const struct gf_cm_target *t;

	while (argc > 1 && strchr(argv[1], '=')) {
		putenv(argv[1]);
		argv[1] = argv[0];
		argv++;
		argc--;
	}
	if (argc == 3 && strcmp(argv[1], "--list") == 0)
		return gf_cm_replay_list(argv[2]);
	if (argc < 3)
		return usage();
	t = gf_cm_target_find(argv[1]);
	if (!t) {
		fprintf(stderr, "gf-harness: no target %s\n", argv[1]);
		return usage();
	}
	if (strcmp(argv[2], "--file") == 0)
		return gf_cm_replay_files(t, argc - 3, argv + 3);
	if (argc == 4)
		return serve(t, argv[2], argv[3]);
	return usage();
}

/* replay_tally.h — what a replay main counts and prints, the same on every
 * platform (harnesses/replay.c on the host, the firmware's replay_cm.c), so
 * that whatever reads one's lines reads both (.harn.replay). */
#ifndef GATEFUZZ_REPLAY_TALLY_H
#define GATEFUZZ_REPLAY_TALLY_H

struct gf_replay_tally {
	int bugs, errors, inputs;
};

/* "<path>: ERROR not an input: <why>" on stderr. */
void gf_replay_not_input(struct gf_replay_tally *t, const char *path, const char *why);
/* After the harness ran path's bytes: "<path>: OK|REJECTED|CONTAINED" or
 * "<path>: BUG <title>" on stdout. */
void gf_replay_judged(struct gf_replay_tally *t, const char *path);
/* The closing line on stderr, with the kernel calls judged; the exit
 * status: 2 when a file was not an input, else 1 when one was a BUG, else
 * 0. */
int gf_replay_finish(const struct gf_replay_tally *t);

#endif

/* replay_cm.h — the host replay build's output from the firmware
 * (.cm.replay): each input is read over semihosting, run by its target,
 * and judged by the harness, and one line per input is printed on
 * standard output, as harnesses/replay.c prints it:
 *     <file>: OK|REJECTED|CONTAINED|BUG <title>
 * with the harness's GATEFUZZ-BUG report on standard error before a BUG's
 * line, "<file>: ERROR not an input: <why>" on standard error for a file
 * that cannot be one, and "replayed N inputs: B BUG, E not inputs" at the
 * end.  Exit status as the host's: 0 all judged and no BUG, 1 a BUG, 2 a
 * file that is not an input.
 */
#ifndef GATEFUZZ_CM_REPLAY_H
#define GATEFUZZ_CM_REPLAY_H

#include "targets_cm.h"

/* Replays the files on target t. */
int gf_cm_replay_files(const struct gf_cm_target *t, int n, char **paths);
/* Replays a list file: one input per line, "<target> <path>" (the path is
 * the rest of the line), so one boot serves every target. */
int gf_cm_replay_list(const char *list);

#endif

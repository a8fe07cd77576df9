/* replay.h — replaying files through LLVMFuzzerTestOneInput without a
 * fuzzing engine (.harn.replay), as LLVM's standalone fuzz main does: one
 * line per input, "<file>: OK|REJECTED|CONTAINED|BUG <title>". */
#ifndef GATEFUZZ_REPLAY_H
#define GATEFUZZ_REPLAY_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

/* Files and directories (their regular files, sorted) named in argv.
 * Exit status: 0 all judged and no BUG, 1 a BUG, 2 usage or a file that is
 * not an input (reported, the others still replayed). */
int gf_replay_main(int argc, char **argv);

#endif

/* main_afl.c — the AFL++ build's main: persistent mode with the test case
 * in shared memory (__AFL_FUZZ_TESTCASE_BUF), after a deferred fork-server
 * start so every child inherits the sandbox and fixture already built.
 * Given files, it replays them like the replay build. */
#include <stdint.h>
#include <unistd.h> /* read(): __AFL_FUZZ_TESTCASE_LEN's fallback without shared memory */

#include "replay.h"
#include "stats.h"

__AFL_FUZZ_INIT();

int main(int argc, char **argv)
{
	if (argc > 1)
		return gf_replay_main(argc, argv);
	/* Build the sandbox and fixture once, before the fork server starts. */
	LLVMFuzzerTestOneInput((const uint8_t *)"", 0);
	/* ...uncounted: afl-fuzz's executions are what the counts add up to. */
	gf_stats_reset();
	__AFL_INIT();
	const uint8_t *buf = __AFL_FUZZ_TESTCASE_BUF;
	while (__AFL_LOOP(10000))
		LLVMFuzzerTestOneInput(buf, (size_t)__AFL_FUZZ_TESTCASE_LEN);
	return 0;
}

/* forkserver.h — the target side of afl-fuzz's fork-server protocol, as
 * afl-fuzz++ 4.04c speaks it (.cm.bridge.forkserver):
 *
 *   fd 199 (status, to afl-fuzz), fd 198 (control, from afl-fuzz)
 *   hello   we write one u32.  With FS_OPT_ENABLED | FS_OPT_MAPSIZE set it
 *           also announces the coverage map size; afl-fuzz answers nothing
 *           for these options (it answers only for shared-memory input and
 *           auto-dictionary, which we do not ask for).
 *   run     afl-fuzz writes a u32 (1 when the previous run timed out); we
 *           write the child's pid, run the input, and write its wait
 *           status.  On a timeout afl-fuzz kills that pid itself.
 * The coverage goes into the shared memory named by __AFL_SHM_ID, which
 * afl-fuzz clears before every run.
 */
#ifndef GATEFUZZ_BRIDGE_FORKSERVER_H
#define GATEFUZZ_BRIDGE_FORKSERVER_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* The shared coverage map, or NULL when not run by afl-fuzz. */
uint8_t *fs_shared_map(void);
int fs_hello(uint32_t map_size);
/* Waits for afl-fuzz to ask for a run: 0, or -1 when it is gone. */
int fs_next(void);
int fs_started(pid_t child);
int fs_finished(int wait_status);

#endif

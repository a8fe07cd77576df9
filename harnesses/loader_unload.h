/* loader_unload.h — unloading a module that owns objects
 * (.harn.loader.unload): fuzz_loader's images cannot run (their code is
 * the fuzzer's), so after an accepted one the puppet takes the loader's
 * slot, creates one object of every type, pool memory and a semaphore
 * another module uses by name, and is unloaded.  Then nothing of it may
 * remain: the kernel's integrity walk holds, none of its objects is live,
 * and the module that shared its semaphore can no longer use it. */
#ifndef GATEFUZZ_LOADER_UNLOAD_H
#define GATEFUZZ_LOADER_UNLOAD_H

#include <stddef.h>

/* Runs the round in the harness's loader slot, which must be empty, and
 * leaves it empty.  NULL when every check held; otherwise what broke, in
 * why[0..n) (also a set-up failure, which is the kernel's too: the puppet's
 * calls are the fixture's, which every kernel must accept). */
const char *gf_loader_unload_owner(char *why, size_t n);

#endif

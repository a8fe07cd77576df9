/* pkey_test.h — what every pkey test does first. */
#ifndef GATEFUZZ_PKEY_TEST_H
#define GATEFUZZ_PKEY_TEST_H

/* Says whether this run is native or on an emulated CPU (the QEMU runner
 * sets GATEFUZZ_EMULATED), then initialises the isolation core with the
 * pkey backend.  Exits 77 (ctest's skip) when this CPU has no protection
 * keys, saying why, and 1 when the backend fails to start. */
void pkt_init(const char *test);

#endif

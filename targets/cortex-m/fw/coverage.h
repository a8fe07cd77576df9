/* coverage.h — edge coverage of instrumented firmware code, in AFL's map
 * layout (.cm.coverage).  Code compiled with
 * -fsanitize-coverage=trace-pc,trace-cmp calls the hooks in coverage.c; the
 * serve loop sends the map to the afl-fuzz bridge after every input. */
#ifndef GATEFUZZ_CM_COVERAGE_H
#define GATEFUZZ_CM_COVERAGE_H

#include <stdint.h>

#include "bridge_proto.h"

extern uint8_t gf_cov_map[GF_COV_MAP_SIZE];
void gf_cov_reset(void);

#endif

/* bridge_proto.h — what the afl-fuzz bridge and a firmware serving inputs
 * say to each other over two pipes (.cm.bridge.proto).  Little-endian, as
 * both ends are.
 *
 *   bridge -> firmware: u32 length, then length input bytes; end of file
 *                       (the bridge closed the pipe) ends the firmware.
 *   firmware -> bridge: struct gf_bridge_response, then map_size bytes of
 *                       edge coverage (AFL's map layout: one hit counter
 *                       per edge).
 */
#ifndef GATEFUZZ_BRIDGE_PROTO_H
#define GATEFUZZ_BRIDGE_PROTO_H

#include <stdint.h>

#define GF_BRIDGE_MAGIC 0x53524647u /* "GFRS" */
#define GF_BRIDGE_MAX_INPUT 65536u /* the largest input a harness target takes */
#define GF_COV_MAP_SIZE 8192u       /* a power of two */

enum gf_bridge_verdict {
	GF_BRIDGE_OK = 0,        /* the run ended normally                     */
	GF_BRIDGE_CONTAINED = 1, /* the module faulted and isolation held      */
	GF_BRIDGE_BUG = 2,       /* the kernel faulted: a crash for afl-fuzz   */
};

struct gf_bridge_response {
	uint32_t magic;
	uint32_t verdict;  /* enum gf_bridge_verdict                          */
	uint32_t signo;    /* the fault's signal (SIGSEGV, SIGBUS, SIGILL)    */
	uint32_t cfsr, pc, addr;
	/* The harness's verdict (harnesses/verdicts.def) plus one, which the
	 * bridge counts on the host; 0 from a firmware that judges none. */
	uint32_t judged;
	uint32_t map_size; /* GF_COV_MAP_SIZE                                 */
};

#endif

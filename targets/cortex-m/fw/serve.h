/* serve.h — the firmware side of the afl-fuzz bridge (.cm.bridge).
 *
 * The image's command line names what to serve:
 *   IMAGE REQUEST_PIPE RESPONSE_PIPE   serve inputs until the bridge closes
 *                                      the request pipe (bridge_proto.h);
 *   IMAGE --file FILE...               run each file once and print the
 *                                      verdict (to replay a crash); exit
 *                                      code 1 when any was a BUG.
 */
#ifndef GATEFUZZ_CM_SERVE_H
#define GATEFUZZ_CM_SERVE_H

#include <stddef.h>
#include <stdint.h>

#include "bridge_proto.h"

/* Runs one input and fills the verdict fields of *res (not magic,
 * map_size: the serve loop does those). */
typedef void (*gf_cm_run_input)(const uint8_t *input, size_t len,
				struct gf_bridge_response *res);

int gf_cm_serve(gf_cm_run_input run);

/* The pieces gf_cm_serve is made of, for images whose command line says
 * more (the harness image names its target first). */
/* Splits the semihosting command line into argv (argv[0] is the image,
 * at most max entries); the count, or -1 when there is none. */
int gf_cm_args(char **argv, int max);
/* Serves inputs from the bridge's pipes until it closes the request pipe:
 * 0, or 2 when a pipe cannot be used. */
int gf_cm_serve_pipes(const char *request, const char *response, gf_cm_run_input run);

#endif

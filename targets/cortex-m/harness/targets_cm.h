/* targets_cm.h — every harness target in one firmware image
 * (.cm.one-image).
 *
 * The host builds one program per target, each with its own
 * LLVMFuzzerTestOneInput.  The firmware links all of them into one image
 * per board: each target file of harnesses/ is compiled unchanged, with
 * LLVMFuzzerTestOneInput renamed to gf_cm_target_<name> (a generated
 * wrapper defines the name and includes the file), and the image picks
 * one at run time from its command line.  They share one sandbox and one
 * fixture, as the inputs of one host process do: every input starts from
 * the fixture's snapshot whichever target runs it.
 */
#ifndef GATEFUZZ_CM_TARGETS_H
#define GATEFUZZ_CM_TARGETS_H

#include <stddef.h>
#include <stdint.h>

struct gf_cm_target {
	const char *name;                           /* "fuzz_queue_send"  */
	int (*run)(const uint8_t *data, size_t len); /* its TestOneInput   */
	size_t max_input;  /* the largest input its replay build accepts */
};

/* Generated from kernel/services.def, in the host build's order. */
extern const struct gf_cm_target gf_cm_targets[];
extern const size_t gf_cm_target_count;

/* The target called name, or NULL. */
const struct gf_cm_target *gf_cm_target_find(const char *name);

#endif

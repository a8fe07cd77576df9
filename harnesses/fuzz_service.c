/* fuzz_service.c — the per-service target, compiled once per service in
 * services.def with GF_TARGET_SERVICE set to its request id
 * (fuzz_<family>_<name>).  An input is up to four calls of that service by
 * one module, each a flag byte then the call's selectors (decode.h). */
#include "harness.h"

#ifndef GF_TARGET_SERVICE
#error "GF_TARGET_SERVICE names the service this target fuzzes"
#endif

#define GF_CALLS_PER_INPUT 4

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	const struct gf_service *s = gf_service_by_id(GF_TARGET_SERVICE);
	struct gf_input in;
	int calls = 0;

	gf_input_init(&in, data, len);
	gf_harness_begin(data, len);
	do {
		uint8_t flags = gf_input_u8(&in);
		gf_harness_call(GF_SLOT_A, s, &in, flags);
	} while (++calls < GF_CALLS_PER_INPUT && gf_input_left(&in) &&
		 gf_harness_running());
	return gf_harness_end();
}

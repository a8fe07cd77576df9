/* fuzz_sequence.c — programs of calls over objects, in the manner of
 * syzkaller programs: any service, by either of two modules, on the objects
 * the fixture made and those earlier calls create, delete and share.  Each
 * call is a service selector, a flag byte (GF_CALL_OTHER: the second module
 * calls; GF_CALL_RAW_REQUEST: the call goes out with a request id no
 * service has, the 4 bytes that follow) and the call's selectors (decode.h). */
#include "harness.h"

#define GF_CALLS_PER_PROGRAM 16

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct gf_input in;
	int calls = 0;

	gf_input_init(&in, data, len);
	gf_harness_begin(data, len);
	while (calls++ < GF_CALLS_PER_PROGRAM && gf_input_left(&in) &&
	       gf_harness_running()) {
		const struct gf_service *s =
			&gf_services[gf_input_u8(&in) % gf_service_count];
		uint8_t flags = gf_input_u8(&in);
		int slot = flags & GF_CALL_OTHER ? GF_SLOT_B : GF_SLOT_A;
		if (gf_call_step(flags, GF_CALL_RAW_REQUEST))
			gf_harness_request(slot, s, &in, flags);
		else
			gf_harness_call(slot, s, &in, flags);
	}
	return gf_harness_end();
}

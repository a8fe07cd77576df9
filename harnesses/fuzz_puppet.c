/* fuzz_puppet.c — the module misbehaves by itself: raw loads, stores and
 * jumps to addresses of every class, between kernel calls.  This is the
 * CONTAINED path: the fault's PC is in module code (or is the jump's
 * target), and the kernel must be intact afterwards. */
#include "harness.h"

#define GF_OPS_PER_INPUT 8

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct gf_input in;
	int ops = 0;

	gf_input_init(&in, data, len);
	gf_harness_begin(data, len);
	while (ops++ < GF_OPS_PER_INPUT && gf_input_left(&in) &&
	       gf_harness_running()) {
		uint8_t op = gf_input_u8(&in);
		switch (op % 4) {
		case 0:
			gf_harness_call(GF_SLOT_A,
					&gf_services[gf_input_u8(&in) % gf_service_count],
					&in, gf_input_u8(&in));
			break;
		case 1:
			gf_harness_raw(GF_SLOT_A, GF_OP_LOAD, &in);
			break;
		case 2:
			gf_harness_raw(GF_SLOT_A, GF_OP_STORE, &in);
			break;
		default:
			gf_harness_raw(GF_SLOT_A, GF_OP_JUMP, &in);
			break;
		}
	}
	return gf_harness_end();
}

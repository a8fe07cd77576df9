/* test_tx_isolation.c — the isolation matrix with real ThreadX module
 * instances (label threadx, mprotect): module A's raw accesses to B's code
 * and data and to the arena (ThreadX's object pool and module instances)
 * fault in A's code (CONTAINED) and go through ThreadX's module fault path
 * (A's thread terminated, the application notified); A's own data is its
 * own.  While ThreadX serves A, its kernel-for domain reads the arena and
 * the peers' data (.tx.peers) but never B's code: a call whose object
 * pointer is B's code ends in a deputy-read.
 */
#include <string.h>

#include "check.h"
#include "encode.h"
#include "harness.h"
#include "kernel.h"
#include "port.h"

/* The raw-access selector byte that gf_harness_raw turns into class c. */
static uint8_t raw_class_byte(enum gf_class c)
{
	for (unsigned b = 0; b < 96; b++)
		if ((GF_CLASS_ORIGINAL_FROM + b) % GF_CLASS_ORIGINAL_COUNT == (unsigned)c)
			return (uint8_t)b;
	return 0;
}

static enum gf_verdict raw(enum gf_puppet_kind kind, enum gf_class c)
{
	uint8_t bytes[] = {raw_class_byte(c), 7, 2, 0x11, 0x22, 0x33, 0x44};
	struct gf_input in;

	gf_input_init(&in, bytes, sizeof bytes);
	gf_harness_begin(bytes, sizeof bytes);
	gf_harness_raw(GF_SLOT_A, kind, &in);
	gf_harness_end();
	return gf_harness_last(NULL, 0);
}

/* mutex_get with its object pointer of class c. */
static enum gf_verdict mutex_get(enum gf_class c, char *title, size_t n)
{
	const struct gf_service *s = gf_service_by_name("mutex_get");
	struct gf_call_spec spec;
	struct gf_bytes o = {.n = 0};
	struct gf_input in;

	gf_call_spec_valid(&spec);
	spec.class_sel[0] = gf_class_selector(c);
	gf_encode_call(&o, s, &spec);
	gf_input_init(&in, o.b, o.n);
	gf_harness_begin(o.b, o.n);
	gf_harness_call(GF_SLOT_A, s, &in, 0);
	gf_harness_end();
	return gf_harness_last(title, n);
}

int main(void)
{
	static const enum gf_class outside[] = {GF_CLASS_OTHER_DATA, GF_CLASS_OTHER_CODE,
						GF_CLASS_KERNEL_ARENA, GF_CLASS_KERNEL_GLOBAL};
	static const enum gf_puppet_kind kinds[] = {GF_OP_LOAD, GF_OP_STORE};
	char title[160];
	enum gf_verdict v;

	gf_harness_set_replay(1);
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		for (size_t i = 0; i < sizeof outside / sizeof outside[0]; i++) {
			v = raw(kinds[k], outside[i]);
			CHECK(v == GF_VERDICT_CONTAINED, "%s of %s: %s, expected CONTAINED",
			      kinds[k] == GF_OP_LOAD ? "load" : "store", gf_class_name(outside[i]),
			      gf_verdict_name(v));
			CHECK(!gf_kernel_module_can_run(GF_SLOT_A),
			      "ThreadX's fault path left A's thread running after %s",
			      gf_class_name(outside[i]));
			CHECK(gf_txport_fault_notified(), "no fault notification after %s",
			      gf_class_name(outside[i]));
		}
		v = raw(kinds[k], GF_CLASS_OWN_DATA);
		CHECK(v == GF_VERDICT_OK, "A's access to its own data: %s", gf_verdict_name(v));
		CHECK(gf_kernel_module_can_run(GF_SLOT_A), "the restore did not bring A's thread back");
	}

	v = mutex_get(GF_CLASS_OTHER_CODE, title, sizeof title);
	CHECK(v == GF_VERDICT_BUG && strncmp(title, "deputy-read ", 12) == 0,
	      "ThreadX reading B's code for A: %s %s, expected a deputy-read",
	      gf_verdict_name(v), title);
	v = mutex_get(GF_CLASS_KERNEL_ARENA, title, sizeof title);
	CHECK(v == GF_VERDICT_REJECTED, "a mutex pointer into the arena: %s %s, expected REJECTED",
	      gf_verdict_name(v), title);
	v = mutex_get(GF_CLASS_OBJ_OWN, title, sizeof title);
	CHECK(v == GF_VERDICT_OK, "A's own mutex: %s %s", gf_verdict_name(v), title);

	printf("ThreadX isolation matrix: %s\n", check_failures ? "FAILED" : "ok");
	return check_failures != 0;
}

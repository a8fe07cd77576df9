/* test_inputs.c — the inputs that reach what a call of a service alone
 * cannot (label oracle): the full object pool (.harn.fixture.full), a
 * request id no service has (.harn.raw-request), an object's alias 4 GiB
 * below (OBJ_ALIAS_4G), and the status a rule refusal must have
 * (.harn.rules.status), also where a buffer's length source is broken
 * (.kern.vrfy.order).  Usage: test_inputs BACKEND. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "one_call.h"
#include "encode.h"
#include "harness.h"
#include "kernel.h"
#include "rules.h"

static enum gf_verdict request(uint32_t id)
{
	const struct gf_service *s = &gf_services[0];
	struct gf_call_spec spec;
	struct gf_bytes o = {.n = 0};
	struct gf_input in;

	for (int b = 0; b < 4; b++)
		gf_put(&o, (uint8_t)(id >> (8 * b)));
	gf_call_spec_valid(&spec);
	gf_encode_call(&o, s, &spec);
	gf_input_init(&in, o.b, o.n);
	gf_harness_begin(o.b, o.n);
	gf_harness_request(GF_SLOT_A, s, &in, GF_CALL_RAW_REQUEST);
	gf_harness_end();
	return gf_harness_last(NULL, 0);
}

/* The rules' result for the last call's arguments, judged again from the
 * fixture's state. */
static struct gf_rule_result rules_of_last(void)
{
	const struct gf_call_record *r = gf_harness_last_call();
	struct gf_plan plan = r->plan;
	struct gf_rule_result res;

	gf_harness_begin((const uint8_t *)"", 0);
	gf_sandbox_view_slot(gf_harness_sandbox(), GF_SLOT_A); /* .harn.view */
	gf_rules_judge(r->s, plan.args,
		       &(struct gf_rule_ctx){gf_harness_ledger(), gf_harness_world(GF_SLOT_A)->caller,
					     gf_harness_world(GF_SLOT_A), 0, 0},
		       &res);
	gf_harness_end();
	return res;
}

int main(int argc, char **argv)
{
	const char *backend = argc > 1 ? argv[1] : "mprotect";
	uint32_t top = 0;
	struct gf_rule_result res;

	setenv("GATEFUZZ_BACKEND", backend, 1);
	gf_harness_set_replay(1);

	/* .harn.fixture.full: the largest allocation succeeds from the
	 * fixture's pool, and is refused with NO_MEMORY from the full one. */
	CHECK(one_call_with("module_object_allocate", -1, 0, 2, 0) == GF_VERDICT_OK, "allocate(max)");
	CHECK(one_call_with("module_object_allocate", -1, 0, 2, GF_CALL_FULL_POOL) == GF_VERDICT_REJECTED &&
		      gf_harness_last_call()->status == GF_NO_MEMORY,
	      "allocate(max) from the full pool: status %#lx",
	      (unsigned long)gf_harness_last_call()->status);
	/* the next input starts from the fixture's pool again */
	CHECK(one_call_with("module_object_allocate", -1, 0, 2, 0) == GF_VERDICT_OK, "allocate(max) after");

	/* .harn.raw-request: ids no service has, and a service's, made one */
	for (size_t i = 0; i < gf_service_count; i++)
		if (gf_services[i].id > top)
			top = gf_services[i].id;
	const uint32_t ids[] = {0, top + 1, 0xffffffffu, gf_services[0].id};
	for (size_t k = 0; k < sizeof ids / sizeof ids[0]; k++)
		CHECK(request(ids[k]) == GF_VERDICT_REJECTED &&
			      gf_harness_last_call()->status == GF_UNKNOWN_REQUEST_STATUS,
		      "request id %#x: status %#lx", ids[k],
		      (unsigned long)gf_harness_last_call()->status);

	/* OBJ_ALIAS_4G: refused; on a 64-bit host it is the class used, at
	 * the caller's object less 2^32 */
	CHECK(one_call("semaphore_get", 0, GF_CLASS_OBJ_ALIAS_4G) == GF_VERDICT_REJECTED,
	      "semaphore_get of an alias");
#if UINTPTR_MAX > 0xffffffffu
	{
		uintptr_t alias = gf_harness_last_call()->plan.args[0];
		CHECK(gf_harness_last_call()->plan.cls[0] == GF_CLASS_OBJ_ALIAS_4G,
		      "the alias class is used");
		one_call("semaphore_get", 0, GF_CLASS_OBJ_OWN);
		CHECK(alias == gf_harness_last_call()->plan.args[0] - ((uintptr_t)1 << 32),
		      "alias %#lx", (unsigned long)alias);
	}
#endif

	/* .harn.rules.status: one rule broken, its status due (the built-in
	 * kernel's statement: docs/kernel.md); two broken that fix different
	 * statuses, or one that fixes none, and no status is due. */
	CHECK(one_call("semaphore_create", 1, GF_CLASS_NULL_PTR) == GF_VERDICT_REJECTED,
	      "create with a NULL name");
	res = rules_of_last();
	CHECK(res.must_reject && res.status_due && res.status == GF_PTR_ERROR,
	      "NULL name: due %d status %#x", res.status_due, res.status);
	CHECK(one_call("semaphore_create", 1, GF_CLASS_KERNEL_ARENA) == GF_VERDICT_REJECTED,
	      "create with a name in the arena");
	res = rules_of_last();
	CHECK(res.must_reject && res.status_due && res.status == GF_INVALID_MEMORY,
	      "name in the arena: due %d status %#x", res.status_due, res.status);
	CHECK(one_call("semaphore_create", 0, GF_CLASS_KERNEL_ARENA) == GF_VERDICT_REJECTED,
	      "create in the arena");
	res = rules_of_last();
	CHECK(res.must_reject && !res.status_due, "an object's refusal: no status due");
	{
		/* a queue in the caller's scratch (an object's refusal, no
		 * statement) and a NULL message (PTR_ERROR): ambiguous */
		const struct gf_service *s = gf_service_by_name("queue_send");
		const struct gf_world *w = gf_harness_world(GF_SLOT_A);
		uintptr_t args[GF_MAX_PARAMS] = {w->own_scratch.base, 0, 0};
		gf_harness_begin((const uint8_t *)"", 0);
		gf_sandbox_view_slot(gf_harness_sandbox(), GF_SLOT_A);
		gf_rules_judge(s, args,
			       &(struct gf_rule_ctx){gf_harness_ledger(), w->caller, w, 0, 0}, &res);
		gf_harness_end();
		CHECK(res.must_reject && !res.status_due, "queue and buffer both broken: none due");
	}
	/* .kern.vrfy.order: byte_pool_create's size (parameter 3, SIZE_ERROR
	 * outside [64, 65536]) at 0xffffffff makes its pool area (parameter
	 * 2) a range far past the caller's memory; the area's rule, broken
	 * first, does not count (its length source is broken): SIZE_ERROR is
	 * due, and the kernel, checking the size first, gives it. */
	CHECK(one_call_with("byte_pool_create", -1, 0, 6, 0) == GF_VERDICT_REJECTED &&
		      gf_harness_last_call()->status == GF_SIZE_ERROR,
	      "create with a size of 0xffffffff: status %#lx",
	      (unsigned long)gf_harness_last_call()->status);
	res = rules_of_last();
	CHECK(res.must_reject && res.param == 2 && res.status_due && res.status == GF_SIZE_ERROR,
	      "size out of range, area too long: param %d due %d status %#x", res.param,
	      res.status_due, res.status);

	printf("inputs (%s): %s\n", gf_iso_backend(),
	       check_failures ? "FAILED" : "full pool, raw requests, aliases and refusal statuses as expected");
	return check_failures ? 1 : 0;
}

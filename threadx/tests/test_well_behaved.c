/* test_well_behaved.c — a well-behaved module program on the real ThreadX
 * module manager (label threadx): for every object type, through the gate
 * as module A, allocate a control block, create the object, use it,
 * info_get, delete it and deallocate the block, each call with the status
 * ThreadX documents for a correct call.  Every call is also one the
 * reference rules accept, and ThreadX's integrity walk holds after each:
 * a BUG-free baseline for the oracle on this kernel.
 */
#include <string.h>

#include "check.h"
#include "harness.h"
#include "kernel.h"
#include "rules.h"

static uintptr_t scratch_next;

/* Zeroed module memory of A for one purpose (names, slots, buffers). */
static uintptr_t scratch(size_t n)
{
	uintptr_t at = scratch_next;

	memset((void *)at, 0, n);
	scratch_next += (n + 63) & ~(size_t)63;
	return at;
}

static uintptr_t name(const char *s)
{
	uintptr_t at = scratch(strlen(s) + 1);

	memcpy((void *)at, s, strlen(s) + 1);
	return at;
}

/* One call by module A; checks the rules accept it, its status, and the
 * kernel's integrity afterwards. */
static uintptr_t call(const char *service, uint32_t want, const uintptr_t *given, int n)
{
	const struct gf_service *s = gf_service_by_name(service);
	struct gf_rule_ctx ctx;
	struct gf_rule_result r;
	uintptr_t args[GF_MAX_PARAMS] = {0}, status = ~(uintptr_t)0;
	char why[256];

	CHECK(s != NULL, "no service %s", service);
	if (!s)
		return status;
	for (int i = 0; i < s->nparams; i++)
		args[i] = i < n ? given[i] : s->params[i].min;
	ctx = (struct gf_rule_ctx){gf_harness_ledger(), gf_harness_sandbox()->slot[GF_SLOT_A].module,
				   gf_harness_world(GF_SLOT_A), 0, 0};
	gf_rules_judge(s, args, &ctx, &r);
	CHECK(!r.must_reject, "%s: the rules reject parameter %d: %s", service, r.param,
	      r.rule ? r.rule : "");
	CHECK(gf_harness_exec(GF_SLOT_A, s, args, &status) == 0, "%s faulted", service);
	if (s->returns == GF_RET_STATUS)
		CHECK(status == want, "%s returned %#lx, expected %#x", service,
		      (unsigned long)status, want);
	CHECK(gf_kernel_integrity(why, sizeof why) == 0, "after %s: %s", service, why);
	return status;
}
#define CALL(service, want, ...)                                                   \
	call(service, want, (uintptr_t[]){__VA_ARGS__},                            \
	     (int)(sizeof((uintptr_t[]){__VA_ARGS__}) / sizeof(uintptr_t)))

/* Allocates a control block for type t and creates the object in it with
 * `create` (its arguments after the block and the name). */
static uintptr_t allocate(enum gf_object_type t)
{
	uintptr_t slot = scratch(8);

	CALL("module_object_allocate", GF_SUCCESS, slot,
	     t == GF_OT_BLOCK ? 64 : gf_kernel_object_size(t));
	return *(uintptr_t *)slot;
}

static void info_and_end(const char *family, uintptr_t obj)
{
	char service[64];
	uintptr_t n = scratch(8), a = scratch(8), b = scratch(8), c = scratch(8),
		  d = scratch(8), e = scratch(8);

	snprintf(service, sizeof service, "%s_info_get", family);
	CALL(service, GF_SUCCESS, obj, n, a, b, c, d, e);
	snprintf(service, sizeof service, "%s_delete", family);
	CALL(service, GF_SUCCESS, obj);
}

int main(void)
{
	uintptr_t o, slot, msg, out, mem;

	gf_harness_set_replay(1);
	gf_harness_begin((const uint8_t *)"", 0);
	scratch_next = gf_harness_sandbox()->slot[GF_SLOT_A].data->base + GF_DATA_SCRATCH + 0x4000;

	o = allocate(GF_OT_BLOCK_POOL);
	CALL("block_pool_create", GF_SUCCESS, o, name("wb.block"), 32, scratch(1024), 1024);
	slot = scratch(8);
	CALL("block_pool_allocate", GF_SUCCESS, o, slot, 0);
	CALL("block_pool_release", GF_SUCCESS, *(uintptr_t *)slot);
	info_and_end("block_pool", o);

	o = allocate(GF_OT_BYTE_POOL);
	CALL("byte_pool_create", GF_SUCCESS, o, name("wb.byte"), scratch(2048), 2048);
	slot = scratch(8);
	CALL("byte_pool_allocate", GF_SUCCESS, o, slot, 100, 0);
	CALL("byte_pool_release", GF_SUCCESS, *(uintptr_t *)slot);
	info_and_end("byte_pool", o);

	o = allocate(GF_OT_EVENT_FLAGS);
	CALL("event_flags_create", GF_SUCCESS, o, name("wb.flags"));
	CALL("event_flags_set", GF_SUCCESS, o, 0x5, 0 /* TX_OR */);
	CALL("event_flags_get", GF_SUCCESS, o, 0x1, 0 /* TX_OR */, scratch(8), 0);
	CALL("event_flags_get", GF_NO_EVENTS, o, 0x8, 2 /* TX_AND */, scratch(8), 0);
	info_and_end("event_flags", o);

	o = allocate(GF_OT_MUTEX);
	CALL("mutex_create", GF_SUCCESS, o, name("wb.mutex"), 0);
	CALL("mutex_get", GF_SUCCESS, o, 0);
	CALL("mutex_put", GF_SUCCESS, o);
	CALL("mutex_put", GF_NOT_OWNED, o);
	info_and_end("mutex", o);

	o = allocate(GF_OT_QUEUE);
	CALL("queue_create", GF_SUCCESS, o, name("wb.queue"), 2, scratch(64), 64);
	msg = scratch(8);
	out = scratch(8);
	memcpy((void *)msg, "gatefuzz", 8);
	CALL("queue_send", GF_SUCCESS, o, msg, 0);
	CALL("queue_receive", GF_SUCCESS, o, out, 0);
	CHECK(memcmp((void *)out, "gatefuzz", 8) == 0, "queue_receive gave another message");
	CALL("queue_receive", GF_QUEUE_EMPTY, o, out, 0);
	/* A wait on an empty queue ends as its timeout would (no scheduler). */
	CALL("queue_receive", GF_QUEUE_EMPTY, o, out, 5);
	info_and_end("queue", o);

	o = allocate(GF_OT_SEMAPHORE);
	CALL("semaphore_create", GF_SUCCESS, o, name("wb.sem"), 1);
	CALL("semaphore_get", GF_SUCCESS, o, 0);
	CALL("semaphore_get", GF_NO_INSTANCE, o, 0);
	CALL("semaphore_put", GF_SUCCESS, o);
	info_and_end("semaphore", o);

	o = allocate(GF_OT_TIMER);
	CALL("timer_create", GF_SUCCESS, o, name("wb.timer"),
	     gf_harness_sandbox()->slot[GF_SLOT_A].entry, 0, 10, 0, 0);
	CALL("timer_activate", GF_SUCCESS, o);
	CALL("timer_deactivate", GF_SUCCESS, o);
	info_and_end("timer", o);

	o = allocate(GF_OT_THREAD);
	mem = scratch(1024);
	CALL("thread_create", GF_SUCCESS, o, name("wb.thread"),
	     gf_harness_sandbox()->slot[GF_SLOT_A].entry, 0, mem, 1024, 20, 20, 0, 0);
	CALL("thread_resume", GF_SUCCESS, o);
	CALL("thread_suspend", GF_SUCCESS, o);
	CALL("thread_terminate", GF_SUCCESS, o);
	{
		uintptr_t n = scratch(8), a = scratch(8), b = scratch(8), c = scratch(8),
			  d = scratch(8), e = scratch(8), f = scratch(8), g = scratch(8);
		CALL("thread_info_get", GF_SUCCESS, o, n, a, b, c, d, e, f, g);
	}
	CALL("thread_delete", GF_SUCCESS, o);

	/* Every block above was given back by its *_delete (the module manager
	 * frees the control block); a fresh one is deallocated by hand. */
	o = allocate(GF_OT_BLOCK);
	CALL("module_object_deallocate", GF_SUCCESS, o);

	CHECK(gf_harness_last(NULL, 0) != GF_VERDICT_BUG, "the program ended in a BUG");

	/* The next input starts from the fixture's state, ThreadX's globals
	 * included (.tx.state): a semaphore left created is gone from its
	 * created list as well as from the arena. */
	o = allocate(GF_OT_SEMAPHORE);
	CALL("semaphore_create", GF_SUCCESS, o, name("wb.left"), 1);
	gf_harness_begin((const uint8_t *)"", 0);
	{
		char why[256];
		CHECK(gf_kernel_integrity(why, sizeof why) == 0, "after the restore: %s", why);
	}
	printf("well-behaved module program on ThreadX: %s\n", check_failures ? "FAILED" : "ok");
	return check_failures != 0;
}

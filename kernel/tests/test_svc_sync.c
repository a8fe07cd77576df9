/* test_svc_sync.c — semaphores, mutexes and event flags through the gate:
 * counts, owners and flags, the no-wait statuses, options out of range,
 * callbacks recorded only when they lie in the caller's code.
 * Usage: test_svc_sync <backend> */
#include "control_blocks.h"
#include "kernel.h"
#include "testbed.h"

enum { A, B };
#define NAME 0x000
#define OUT 0x100

static uint32_t out32(int slot)
{
	return *(uint32_t *)tb_scratch(slot, OUT);
}

static void semaphore(void)
{
	uintptr_t s = tb_block(A, GF_OT_SEMAPHORE);
	const struct gf_semaphore *cb = (const struct gf_semaphore *)s;

	CHECK_STATUS(TB_CALL(A, "semaphore_create", s, tb_string(A, NAME, "sem"), 2),
		     GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "semaphore_get", s, 0), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "semaphore_get", s, 100), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "semaphore_get", s, 0), GF_NO_INSTANCE);
	CHECK_STATUS(TB_CALL(A, "semaphore_put", s), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "semaphore_ceiling_put", s, 1), GF_NOT_DONE);
	CHECK_STATUS(TB_CALL(A, "semaphore_ceiling_put", s, 0), GF_INVALID_CEILING);
	CHECK_STATUS(TB_CALL(A, "semaphore_ceiling_put", s, 5), GF_SUCCESS);
	CHECK_EQ(cb->count, 2);
	CHECK_STATUS(TB_CALL(A, "semaphore_info_get", s, 0, tb_scratch(A, OUT), 0, 0,
			     0), GF_SUCCESS);
	CHECK_EQ(out32(A), 2);
	CHECK_STATUS(TB_CALL(A, "semaphore_put_notify", s, tb.slot[A].entry),
		     GF_SUCCESS);
	CHECK_EQ(cb->put_notify, tb.slot[A].entry);
	CHECK_STATUS(TB_CALL(A, "semaphore_put_notify", s, tb_scratch(A, 0)),
		     GF_INVALID_MEMORY); /* data is not code */
	CHECK_STATUS(TB_CALL(A, "semaphore_put_notify", s, tb.slot[B].entry),
		     GF_INVALID_MEMORY); /* nor is another module's code */
	CHECK_STATUS(TB_CALL(A, "semaphore_put_notify", s, 0), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "semaphore_prioritize", s), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "semaphore_delete", s), GF_SUCCESS);

	/* A full count stays full instead of wrapping. */
	CHECK_STATUS(TB_CALL(A, "semaphore_create", s, tb_string(A, NAME, "full"),
			     UINT32_MAX), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "semaphore_put", s), GF_NOT_DONE);
	CHECK_EQ(cb->count, UINT32_MAX);
	CHECK_STATUS(TB_CALL(A, "semaphore_delete", s), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "semaphore_get", s, 0), GF_SEMAPHORE_ERROR);
	CHECK_STATUS(TB_CALL(A, "module_object_deallocate", s), GF_SUCCESS);
}

static void mutex(void)
{
	uintptr_t m = tb_block(A, GF_OT_MUTEX);
	const struct gf_mutex *cb = (const struct gf_mutex *)m;

	CHECK_STATUS(TB_CALL(A, "mutex_create", m, tb_string(A, NAME, "mx"), 2),
		     GF_INHERIT_ERROR);
	CHECK_STATUS(TB_CALL(A, "mutex_create", m, tb_string(A, NAME, "mx"), 1),
		     GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "mutex_get", m, 0), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "mutex_get", m, 0), GF_SUCCESS);
	CHECK_EQ(cb->owner, A);
	CHECK_EQ(cb->count, 2);
	/* Another module, once it found the mutex, contends for it. */
	CHECK_STATUS(TB_CALL(B, "mutex_get", m, 0), GF_MUTEX_ERROR);
	CHECK_STATUS(TB_CALL(B, "module_object_pointer_get", GF_OT_MUTEX,
			     tb_string(B, NAME, "mx"), tb_scratch(B, OUT)), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(B, "mutex_get", m, 0), GF_NOT_AVAILABLE);
	CHECK_STATUS(TB_CALL(B, "mutex_put", m), GF_NOT_OWNED);
	CHECK_STATUS(TB_CALL(A, "mutex_put", m), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "mutex_put", m), GF_SUCCESS);
	CHECK_EQ(cb->owner, GF_MUTEX_FREE);
	CHECK_STATUS(TB_CALL(A, "mutex_put", m), GF_NOT_OWNED);
	CHECK_STATUS(TB_CALL(B, "mutex_get", m, 0), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "mutex_info_get", m, 0, tb_scratch(A, OUT), 0, 0, 0, 0),
		     GF_SUCCESS);
	CHECK_EQ(out32(A), 1);
	CHECK_STATUS(TB_CALL(A, "mutex_prioritize", m), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(B, "mutex_delete", m), GF_INVALID_OBJECT);
	CHECK_STATUS(TB_CALL(A, "mutex_delete", m), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(B, "mutex_put", m), GF_MUTEX_ERROR);
	CHECK_STATUS(TB_CALL(A, "module_object_deallocate", m), GF_SUCCESS);
}

static void event_flags(void)
{
	uintptr_t g = tb_block(A, GF_OT_EVENT_FLAGS), actual = tb_scratch(A, OUT);
	const struct gf_event_flags *cb = (const struct gf_event_flags *)g;

	CHECK_STATUS(TB_CALL(A, "event_flags_create", g, tb_string(A, NAME, "ev")),
		     GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "event_flags_set", g, 0x0f, 0), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "event_flags_set", g, 0x3c, 2), GF_SUCCESS);
	CHECK_EQ(cb->flags, 0x0c);
	CHECK_STATUS(TB_CALL(A, "event_flags_set", g, 0x1, 1), GF_OPTION_ERROR);
	CHECK_STATUS(TB_CALL(A, "event_flags_set", g, 0x1, 3), GF_OPTION_ERROR);
	CHECK_STATUS(TB_CALL(A, "event_flags_get", g, 0x04, 0, actual, 0), GF_SUCCESS);
	CHECK_EQ(out32(A), 0x0c);
	CHECK_STATUS(TB_CALL(A, "event_flags_get", g, 0x03, 2, actual, 0),
		     GF_NO_EVENTS);
	CHECK_STATUS(TB_CALL(A, "event_flags_get", g, 0x0c, 3, actual, 0), GF_SUCCESS);
	CHECK_EQ(cb->flags, 0);
	CHECK_STATUS(TB_CALL(A, "event_flags_get", g, 0x0c, 4, actual, 0),
		     GF_OPTION_ERROR);
	CHECK_STATUS(TB_CALL(A, "event_flags_get", g, 0x0c, 0, 0, 0), GF_PTR_ERROR);
	CHECK_STATUS(TB_CALL(A, "event_flags_get", g, 0x0c, 0, tb.slot[A].entry, 0),
		     GF_INVALID_MEMORY);
	CHECK_STATUS(TB_CALL(A, "event_flags_set_notify", g, tb.slot[A].entry),
		     GF_SUCCESS);
	CHECK_EQ(cb->set_notify, tb.slot[A].entry);
	CHECK_STATUS(TB_CALL(A, "event_flags_info_get", g, 0, actual, 0, 0, 0),
		     GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "event_flags_delete", g), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "event_flags_set", g, 1, 0), GF_GROUP_ERROR);
	CHECK_STATUS(TB_CALL(A, "module_object_deallocate", g), GF_SUCCESS);
}

int main(int argc, char **argv)
{
	tb_init(argc, argv, 2);
	tb_load(A, "puppet");
	tb_load(B, "puppet");
	semaphore();
	mutex();
	event_flags();
	return check_done("test_svc_sync");
}

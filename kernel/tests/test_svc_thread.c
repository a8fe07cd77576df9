/* test_svc_thread.c — threads, the clock and timers through the gate:
 * what create records and builds, the state machine of the control
 * services, ownership for control, ticks and callbacks.
 * Usage: test_svc_thread <backend> */
#include "arena.h"
#include "control_blocks.h"
#include "kernel.h"
#include "testbed.h"

enum { A, B };
#define NAME 0x000
#define OUT 0x100
#define STACK 0x4000
#define STACK_SIZE 0x400u

static uintptr_t out(int slot, int i)
{
	return tb_scratch(slot, OUT + (uintptr_t)i * sizeof(uintptr_t));
}

static uint32_t out32(int slot, int i)
{
	return *(uint32_t *)out(slot, i);
}

static uintptr_t create(uintptr_t t, uintptr_t entry, uintptr_t stack,
			uintptr_t stack_size, uintptr_t prio, uintptr_t thresh,
			uintptr_t autostart)
{
	return TB_CALL(A, "thread_create", t, tb_string(A, NAME, "worker"), entry, 5,
		       stack, stack_size, prio, thresh, 3, autostart);
}

static void thread_create(uintptr_t t)
{
	uintptr_t entry = tb.slot[A].entry, stack = tb_scratch(A, STACK);
	const struct gf_thread *cb = (const struct gf_thread *)t;
	const uint8_t *st = (const uint8_t *)stack;

	CHECK_STATUS(create(t, entry, stack, STACK_SIZE, 10, 12, 1), GF_THRESH_ERROR);
	CHECK_STATUS(create(t, entry, stack, STACK_SIZE, 7, 7, 1), GF_PRIORITY_ERROR);
	CHECK_STATUS(create(t, entry, stack, STACK_SIZE, 10, 32, 1), GF_THRESH_ERROR);
	CHECK_STATUS(create(t, entry, stack, 100, 10, 10, 1), GF_SIZE_ERROR);
	CHECK_STATUS(create(t, 0, stack, STACK_SIZE, 10, 10, 1), GF_PTR_ERROR);
	CHECK_STATUS(create(t, stack, stack, STACK_SIZE, 10, 10, 1), GF_INVALID_MEMORY);
	CHECK_STATUS(create(t, entry, tb.slot[A].code->base, STACK_SIZE, 10, 10, 1),
		     GF_INVALID_MEMORY);
	CHECK_STATUS(create(t, entry, stack, STACK_SIZE, 10, 10, 2), GF_OPTION_ERROR);
	CHECK_STATUS(create(t, entry, stack, STACK_SIZE, 10, 10, 1), GF_SUCCESS);
	CHECK_EQ(cb->entry, entry);
	CHECK_EQ(cb->stack, stack);
	CHECK_EQ(cb->state, GF_THREAD_READY);
	/* ThreadX's stack fill below the kernel stack copied to its top (the
	 * initial frame last), and no byte past the stack touched. */
	CHECK(st[0] == 0xef && st[STACK_SIZE - GF_KSTACK_BYTES - 1] == 0xef &&
	      st[STACK_SIZE - GF_KSTACK_BYTES] == 0 && st[STACK_SIZE] == 0);
	CHECK_EQ(*(const uintptr_t *)(st + STACK_SIZE - 3 * sizeof(uintptr_t)), entry);
}

static void thread_control(uintptr_t t)
{
	CHECK_STATUS(TB_CALL(A, "thread_suspend", t), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "thread_suspend", t), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "thread_resume", t), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "thread_resume", t), GF_RESUME_ERROR);
	CHECK_STATUS(TB_CALL(A, "thread_preemption_change", t, 12, out(A, 0)),
		     GF_THRESH_ERROR);
	CHECK_STATUS(TB_CALL(A, "thread_preemption_change", t, 8, out(A, 0)),
		     GF_SUCCESS);
	CHECK_EQ(out32(A, 0), 10);
	CHECK_STATUS(TB_CALL(A, "thread_priority_change", t, 20, out(A, 0)),
		     GF_SUCCESS);
	CHECK_EQ(out32(A, 0), 10);
	CHECK_STATUS(TB_CALL(A, "thread_priority_change", t, 40, out(A, 0)),
		     GF_PRIORITY_ERROR);
	CHECK_STATUS(TB_CALL(A, "thread_time_slice_change", t, 7, out(A, 0)),
		     GF_SUCCESS);
	CHECK_EQ(out32(A, 0), 3);
	CHECK_STATUS(TB_CALL(A, "thread_info_get", t, out(A, 0), out(A, 1), out(A, 2),
			     out(A, 3), out(A, 4), out(A, 5), out(A, 6), out(A, 7)),
		     GF_SUCCESS);
	CHECK_EQ(*(uintptr_t *)out(A, 0), tb_string(A, NAME, "worker"));
	CHECK_EQ(out32(A, 1), GF_THREAD_READY);
	CHECK_EQ(out32(A, 3), 20);
	CHECK_EQ(out32(A, 4), 20);
	CHECK_EQ(out32(A, 5), 7);
	CHECK_EQ(*(uintptr_t *)out(A, 6), t);
	CHECK_STATUS(TB_CALL(A, "thread_wait_abort", t), GF_WAIT_ABORT_ERROR);
	CHECK_STATUS(TB_CALL(A, "thread_entry_exit_notify", t, tb.slot[A].entry),
		     GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "thread_reset", t), GF_NOT_DONE);
	CHECK_STATUS(TB_CALL(A, "thread_delete", t), GF_DELETE_ERROR);
	CHECK_STATUS(TB_CALL(A, "thread_terminate", t), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "thread_suspend", t), GF_SUSPEND_ERROR);
	CHECK_STATUS(TB_CALL(A, "thread_reset", t), GF_SUCCESS);
	CHECK_EQ(((const struct gf_thread *)t)->state, GF_THREAD_SUSPENDED);
}

/* Found by name, a thread may be looked at, never controlled. */
static void thread_sharing(uintptr_t t)
{
	CHECK_STATUS(TB_CALL(B, "thread_info_get", t, 0, 0, 0, 0, 0, 0, 0, 0),
		     GF_THREAD_ERROR);
	CHECK_STATUS(TB_CALL(B, "module_object_pointer_get", GF_OT_THREAD,
			     tb_string(B, NAME, "worker"), out(B, 0)), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(B, "thread_info_get", t, 0, out(B, 1), 0, 0, 0, 0, 0, 0),
		     GF_SUCCESS);
	CHECK_EQ(out32(B, 1), GF_THREAD_SUSPENDED);
	CHECK_STATUS(TB_CALL(B, "thread_resume", t), GF_THREAD_ERROR);
	CHECK_STATUS(TB_CALL(B, "thread_terminate", t), GF_THREAD_ERROR);
	CHECK_STATUS(TB_CALL(B, "thread_delete", t), GF_INVALID_OBJECT);
}

static void thread_misc(void)
{
	CHECK_EQ(TB_CALL(A, "thread_identify", 0), 0);
	CHECK_STATUS(TB_CALL(A, "thread_relinquish", 0), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "thread_sleep", 0), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "thread_sleep", 5), GF_CALLER_ERROR);
	CHECK_STATUS(TB_CALL(A, "thread_stack_error_notify", tb.slot[A].entry),
		     GF_SUCCESS);
	CHECK_EQ(gf_sys()->stack_error_notify[A], tb.slot[A].entry);
	CHECK_STATUS(TB_CALL(A, "thread_stack_error_notify", tb_scratch(A, 0)),
		     GF_INVALID_MEMORY);
	CHECK_STATUS(TB_CALL(A, "time_set", 1234), GF_SUCCESS);
	CHECK_EQ(TB_CALL(A, "time_get", 0), 1234);
	CHECK_EQ(TB_CALL(B, "time_get", 0), 1234);
}

static void timer(void)
{
	uintptr_t t = tb_block(A, GF_OT_TIMER), cb_addr = tb.slot[A].entry;
	uintptr_t name = tb_string(A, NAME, "tick");
	const struct gf_timer *cb = (const struct gf_timer *)t;

	CHECK_STATUS(TB_CALL(A, "timer_create", t, name, 0, 1, 10, 5, 0), GF_PTR_ERROR);
	CHECK_STATUS(TB_CALL(A, "timer_create", t, name, cb_addr, 1, 0, 5, 0),
		     GF_TICK_ERROR);
	CHECK_STATUS(TB_CALL(A, "timer_create", t, name, cb_addr, 1, 10, 5, 2),
		     GF_ACTIVATE_ERROR);
	CHECK_STATUS(TB_CALL(A, "timer_create", t, name, cb_addr, 1, 10, 5, 0),
		     GF_SUCCESS);
	CHECK_EQ(cb->callback, cb_addr);
	CHECK_EQ(cb->active, 0);
	CHECK_STATUS(TB_CALL(A, "timer_activate", t), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "timer_activate", t), GF_ACTIVATE_ERROR);
	CHECK_STATUS(TB_CALL(A, "timer_info_get", t, 0, out(A, 0), out(A, 1), out(A, 2),
			     0), GF_SUCCESS);
	CHECK(out32(A, 0) == 1 && out32(A, 1) == 10 && out32(A, 2) == 5);
	CHECK_STATUS(TB_CALL(A, "timer_deactivate", t), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "timer_change", t, 0, 3), GF_TICK_ERROR);
	CHECK_STATUS(TB_CALL(A, "timer_change", t, 7, 3), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "timer_activate", t), GF_SUCCESS);
	CHECK_EQ(cb->remaining, 7);
	CHECK_STATUS(TB_CALL(A, "timer_delete", t), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "timer_activate", t), GF_TIMER_ERROR);
	CHECK_STATUS(TB_CALL(A, "module_object_deallocate", t), GF_SUCCESS);
}

int main(int argc, char **argv)
{
	uintptr_t t;

	tb_init(argc, argv, 2);
	tb_load(A, "puppet");
	tb_load(B, "puppet");
	t = tb_block(A, GF_OT_THREAD);
	thread_create(t);
	thread_control(t);
	thread_sharing(t);
	CHECK_STATUS(TB_CALL(A, "thread_terminate", t), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "thread_delete", t), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "module_object_deallocate", t), GF_SUCCESS);
	thread_misc();
	timer();
	return check_done("test_svc_thread");
}

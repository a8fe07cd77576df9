/* svc_thread.c — module threads, without a scheduler: a thread is its
 * control block, its stack and its state; nothing ever runs it.  The module
 * entry itself runs outside any kernel thread (thread_identify gives NULL,
 * thread_sleep with ticks gives CALLER_ERROR); states move only by the
 * control services (ThreadX's READY / SUSPENDED / TERMINATED / COMPLETED). */
#include <string.h>

#include "arena.h"
#include "bugs.h"
#include "call.h"
#include "control_blocks.h"
#include "kernel.h"
#include "poison.h"

/* ThreadX's stack fill, so stack use would be measurable. */
#define GF_STACK_FILL 0xef

/* The frame a first dispatch would pop, at the top of the kernel stack
 * (.kern.kstack). */
struct gf_initial_frame {
	uintptr_t entry, entry_input, stack_top;
};
_Static_assert(sizeof(struct gf_initial_frame) <= GF_KSTACK_BYTES,
	       "the initial frame fits the kernel stack");

/* The stack is the owner's memory, checked writable at create (at least
 * 256 bytes).  The initial frame is built on the owner's kernel stack, then
 * the kernel stack is copied to the top of the thread's stack, where a
 * first dispatch pops it, as ThreadX builds a thread's first frame on its
 * own stack (.kern.kstack). */
static void build_stacks(struct gf_thread *t, int owner)
{
	uint8_t *kstack = gf_sys()->kstack[owner];
	/* Seeded bug frame_kernel_pointer: the frame's stack top is the
	 * kernel stack it was built on, not the thread's. */
	struct gf_initial_frame f = {
		t->entry, t->entry_input,
		GF_SEEDED(frame_kernel_pointer, t->stack_size >= GF_KSTACK_BYTES)
			? (uintptr_t)(kstack + GF_KSTACK_BYTES)
			: t->stack + t->stack_size};
	/* Seeded bug stack_fill_past_end: the fill counts the stack's words
	 * up to and including the one at its end. */
	size_t fill = t->stack_size +
		      (GF_SEEDED(stack_fill_past_end, t->stack_size % 4 == 0) ? 4 : 0);

	memset((void *)t->stack, GF_STACK_FILL, fill);
	/* Seeded bug kstack_leak: the kernel stack built on as found, with
	 * what a terminated (or deleted) thread left there. */
	if (!GF_SEEDED(kstack_leak, gf_poison_match(kstack, GF_POISON_RUN) >= 0))
		memset(kstack, 0, GF_KSTACK_BYTES);
	memcpy(kstack + GF_KSTACK_BYTES - sizeof f, &f, sizeof f);
	memcpy((void *)(t->stack + t->stack_size - GF_KSTACK_BYTES), kstack,
	       GF_KSTACK_BYTES);
}

static int finished(const struct gf_thread *t)
{
	return t->state == GF_THREAD_TERMINATED ||
	       t->state == GF_THREAD_COMPLETED;
}

/* (thread, name, entry, entry_input, stack_start, stack_size, priority,
 *  preempt_threshold, time_slice, auto_start) */
uintptr_t gf_impl_thread_create(struct gf_call *c)
{
	struct gf_thread *t;

	if (gf_arg_u32(c, 7) > gf_arg_u32(c, 6))
		return GF_THRESH_ERROR;
	gf_object_begin(c->arg[0].block, GF_OT_THREAD, c->arg[1].value, c->name,
			c->name_len);
	t = gf_arg_cb(c, 0);
	t->entry = c->arg[2].value;
	t->entry_input = gf_arg_u32(c, 3);
	t->stack = c->arg[4].value;
	t->stack_size = gf_arg_u32(c, 5);
	t->priority = gf_arg_u32(c, 6);
	t->threshold = gf_arg_u32(c, 7);
	t->time_slice = gf_arg_u32(c, 8);
	t->state = gf_arg_u32(c, 9) ? GF_THREAD_READY : GF_THREAD_SUSPENDED;
	build_stacks(t, c->arg[0].block->owner);
	return GF_SUCCESS;
}

/* (thread): only a finished thread may be deleted. */
uintptr_t gf_impl_thread_delete(struct gf_call *c)
{
	const struct gf_thread *t = gf_arg_cb(c, 0);

	/* Seeded bug thread_delete_live: "not running" taken for "finished",
	 * so a suspended thread is deleted. */
	if (!finished(t) && !GF_SEEDED(thread_delete_live, t->state == GF_THREAD_SUSPENDED))
		return GF_DELETE_ERROR;
	gf_object_end(c->arg[0].block);
	return GF_SUCCESS;
}

/* (thread, callback): recorded, never called. */
uintptr_t gf_impl_thread_entry_exit_notify(struct gf_call *c)
{
	((struct gf_thread *)gf_arg_cb(c, 0))->entry_exit_notify = c->arg[1].value;
	return GF_SUCCESS;
}

/* No kernel thread runs the caller. */
uintptr_t gf_impl_thread_identify(struct gf_call *c)
{
	(void)c;
	return 0;
}

/* (thread, name, state, run_count, priority, preemption_threshold,
 *  time_slice, next_thread, next_suspended_thread) */
uintptr_t gf_impl_thread_info_get(struct gf_call *c)
{
	struct gf_thread *t = gf_arg_cb(c, 0);

	gf_slot_write(c, 1, t->obj.name_ptr);
	gf_slot_write(c, 2, t->state);
	gf_slot_write(c, 3, t->run_count);
	gf_slot_write(c, 4, t->priority);
	gf_slot_write(c, 5, t->threshold);
	gf_slot_write(c, 6, t->time_slice);
	gf_slot_write(c, 7, gf_object_next_address(&t->obj));
	gf_slot_write(c, 8, 0); /* nothing is suspended on anything */
	return GF_SUCCESS;
}

/* (thread, new_threshold, old_threshold slot) */
uintptr_t gf_impl_thread_preemption_change(struct gf_call *c)
{
	struct gf_thread *t = gf_arg_cb(c, 0);

	if (gf_arg_u32(c, 1) > t->priority)
		return GF_THRESH_ERROR;
	/* Seeded bug threshold_refused: a threshold equal to the priority
	 * taken for one above it. */
	if (GF_SEEDED(threshold_refused, gf_arg_u32(c, 1) == t->priority))
		return GF_THRESH_ERROR;
	gf_slot_write(c, 2, t->threshold);
	t->threshold = gf_arg_u32(c, 1);
	return GF_SUCCESS;
}

/* (thread, new_priority, old_priority slot): the threshold follows the
 * priority, as in ThreadX. */
uintptr_t gf_impl_thread_priority_change(struct gf_call *c)
{
	struct gf_thread *t = gf_arg_cb(c, 0);

	gf_slot_write(c, 2, t->priority);
	t->priority = t->threshold = gf_arg_u32(c, 1);
	return GF_SUCCESS;
}

uintptr_t gf_impl_thread_relinquish(struct gf_call *c)
{
	(void)c;
	return GF_SUCCESS;
}

/* (thread): a finished thread starts over, suspended. */
uintptr_t gf_impl_thread_reset(struct gf_call *c)
{
	struct gf_thread *t = gf_arg_cb(c, 0);

	if (!finished(t))
		return GF_NOT_DONE;
	t->state = GF_THREAD_SUSPENDED;
	build_stacks(t, c->arg[0].block->owner);
	return GF_SUCCESS;
}

uintptr_t gf_impl_thread_resume(struct gf_call *c)
{
	struct gf_thread *t = gf_arg_cb(c, 0);

	if (t->state != GF_THREAD_SUSPENDED)
		return GF_RESUME_ERROR;
	t->state = GF_THREAD_READY;
	return GF_SUCCESS;
}

/* (ticks): sleeping needs a thread to put to sleep. */
uintptr_t gf_impl_thread_sleep(struct gf_call *c)
{
	return gf_arg_u32(c, 0) == 0 ? GF_SUCCESS : GF_CALLER_ERROR;
}

/* (callback): one per module, recorded, never called. */
uintptr_t gf_impl_thread_stack_error_notify(struct gf_call *c)
{
	gf_sys()->stack_error_notify[c->caller] = c->arg[0].value;
	return GF_SUCCESS;
}

uintptr_t gf_impl_thread_suspend(struct gf_call *c)
{
	struct gf_thread *t = gf_arg_cb(c, 0);

	if (finished(t))
		return GF_SUSPEND_ERROR;
	/* Seeded bug thread_suspend_refused: a ready thread refused, as if
	 * only a suspended one could be suspended (again). */
	if (GF_SEEDED(thread_suspend_refused, t->state == GF_THREAD_READY))
		return GF_SUSPEND_ERROR;
	t->state = GF_THREAD_SUSPENDED;
	return GF_SUCCESS;
}

/* (thread): it never runs again, so its context, which may be left on its
 * owner's kernel stack, is dead kernel data: poisoned (.kern.poison). */
uintptr_t gf_impl_thread_terminate(struct gf_call *c)
{
	struct gf_block *b = c->arg[0].block;

	((struct gf_thread *)gf_block_body(b))->state = GF_THREAD_TERMINATED;
	gf_poison_fill(gf_offset_of(gf_sys()->kstack[b->owner]), GF_KSTACK_BYTES);
	return GF_SUCCESS;
}

/* (thread, new_time_slice, old_time_slice slot) */
uintptr_t gf_impl_thread_time_slice_change(struct gf_call *c)
{
	struct gf_thread *t = gf_arg_cb(c, 0);

	gf_slot_write(c, 2, t->time_slice);
	t->time_slice = gf_arg_u32(c, 1);
	return GF_SUCCESS;
}

/* Nothing ever waits, so there is no wait to abort. */
uintptr_t gf_impl_thread_wait_abort(struct gf_call *c)
{
	(void)c;
	return GF_WAIT_ABORT_ERROR;
}

/* model_thread.c — the model's rules for threads (.harn.model).  The model
 * is sure of a thread's state only where nothing but a call can move it:
 * created without auto-start or reset (suspended), terminated (finished).
 * A thread that was resumed may run, wait, complete: its state is the
 * kernel's (GF_MT_UNKNOWN), and every rule about it says EITHER, unless
 * the kernel runs no thread at all (GF_THREADS_RUN 0 in its object_abi.h):
 * then it stays ready until a call moves it (.harn.model.threads).  States
 * as ThreadX numbers them (tx_api.h), which the built-in kernel keeps. */
#include <stdio.h>

#include "model_internal.h"

#define TX_READY 0u
#define TX_TERMINATED 2u
#define TX_SUSPENDED 3u

/* Where a thread is made ready to run (auto-start, resume). */
#define STARTED (GF_THREADS_RUN ? GF_MT_UNKNOWN : GF_MT_READY)

/* (thread, name, entry, input, stack, stack_size, priority, threshold,
 *  time_slice, auto_start); scalars as the kernel's API takes them, 32
 *  bits in every kernel (UINT in ThreadX, GF_SCALAR's uint32 here). */
static void thread_create(struct gf_model_call *c)
{
	c->obj->u.thread.state = c->args[9] == 0 ? GF_MT_SUSPENDED : STARTED;
	c->obj->u.thread.priority = (uint32_t)c->args[6];
	c->obj->u.thread.threshold = (uint32_t)c->args[7];
}

static enum gf_model_thread state(const struct gf_model_call *c)
{
	return c->obj->u.thread.state;
}

static void terminate_expect(const struct gf_model_call *c, struct gf_expect *e)
{
	if (state(c) != GF_MT_UNKNOWN)
		gf_expect(e, GF_EXPECT_SUCCESS, 0,
			  "the thread is ready, suspended or finished: nothing runs it");
}

static void finished(struct gf_model_call *c)
{
	c->obj->u.thread.state = GF_MT_FINISHED;
}

/* Delete and reset need a finished thread; each refuses a suspended (or
 * ready) one with its own status. */
static void needs_finished(const struct gf_model_call *c, struct gf_expect *e,
			   uint32_t refusal)
{
	if (state(c) == GF_MT_FINISHED)
		gf_expect(e, GF_EXPECT_SUCCESS, 0, "the thread is finished");
	else if (state(c) != GF_MT_UNKNOWN)
		gf_expect(e, GF_EXPECT_REFUSAL, refusal,
			  "the thread is suspended or ready, not finished");
}

static void delete_expect(const struct gf_model_call *c, struct gf_expect *e)
{
	needs_finished(c, e, GF_DELETE_ERROR);
}

static void reset_expect(const struct gf_model_call *c, struct gf_expect *e)
{
	needs_finished(c, e, GF_NOT_DONE);
}

static void suspended(struct gf_model_call *c)
{
	c->obj->u.thread.state = GF_MT_SUSPENDED;
}

static void resume_expect(const struct gf_model_call *c, struct gf_expect *e)
{
	if (state(c) == GF_MT_SUSPENDED)
		gf_expect(e, GF_EXPECT_SUCCESS, 0, "the thread is suspended");
	else if (state(c) == GF_MT_FINISHED)
		gf_expect(e, GF_EXPECT_REFUSAL, GF_RESUME_ERROR, "the thread is finished");
	else if (state(c) == GF_MT_READY)
		gf_expect(e, GF_EXPECT_REFUSAL, GF_RESUME_ERROR,
			  "the thread is ready, not suspended");
}

static void started(struct gf_model_call *c)
{
	c->obj->u.thread.state = STARTED;
}

/* Suspending a suspended thread is the kernel's to allow or refuse. */
static void suspend_expect(const struct gf_model_call *c, struct gf_expect *e)
{
	if (state(c) == GF_MT_FINISHED)
		gf_expect(e, GF_EXPECT_REFUSAL, GF_SUSPEND_ERROR, "the thread is finished");
	else if (state(c) == GF_MT_READY)
		gf_expect(e, GF_EXPECT_SUCCESS, 0, "the thread is ready");
}

/* A ready thread suspended is suspended; one the model does not know
 * (ThreadX's may wait: its suspension is then delayed) stays unknown. */
static void suspend(struct gf_model_call *c)
{
	if (state(c) == GF_MT_READY)
		suspended(c);
}

static void wait_abort_expect(const struct gf_model_call *c, struct gf_expect *e)
{
	if (state(c) != GF_MT_UNKNOWN)
		gf_expect(e, GF_EXPECT_REFUSAL, GF_WAIT_ABORT_ERROR,
			  "the thread waits for nothing (ready, suspended or finished)");
}

/* (thread, new_threshold, old_threshold slot): a threshold above the
 * thread's priority is refused (ThreadX's _txe_thread_preemption_change:
 * TX_THRESH_ERROR), any other taken (.harn.model.threshold). */
static void preemption_expect(const struct gf_model_call *c, struct gf_expect *e)
{
	if ((uint32_t)c->args[1] > c->obj->u.thread.priority)
		gf_expect(e, GF_EXPECT_REFUSAL, GF_THRESH_ERROR,
			  "the new threshold is above the thread's priority");
	else
		gf_expect(e, GF_EXPECT_SUCCESS, 0,
			  "the new threshold is at most the thread's priority");
}

static const char *preemption_check(const struct gf_model_call *c, char *buf, size_t n)
{
	return gf_model_slot_is(c, 2, c->obj->u.thread.threshold, "old preemption threshold", buf, n);
}

static void preemption_change(struct gf_model_call *c)
{
	c->obj->u.thread.threshold = (uint32_t)c->args[1];
}

static const char *priority_check(const struct gf_model_call *c, char *buf, size_t n)
{
	return gf_model_slot_is(c, 2, c->obj->u.thread.priority, "old priority", buf, n);
}

/* (thread, new_priority, old_priority slot): the threshold follows the
 * priority (ThreadX's _tx_thread_priority_change sets both). */
static void priority_change(struct gf_model_call *c)
{
	c->obj->u.thread.priority = c->obj->u.thread.threshold = (uint32_t)c->args[1];
}

/* (thread, name, state, ...) */
static const char *info_check(const struct gf_model_call *c, char *buf, size_t n)
{
	static const struct {
		uint32_t tx;
		const char *words;
	} as[] = {[GF_MT_SUSPENDED] = {TX_SUSPENDED, "suspended"},
		  [GF_MT_FINISHED] = {TX_TERMINATED, "terminated"},
		  [GF_MT_READY] = {TX_READY, "ready"}};
	uintptr_t got;

	if (state(c) == GF_MT_UNKNOWN || !gf_model_slot(c, 2, &got) || got == as[state(c)].tx)
		return NULL;
	snprintf(buf, n, "thread state %lu, where the calls so far leave it %s",
		 (unsigned long)got, as[state(c)].words);
	return buf;
}

const struct gf_model_rule gf_model_thread_rules[] = {
	{"thread_create", NULL, NULL, thread_create},
	{"thread_terminate", terminate_expect, NULL, finished},
	{"thread_delete", delete_expect, NULL, NULL},
	{"thread_reset", reset_expect, NULL, suspended},
	{"thread_resume", resume_expect, NULL, started},
	{"thread_suspend", suspend_expect, NULL, suspend},
	{"thread_wait_abort", wait_abort_expect, NULL, NULL},
	{"thread_preemption_change", preemption_expect, preemption_check, preemption_change},
	{"thread_priority_change", NULL, priority_check, priority_change},
	{"thread_info_get", gf_model_usable, info_check, NULL},
	{NULL, NULL, NULL, NULL},
};

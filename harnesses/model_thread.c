/* model_thread.c — the model's rules for threads (.harn.model).  The model
 * is sure of a thread's state only where nothing but a call can move it:
 * created without auto-start or reset (suspended), terminated (finished).
 * A thread that was resumed may run, wait, complete: its state is the
 * kernel's (GF_MT_UNKNOWN), and every rule about it says EITHER.  States
 * as ThreadX numbers them (tx_api.h), which the built-in kernel keeps. */
#include <stdio.h>

#include "model_internal.h"

#define TX_TERMINATED 2u
#define TX_SUSPENDED 3u

/* (thread, name, entry, input, stack, stack_size, priority, threshold,
 *  time_slice, auto_start) */
static void thread_create(struct gf_model_call *c)
{
	c->obj->u.thread = c->args[9] == 0 ? GF_MT_SUSPENDED : GF_MT_UNKNOWN;
}

static enum gf_model_thread state(const struct gf_model_call *c)
{
	return c->obj->u.thread;
}

static void terminate_expect(const struct gf_model_call *c, struct gf_expect *e)
{
	if (state(c) != GF_MT_UNKNOWN)
		gf_expect(e, GF_EXPECT_SUCCESS, 0, "the thread is suspended or finished");
}

static void finished(struct gf_model_call *c)
{
	c->obj->u.thread = GF_MT_FINISHED;
}

/* Delete and reset need a finished thread; each refuses a suspended one
 * with its own status. */
static void needs_finished(const struct gf_model_call *c, struct gf_expect *e,
			   uint32_t refusal)
{
	if (state(c) == GF_MT_FINISHED)
		gf_expect(e, GF_EXPECT_SUCCESS, 0, "the thread is finished");
	else if (state(c) == GF_MT_SUSPENDED)
		gf_expect(e, GF_EXPECT_REFUSAL, refusal, "the thread is suspended, not finished");
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
	c->obj->u.thread = GF_MT_SUSPENDED;
}

static void resume_expect(const struct gf_model_call *c, struct gf_expect *e)
{
	if (state(c) == GF_MT_SUSPENDED)
		gf_expect(e, GF_EXPECT_SUCCESS, 0, "the thread is suspended");
	else if (state(c) == GF_MT_FINISHED)
		gf_expect(e, GF_EXPECT_REFUSAL, GF_RESUME_ERROR, "the thread is finished");
}

static void may_run(struct gf_model_call *c)
{
	c->obj->u.thread = GF_MT_UNKNOWN;
}

/* Suspending a suspended thread is the kernel's to allow or refuse. */
static void suspend_expect(const struct gf_model_call *c, struct gf_expect *e)
{
	if (state(c) == GF_MT_FINISHED)
		gf_expect(e, GF_EXPECT_REFUSAL, GF_SUSPEND_ERROR, "the thread is finished");
}

static void wait_abort_expect(const struct gf_model_call *c, struct gf_expect *e)
{
	if (state(c) != GF_MT_UNKNOWN)
		gf_expect(e, GF_EXPECT_REFUSAL, GF_WAIT_ABORT_ERROR,
			  "the thread waits for nothing (suspended or finished)");
}

/* (thread, name, state, ...) */
static const char *info_check(const struct gf_model_call *c, char *buf, size_t n)
{
	uintptr_t got, want = state(c) == GF_MT_SUSPENDED ? TX_SUSPENDED : TX_TERMINATED;

	if (state(c) == GF_MT_UNKNOWN || !gf_model_slot(c, 2, &got) || got == want)
		return NULL;
	snprintf(buf, n, "thread state %lu, where the calls so far leave it %s",
		 (unsigned long)got,
		 state(c) == GF_MT_SUSPENDED ? "suspended" : "terminated");
	return buf;
}

const struct gf_model_rule gf_model_thread_rules[] = {
	{"thread_create", NULL, NULL, thread_create},
	{"thread_terminate", terminate_expect, NULL, finished},
	{"thread_delete", delete_expect, NULL, NULL},
	{"thread_reset", reset_expect, NULL, suspended},
	{"thread_resume", resume_expect, NULL, may_run},
	{"thread_suspend", suspend_expect, NULL, NULL},
	{"thread_wait_abort", wait_abort_expect, NULL, NULL},
	{"thread_info_get", gf_model_usable, info_check, NULL},
	{NULL, NULL, NULL, NULL},
};

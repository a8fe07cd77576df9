/* model_sync.c — the model's rules for mutexes, semaphores and event
 * flags (.harn.model).  A mutex's owner is the module that got it: a
 * module's calls all run as one thread (the built-in kernel's module, or
 * ThreadX's module start thread). */
#include "model_internal.h"

#define MUTEX_FREE (-1)

/* ---- mutex ------------------------------------------------------------ */

static void mutex_create(struct gf_model_call *c)
{
	c->obj->u.mutex.owner = MUTEX_FREE;
	c->obj->u.mutex.count = 0;
}

/* (mutex, wait) */
static void mutex_get_expect(const struct gf_model_call *c, struct gf_expect *e)
{
	int32_t owner = c->obj->u.mutex.owner;

	if (owner == MUTEX_FREE)
		gf_expect(e, GF_EXPECT_SUCCESS, 0, "the mutex is free");
	else if (owner == c->w->caller && c->obj->u.mutex.count < UINT32_MAX)
		gf_expect(e, GF_EXPECT_SUCCESS, 0, "the caller holds the mutex (nesting)");
	else if (owner != c->w->caller && c->args[1] == 0)
		gf_expect(e, GF_EXPECT_REFUSAL, GF_NOT_AVAILABLE,
			  "another module holds the mutex, and the call does not wait");
}

static void mutex_get(struct gf_model_call *c)
{
	c->obj->u.mutex.owner = c->w->caller;
	c->obj->u.mutex.count++;
}

static void mutex_put_expect(const struct gf_model_call *c, struct gf_expect *e)
{
	if (c->obj->u.mutex.owner == c->w->caller)
		gf_expect(e, GF_EXPECT_SUCCESS, 0, "the caller holds the mutex");
	else
		gf_expect(e, GF_EXPECT_REFUSAL, GF_NOT_OWNED,
			  c->obj->u.mutex.owner == MUTEX_FREE
				  ? "nobody holds the mutex"
				  : "another module holds the mutex");
}

static void mutex_put(struct gf_model_call *c)
{
	if (--c->obj->u.mutex.count == 0)
		c->obj->u.mutex.owner = MUTEX_FREE;
}

/* (mutex, name, count, ...) */
static const char *mutex_info_check(const struct gf_model_call *c, char *buf, size_t n)
{
	return gf_model_slot_is(c, 2, c->obj->u.mutex.count, "ownership count", buf, n);
}

/* ---- semaphore -------------------------------------------------------- */

static void semaphore_create(struct gf_model_call *c)
{
	c->obj->u.count = (uint32_t)c->args[2];
}

/* (semaphore, wait) */
static void semaphore_get_expect(const struct gf_model_call *c, struct gf_expect *e)
{
	if (c->obj->u.count > 0)
		gf_expect(e, GF_EXPECT_SUCCESS, 0, "the semaphore's count is above zero");
	else if (c->args[1] == 0)
		gf_expect(e, GF_EXPECT_REFUSAL, GF_NO_INSTANCE,
			  "the count is zero, and the call does not wait");
}

static void semaphore_get(struct gf_model_call *c)
{
	c->obj->u.count--;
}

/* A count at its maximum is refused with NOT_DONE, or wraps to 0 where
 * the kernel's object_abi.h says so (GF_SEMAPHORE_PUT_WRAPS: ThreadX's
 * does, .harn.model.wrap). */
static void semaphore_put_expect(const struct gf_model_call *c, struct gf_expect *e)
{
	if (c->obj->u.count < UINT32_MAX)
		gf_expect(e, GF_EXPECT_SUCCESS, 0, "the count is below its maximum");
	else if (GF_SEMAPHORE_PUT_WRAPS)
		gf_expect(e, GF_EXPECT_SUCCESS, 0, "the count at its maximum wraps to 0");
	else
		gf_expect(e, GF_EXPECT_REFUSAL, GF_NOT_DONE, "the count is at its maximum");
}

/* Unsigned: the maximum wraps to 0, the only success it can have. */
static void semaphore_put(struct gf_model_call *c)
{
	c->obj->u.count++;
}

/* (semaphore, ceiling); each kernel names the refusal its own way. */
static void semaphore_ceiling_put_expect(const struct gf_model_call *c,
					 struct gf_expect *e)
{
	if (c->obj->u.count >= c->args[1])
		gf_expect(e, GF_EXPECT_REFUSAL, 0, "the count would pass the ceiling");
	else
		gf_expect(e, GF_EXPECT_SUCCESS, 0, "the count is below the ceiling");
}

static const char *semaphore_info_check(const struct gf_model_call *c, char *buf,
					size_t n)
{
	return gf_model_slot_is(c, 2, c->obj->u.count, "count", buf, n);
}

/* ---- event flags ------------------------------------------------------ */

/* ThreadX's options: bit 1 AND (else OR), bit 0 CLEAR. */
#define EVENT_AND 2u
#define EVENT_CLEAR 1u

static void event_flags_create(struct gf_model_call *c)
{
	c->obj->u.flags = 0;
}

/* (group, flags, option): OR (0) or AND (2) */
static void event_flags_set_expect(const struct gf_model_call *c, struct gf_expect *e)
{
	if (c->args[2] == 0 || c->args[2] == EVENT_AND)
		gf_expect(e, GF_EXPECT_SUCCESS, 0, "an OR or an AND");
	else
		gf_expect(e, GF_EXPECT_REFUSAL, GF_OPTION_ERROR, "neither OR nor AND");
}

static void event_flags_set(struct gf_model_call *c)
{
	if (c->args[2] == EVENT_AND)
		c->obj->u.flags &= (uint32_t)c->args[1];
	else
		c->obj->u.flags |= (uint32_t)c->args[1];
}

static int satisfied(const struct gf_model_call *c)
{
	uint32_t want = (uint32_t)c->args[1], have = c->obj->u.flags & want;

	return c->args[2] & EVENT_AND ? have == want : have != 0;
}

/* (group, requested, option, actual slot, wait).  Nothing requested is
 * left to the kernel. */
static void event_flags_get_expect(const struct gf_model_call *c, struct gf_expect *e)
{
	if (c->args[2] > (EVENT_AND | EVENT_CLEAR))
		gf_expect(e, GF_EXPECT_REFUSAL, GF_OPTION_ERROR, "no such option");
	else if ((uint32_t)c->args[1] == 0)
		return;
	else if (satisfied(c))
		gf_expect(e, GF_EXPECT_SUCCESS, 0, "the requested flags are set");
	else if (c->args[4] == 0)
		gf_expect(e, GF_EXPECT_REFUSAL, GF_NO_EVENTS,
			  "the requested flags are not set, and the call does not wait");
}

static const char *event_flags_get_check(const struct gf_model_call *c, char *buf,
					 size_t n)
{
	return gf_model_slot_is(c, 3, c->obj->u.flags, "actual flags", buf, n);
}

static void event_flags_get(struct gf_model_call *c)
{
	if (c->args[2] & EVENT_CLEAR)
		c->obj->u.flags &= ~(uint32_t)c->args[1];
}

static const char *event_flags_info_check(const struct gf_model_call *c, char *buf,
					  size_t n)
{
	return gf_model_slot_is(c, 2, c->obj->u.flags, "current flags", buf, n);
}

const struct gf_model_rule gf_model_sync_rules[] = {
	{"mutex_create", NULL, NULL, mutex_create},
	{"mutex_get", mutex_get_expect, NULL, mutex_get},
	{"mutex_put", mutex_put_expect, NULL, mutex_put},
	{"mutex_info_get", gf_model_usable, mutex_info_check, NULL},
	{"mutex_delete", NULL, NULL, NULL},
	{"semaphore_create", NULL, NULL, semaphore_create},
	{"semaphore_get", semaphore_get_expect, NULL, semaphore_get},
	{"semaphore_put", semaphore_put_expect, NULL, semaphore_put},
	{"semaphore_ceiling_put", semaphore_ceiling_put_expect, NULL, semaphore_put},
	{"semaphore_info_get", gf_model_usable, semaphore_info_check, NULL},
	{"semaphore_delete", NULL, NULL, NULL},
	{"event_flags_create", NULL, NULL, event_flags_create},
	{"event_flags_set", event_flags_set_expect, NULL, event_flags_set},
	{"event_flags_get", event_flags_get_expect, event_flags_get_check, event_flags_get},
	{"event_flags_info_get", gf_model_usable, event_flags_info_check, NULL},
	{"event_flags_delete", NULL, NULL, NULL},
	{NULL, NULL, NULL, NULL},
};

/* model_queue.c — the model's rules for queues (.harn.model): how many
 * messages a queue holds, and, while it has a store for them, which, the
 * first sent first (a front send first of all).  The messages live in the
 * creator's memory, which it may rewrite: a queue whose storage changed
 * behind the model's back, or that an output of the call's own overlaps,
 * keeps its count but no longer its messages (.harn.model.area). */
#include <stdio.h>
#include <string.h>

#include "model_internal.h"

static void forget_messages(struct gf_model_call *c)
{
	if (c->obj->u.queue.store >= 0)
		c->m->store_used[c->obj->u.queue.store] = 0;
	c->obj->u.queue.store = -1;
}

/* An empty queue's messages are known: none. */
static void know_messages(struct gf_model_call *c)
{
	for (int k = 0; k < GF_MODEL_QUEUES && c->obj->u.queue.store < 0; k++)
		if (!c->m->store_used[k] &&
		    c->obj->u.queue.msg_bytes <= GF_MODEL_QUEUE_BYTES) {
			c->m->store_used[k] = 1;
			c->obj->u.queue.store = k;
		}
}

static uint8_t *store(const struct gf_model_call *c)
{
	return c->m->store[c->obj->u.queue.store];
}

/* (queue, name, message words, storage, storage bytes) */
static void queue_create(struct gf_model_call *c)
{
	struct gf_model_obj *q = c->obj;

	/* A size no kernel should take is not modelled. */
	if (c->args[2] == 0 || c->args[2] > GF_MODEL_QUEUE_BYTES / 4) {
		gf_model_forget(c->m, q);
		return;
	}
	q->u.queue.msg_bytes = (uint32_t)c->args[2] * 4;
	q->u.queue.capacity = (uint32_t)(c->args[4] / q->u.queue.msg_bytes);
	q->u.queue.count = 0;
	q->u.queue.store = -1;
	q->area = c->args[3];
	q->area_size = (uint32_t)c->args[4];
	know_messages(c);
}

/* (queue, message, wait) */
static void send_expect(const struct gf_model_call *c, struct gf_expect *e)
{
	if (c->obj->u.queue.count < c->obj->u.queue.capacity)
		gf_expect(e, GF_EXPECT_SUCCESS, 0, "the queue has room");
	else if (c->args[2] == 0)
		gf_expect(e, GF_EXPECT_REFUSAL, GF_QUEUE_FULL,
			  "the queue is full, and the call does not wait");
}

/* Keeps the sent message, at the back or the front, when its content is
 * certain: read from the caller's buffer, unless the buffer overlaps the
 * storage the kernel copied it into. */
static void sent(struct gf_model_call *c, int front)
{
	struct gf_model_obj *q = c->obj;
	uint32_t bytes = q->u.queue.msg_bytes, held = q->u.queue.count * bytes;

	if (!c->trusted || gf_model_in_area(q, c->args[1], bytes) ||
	    held + bytes > GF_MODEL_QUEUE_BYTES)
		forget_messages(c);
	if (q->u.queue.store >= 0) {
		uint8_t *s = store(c);
		if (front)
			memmove(s + bytes, s, held);
		memcpy(s + (front ? 0 : held), (const void *)c->args[1], bytes);
	}
	q->u.queue.count++;
}

static void send(struct gf_model_call *c)
{
	sent(c, 0);
}

static void front_send(struct gf_model_call *c)
{
	sent(c, 1);
}

/* (queue, destination, wait) */
static void receive_expect(const struct gf_model_call *c, struct gf_expect *e)
{
	if (c->obj->u.queue.count > 0)
		gf_expect(e, GF_EXPECT_SUCCESS, 0, "the queue holds a message");
	else if (c->args[2] == 0)
		gf_expect(e, GF_EXPECT_REFUSAL, GF_QUEUE_EMPTY,
			  "the queue is empty, and the call does not wait");
}

static const char *receive_check(const struct gf_model_call *c, char *buf, size_t n)
{
	const struct gf_model_obj *q = c->obj;
	const uint8_t *got = (const uint8_t *)c->args[1];
	uint32_t bytes = q->u.queue.msg_bytes, at = 0;

	if (!c->trusted || q->u.queue.store < 0 || q->u.queue.count == 0 ||
	    gf_model_in_area(q, c->args[1], bytes))
		return NULL;
	if (memcmp(got, store(c), bytes) == 0)
		return NULL;
	while (got[at] == store(c)[at])
		at++;
	snprintf(buf, n, "received a message other than the first of the %u sent "
		 "(byte %u is %#x, not %#x)", (unsigned)q->u.queue.count, (unsigned)at, got[at],
		 store(c)[at]);
	return buf;
}

static void receive(struct gf_model_call *c)
{
	struct gf_model_obj *q = c->obj;
	uint32_t bytes = q->u.queue.msg_bytes;

	if (!c->trusted || gf_model_in_area(q, c->args[1], bytes))
		forget_messages(c);
	q->u.queue.count--;
	if (q->u.queue.store >= 0)
		memmove(store(c), store(c) + bytes, q->u.queue.count * bytes);
	if (q->u.queue.count == 0)
		know_messages(c);
}

static void flush(struct gf_model_call *c)
{
	c->obj->u.queue.count = 0;
	know_messages(c);
}

/* (queue, name, enqueued, available, ...) */
static const char *info_check(const struct gf_model_call *c, char *buf, size_t n)
{
	const struct gf_model_obj *q = c->obj;
	uintptr_t got;

	if (gf_model_slot(c, 2, &got) && got != q->u.queue.count)
		snprintf(buf, n, "%lu messages enqueued, where the calls so far leave %u",
			 (unsigned long)got, (unsigned)q->u.queue.count);
	else if (gf_model_slot(c, 3, &got) && got != q->u.queue.capacity - q->u.queue.count)
		snprintf(buf, n, "room for %lu messages, where the calls so far leave %u",
			 (unsigned long)got, (unsigned)(q->u.queue.capacity - q->u.queue.count));
	else
		return NULL;
	return buf;
}

const struct gf_model_rule gf_model_queue_rules[] = {
	{"queue_create", NULL, NULL, queue_create},
	{"queue_send", send_expect, NULL, send},
	{"queue_front_send", send_expect, NULL, front_send},
	{"queue_receive", receive_expect, receive_check, receive},
	{"queue_flush", gf_model_usable, NULL, flush},
	{"queue_info_get", gf_model_usable, info_check, NULL},
	{"queue_delete", NULL, NULL, NULL},
	{NULL, NULL, NULL, NULL},
};

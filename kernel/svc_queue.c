/* svc_queue.c — message queues.  Messages are copied between the caller's
 * buffers and the storage the creator gave at create (module memory, rules
 * checked then; a module that shares the queue by name can write it too,
 * see module_object_pointer_get).  No waits: a full queue gives QUEUE_FULL,
 * an empty one QUEUE_EMPTY.  A copy is the buffer's validated length (the
 * queue's message size, read when the queue was validated).  memmove, not
 * memcpy: a module may pass a message that overlaps the storage. */
#include <string.h>

#include "bugs.h"
#include "call.h"
#include "control_blocks.h"

static uint8_t *message(const struct gf_queue *q, uint32_t index)
{
	return (uint8_t *)q->storage + (uintptr_t)index * q->msg_bytes;
}

/* (queue, name, message_size in 32-bit words, queue_start, queue_size) */
uintptr_t gf_impl_queue_create(struct gf_call *c)
{
	uint32_t msg_bytes = gf_arg_u32(c, 2) * 4;
	uint32_t capacity = gf_arg_u32(c, 4) / msg_bytes;
	struct gf_queue *q;

	if (capacity == 0)
		return GF_SIZE_ERROR;
	gf_object_begin(c->arg[0].block, GF_OT_QUEUE, c->arg[1].value, c->name,
			c->name_len);
	q = gf_arg_cb(c, 0);
	q->storage = c->arg[3].value;
	q->storage_size = gf_arg_u32(c, 4);
	q->msg_bytes = msg_bytes;
	q->capacity = capacity;
	return GF_SUCCESS;
}

uintptr_t gf_impl_queue_flush(struct gf_call *c)
{
	struct gf_queue *q = gf_arg_cb(c, 0);

	q->enqueued = q->read = q->write = 0;
	return GF_SUCCESS;
}

/* (queue, source, wait): the message goes in front of the others. */
uintptr_t gf_impl_queue_front_send(struct gf_call *c)
{
	struct gf_queue *q = gf_arg_cb(c, 0);

	if (q->enqueued == q->capacity)
		return GF_QUEUE_FULL;
	q->read = (q->read + q->capacity - 1) % q->capacity;
	memmove(message(q, q->read), (const void *)c->arg[1].value,
		c->arg[1].len);
	q->enqueued++;
	return GF_SUCCESS;
}

/* (queue, source, wait) */
uintptr_t gf_impl_queue_send(struct gf_call *c)
{
	struct gf_queue *q = gf_arg_cb(c, 0);

	if (q->enqueued == q->capacity)
		return GF_QUEUE_FULL;
	memmove(message(q, q->write), (const void *)c->arg[1].value,
		c->arg[1].len);
	/* Seeded bug queue_index_mask: the cheap wrap, right only when the
	 * capacity is a power of two. */
	if (GF_SEEDED(queue_index_mask, q->capacity & (q->capacity - 1)))
		q->write = (q->write + 1) & (q->capacity - 1);
	else
		q->write = (q->write + 1) % q->capacity;
	q->enqueued++;
	return GF_SUCCESS;
}

/* (queue, destination, wait) */
uintptr_t gf_impl_queue_receive(struct gf_call *c)
{
	struct gf_queue *q = gf_arg_cb(c, 0);
	uint32_t from = q->read;

	if (q->enqueued == 0)
		return GF_QUEUE_EMPTY;
	/* Seeded bug queue_wrong_message: the ring's two ends confused, the
	 * message taken from where the next one will be written. */
	if (GF_SEEDED(queue_wrong_message, q->write != q->read))
		from = q->write;
	memmove((void *)c->arg[1].value, message(q, from), c->arg[1].len);
	q->read = (q->read + 1) % q->capacity;
	q->enqueued--;
	return GF_SUCCESS;
}

/* (queue, name, enqueued, available_storage, first_suspended,
 *  suspended_count, next_queue) */
uintptr_t gf_impl_queue_info_get(struct gf_call *c)
{
	struct gf_queue *q = gf_arg_cb(c, 0);

	return gf_info_reply(c, &q->obj,
			     (const uintptr_t[]){q->enqueued, q->capacity - q->enqueued}, 2);
}

/* (queue, callback): recorded, never called (no scheduler). */
uintptr_t gf_impl_queue_send_notify(struct gf_call *c)
{
	((struct gf_queue *)gf_arg_cb(c, 0))->send_notify = c->arg[1].value;
	return GF_SUCCESS;
}

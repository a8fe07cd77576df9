/* test_svc_queue.c — message queues through the gate: create/use/delete,
 * FIFO contents in the module's storage, the buffer rules for each
 * direction, sharing by name across modules.
 * Usage: test_svc_queue <backend> */
#include <string.h>

#include "control_blocks.h"
#include "kernel.h"
#include "testbed.h"

enum { A, B };
#define NAME 0x000
#define OUT 0x100     /* output slots                         */
#define MSG 0x200     /* a message buffer                     */
#define STORAGE 0x1000

static uint32_t out32(int slot, uintptr_t off)
{
	return *(uint32_t *)tb_scratch(slot, OUT + off);
}

static void send_word(int slot, uintptr_t q, uint32_t w0, const char *svc,
		      uint32_t want)
{
	uint32_t *msg = (uint32_t *)tb_scratch(slot, MSG);

	msg[0] = w0;
	msg[1] = ~w0;
	CHECK_STATUS(TB_CALL(slot, svc, q, (uintptr_t)msg, 0), want);
}

static void fifo(void)
{
	uintptr_t q = tb_block(A, GF_OT_QUEUE);
	uintptr_t storage = tb_scratch(A, STORAGE);
	uintptr_t got = tb_scratch(A, MSG + 0x40);
	const struct gf_queue *cb = (const struct gf_queue *)q;
	const uint32_t *st = (const uint32_t *)storage;

	CHECK_STATUS(TB_CALL(A, "queue_create", q, tb_string(A, NAME, "fifo"), 2,
			     storage, 32), GF_SUCCESS);
	CHECK_EQ(cb->capacity, 4);
	CHECK_EQ(cb->msg_bytes, 8);
	send_word(A, q, 1, "queue_send", GF_SUCCESS);
	send_word(A, q, 2, "queue_send", GF_SUCCESS);
	send_word(A, q, 3, "queue_send", GF_SUCCESS);
	/* The messages are in the module's storage, in order. */
	CHECK(st[0] == 1 && st[1] == ~1u && st[2] == 2 && st[4] == 3);
	send_word(A, q, 9, "queue_front_send", GF_SUCCESS);
	CHECK_EQ(st[6], 9); /* in front: the slot before the first */
	send_word(A, q, 4, "queue_send", GF_QUEUE_FULL);
	CHECK_STATUS(TB_CALL(A, "queue_info_get", q, tb_scratch(A, OUT),
			     tb_scratch(A, OUT + 8), tb_scratch(A, OUT + 12), 0, 0,
			     tb_scratch(A, OUT + 16)), GF_SUCCESS);
	CHECK_EQ(*(uintptr_t *)tb_scratch(A, OUT), tb_string(A, NAME, "fifo"));
	CHECK_EQ(out32(A, 8), 4);
	CHECK_EQ(out32(A, 12), 0);
	CHECK_EQ(*(uintptr_t *)tb_scratch(A, OUT + 16), q); /* alone in its list */
	for (uint32_t want = 9, i = 0; i < 4; want = ++i) {
		CHECK_STATUS(TB_CALL(A, "queue_receive", q, got, 0), GF_SUCCESS);
		CHECK_EQ(((uint32_t *)got)[0], want);
		CHECK_EQ(((uint32_t *)got)[1], ~want);
		if (i == 0)
			want = 1;
	}
	CHECK_STATUS(TB_CALL(A, "queue_receive", q, got, 0), GF_QUEUE_EMPTY);
	send_word(A, q, 5, "queue_send", GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "queue_flush", q), GF_SUCCESS);
	CHECK_EQ(cb->enqueued, 0);
	CHECK_STATUS(TB_CALL(A, "queue_receive", q, got, 0), GF_QUEUE_EMPTY);
	CHECK_STATUS(TB_CALL(A, "queue_prioritize", q), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "queue_send_notify", q, tb.slot[A].entry), GF_SUCCESS);
	CHECK_EQ(cb->send_notify, tb.slot[A].entry);
	CHECK_STATUS(TB_CALL(A, "queue_send_notify", q, storage), GF_INVALID_MEMORY);

	CHECK_STATUS(TB_CALL(A, "queue_delete", q), GF_SUCCESS);
	/* Stale: the block is empty again. */
	send_word(A, q, 1, "queue_send", GF_QUEUE_ERROR);
	CHECK_STATUS(TB_CALL(A, "module_object_deallocate", q), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "queue_flush", q), GF_QUEUE_ERROR);
}

/* Which memory a message may come from and go to. */
static void buffers(void)
{
	uintptr_t q = tb_block(A, GF_OT_QUEUE);
	const struct gf_slot *s = &tb.slot[A];
	uintptr_t data_end = s->data->base + s->data->size;

	CHECK_STATUS(TB_CALL(A, "queue_create", q, tb_string(A, NAME, "buf"), 2,
			     tb_scratch(A, STORAGE), 64), GF_SUCCESS);
	/* Reading: own code and both windows are readable. */
	CHECK_STATUS(TB_CALL(A, "queue_send", q, s->code->base, 0), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "queue_send", q, tb.shared_ro->base, 0), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "queue_send", q, tb.shared_rw->base, 0), GF_SUCCESS);
	/* Not: a range partly outside, the arena, another module, NULL. */
	CHECK_STATUS(TB_CALL(A, "queue_send", q, data_end - 4, 0), GF_INVALID_MEMORY);
	CHECK_STATUS(TB_CALL(A, "queue_send", q, s->data->base - 4, 0),
		     GF_INVALID_MEMORY);
	CHECK_STATUS(TB_CALL(A, "queue_send", q, tb.arena->base, 0), GF_INVALID_MEMORY);
	CHECK_STATUS(TB_CALL(A, "queue_send", q, tb.slot[B].data->base, 0),
		     GF_INVALID_MEMORY);
	CHECK_STATUS(TB_CALL(A, "queue_send", q, 0, 0), GF_PTR_ERROR);
	CHECK_STATUS(TB_CALL(A, "queue_send", q, UINTPTR_MAX - 3, 0),
		     GF_INVALID_MEMORY);
	/* Writing: not code, not the read-only window. */
	CHECK_STATUS(TB_CALL(A, "queue_receive", q, s->code->base, 0),
		     GF_INVALID_MEMORY);
	CHECK_STATUS(TB_CALL(A, "queue_receive", q, tb.shared_ro->base, 0),
		     GF_INVALID_MEMORY);
	CHECK_STATUS(TB_CALL(A, "queue_receive", q, tb_scratch(A, MSG), 0), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "queue_receive", q, tb.shared_rw->base + 64, 0),
		     GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "queue_receive", q, data_end - 7, 0),
		     GF_INVALID_MEMORY);
	/* The storage is written: the same rules at create. */
	CHECK_STATUS(TB_CALL(A, "queue_delete", q), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "queue_create", q, tb_string(A, NAME, "buf"), 2,
			     s->code->base, 64), GF_INVALID_MEMORY);
	CHECK_STATUS(TB_CALL(A, "queue_create", q, tb_string(A, NAME, "buf"), 2,
			     data_end - 32, 64), GF_INVALID_MEMORY);
	CHECK_STATUS(TB_CALL(A, "queue_create", q, tb_string(A, NAME, "buf"), 2,
			     tb_scratch(A, STORAGE), 3), GF_SIZE_ERROR);
	CHECK_STATUS(TB_CALL(A, "queue_create", q, tb_string(A, NAME, "buf"), 17,
			     tb_scratch(A, STORAGE), 64), GF_SIZE_ERROR);
	CHECK_STATUS(TB_CALL(A, "queue_create", q, tb_string(A, NAME, "buf"), 16,
			     tb_scratch(A, STORAGE), 32), GF_SIZE_ERROR);
	CHECK_EQ(gf_kernel_object_at(q, NULL, NULL), 0);
	CHECK_STATUS(TB_CALL(A, "module_object_deallocate", q), GF_SUCCESS);
}

/* Creation needs a block of the caller's, empty and large enough. */
static void creation(void)
{
	uintptr_t q = tb_block(A, GF_OT_QUEUE), other = tb_block(B, GF_OT_QUEUE);
	uintptr_t small = tb_scratch(A, OUT), storage = tb_scratch(A, STORAGE);
	uintptr_t name = tb_string(A, NAME, "c");

	CHECK_STATUS(TB_CALL(A, "module_object_allocate", small, 64), GF_SUCCESS);
	small = *(uintptr_t *)small;
	CHECK_STATUS(TB_CALL(A, "queue_create", small, name, 1, storage, 64),
		     GF_INVALID_OBJECT);
	CHECK_STATUS(TB_CALL(A, "queue_create", other, name, 1, storage, 64),
		     GF_INVALID_OBJECT);
	CHECK_STATUS(TB_CALL(A, "queue_create", q + 8, name, 1, storage, 64),
		     GF_INVALID_OBJECT);
	CHECK_STATUS(TB_CALL(A, "queue_create", 0, name, 1, storage, 64),
		     GF_QUEUE_ERROR);
	CHECK_STATUS(TB_CALL(A, "queue_create", q, name, 1, storage, 64), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "queue_create", q, name, 1, storage, 64),
		     GF_QUEUE_ERROR); /* already created */
	CHECK_STATUS(TB_CALL(A, "module_object_deallocate", q), GF_DELETE_ERROR);
	CHECK_STATUS(TB_CALL(A, "queue_delete", q), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "module_object_deallocate", q), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "module_object_deallocate", small), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(B, "module_object_deallocate", other), GF_SUCCESS);
}

/* A queue is shared by name only when the finder may write its storage. */
static void sharing(void)
{
	uintptr_t priv = tb_block(A, GF_OT_QUEUE), pub = tb_block(A, GF_OT_QUEUE);
	uintptr_t found = tb_scratch(B, OUT), got = tb_scratch(A, MSG + 0x40);

	CHECK_STATUS(TB_CALL(A, "queue_create", priv, tb_string(A, NAME, "private"),
			     2, tb_scratch(A, STORAGE), 64), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "queue_create", pub, tb_string(A, NAME, "public"),
			     2, tb.shared_rw->base + 1024, 64), GF_SUCCESS);
	/* B was never given either. */
	send_word(B, pub, 7, "queue_send", GF_QUEUE_ERROR);
	CHECK_STATUS(TB_CALL(B, "module_object_pointer_get", GF_OT_QUEUE,
			     tb_string(B, NAME, "private"), found), GF_NOT_FOUND);
	CHECK_STATUS(TB_CALL(B, "module_object_pointer_get", GF_OT_QUEUE,
			     tb_string(B, NAME, "public"), found), GF_SUCCESS);
	CHECK_EQ(*(uintptr_t *)found, pub);
	send_word(B, pub, 7, "queue_send", GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "queue_receive", pub, got, 0), GF_SUCCESS);
	CHECK_EQ(*(uint32_t *)got, 7);
	/* Shared for use, not for ending. */
	CHECK_STATUS(TB_CALL(B, "queue_delete", pub), GF_INVALID_OBJECT);
	CHECK_STATUS(TB_CALL(B, "module_object_deallocate", pub), GF_INVALID_OBJECT);
	CHECK_STATUS(TB_CALL(A, "queue_delete", pub), GF_SUCCESS);
	send_word(B, pub, 8, "queue_send", GF_QUEUE_ERROR);
	CHECK_STATUS(TB_CALL(A, "queue_delete", priv), GF_SUCCESS);
}

int main(int argc, char **argv)
{
	tb_init(argc, argv, 2);
	tb_load(A, "puppet");
	tb_load(B, "puppet");
	fifo();
	buffers();
	creation();
	sharing();
	return check_done("test_svc_queue");
}

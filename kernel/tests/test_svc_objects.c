/* test_svc_objects.c — object blocks, lookups by name, the dispatcher
 * (request ids, the extra-parameter array, who may call), strings at the
 * edges of memory, unloading a module and restoring a snapshot.
 * Usage: test_svc_objects <backend> */
#include <string.h>

#include "arena.h"
#include "call.h"
#include "control_blocks.h"
#include "kernel.h"
#include "testbed.h"

enum { A, B };
#define NAME 0x000
#define OUT 0x100
#define MANY 0x800 /* a table of block addresses */

static uintptr_t out(int slot, int i)
{
	return tb_scratch(slot, OUT + (uintptr_t)i * sizeof(uintptr_t));
}

static uintptr_t got(int slot, int i)
{
	return *(uintptr_t *)out(slot, i);
}

static void blocks(void)
{
	uintptr_t *table = (uintptr_t *)tb_scratch(A, MANY);
	uint32_t before = gf_sys()->nblocks;
	int n = 0;
	enum gf_object_type type;
	int owner;

	CHECK_STATUS(TB_CALL(A, "module_object_allocate", out(A, 0), 0), GF_SIZE_ERROR);
	CHECK_STATUS(TB_CALL(A, "module_object_allocate", out(A, 0), 513), GF_SIZE_ERROR);
	CHECK_STATUS(TB_CALL(A, "module_object_allocate", 0, 64), GF_PTR_ERROR);
	CHECK_STATUS(TB_CALL(A, "module_object_allocate", tb.arena->base, 64),
		     GF_INVALID_MEMORY);
	CHECK_STATUS(TB_CALL(A, "module_object_allocate", tb.slot[A].code->base, 64),
		     GF_INVALID_MEMORY);
	/* Fill the pool: every block inside the arena, owned by A. */
	while (TB_CALL(A, "module_object_allocate", (uintptr_t)&table[n], 512) ==
	       GF_SUCCESS) {
		CHECK(table[n] > tb.arena->base &&
		      table[n] + 512 <= tb.arena->base + tb.arena->size);
		CHECK(gf_kernel_object_at(table[n], &type, &owner) == 0 &&
		      type == GF_OT_BLOCK && owner == A);
		n++;
	}
	CHECK(n > 100);
	CHECK_STATUS(TB_CALL(A, "module_object_allocate", out(A, 0), 512), GF_NO_MEMORY);
	CHECK_STATUS(TB_CALL(B, "module_object_deallocate", table[0]), GF_INVALID_OBJECT);
	CHECK_STATUS(TB_CALL(A, "module_object_deallocate", table[0] + 8),
		     GF_INVALID_OBJECT);
	CHECK_STATUS(TB_CALL(A, "module_object_deallocate", table[0] - 16),
		     GF_INVALID_OBJECT);
	while (n--)
		CHECK_STATUS(TB_CALL(A, "module_object_deallocate", table[n]), GF_SUCCESS);
	CHECK_EQ(gf_sys()->nblocks, before);
	CHECK_STATUS(TB_CALL(A, "module_object_deallocate", table[0]), GF_INVALID_OBJECT);
}

static void lookups(void)
{
	uintptr_t s = tb_block(A, GF_OT_SEMAPHORE), name = tb_string(B, NAME, "shared.sem");
	const struct gf_object *o = (const struct gf_object *)s;

	CHECK_STATUS(TB_CALL(A, "semaphore_create", s, tb_string(A, NAME, "shared.sem"),
			     0), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(B, "module_object_pointer_get", 0, name, out(B, 0)),
		     GF_OPTION_ERROR);
	CHECK_STATUS(TB_CALL(B, "module_object_pointer_get", 9, name, out(B, 0)),
		     GF_OPTION_ERROR);
	CHECK_STATUS(TB_CALL(B, "module_object_pointer_get", GF_OT_MUTEX, name,
			     out(B, 0)), GF_NOT_FOUND);
	CHECK_STATUS(TB_CALL(B, "module_object_pointer_get", GF_OT_SEMAPHORE,
			     tb_string(B, 0x40, "shared"), out(B, 0)), GF_NOT_FOUND);
	CHECK_EQ(o->shared, 0);
	CHECK_STATUS(TB_CALL(B, "module_object_pointer_get_extended", GF_OT_SEMAPHORE,
			     name, 10, out(B, 0)), GF_SUCCESS);
	CHECK_EQ(got(B, 0), s);
	CHECK_EQ(o->shared, 1u << B);
	CHECK_STATUS(TB_CALL(B, "module_object_pointer_get_extended", GF_OT_SEMAPHORE,
			     name, 6, out(B, 0)), GF_NOT_FOUND);
	CHECK_STATUS(TB_CALL(B, "module_object_pointer_get_extended", GF_OT_SEMAPHORE,
			     name, 33, out(B, 0)), GF_SIZE_ERROR);
	CHECK_STATUS(TB_CALL(B, "module_object_pointer_get_extended", GF_OT_SEMAPHORE,
			     tb.slot[B].data->base + tb.slot[B].data->size - 4, 10,
			     out(B, 0)), GF_INVALID_MEMORY);
	/* The owner finding its own object shares nothing. */
	CHECK_STATUS(TB_CALL(A, "module_object_pointer_get", GF_OT_SEMAPHORE,
			     tb_string(A, 0x40, "shared.sem"), out(A, 0)), GF_SUCCESS);
	CHECK_EQ(o->shared, 1u << B);
	CHECK_STATUS(TB_CALL(B, "semaphore_put", s), GF_SUCCESS);
}

/* Strings: every byte up to the NUL readable, the NUL within 32 bytes. */
static void strings(void)
{
	uintptr_t long_name = tb_scratch(B, 0x200), slot = out(B, 0);
	char ro[] = "ro.name";

	memset((void *)long_name, 'x', 40);
	((char *)long_name)[40] = 0;
	CHECK_STATUS(TB_CALL(B, "module_object_pointer_get", 1, long_name, slot),
		     GF_PTR_ERROR);
	((char *)long_name)[31] = 0; /* 31 characters and the NUL: the maximum */
	CHECK_STATUS(TB_CALL(B, "module_object_pointer_get", 1, long_name, slot),
		     GF_NOT_FOUND);
	CHECK_STATUS(TB_CALL(B, "module_object_pointer_get", 1, 0, slot), GF_PTR_ERROR);
	CHECK_STATUS(TB_CALL(B, "module_object_pointer_get", 1, tb.arena->base, slot),
		     GF_INVALID_MEMORY);
	CHECK_STATUS(TB_CALL(B, "module_object_pointer_get", 1,
			     tb.slot[A].data->base + TB_SCRATCH, slot),
		     GF_INVALID_MEMORY);
	/* A string running into the guard page after the read-only window. */
	gf_region_fill(tb.shared_ro, 0, ro, sizeof ro);
	memset((void *)tb_scratch(B, 0x300), 'y', 8);
	gf_region_fill(tb.shared_ro, tb.shared_ro->size - 8, (void *)tb_scratch(B, 0x300), 8);
	CHECK_STATUS(TB_CALL(B, "module_object_pointer_get", 1, tb.shared_ro->base, slot),
		     GF_NOT_FOUND);
	CHECK_STATUS(TB_CALL(B, "module_object_pointer_get", 1,
			     tb.shared_ro->base + tb.shared_ro->size - 8, slot),
		     GF_INVALID_MEMORY);
}

static void dispatcher(void)
{
	uintptr_t s = tb_block(A, GF_OT_SEMAPHORE);
	uintptr_t args[6] = {s, 0, 0, 0, 0, 0};
	const struct gf_slot *a = &tb.slot[A];

	CHECK_STATUS(TB_CALL(A, "semaphore_create", s, tb_string(A, NAME, "d"), 0),
		     GF_SUCCESS);
	/* The host is no module: it may not call. */
	CHECK_STATUS(gf_kernel_dispatch(40, s, 0, 0), GF_CALLER_ERROR);
	CHECK_STATUS(TB_CALL(A, "semaphore_put", s), GF_SUCCESS);
	CHECK(strcmp(gf_kernel_site(), "semaphore_put/impl") == 0);
	CHECK_STATUS(TB_CALL(A, "semaphore_put", s + 4), GF_SEMAPHORE_ERROR);
	CHECK(strcmp(gf_kernel_site(), "semaphore_put/vrfy") == 0);
	/* The extra-parameter array (semaphore_info_get has six). */
	CHECK_STATUS(tb_call_extra(A, "semaphore_info_get", args, 0), GF_PTR_ERROR);
	CHECK(strcmp(gf_kernel_site(), "semaphore_info_get/fetch") == 0);
	CHECK_STATUS(tb_call_extra(A, "semaphore_info_get", args, tb.arena->base),
		     GF_INVALID_MEMORY);
	CHECK_STATUS(tb_call_extra(A, "semaphore_info_get", args,
				   a->data->base - 8), GF_INVALID_MEMORY);
	CHECK_STATUS(tb_call_extra(A, "semaphore_info_get", args,
				   tb.slot[B].data->base), GF_INVALID_MEMORY);
	/* An array of zeroes in our own memory: every slot NULL, all fine. */
	CHECK_STATUS(tb_call_extra(A, "semaphore_info_get", args, tb_scratch(A, 0x600)),
		     GF_SUCCESS);
	/* An array in our own code: readable, so it is used as it is. */
	CHECK(tb_call_extra(A, "semaphore_info_get", args, a->code->base) != GF_PTR_ERROR);
	CHECK_STATUS(TB_CALL(A, "semaphore_delete", s), GF_SUCCESS);
}

/* Request ids no service has. */
static void requests(void)
{
	const uintptr_t args[3] = {1, 2, 3};

	CHECK_STATUS(tb_call_raw(A, 0, args, 3), GF_INVALID_REQUEST);
	CHECK_STATUS(tb_call_raw(A, GF_SERVICE_MAX_ID + 1, args, 3),
		     GF_INVALID_REQUEST);
	CHECK_STATUS(tb_call_raw(A, 0xffffffffu, args, 3), GF_INVALID_REQUEST);
	CHECK(strcmp(gf_kernel_site(), "dispatch") == 0);
}

/* Unloading B forgets what it was given; A's objects live on. */
static void unload(void)
{
	uintptr_t m = tb_block(A, GF_OT_MUTEX), mine = tb_block(B, GF_OT_SEMAPHORE);
	const struct gf_mutex *cb = (const struct gf_mutex *)m;

	CHECK_STATUS(TB_CALL(A, "mutex_create", m, tb_string(A, NAME, "held"), 0),
		     GF_SUCCESS);
	CHECK_STATUS(TB_CALL(B, "module_object_pointer_get", GF_OT_MUTEX,
			     tb_string(B, NAME, "held"), out(B, 0)), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(B, "mutex_get", m, 0), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(B, "semaphore_create", mine, tb_string(B, NAME, "b.sem"), 0),
		     GF_SUCCESS);
	CHECK_EQ(cb->owner, B);
	CHECK(gf_sandbox_unload(&tb, B) == 0);
	tb_integrity("unload");
	CHECK_EQ(cb->owner, GF_MUTEX_FREE);
	CHECK_EQ(cb->obj.shared, 0);
	CHECK(gf_kernel_object_at(mine, NULL, NULL) != 0);
	CHECK(gf_kernel_object_at(m, NULL, NULL) == 0);
	tb_load(B, "puppet");
	CHECK_STATUS(TB_CALL(B, "mutex_get", m, 0), GF_MUTEX_ERROR);
	CHECK_STATUS(TB_CALL(A, "mutex_delete", m), GF_SUCCESS);
}

/* A snapshot brings the arena and module memory back, objects and all. */
static void snapshot(void)
{
	uintptr_t q = tb_block(A, GF_OT_QUEUE), storage = tb_scratch(A, 0x1000);
	uint32_t blocks;

	gf_sandbox_snapshot(&tb);
	blocks = gf_sys()->nblocks;
	CHECK_STATUS(TB_CALL(A, "queue_create", q, tb_string(A, NAME, "snap"), 1,
			     storage, 16), GF_SUCCESS);
	*(uint32_t *)tb_scratch(A, 0x200) = 77;
	CHECK_STATUS(TB_CALL(A, "queue_send", q, tb_scratch(A, 0x200), 0), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "module_object_allocate", out(A, 0), 100), GF_SUCCESS);
	CHECK_EQ(*(uint32_t *)storage, 77);
	gf_sandbox_restore(&tb);
	tb_integrity("restore");
	CHECK_EQ(gf_sys()->nblocks, blocks);
	CHECK_EQ(*(uint32_t *)storage, 0);
	CHECK_STATUS(TB_CALL(A, "queue_flush", q), GF_QUEUE_ERROR); /* never created */
	CHECK_STATUS(TB_CALL(A, "queue_create", q, tb_string(A, NAME, "snap"), 1,
			     storage, 16), GF_SUCCESS);
	gf_sandbox_restore(&tb);
	tb_integrity("restore again");
}

int main(int argc, char **argv)
{
	tb_init(argc, argv, 2);
	tb_load(A, "puppet");
	tb_load(B, "puppet");
	blocks();
	lookups();
	strings();
	dispatcher();
	requests();
	unload();
	snapshot();
	return check_done("test_svc_objects");
}

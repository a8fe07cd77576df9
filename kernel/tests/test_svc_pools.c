/* test_svc_pools.c — block and byte pools through the gate: memory handed
 * out inside the pool area, counts, releases identified by the kernel's
 * own bookkeeping (never by bytes in the area), stale pools.
 * Usage: test_svc_pools <backend> */
#include <string.h>

#include "control_blocks.h"
#include "kernel.h"
#include "testbed.h"

enum { A, B };
#define NAME 0x000
#define OUT 0x100
#define AREA 0x2000

static uintptr_t out(int slot, int i)
{
	return tb_scratch(slot, OUT + (uintptr_t)i * sizeof(uintptr_t));
}

static uintptr_t got(int slot, int i)
{
	return *(uintptr_t *)out(slot, i);
}

static void block_pool(void)
{
	uintptr_t p = tb_block(A, GF_OT_BLOCK_POOL), area = tb_scratch(A, AREA);
	uintptr_t name = tb_string(A, NAME, "blocks");
	const struct gf_block_pool *cb = (const struct gf_block_pool *)p;
	const uintptr_t stride = (20 + sizeof(uintptr_t) - 1) & ~(sizeof(uintptr_t) - 1);

	CHECK_STATUS(TB_CALL(A, "block_pool_create", p, name, 0, area, 100),
		     GF_SIZE_ERROR);
	CHECK_STATUS(TB_CALL(A, "block_pool_create", p, name, 4097, area, 100),
		     GF_SIZE_ERROR);
	CHECK_STATUS(TB_CALL(A, "block_pool_create", p, name, 200, area, 100),
		     GF_SIZE_ERROR); /* not one block fits */
	CHECK_STATUS(TB_CALL(A, "block_pool_create", p, name, 20, area, 100),
		     GF_SUCCESS);
	CHECK_EQ(cb->block_size, stride);
	CHECK_EQ(cb->total, 100 / stride);
	for (uintptr_t i = 0; i < cb->total; i++) {
		CHECK_STATUS(TB_CALL(A, "block_pool_allocate", p, out(A, (int)i), 0),
			     GF_SUCCESS);
		CHECK_EQ(got(A, (int)i), area + i * stride);
	}
	CHECK_STATUS(TB_CALL(A, "block_pool_allocate", p, out(A, 9), 0), GF_NO_MEMORY);
	CHECK_STATUS(TB_CALL(A, "block_pool_info_get", p, 0, out(A, 8), 0, 0, 0, 0),
		     GF_SUCCESS);
	CHECK_EQ(*(uint32_t *)out(A, 8), 0);
	CHECK_STATUS(TB_CALL(A, "block_pool_release", area + stride), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "block_pool_release", area + stride), GF_PTR_ERROR);
	CHECK_STATUS(TB_CALL(A, "block_pool_release", area + stride + 1), GF_PTR_ERROR);
	CHECK_STATUS(TB_CALL(A, "block_pool_release", 0), GF_PTR_ERROR);
	/* Forged bytes in the area change nothing: the kernel keeps count. */
	memset((void *)area, 0xff, 100);
	CHECK_STATUS(TB_CALL(A, "block_pool_release", area + stride), GF_PTR_ERROR);
	CHECK_STATUS(TB_CALL(A, "block_pool_allocate", p, out(A, 9), 0), GF_SUCCESS);
	CHECK_EQ(got(A, 9), area + stride);
	/* Another module may not hand back our memory. */
	CHECK_STATUS(TB_CALL(B, "block_pool_release", area), GF_POOL_ERROR);
	CHECK_STATUS(TB_CALL(B, "block_pool_allocate", p, out(B, 0), 0), GF_POOL_ERROR);
	CHECK_STATUS(TB_CALL(A, "block_pool_prioritize", p), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "block_pool_delete", p), GF_SUCCESS);
	/* Memory of a deleted pool is nobody's to release. */
	CHECK_STATUS(TB_CALL(A, "block_pool_release", area), GF_PTR_ERROR);
	CHECK_STATUS(TB_CALL(A, "block_pool_allocate", p, out(A, 0), 0), GF_POOL_ERROR);
	CHECK_STATUS(TB_CALL(A, "module_object_deallocate", p), GF_SUCCESS);
}

static void byte_pool(void)
{
	uintptr_t p = tb_block(A, GF_OT_BYTE_POOL), area = tb_scratch(A, AREA);
	uintptr_t name = tb_string(A, NAME, "bytes");
	const struct gf_byte_pool *cb = (const struct gf_byte_pool *)p;
	const uint32_t w = sizeof(uintptr_t);

	CHECK_STATUS(TB_CALL(A, "byte_pool_create", p, name, area, 63), GF_SIZE_ERROR);
	CHECK_STATUS(TB_CALL(A, "byte_pool_create", p, name, area, 203), GF_SUCCESS);
	CHECK_EQ(cb->area_size, 200);
	CHECK_STATUS(TB_CALL(A, "byte_pool_allocate", p, out(A, 0), 0, 0), GF_SIZE_ERROR);
	CHECK_STATUS(TB_CALL(A, "byte_pool_allocate", p, out(A, 0), 50, 0), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "byte_pool_allocate", p, out(A, 1), 50, 0), GF_SUCCESS);
	CHECK_EQ(got(A, 0), area);
	CHECK_EQ(got(A, 1), area + ((50 + w - 1) & ~(w - 1)));
	CHECK_STATUS(TB_CALL(A, "byte_pool_allocate", p, out(A, 2), 100, 0),
		     GF_NO_MEMORY);
	CHECK_STATUS(TB_CALL(A, "byte_pool_release", got(A, 0)), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "byte_pool_release", got(A, 0)), GF_PTR_ERROR);
	CHECK_STATUS(TB_CALL(A, "byte_pool_release", got(A, 1) + w), GF_PTR_ERROR);
	/* First fit: the hole at the start takes a smaller request. */
	CHECK_STATUS(TB_CALL(A, "byte_pool_allocate", p, out(A, 2), 40, 0), GF_SUCCESS);
	CHECK_EQ(got(A, 2), area);
	CHECK_STATUS(TB_CALL(A, "byte_pool_info_get", p, 0, out(A, 3), out(A, 4), 0,
			     0, 0), GF_SUCCESS);
	CHECK_EQ(*(uint32_t *)out(A, 3), cb->available);
	CHECK_EQ(cb->available, 200 - 40 - ((50 + w - 1) & ~(w - 1)));
	CHECK_EQ(*(uint32_t *)out(A, 4), 4); /* used, free, used, free */
	CHECK_STATUS(TB_CALL(B, "byte_pool_release", got(A, 2)), GF_POOL_ERROR);
	CHECK_STATUS(TB_CALL(A, "byte_pool_prioritize", p), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "byte_pool_delete", p), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "byte_pool_release", got(A, 2)), GF_PTR_ERROR);

	/* The kernel tracks a bounded number of allocations. */
	CHECK_STATUS(TB_CALL(A, "byte_pool_create", p, name, area, 4096), GF_SUCCESS);
	for (uint32_t i = 0; i < GF_BYTE_POOL_MAX_ALLOCS; i++)
		CHECK_STATUS(TB_CALL(A, "byte_pool_allocate", p, out(A, 0), 8, 0),
			     GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "byte_pool_allocate", p, out(A, 0), 8, 0),
		     GF_NO_MEMORY);
	CHECK_STATUS(TB_CALL(A, "byte_pool_delete", p), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "module_object_deallocate", p), GF_SUCCESS);
}

/* A pool found by name lends memory to the finder too. */
static void shared_pool(void)
{
	uintptr_t p = tb_block(A, GF_OT_BLOCK_POOL);

	CHECK_STATUS(TB_CALL(A, "block_pool_create", p, tb_string(A, NAME, "lend"),
			     32, tb.shared_rw->base, 256), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(B, "module_object_pointer_get", GF_OT_BLOCK_POOL,
			     tb_string(B, NAME, "lend"), out(B, 0)), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(B, "block_pool_allocate", p, out(B, 1), 0), GF_SUCCESS);
	CHECK_EQ(got(B, 1), tb.shared_rw->base);
	CHECK_STATUS(TB_CALL(A, "block_pool_release", got(B, 1)), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(B, "block_pool_delete", p), GF_INVALID_OBJECT);
	CHECK_STATUS(TB_CALL(A, "block_pool_delete", p), GF_SUCCESS);
}

int main(int argc, char **argv)
{
	tb_init(argc, argv, 2);
	tb_load(A, "puppet");
	tb_load(B, "puppet");
	block_pool();
	byte_pool();
	shared_pool();
	return check_done("test_svc_pools");
}

/* test_modules.c — the example modules (modules/<name>.c) in a sandbox:
 * well_behaved succeeds; read_arena and write_other fault in their own code
 * (contained); create_kernel, shifted_object and delete_other get the
 * documented rejections and the kernel stays intact.
 * Usage: test_modules <backend>   (mprotect confines, none does not) */
#include <string.h>

#include "kernel.h"
#include "testbed.h"

enum { SLOT_A, SLOT_B };
/* well_behaved.c's results: its objects' addresses from index 4, in the
 * order of its enum wb_object. */
enum { WB_QUEUE, WB_SEMAPHORE, WB_OBJECTS = 8 };
#define WB_RESULT_OBJECTS 4

static void well_behaved(void)
{
	uintptr_t *results = tb.slot[SLOT_A].env->results;
	struct gf_fault fault;

	tb_load(SLOT_A, "well_behaved");
	CHECK_EQ(tb_run(SLOT_A, &fault), 0);
	CHECK_MSG(results[0] == 0, "%lu checks failed, first #%lu returned %s",
		  (unsigned long)results[0], (unsigned long)results[2],
		  tb_status(results[3]));
	CHECK(results[1] > 60);
	/* Everything it created is gone, blocks included. */
	for (int i = 0; i < WB_OBJECTS; i++)
		CHECK(gf_kernel_object_at(results[WB_RESULT_OBJECTS + i], NULL,
					  NULL) != 0);
	tb_integrity("well_behaved");
	gf_sandbox_unload(&tb, SLOT_A);
}

/* A fault in the module's own code, at the address it was told to touch. */
static void check_contained(const struct gf_fault *f, int slot, uintptr_t addr,
			    const struct gf_region *target, gf_access access)
{
	CHECK_EQ(f->context, GF_CTX_MODULE);
	CHECK(f->pc_in_module);
	CHECK(f->pc_region == tb.slot[slot].code);
	CHECK_EQ(f->addr, addr);
	CHECK(f->region == target);
	CHECK_EQ(f->owner, target->owner);
	CHECK_EQ(f->access, access);
	CHECK_EQ(f->caller, slot);
}

static void read_arena(void)
{
	uintptr_t addr = tb.arena->base + 0x100;
	uintptr_t *args = tb.slot[SLOT_A].env->args;
	uintptr_t *results = tb.slot[SLOT_A].env->results;
	struct gf_fault fault;

	tb_load(SLOT_A, "read_arena");
	args[0] = addr;
	if (tb_enforcing()) {
		CHECK_EQ(tb_run(SLOT_A, &fault), 1);
		check_contained(&fault, SLOT_A, addr, tb.arena, GF_ACCESS_READ);
		CHECK_EQ(results[1], 0);
	} else { /* nothing confines it: the read happens */
		CHECK_EQ(tb_run(SLOT_A, &fault), 0);
		CHECK_EQ(results[0], *(const uint8_t *)addr);
	}
	tb_integrity("read_arena");
	gf_sandbox_unload(&tb, SLOT_A);
}

static void write_other(void)
{
	uintptr_t victim = tb_scratch(SLOT_B, 0x100);
	uintptr_t *args = tb.slot[SLOT_A].env->args;
	struct gf_fault fault;

	tb_load(SLOT_A, "write_other");
	tb_load(SLOT_B, "well_behaved");
	args[0] = victim;
	args[1] = 0xbadc0ffee;
	if (tb_enforcing()) {
		CHECK_EQ(tb_run(SLOT_A, &fault), 1);
		check_contained(&fault, SLOT_A, victim, tb.slot[SLOT_B].data,
				GF_ACCESS_WRITE);
		CHECK_EQ(*(uintptr_t *)victim, 0);
	} else {
		CHECK_EQ(tb_run(SLOT_A, &fault), 0);
		CHECK_EQ(*(uintptr_t *)victim, 0xbadc0ffee);
	}
	tb_integrity("write_other");
	gf_sandbox_unload(&tb, SLOT_A);
	gf_sandbox_unload(&tb, SLOT_B);
}

static void create_kernel(void)
{
	/* Free pool space near the arena's end: poison before and after. */
	uintptr_t target = tb.arena->base + tb.arena->size - 512;
	uintptr_t *args = tb.slot[SLOT_A].env->args;
	uintptr_t *results = tb.slot[SLOT_A].env->results;
	struct gf_fault fault;

	tb_load(SLOT_A, "create_kernel");
	args[0] = target;
	CHECK(gf_poison_match((const uint8_t *)target, 256) >= 0);
	CHECK_EQ(tb_run(SLOT_A, &fault), 0);
	CHECK_STATUS(results[0], GF_INVALID_OBJECT);
	CHECK_STATUS(results[1], GF_INVALID_OBJECT);
	CHECK_STATUS(results[2], GF_INVALID_OBJECT);
	CHECK_STATUS(results[3], GF_SUCCESS);
	CHECK(gf_poison_match((const uint8_t *)target, 256) >= 0);
	tb_integrity("create_kernel");
	gf_sandbox_unload(&tb, SLOT_A);
}

static void shifted_object(void)
{
	uintptr_t *results = tb.slot[SLOT_A].env->results;
	struct gf_fault fault;

	tb_load(SLOT_A, "shifted_object");
	CHECK_EQ(tb_run(SLOT_A, &fault), 0);
	CHECK_STATUS(results[0], GF_SUCCESS);
	for (int i = 1; i <= 4; i++)
		CHECK_STATUS(results[i], GF_SEMAPHORE_ERROR);
	CHECK_EQ(results[5], 1);
	tb_integrity("shifted_object");
	gf_sandbox_unload(&tb, SLOT_A);
}

static void delete_other(void)
{
	uintptr_t *wb = tb.slot[SLOT_A].env->results;
	uintptr_t *args = tb.slot[SLOT_B].env->args;
	uintptr_t *results = tb.slot[SLOT_B].env->results;
	uintptr_t sem;
	enum gf_object_type type;
	int owner;
	struct gf_fault fault;

	tb_load(SLOT_A, "well_behaved");
	tb.slot[SLOT_A].env->args[0] = 1; /* keep its objects */
	CHECK_EQ(tb_run(SLOT_A, &fault), 0);
	CHECK_EQ(wb[0], 0);
	sem = wb[WB_RESULT_OBJECTS + WB_SEMAPHORE];

	tb_load(SLOT_B, "delete_other");
	args[0] = sem;
	args[1] = wb[WB_RESULT_OBJECTS + WB_QUEUE];
	CHECK_EQ(tb_run(SLOT_B, &fault), 0);
	CHECK_STATUS(results[0], GF_SEMAPHORE_ERROR);
	CHECK_STATUS(results[1], GF_SUCCESS);
	CHECK_STATUS(results[2], GF_INVALID_OBJECT);
	CHECK_STATUS(results[3], GF_SUCCESS);
	CHECK_STATUS(results[4], GF_INVALID_OBJECT);
	CHECK(gf_kernel_object_at(sem, &type, &owner) == 0 &&
	      type == GF_OT_SEMAPHORE && owner == SLOT_A);
	tb_integrity("delete_other");

	/* Unloading the owner ends its objects; the other module keeps
	 * nothing of them. */
	gf_sandbox_unload(&tb, SLOT_A);
	CHECK(gf_kernel_object_at(sem, NULL, NULL) != 0);
	tb_integrity("delete_other after unload");
	gf_sandbox_unload(&tb, SLOT_B);
}

int main(int argc, char **argv)
{
	tb_init(argc, argv, 2);
	well_behaved();
	read_arena();
	write_other();
	create_kernel();
	shifted_object();
	delete_other();
	return check_done("test_modules");
}

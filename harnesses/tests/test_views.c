/* test_views.c — the host side's view between runs (.harn.view), the
 * restore of what changed (.harn.restore), the held calls that change no
 * view (.harn.fixture.held), the kept full pool (.harn.fixture.full.kept)
 * and, under "none", the comparison of memory a caller may not write
 * (.harn.oracle.diff) and the restore it spares (.harn.restore.verified)
 * (label oracle).
 * Usage: test_views BACKEND.  Writes stand in for a module or a kernel:
 * each is made in a view that holds the memory, as theirs would be. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "encode.h"
#include "fixture.h"
#include "harness.h"
#include "protected_memory.h"

static struct gf_sandbox *sb;
static uint8_t *snap_arena, *snap_a, *snap_b;

static uint8_t *copy(const struct gf_region *r)
{
	uint8_t *c = malloc(r->size);

	memcpy(c, (const void *)r->base, r->size);
	return c;
}

static int holds(const struct gf_region *r, const uint8_t *c)
{
	return memcmp((const void *)r->base, c, r->size) == 0;
}

/* One byte of `slot`'s data changed as the module or its kernel would. */
static void dirty(int slot, size_t off)
{
	gf_sandbox_view_slot(sb, slot);
	((uint8_t *)sb->slot[slot].data->base)[off] ^= 0x5a;
}

static void restore_checks(void)
{
	/* Both slots' data and the arena written, the last view B's: the
	 * restore must reach A's data too. */
	dirty(GF_SLOT_A, 0x9000);
	dirty(GF_SLOT_B, 0x9100);
	((uint8_t *)sb->arena->base)[sb->arena->size - 8] ^= 0x5a;
	gf_harness_begin((const uint8_t *)"", 0);
	CHECK(sb->view >= 0 || !gf_iso_enforces(),
	      "the restore stayed out of the host domain (only slots' views were used)");
	gf_sandbox_view_slot(sb, GF_SLOT_A); /* the test reads in a view that holds it */
	CHECK(holds(sb->arena, snap_arena), "arena restored");
	CHECK(holds(sb->slot[GF_SLOT_A].data, snap_a), "A's data restored from B's view");
	gf_sandbox_view_slot(sb, GF_SLOT_B);
	CHECK(holds(sb->slot[GF_SLOT_B].data, snap_b), "B's data restored");

	/* Loading goes back to the host domain; the next restore then looks at
	 * every region, whoever wrote it: here B's data, which no viewed
	 * slot's kernel view (A's alone, as after a restore ending there) may
	 * write. */
	gf_sandbox_view_slot(sb, GF_SLOT_A);
	sb->viewed = 1ull << GF_SLOT_A;
	gf_sandbox_view_host(sb);
	((uint8_t *)sb->slot[GF_SLOT_B].data->base)[0x9200] ^= 0x5a;
	gf_sandbox_view_slot(sb, GF_SLOT_A);
	gf_harness_begin((const uint8_t *)"", 0);
	gf_sandbox_view_slot(sb, GF_SLOT_B);
	CHECK(holds(sb->slot[GF_SLOT_B].data, snap_b), "B's data restored after the host view");
}

static void protected_checks(void)
{
	gf_harness_begin((const uint8_t *)"", 0);
	gf_protected_before_run(GF_SLOT_A);
	CHECK(!gf_protected_changed(GF_SLOT_A), "nothing changed");
	dirty(GF_SLOT_A, 0x9000); /* A's own memory: no concern of A's calls */
	CHECK(!gf_protected_changed(GF_SLOT_A), "the caller's own data");
	dirty(GF_SLOT_B, 0x9000); /* a wild write into B during A's call */
	CHECK(gf_protected_changed(GF_SLOT_A), "another module's data");

	/* A module's own run changes its data; another's call is judged
	 * against what it held before that call, in later inputs too. */
	gf_harness_begin((const uint8_t *)"", 0);
	gf_protected_before_run(GF_SLOT_A);
	dirty(GF_SLOT_A, 0x9000);
	gf_protected_before_run(GF_SLOT_B); /* A's copy retaken, changed */
	CHECK(!gf_protected_changed(GF_SLOT_B), "A ran before B's call");
	gf_harness_begin((const uint8_t *)"", 0);
	gf_protected_before_run(GF_SLOT_A);
	dirty(GF_SLOT_A, 0x9010);
	gf_harness_begin((const uint8_t *)"", 0);
	gf_protected_before_run(GF_SLOT_B);
	CHECK(!gf_protected_changed(GF_SLOT_B), "a copy retaken inputs ago");
	/* What is not compared: memory no backend lets anything write, where
	 * a write faults instead (.iso.backend.limits). */
	CHECK(!(sb->slot[GF_SLOT_A].code->natural & GF_PERM_W) &&
	      !(sb->shared_ro->natural & GF_PERM_W),
	      "code and the read-only window are never writable");
}

/* .harn.restore.verified: under "none", data a comparison after the last
 * run found equal to the snapshot is passed by, unless the host side
 * viewed it since. */
static void verified_checks(void)
{
	uint8_t *b = (uint8_t *)sb->slot[GF_SLOT_B].data->base;

	gf_harness_begin((const uint8_t *)"", 0);
	gf_protected_before_run(GF_SLOT_A);
	dirty(GF_SLOT_A, 0x9000);
	CHECK(!gf_protected_changed(GF_SLOT_A), "A's call left B alone");
	CHECK(gf_protected_verified() >> GF_SLOT_B & 1, "B found equal to the snapshot");
	b[0x9300] ^= 0x5a; /* behind every check's back: no run, no view */
	gf_harness_begin((const uint8_t *)"", 0);
	CHECK(b[0x9300] != snap_b[0x9300], "the restore passed B by");
	b[0x9300] ^= 0x5a;

	/* A run no comparison followed (a fill's) may have written B. */
	gf_protected_before_run(GF_SLOT_A);
	CHECK(!gf_protected_changed(GF_SLOT_A), "nothing changed");
	gf_protected_before_run(GF_SLOT_C);
	b[0x9300] ^= 0x5a;
	gf_harness_begin((const uint8_t *)"", 0);
	CHECK(holds(sb->slot[GF_SLOT_B].data, snap_b), "B restored after an unjudged run");

	/* The host side wrote B after the comparison. */
	gf_protected_before_run(GF_SLOT_A);
	CHECK(!gf_protected_changed(GF_SLOT_A), "nothing changed");
	dirty(GF_SLOT_B, 0x9300);
	gf_harness_begin((const uint8_t *)"", 0);
	CHECK(holds(sb->slot[GF_SLOT_B].data, snap_b), "B restored after the host side viewed it");
}

/* The third module's allocations of `size`, up to n in one held run. */
static int held_allocations(uint64_t size, int n, uintptr_t *last, uint64_t *switches)
{
	const struct gf_service *s = gf_service_by_name("module_object_allocate");
	uintptr_t args[GF_MAX_PARAMS] = {0};
	struct gf_iso_counters before, after;
	struct gf_fault f;
	int made = 0;

	for (int i = 0; i < s->nparams; i++)
		args[i] = s->params[i].kind == GF_P_SCALAR
				  ? (uintptr_t)size
				  : sb->slot[GF_SLOT_C].data->base + GF_DATA_SCRATCH;
	gf_iso_counters(&before);
	CHECK(gf_harness_run_until_refused(GF_SLOT_C, s, args, n, &made, last, &f) == 0,
	      "the held run did not fault");
	gf_iso_counters(&after);
	*switches = after.switches - before.switches;
	return made;
}

static uint64_t allocation_limit(void)
{
	const struct gf_service *s = gf_service_by_name("module_object_allocate");

	for (int i = 0; i < s->nparams; i++)
		if (s->params[i].kind == GF_P_SCALAR)
			return s->params[i].max;
	return 0;
}

static void held_checks(void)
{
	uint64_t switches;
	uintptr_t last;
	int made;

	gf_harness_begin((const uint8_t *)"", 0);
	made = held_allocations(allocation_limit(), 4, &last, &switches);
	CHECK(made == 4 && last == GF_SUCCESS, "4 allocations made (%d, last %#lx)", made,
	      (unsigned long)last);
	/* Into the third module's kernel view, the run, and out: one call at
	 * a time would be 4 more per call. */
	CHECK(!gf_iso_enforces() || switches <= 3, "%llu view changes for 4 calls",
	      (unsigned long long)switches);
	made = held_allocations(allocation_limit() + 1, 4, &last, &switches);
	CHECK(made == 1 && last != GF_SUCCESS, "the run stops after the first refusal (%d made)",
	      made);
}

/* The view changes of a call by A that asks for the full pool, after
 * `calls_before` calls of A's in the same input: valid semaphore_puts. */
static uint64_t full_pool_call_switches(int calls_before)
{
	const struct gf_service *s = gf_service_by_name("semaphore_put");
	struct gf_call_spec spec;
	struct gf_bytes o = {.n = 0};
	struct gf_iso_counters before, after;
	struct gf_input in;

	gf_call_spec_valid(&spec);
	for (int i = 0; i <= calls_before; i++)
		gf_encode_call(&o, s, &spec);
	gf_input_init(&in, o.b, o.n);
	gf_harness_begin(o.b, o.n);
	for (int i = 0; i < calls_before; i++)
		gf_harness_call(GF_SLOT_A, s, &in, 0);
	CHECK(gf_sandbox_matches(sb, GF_KERNEL_SNAPSHOT) == !calls_before,
	      "after %d calls the kernel is%s the snapshot's", calls_before,
	      calls_before ? " no longer" : "");
	gf_sandbox_view_slot(sb, GF_SLOT_A);
	gf_iso_counters(&before);
	gf_harness_call(GF_SLOT_A, s, &in, GF_CALL_FULL_POOL);
	gf_iso_counters(&after);
	gf_harness_end();
	return after.switches - before.switches;
}

/* A call asking for the full pool gets the kept state while the kernel
 * is still the snapshot's: loaded in the view the host side is in, no
 * view change; after a call changed the kernel the third module makes
 * the fill, in its own view. */
static void kept_used_checks(void)
{
	uint64_t first = full_pool_call_switches(0), later = full_pool_call_switches(1);

	CHECK(!gf_iso_enforces() || first == 0,
	      "the first call's fill changed the view %llu times", (unsigned long long)first);
	CHECK(!gf_iso_enforces() || later >= 2,
	      "a later call's fill changed the view %llu times", (unsigned long long)later);
}

/* The kept state is what a fill from the snapshot leaves the kernel in,
 * and is offered only over the snapshot's kernel state; the third
 * module's data is back at the snapshot after a fill, and the restore then
 * needs no view of it. */
static void kept_checks(void)
{
	const struct gf_region *c_data = sb->slot[GF_SLOT_C].data;
	uint8_t *filled_arena, *snap_c;
	struct gf_iso_counters before, after;
	struct gf_fault f;
	uint64_t switches;
	uintptr_t last;

	CHECK(sb->kept, "the filled pool was kept");
	gf_harness_begin((const uint8_t *)"", 0);
	CHECK(gf_sandbox_matches(sb, GF_KERNEL_SNAPSHOT), "an input starts at the snapshot");
	gf_sandbox_view_slot(sb, GF_SLOT_C);
	snap_c = copy(c_data);
	CHECK(gf_fixture_fill_pool(&f) == 0, "the fill did not fault");
	CHECK(!holds(c_data, snap_c), "the fill wrote the third module's data");
	gf_sandbox_reset_data(sb, GF_SLOT_C);
	CHECK(holds(c_data, snap_c), "reset: the third module's data is the snapshot's");
	CHECK(gf_sandbox_matches(sb, GF_KERNEL_KEPT), "a fill from the snapshot ends in the kept state");
	filled_arena = copy(sb->arena);

	/* A's view after the fill, as the next call's: the restore stays in it. */
	gf_sandbox_view_slot(sb, GF_SLOT_A);
	gf_iso_counters(&before);
	gf_harness_begin((const uint8_t *)"", 0);
	gf_iso_counters(&after);
	CHECK(!gf_iso_enforces() || after.switches == before.switches,
	      "the restore after a fill changed the view %llu times",
	      (unsigned long long)(after.switches - before.switches));
	CHECK(gf_sandbox_matches(sb, GF_KERNEL_SNAPSHOT), "the restore undid the fill");
	/* Reset, then written again in its own view: no longer passed by. */
	gf_sandbox_reset_data(sb, GF_SLOT_C);
	dirty(GF_SLOT_C, 0x9000);
	gf_sandbox_view_slot(sb, GF_SLOT_A);
	gf_harness_begin((const uint8_t *)"", 0);
	gf_sandbox_view_slot(sb, GF_SLOT_C);
	CHECK(holds(c_data, snap_c), "data written after its reset is restored");

	gf_sandbox_load_kept(sb);
	CHECK(holds(sb->arena, filled_arena), "loading the kept state gives the fill's arena");
	gf_harness_begin((const uint8_t *)"", 0);
	CHECK(gf_sandbox_matches(sb, GF_KERNEL_SNAPSHOT), "the next input's restore undoes it");

	held_allocations(allocation_limit(), 1, &last, &switches);
	CHECK(!gf_sandbox_matches(sb, GF_KERNEL_SNAPSHOT), "one allocation: no longer the snapshot");
	gf_sandbox_drop_kept(sb);
	gf_harness_begin((const uint8_t *)"", 0);
	CHECK(!gf_sandbox_matches(sb, GF_KERNEL_SNAPSHOT), "nothing kept, nothing offered");
	free(filled_arena);
	free(snap_c);
}

int main(int argc, char **argv)
{
	const char *backend = argc > 1 ? argv[1] : "mprotect";

	setenv("GATEFUZZ_BACKEND", backend, 1);
	gf_harness_set_replay(1);
	gf_harness_begin((const uint8_t *)"", 0); /* builds the fixture and the snapshot */
	sb = gf_harness_sandbox();
	gf_sandbox_view_host(sb);
	snap_arena = copy(sb->arena);
	snap_a = copy(sb->slot[GF_SLOT_A].data);
	snap_b = copy(sb->slot[GF_SLOT_B].data);
	gf_harness_begin((const uint8_t *)"", 0); /* forgets the host view */
	restore_checks();
	held_checks();
	kept_used_checks();
	kept_checks(); /* last: it drops the kept state */
	if (!gf_iso_enforces()) {
		protected_checks();
		verified_checks();
	}
	gf_sandbox_view_host(sb);
	return check_failures ? 1 : 0;
}

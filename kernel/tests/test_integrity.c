/* test_integrity.c — gf_kernel_integrity finds each kind of broken arena
 * (.kern.integrity): a corrupted header, list, count, object field or
 * stretch of free space gives a non-zero result and a message naming it;
 * the arena restored, everything holds again.  Also: the poison pattern,
 * the scan for the first byte that is not poison, and how long a check
 * takes.
 * Usage: test_integrity <backend> */
#include <string.h>
#include <time.h>

#include "arena.h"
#include "control_blocks.h"
#include "kernel.h"
#include "poison.h"
#include "testbed.h"

enum { A };
static uint8_t saved[GF_SANDBOX_ARENA_SIZE];

static void save_arena(void)
{
	memcpy(saved, (const void *)tb.arena->base, sizeof saved);
}

static void restore_arena(void)
{
	memcpy((void *)tb.arena->base, saved, sizeof saved);
}

/* After `corrupt` ran, integrity must fail with `words` in its message. */
static void expect_broken(const char *what, const char *words)
{
	char why[200] = "";

	CHECK_MSG(gf_kernel_integrity(why, sizeof why) != 0, "%s: not detected", what);
	CHECK_MSG(strstr(why, words) != NULL, "%s: message \"%s\" lacks \"%s\"", what,
		  why, words);
	restore_arena();
	tb_integrity(what);
}

static struct gf_block *header(uintptr_t cb)
{
	return (struct gf_block *)(cb - GF_BLOCK_HEADER_BYTES);
}

static void corruptions(uintptr_t q, uintptr_t s1, uintptr_t s2, uintptr_t empty)
{
	struct gf_system *sys = gf_sys();
	struct gf_queue *qcb = (struct gf_queue *)q;
	struct gf_object *o1 = (struct gf_object *)s1, *o2 = (struct gf_object *)s2;
	uint8_t *free_space = (uint8_t *)tb.arena->base + sys->pool_end - 64;

	save_arena();
	sys->magic ^= 1;
	expect_broken("system magic", "magic");
	sys->nblocks++;
	expect_broken("block count", "fewer blocks");
	sys->pool_end += 8;
	expect_broken("pool bounds", "pool bounds");
	header(q)->seal ^= 0x100;
	expect_broken("header seal", "seal");
	header(q)->size = 4000;
	expect_broken("header size", "size");
	header(q)->owner = 17; /* no module 17 is loaded */
	expect_broken("header owner", "owner");
	header(q)->type = 42;
	expect_broken("header type", "unknown object type");
	header(q)->next = (uint32_t)(q - tb.arena->base); /* points into itself */
	expect_broken("chain link", "link");
	header(s1)->next = header(q)->next = 0;
	expect_broken("chain cut", "fewer blocks");
	free_space[3] = 0;
	expect_broken("free space", "free space");
	((uint8_t *)empty)[5] = 0x41;
	expect_broken("empty block", "empty block");
	header(q)->type = GF_OT_SEMAPHORE; /* a queue passed off as a semaphore */
	expect_broken("type confusion", "count differs");
	sys->created[GF_OT_SEMAPHORE].count = 3;
	expect_broken("list count", "count differs");
	o1->created_next = o1->created_prev = (uint32_t)(s1 - tb.arena->base);
	expect_broken("list cycle", "SEMAPHORE");
	o2->created_prev = 8;
	expect_broken("back link", "back link");
	o1->created_next = (uint32_t)(q - tb.arena->base);
	expect_broken("list into another type", "non-object");
	qcb->enqueued = qcb->capacity + 1;
	expect_broken("queue field", "QUEUE");
	qcb->read = 1;
	expect_broken("queue indices", "QUEUE");
	o1->shared = 1ull << 30;
	expect_broken("share with an unloaded module", "unloaded");
	memset(o1->name, 'n', sizeof o1->name);
	expect_broken("name", "NUL");
	sys->stack_error_notify[20] = 0x1000;
	expect_broken("callback of an unloaded module", "unloaded");
	sys->gapless = sys->pool_start + 8;
	expect_broken("gapless start into a header", "gapless start is not a block");
}

/* .kern.pool.gapless: a block freed inside the pool's gapless start ends
 * it before the gap, the next allocation that fits takes the gap (first
 * fit, as from the pool's start), and a gapless end past a gap is broken. */
static void gapless_checks(uintptr_t first, uintptr_t empty, uintptr_t after)
{
	struct gf_system *sys = gf_sys();
	struct gf_block *gap = header(empty);
	uint32_t at = gf_offset_of(gap), size = gap->size;

	CHECK(sys->gapless >= gf_offset_of(header(after)));
	save_arena();
	gf_block_free(gap);
	CHECK_MSG(sys->gapless < at, "the gapless start ends before the freed block");
	tb_integrity("after the free");
	CHECK_MSG(gf_offset_of(gf_block_allocate(A, size)) == at, "first fit takes the gap");
	CHECK_MSG(sys->gapless == at, "the gap filled: the gapless start runs to the new block");
	restore_arena();
	/* The pool's first block freed: no gapless start is left, and first
	 * fit takes the pool's start again. */
	size = header(first)->size;
	gf_object_end(header(first));
	gf_block_free(header(first));
	CHECK_MSG(sys->gapless == 0, "the first block freed: no gapless start");
	tb_integrity("after freeing the first block");
	CHECK_MSG(gf_offset_of(gf_block_allocate(A, size)) == sys->pool_start,
		  "first fit takes the pool's start");
	restore_arena();
	gf_block_free(gap);
	sys->gapless = gf_offset_of(header(after));
	expect_broken("gapless start past a gap", "past a gap");
}

/* The block pool's used bits: one past the pool's end, or a count that
 * disagrees with them (check_block_pool reads them a word at a time). */
static void block_pool_corruptions(uintptr_t bp)
{
	struct gf_block_pool *p = (struct gf_block_pool *)bp;
	char why[200];

	save_arena();
	CHECK(p->total > 32 && p->total % 32); /* a word shared with the end */
	p->used[p->total / 32] |= 1u << (p->total % 32);
	p->available--; /* counted: only the bit's place is wrong */
	expect_broken("block past the pool's end", "BLOCK_POOL");
	p->used[GF_BLOCK_POOL_MAX_BLOCKS / 32 - 1] |= 1u << 31;
	p->available--;
	expect_broken("the last bit", "BLOCK_POOL");
	p->used[0] |= 1;
	expect_broken("a block used, none counted", "BLOCK_POOL");
	p->used[(p->total - 1) / 32] |= 1u << ((p->total - 1) % 32);
	p->available--;
	CHECK_MSG(gf_kernel_integrity(why, sizeof why) == 0,
		  "the pool's last block, counted: sound (%s)", why);
	restore_arena();
}

static void poison_pattern(void)
{
	uint8_t run[40];

	for (int i = 0; i < 40; i++)
		run[i] = gf_poison_byte((uintptr_t)(i + 3));
	CHECK_EQ(gf_poison_match(run, sizeof run), 3);
	CHECK_EQ(gf_poison_match(run + 5, 16), 0);
	run[20] ^= 1;
	CHECK(gf_poison_match(run, sizeof run) < 0);
	CHECK(gf_poison_match(run, 0) < 0);
	for (int i = 0; i < 8; i++) {
		uint8_t b = gf_poison_byte((uintptr_t)i);
		CHECK(b >= 0x80 && b != 0xff);
		for (int k = 0; k < i; k++)
			CHECK(b != gf_poison_byte((uintptr_t)k));
	}
	/* Free arena space is poison where it lies. */
	CHECK(gf_poison_match((const uint8_t *)tb.arena->base + tb.arena->size - 256,
			      256) == 0);
}

/* The scan names the first byte that is not poison, wherever it lies
 * against the chunks the scan compares (poison.c) and whatever the
 * span's alignment; an intact span gives its end. */
static void poison_scan(void)
{
	struct gf_system *sys = gf_sys();
	uint8_t *a = (uint8_t *)tb.arena->base;
	uint32_t from = sys->pool_end - 3000, to = sys->pool_end;
	const uint32_t broken[] = {from, from + 1, from + 1023, from + 1024,
				   from + 2047, to - 9, to - 1};

	for (uint32_t o = from; o < to; o++)
		CHECK(a[o] == gf_poison_byte(o)); /* the pool's free tail */
	CHECK_EQ(gf_poison_first_clean(from, to - from), to);
	CHECK_EQ(gf_poison_first_clean(from + 3, 1501), from + 1504);
	CHECK_EQ(gf_poison_first_clean(from, 0), from);
	for (size_t i = 0; i < sizeof broken / sizeof broken[0]; i++) {
		a[broken[i]] ^= 0x40;
		CHECK_EQ(gf_poison_first_clean(from, to - from), broken[i]);
		CHECK_EQ(gf_poison_first_clean(from + 5, to - from - 5),
			 broken[i] < from + 5 ? to : broken[i]);
		a[broken[i]] ^= 0x40;
	}
	/* A fill is the pattern of where it lands, at any alignment. */
	gf_poison_fill(from + 7, 1100);
	CHECK_EQ(gf_poison_first_clean(from, to - from), to);
	memset(a + from + 7, 0, 1100);
	CHECK_EQ(gf_poison_first_clean(from, to - from), from + 7);
	gf_poison_fill(from + 7, 1100);
	tb_integrity("after the scan's test");
}

static void cost(void)
{
	struct timespec t0, t1;
	char why[200];
	const int rounds = 1000;
	double us;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < rounds; i++)
		CHECK(gf_kernel_integrity(why, sizeof why) == 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	us = ((double)(t1.tv_sec - t0.tv_sec) * 1e9 + (double)(t1.tv_nsec - t0.tv_nsec)) /
	     rounds / 1e3;
	printf("gf_kernel_integrity: %.2f us per check (%u blocks)\n", us,
	       gf_sys()->nblocks);
}

int main(int argc, char **argv)
{
	uintptr_t q, s1, s2, empty, bp;

	tb_init(argc, argv, 1);
	tb_load(A, "puppet");
	q = tb_block(A, GF_OT_QUEUE);
	s1 = tb_block(A, GF_OT_SEMAPHORE);
	s2 = tb_block(A, GF_OT_SEMAPHORE);
	empty = tb_block(A, GF_OT_TIMER);
	bp = tb_block(A, GF_OT_BLOCK_POOL);
	CHECK_STATUS(TB_CALL(A, "queue_create", q, tb_string(A, 0, "q"), 1,
			     tb_scratch(A, 0x1000), 64), GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "semaphore_create", s1, tb_string(A, 0, "s1"), 0),
		     GF_SUCCESS);
	CHECK_STATUS(TB_CALL(A, "semaphore_create", s2, tb_string(A, 0, "s2"), 0),
		     GF_SUCCESS);
	corruptions(q, s1, s2, empty);
	/* 40 blocks of 8 bytes: the second word of used bits is the last */
	CHECK_STATUS(TB_CALL(A, "block_pool_create", bp, tb_string(A, 0, "bp"), 8,
			     tb_scratch(A, 0x2000), 40 * 8),
		     GF_SUCCESS);
	block_pool_corruptions(bp);
	gapless_checks(q, empty, bp);
	poison_pattern();
	poison_scan();
	cost();
	return check_done("test_integrity");
}

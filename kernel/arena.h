/* arena.h — the kernel arena's layout (internal to kernel/).
 *
 *   offset 0            struct gf_system: every piece of mutable kernel state
 *                       that is not an object (.kern.arena)
 *   pool_start..end     the object pool: 16-byte block headers, each followed
 *                       by a control block; everything between blocks, and
 *                       every block holding no object, is poison
 *
 * All mutable kernel state lives here, so a harness restores the kernel by
 * copying the arena back.  Links inside the arena are 32-bit arena offsets,
 * never pointers: the layout is the same for 32- and 64-bit targets, and an
 * offset can be bounds-checked before it is followed (.kern.integrity).
 * Offset 0 is the system state, so 0 doubles as "no link".
 */
#ifndef GATEFUZZ_ARENA_H
#define GATEFUZZ_ARENA_H

#include <stddef.h>
#include <stdint.h>

#include "isolation.h"
#include "service_table.h"

#define GF_ARENA_MAGIC 0x4b414647u /* "GFAK" */
#define GF_ARENA_ALIGN 8u
/* Bytes of a module's kernel stack (.kern.kstack). */
#define GF_KSTACK_BYTES 64u

/* A created list: circular and doubly linked through the objects' headers,
 * as ThreadX keeps its created lists; `head` is the offset of the first
 * control block (0 when empty). */
struct gf_list {
	uint32_t head, count;
};

struct gf_system {
	uint32_t magic;
	uint32_t size;                  /* arena bytes                        */
	uint32_t pool_start, pool_end;  /* the object pool, as arena offsets  */
	uint32_t first_block;           /* lowest block header, 0 when none   */
	uint32_t nblocks;               /* blocks allocated                   */
	uint32_t tick;                  /* the system clock (time_get/set)    */
	uint32_t calls, rejected;       /* dispatcher counters                */
	struct gf_list created[GF_OT_COUNT]; /* per object type; BLOCK unused */
	/* A block such that the pool holds no free byte below its end (0:
	 * none known): first fit starts after it, as ThreadX's byte pool keeps
	 * a search pointer (.kern.pool.gapless).  In the padding after
	 * created[]: no other field moved. */
	uint32_t gapless;
	/* thread_stack_error_notify, per module: recorded, never called. */
	uintptr_t stack_error_notify[GF_MAX_MODULES];
	/* Each module's kernel stack: the kernel builds the initial frame of
	 * the module's threads on it (.kern.kstack). */
	uint8_t kstack[GF_MAX_MODULES][GF_KSTACK_BYTES];
};

/* The arena, as gf_kernel_init laid it out.  Its base is read inline:
 * every offset the kernel follows goes through it, and as a call it was the
 * integrity walk's most frequent (docs/performance.md). */
extern uint8_t *gf_arena_bytes;
static inline uint8_t *gf_arena_base(void)
{
	return gf_arena_bytes;
}
struct gf_system *gf_sys(void);

static inline void *gf_at(uint32_t offset)
{
	return gf_arena_base() + offset;
}

static inline uint32_t gf_offset_of(const void *p)
{
	return (uint32_t)((const uint8_t *)p - gf_arena_base());
}

static inline uint32_t gf_align_up(uint32_t v, uint32_t a)
{
	return (v + a - 1) & ~(a - 1);
}

#endif

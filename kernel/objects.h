/* objects.h — the object pool and kernel objects (internal to kernel/).
 *
 * A module gets a control block with module_object_allocate; the kernel puts
 * a 16-byte header in front of it (.kern.pool):
 *
 *   struct gf_block   next block (address order), size, owner, type, seal
 *   control block     struct gf_object + the type's fields, or poison while
 *                     the block holds no object
 *
 * Blocks are kept in one chain in address order, so the gaps between them
 * are the free space (all poison) and "is this the exact address of a
 * block" is answered from the chain, never from bytes in front of the
 * pointer (.kern.vrfy.exact).
 */
#ifndef GATEFUZZ_OBJECTS_H
#define GATEFUZZ_OBJECTS_H

#include <stdint.h>

#include "arena.h"
#include "object_abi.h"
#include "service_table.h"

#define GF_BLOCK_SEAL 0x6f4b4c42u /* "BLKo" */

struct gf_block {
	uint32_t next;  /* header offset of the next block up, 0 = the last  */
	uint32_t size;  /* control-block bytes the module asked for          */
	int16_t owner;  /* module id, or GF_PRINCIPAL_KERNEL                 */
	uint8_t type;   /* enum gf_object_type held; GF_OT_BLOCK when none   */
	uint8_t zero;   /* always 0                                          */
	uint32_t seal;  /* GF_BLOCK_SEAL ^ the header's own offset: a header
			   copied or shifted elsewhere does not verify       */
};
_Static_assert(sizeof(struct gf_block) == GF_BLOCK_HEADER_BYTES,
	       "the block header is part of the module ABI");

/* The part every control block starts with. */
struct gf_object {
	uint32_t created_next, created_prev; /* control-block offsets       */
	uint64_t shared;       /* bit m: module m found it by name (USE only) */
	uintptr_t name_ptr;    /* the creator's name pointer, for info_get   */
	char name[GF_NAME_MAX];/* the kernel's copy, for lookups by name     */
};

/* ---- blocks ------------------------------------------------------------ */
#define GF_BLOCK_ALIGN 8u

/* A block's span and body are inline: the integrity walk asks them of
 * every block after every call, and compiled into the walk they are the
 * oracle's code, without the fuzzer's coverage and comparison tracing
 * (.build.under-test), where as the kernel's functions they fed the
 * fuzzer features of the walk and took 2 % of an execution.
 * Bytes a block spans in the pool, header included. */
static inline uint32_t gf_block_span(const struct gf_block *b)
{
	return GF_BLOCK_HEADER_BYTES + gf_align_up(b->size, GF_BLOCK_ALIGN);
}

static inline void *gf_block_body(struct gf_block *b)
{
	return (uint8_t *)b + GF_BLOCK_HEADER_BYTES;
}

struct gf_block *gf_block_first(void);
struct gf_block *gf_block_next(const struct gf_block *b);
/* The control block's address: what modules hold. */
uintptr_t gf_block_address(const struct gf_block *b);
/* The block whose control block starts exactly at addr, or NULL. */
struct gf_block *gf_block_at(uintptr_t addr);
/* A new empty block of `size` bytes (1..512) for `owner`, or NULL when the
 * pool has no gap that large. */
struct gf_block *gf_block_allocate(int owner, uint32_t size);
/* Unlinks an empty block and poisons everything it spanned. */
void gf_block_free(struct gf_block *b);
/* The block holds a live object of type t (any allocated block, for BLOCK). */
int gf_block_holds(const struct gf_block *b, enum gf_object_type t);
/* Module m may use what the block holds: it owns it, or found the object by
 * name. */
int gf_block_may_use(const struct gf_block *b, int m);

/* ---- objects ----------------------------------------------------------- */
static inline struct gf_object *gf_block_object(struct gf_block *b)
{
	return (struct gf_object *)gf_block_body(b);
}

struct gf_block *gf_object_block(struct gf_object *o);
/* Starts an object of type t in an empty block: zeroes the control block,
 * records the name and links it at the end of the type's created list. */
void gf_object_begin(struct gf_block *b, enum gf_object_type t,
		     uintptr_t name_ptr, const char *name, uint32_t name_len);
/* Ends the object: unlinks it and poisons the control block (.kern.poison);
 * the block stays allocated, empty. */
void gf_object_end(struct gf_block *b);
/* The address of the next object in its created list, 0 after the last (what
 * ThreadX's info_get reports as the next object). */
uintptr_t gf_object_next_address(const struct gf_object *o);
/* Iterates the created list of type t: the first object when prev is NULL,
 * NULL after the last. */
struct gf_block *gf_objects_next(enum gf_object_type t, struct gf_block *prev);
/* The live object of type t named name[0..len), or NULL. */
struct gf_block *gf_object_find(enum gf_object_type t, const char *name,
				uint32_t len);

/* The status a service returns for an object argument of type t that is not
 * a live object of that type the caller may use (QUEUE_ERROR, ...;
 * INVALID_OBJECT for BLOCK). */
uint32_t gf_object_type_status(enum gf_object_type t);

#endif

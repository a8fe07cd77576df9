/* model_pool.c — the model's rules for block and byte pools (.harn.model):
 * the pieces each pool handed out (and which the ledger says to whom), so
 * that a piece handed out twice, or outside the pool's area, is seen, and
 * a block pool's accounting (available + handed out = total), and a byte
 * pool's fragments where the kernel counts them from the pieces.  A kernel
 * may keep its bookkeeping in the pool area (ThreadX does), which is the
 * creator's memory: once that changed behind the model's back, or an
 * output of the call's own lands in it, the model predicts nothing for the
 * pool until it sees it again (.harn.model.area). */
#include <stdio.h>

#include "model_internal.h"

/* The most a kernel can spend per block beyond its size rounded up: a
 * pointer of header (ThreadX) and a pointer of alignment. */
#define BLOCK_OVERHEAD (2 * sizeof(uintptr_t))
#define ROUND_UP(v) (((v) + sizeof(uintptr_t) - 1) & ~(uintptr_t)(sizeof(uintptr_t) - 1))
/* The built-in kernel's largest pool (GF_BLOCK_POOL_MAX_BLOCKS). */
#define BLOCKS_MAX 512u

/* A new pool has handed out nothing: its pieces are known while a table
 * is free to list them. */
static void list_pieces(struct gf_model_call *c)
{
	c->obj->u.pool.pieces = -1;
	for (int k = 0; k < GF_MODEL_POOLS && c->obj->u.pool.pieces < 0; k++)
		if (!c->m->pieces_used[k]) {
			c->m->pieces_used[k] = 1;
			c->m->pieces[k].nout = 0;
			c->obj->u.pool.pieces = k;
		}
}

/* (pool, name, block_size, start, bytes) */
static void block_pool_create(struct gf_model_call *c)
{
	c->obj->area = c->args[3];
	c->obj->area_size = (uint32_t)c->args[4];
	c->obj->u.pool.block_size = (uint32_t)c->args[2];
	list_pieces(c);
}

/* (pool, name, start, bytes) */
static void byte_pool_create(struct gf_model_call *c)
{
	c->obj->area = c->args[2];
	c->obj->area_size = (uint32_t)c->args[3];
	list_pieces(c);
}

/* Every piece the pool handed out, or NULL: not known. */
static struct gf_model_pieces *pieces(const struct gf_model_call *c)
{
	return gf_model_pieces(c->m, c->obj);
}

/* Blocks every kernel's pool of this size holds at least: one less than
 * the area divided by the largest a block can cost. */
static uint32_t blocks_at_least(const struct gf_model_obj *p)
{
	uint64_t each = ROUND_UP((uint64_t)p->u.pool.block_size) + BLOCK_OVERHEAD;
	uint64_t n = p->area_size / each;

	n = n ? n - 1 : 0;
	return n > BLOCKS_MAX ? BLOCKS_MAX : (uint32_t)n;
}

/* (pool, slot, wait) */
static void block_allocate_expect(const struct gf_model_call *c, struct gf_expect *e)
{
	if (c->trusted && pieces(c) && pieces(c)->nout < blocks_at_least(c->obj))
		gf_expect(e, GF_EXPECT_SUCCESS, 0, "the pool has blocks left");
}

/* The piece [addr, addr + size) lies in the pool's area and overlaps no
 * piece still handed out. */
static const char *fresh_piece(const struct gf_model_call *c, uintptr_t addr,
			       uint64_t size, char *buf, size_t n)
{
	const struct gf_model_obj *p = c->obj;
	const struct gf_model_pieces *out = pieces(c);

	if (!c->trusted || !out)
		return NULL;
	if (addr < p->area || size > p->area_size || addr - p->area > p->area_size - size) {
		snprintf(buf, n, "handed out %#lx (%lu bytes), outside its pool's area",
			 (unsigned long)addr, (unsigned long)size);
		return buf;
	}
	for (uint32_t k = 0; k < out->nout; k++) {
		const struct gf_model_piece *o = &out->out[k];
		if (addr < o->addr + o->size && addr + size > o->addr) {
			snprintf(buf, n, "handed out %#lx, which overlaps %#lx, handed out "
				 "before and not released", (unsigned long)addr,
				 (unsigned long)o->addr);
			return buf;
		}
	}
	return NULL;
}

static const char *block_allocate_check(const struct gf_model_call *c, char *buf,
					size_t n)
{
	uintptr_t got;

	if (!gf_model_slot(c, 1, &got))
		return NULL;
	return fresh_piece(c, got, c->obj->u.pool.block_size, buf, n);
}

static void handed_out(struct gf_model_call *c, uint32_t size)
{
	struct gf_model_pieces *out = pieces(c);
	uintptr_t got;

	if (!out)
		return;
	if (!gf_model_slot(c, 1, &got) || out->nout == GF_MODEL_OUT) {
		gf_model_unlist_pieces(c->m, c->obj); /* a piece the model does not know */
		return;
	}
	out->out[out->nout++] = (struct gf_model_piece){got, size};
}

static void block_allocate(struct gf_model_call *c)
{
	handed_out(c, c->obj->u.pool.block_size);
}

/* (pool, slot, size, wait): whether it fits is the kernel's (its
 * fragmentation and overhead); where it lands is checked. */
static const char *byte_allocate_check(const struct gf_model_call *c, char *buf,
				       size_t n)
{
	uintptr_t got;

	if (!gf_model_slot(c, 1, &got))
		return NULL;
	return fresh_piece(c, got, c->args[2], buf, n);
}

static void byte_allocate(struct gf_model_call *c)
{
	handed_out(c, (uint32_t)c->args[2]);
}

/* (memory): the piece a pool the caller may use handed out, as the rules
 * already said. */
static void release_expect(const struct gf_model_call *c, struct gf_expect *e)
{
	if (c->trusted)
		gf_expect(e, GF_EXPECT_SUCCESS, 0, "memory its pool handed out");
}

static void release(struct gf_model_call *c)
{
	struct gf_model_pieces *out = pieces(c);

	for (uint32_t k = 0; out && k < out->nout; k++)
		if (out->out[k].addr == c->args[0]) {
			out->out[k] = out->out[--out->nout];
			return;
		}
}

/* (pool, name, available, total, ...) */
static const char *block_info_check(const struct gf_model_call *c, char *buf,
				    size_t n)
{
	const struct gf_model_pieces *out = pieces(c);
	uintptr_t available, total;

	if (!c->trusted || !out || !gf_model_slot(c, 2, &available) ||
	    !gf_model_slot(c, 3, &total) || available + out->nout == total)
		return NULL;
	snprintf(buf, n, "%lu blocks available of %lu, with %u handed out",
		 (unsigned long)available, (unsigned long)total, (unsigned)out->nout);
	return buf;
}

/* Whether the pool has a piece of `out` starting at byte `at` of its area. */
static int piece_at(const struct gf_model_obj *p, const struct gf_model_pieces *out,
		    uint64_t at)
{
	for (uint32_t k = 0; k < out->nout; k++)
		if (out->out[k].addr - p->area == at)
			return 1;
	return 0;
}

/* The fragments of a byte pool whose area holds only the pieces handed
 * out, each rounded up to a pointer, and the free runs between them
 * (GF_BYTE_POOL_FRAGMENTS_OF_PIECES): a free run starts at the area's
 * start or at a piece's end where no piece starts, short of the area's
 * end (its size rounded down to a pointer). */
static uint32_t fragments(const struct gf_model_obj *p, const struct gf_model_pieces *out)
{
	uint64_t end = p->area_size & ~(uint64_t)(sizeof(uintptr_t) - 1);
	uint32_t n = out->nout + (end > 0 && !piece_at(p, out, 0));

	for (uint32_t k = 0; k < out->nout; k++) {
		uint64_t after = out->out[k].addr - p->area + ROUND_UP((uint64_t)out->out[k].size);
		n += after < end && !piece_at(p, out, after);
	}
	return n;
}

/* (pool, name, available_bytes, fragments, ...), .harn.model.fragments:
 * judged whatever the module wrote in the pool's area, since such a
 * kernel keeps nothing there. */
static const char *byte_info_check(const struct gf_model_call *c, char *buf, size_t n)
{
	const struct gf_model_pieces *out = pieces(c);

	if (!GF_BYTE_POOL_FRAGMENTS_OF_PIECES || !out)
		return NULL;
	return gf_model_slot_is(c, 3, fragments(c->obj, out), "fragments", buf, n);
}

const struct gf_model_rule gf_model_pool_rules[] = {
	{"block_pool_create", NULL, NULL, block_pool_create},
	{"block_pool_allocate", block_allocate_expect, block_allocate_check, block_allocate},
	{"block_pool_release", release_expect, NULL, release},
	{"block_pool_info_get", gf_model_usable, block_info_check, NULL},
	{"block_pool_delete", NULL, NULL, NULL},
	{"byte_pool_create", NULL, NULL, byte_pool_create},
	{"byte_pool_allocate", NULL, byte_allocate_check, byte_allocate},
	{"byte_pool_release", release_expect, NULL, release},
	{"byte_pool_info_get", gf_model_usable, byte_info_check, NULL},
	{"byte_pool_delete", NULL, NULL, NULL},
	{NULL, NULL, NULL, NULL},
};

/* objects.c — the object pool and the created lists (.kern.pool). */
#include "objects.h"

#include <string.h>

#include "bugs.h"
#include "poison.h"

static struct gf_block *block_at_offset(uint32_t header)
{
	return header ? (struct gf_block *)gf_at(header) : NULL;
}

struct gf_block *gf_block_first(void)
{
	return block_at_offset(gf_sys()->first_block);
}

struct gf_block *gf_block_next(const struct gf_block *b)
{
	return block_at_offset(b->next);
}

uintptr_t gf_block_address(const struct gf_block *b)
{
	return (uintptr_t)b + GF_BLOCK_HEADER_BYTES;
}

/* A block header's seal holds at arena offset `at` (seeded bug
 * object_by_header). */
static int sealed(uint32_t at)
{
	const struct gf_block *b = gf_at(at);

	return b->seal == (GF_BLOCK_SEAL ^ at);
}

struct gf_block *gf_block_at(uintptr_t addr)
{
	/* .kern.vrfy.exact: the answer comes from the chain the kernel
	 * built, not from a header read in front of addr — a shifted pointer
	 * into some block's body finds nothing. */
	const struct gf_system *sys = gf_sys();
	uintptr_t base = (uintptr_t)gf_arena_base();
	uint32_t want;

	if (addr < base + sys->pool_start + GF_BLOCK_HEADER_BYTES ||
	    addr >= base + sys->pool_end)
		return NULL;
	want = (uint32_t)(addr - base) - GF_BLOCK_HEADER_BYTES;
	/* Seeded bug object_by_header: the pointer vouched for by the sealed
	 * header just in front of it, aligned down to the pool's granule. */
	if (GF_SEEDED(object_by_header,
		      want % GF_BLOCK_ALIGN && sealed(want & ~(GF_BLOCK_ALIGN - 1))))
		return gf_at(want & ~(GF_BLOCK_ALIGN - 1));
	for (struct gf_block *b = gf_block_first(); b; b = gf_block_next(b)) {
		uint32_t at = gf_offset_of(b);
		if (at == want)
			return b;
		if (at > want)
			break;
	}
	return NULL;
}

struct gf_block *gf_block_allocate(int owner, uint32_t size)
{
	struct gf_system *sys = gf_sys();
	/* size is at most 512 (services.def), so the sum cannot wrap. */
	uint32_t need = GF_BLOCK_HEADER_BYTES + gf_align_up(size, GF_BLOCK_ALIGN);
	uint32_t gap_start = sys->pool_start;
	struct gf_block *prev = NULL, *b = gf_block_first(), *nb;
	int gapless = 1; /* no free byte below gap_start */

	/* First fit over the gaps between blocks, in address order, from the
	 * end of the pool's gapless start (.kern.pool.gapless): the gaps
	 * before it are empty, too small for any block, so the fit is the one
	 * a scan from the pool's start finds.  A pool filled block by block
	 * cost a scan of every block per allocation before. */
	if (sys->gapless) {
		prev = gf_at(sys->gapless);
		gap_start = sys->gapless + gf_block_span(prev);
		b = gf_block_next(prev);
	}
	for (;; prev = b, b = gf_block_next(b)) {
		uint32_t gap_end = b ? gf_offset_of(b) : sys->pool_end;
		if (gap_end - gap_start >= need)
			break;
		if (!b)
			return NULL;
		if (gap_end != gap_start)
			gapless = 0;
		else if (gapless)
			sys->gapless = gap_end;
		gap_start = gf_offset_of(b) + gf_block_span(b);
	}
	nb = gf_at(gap_start);
	*nb = (struct gf_block){
		.next = b ? gf_offset_of(b) : 0,
		.size = size,
		.owner = (int16_t)owner,
		.type = GF_OT_BLOCK,
		.seal = GF_BLOCK_SEAL ^ gap_start,
	};
	if (prev)
		prev->next = gap_start;
	else
		sys->first_block = gap_start;
	if (gapless)
		sys->gapless = gap_start;
	sys->nblocks++;
	return nb;
}

void gf_block_free(struct gf_block *b)
{
	struct gf_system *sys = gf_sys();
	uint32_t at = gf_offset_of(b);

	if (sys->first_block == at) {
		sys->first_block = b->next;
		sys->gapless = 0; /* a gapless start began with it, if any */
	} else {
		struct gf_block *p = gf_block_first();
		while (p->next != at)
			p = gf_block_next(p);
		p->next = b->next;
		if (at <= sys->gapless)
			sys->gapless = gf_offset_of(p); /* it ends before the gap */
	}
	sys->nblocks--;
	gf_poison_fill(at, gf_block_span(b));
}

int gf_block_holds(const struct gf_block *b, enum gf_object_type t)
{
	return t == GF_OT_BLOCK || b->type == t;
}

int gf_block_may_use(const struct gf_block *b, int m)
{
	const struct gf_object *o;

	if (b->owner == m)
		return 1;
	if (b->type == GF_OT_BLOCK || m < 0 || m >= 64)
		return 0;
	o = (const struct gf_object *)((const uint8_t *)b + GF_BLOCK_HEADER_BYTES);
	/* Seeded bug shared_with_anyone: "found by name" asked of the object,
	 * not of the caller; with two modules the two questions agree. */
	if (GF_SEEDED(shared_with_anyone, o->shared && !((o->shared >> m) & 1)))
		return 1;
	return (int)((o->shared >> m) & 1);
}

struct gf_block *gf_object_block(struct gf_object *o)
{
	return (struct gf_block *)((uint8_t *)o - GF_BLOCK_HEADER_BYTES);
}

/* ---- created lists ------------------------------------------------------ */

static struct gf_object *object_at(uint32_t offset)
{
	return gf_at(offset);
}

static void list_append(struct gf_list *l, struct gf_object *o)
{
	uint32_t me = gf_offset_of(o);

	if (!l->head) {
		o->created_next = o->created_prev = me;
		l->head = me;
	} else {
		struct gf_object *head = object_at(l->head);
		struct gf_object *tail = object_at(head->created_prev);
		o->created_next = l->head;
		o->created_prev = head->created_prev;
		tail->created_next = me;
		head->created_prev = me;
	}
	l->count++;
}

static void list_remove(struct gf_list *l, struct gf_object *o)
{
	uint32_t me = gf_offset_of(o);

	if (o->created_next == me) {
		l->head = 0;
	} else {
		object_at(o->created_prev)->created_next = o->created_next;
		object_at(o->created_next)->created_prev = o->created_prev;
		if (l->head == me)
			l->head = o->created_next;
	}
	l->count--;
}

void gf_object_begin(struct gf_block *b, enum gf_object_type t,
		     uintptr_t name_ptr, const char *name, uint32_t name_len)
{
	struct gf_object *o = gf_block_object(b);

	memset(o, 0, gf_align_up(b->size, GF_BLOCK_ALIGN));
	o->name_ptr = name_ptr;
	memcpy(o->name, name, name_len);
	b->type = (uint8_t)t;
	list_append(&gf_sys()->created[t], o);
}

void gf_object_end(struct gf_block *b)
{
	list_remove(&gf_sys()->created[b->type], gf_block_object(b));
	b->type = GF_OT_BLOCK;
	gf_poison_fill(gf_offset_of(gf_block_body(b)),
		       gf_align_up(b->size, GF_BLOCK_ALIGN));
}

uintptr_t gf_object_next_address(const struct gf_object *o)
{
	/* Circular, as ThreadX's created_next: the last one's next is the
	 * first. */
	return (uintptr_t)gf_at(o->created_next);
}

struct gf_block *gf_objects_next(enum gf_object_type t, struct gf_block *prev)
{
	uint32_t head = gf_sys()->created[t].head, next;

	if (!prev)
		return head ? gf_object_block(object_at(head)) : NULL;
	next = gf_block_object(prev)->created_next;
	return next == head ? NULL : gf_object_block(object_at(next));
}

struct gf_block *gf_object_find(enum gf_object_type t, const char *name,
				uint32_t len)
{
	const struct gf_list *l = &gf_sys()->created[t];
	uint32_t at = l->head;

	for (uint32_t i = 0; i < l->count; i++) {
		struct gf_object *o = object_at(at);
		const char *nul = memchr(o->name, 0, GF_NAME_MAX);
		if (nul && (uint32_t)(nul - o->name) == len &&
		    memcmp(o->name, name, len) == 0)
			return gf_object_block(o);
		/* Seeded bug lookup_by_prefix: a name that starts with the
		 * bytes asked taken for one equal to them. */
		if (GF_SEEDED(lookup_by_prefix, nul && (uint32_t)(nul - o->name) > len &&
						   memcmp(o->name, name, len) == 0))
			return gf_object_block(o);
		at = o->created_next;
	}
	return NULL;
}

uint32_t gf_object_type_status(enum gf_object_type t)
{
	static const uint32_t status[GF_OT_COUNT] = {
		[GF_OT_BLOCK] = GF_INVALID_OBJECT,
		[GF_OT_BLOCK_POOL] = GF_POOL_ERROR,
		[GF_OT_BYTE_POOL] = GF_POOL_ERROR,
		[GF_OT_EVENT_FLAGS] = GF_GROUP_ERROR,
		[GF_OT_MUTEX] = GF_MUTEX_ERROR,
		[GF_OT_QUEUE] = GF_QUEUE_ERROR,
		[GF_OT_SEMAPHORE] = GF_SEMAPHORE_ERROR,
		[GF_OT_THREAD] = GF_THREAD_ERROR,
		[GF_OT_TIMER] = GF_TIMER_ERROR,
	};
	return (unsigned)t < GF_OT_COUNT ? status[t] : GF_INVALID_OBJECT;
}

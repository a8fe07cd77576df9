/* object_invariants.c — what must hold inside each type's control block
 * (.kern.integrity).  Checked on live objects only; every check is a
 * comparison of fields, never a dereference of one. */

#include "control_blocks.h"
#include "integrity.h"
#include "modules.h"

#define PTR_ALIGN ((uint32_t)sizeof(uintptr_t))

static int check_queue(const struct gf_queue *q)
{
	return q->msg_bytes >= 4 && q->msg_bytes <= 64 && q->msg_bytes % 4 == 0 &&
	       q->capacity >= 1 && q->capacity == q->storage_size / q->msg_bytes &&
	       q->enqueued <= q->capacity && q->read < q->capacity &&
	       q->write < q->capacity &&
	       (q->read + q->enqueued) % q->capacity == q->write;
}

static int check_mutex(const struct gf_mutex *m)
{
	if (m->inherit > 1)
		return 0;
	if (m->owner == GF_MUTEX_FREE)
		return m->count == 0;
	return m->count > 0 && gf_module_of(m->owner) != NULL;
}

/* The used bits a word at a time: a bit at a time was nearly all of the
 * walk's object checks (docs/performance.md). */
static int check_block_pool(const struct gf_block_pool *p)
{
	uint32_t used = 0;

	if (p->block_size == 0 || p->block_size % PTR_ALIGN ||
	    p->total == 0 || p->total > GF_BLOCK_POOL_MAX_BLOCKS ||
	    (uint64_t)p->total * p->block_size > p->area_size)
		return 0;
	for (uint32_t w = 0; w < GF_BLOCK_POOL_MAX_BLOCKS / 32; w++) {
		uint32_t first = w * 32, bits = p->used[w];
		uint32_t mine = p->total <= first ? 0 : p->total - first; /* blocks of the pool */
		if (mine < 32 && bits >> mine)
			return 0; /* a block past the pool's end is used */
		used += (uint32_t)__builtin_popcount(bits);
	}
	return p->available == p->total - used;
}

static int check_byte_pool(const struct gf_byte_pool *p)
{
	uint32_t at = 0, used = 0;

	if (p->area_size % PTR_ALIGN || p->nallocs > GF_BYTE_POOL_MAX_ALLOCS)
		return 0;
	for (uint32_t k = 0; k < p->nallocs; k++) {
		const struct gf_byte_alloc *a = &p->alloc[k];
		if (a->offset < at || a->size == 0 || a->size % PTR_ALIGN ||
		    a->size > p->area_size - a->offset)
			return 0;
		at = a->offset + a->size;
		used += a->size;
	}
	return p->available == p->area_size - used;
}

static int check_thread(const struct gf_thread *t)
{
	return t->priority >= 8 && t->priority <= 31 &&
	       t->threshold >= 8 && t->threshold <= t->priority &&
	       t->state <= GF_THREAD_SUSPENDED && t->stack_size >= 256 &&
	       t->stack_size <= 65536;
}

static int check_timer(const struct gf_timer *t)
{
	return t->active <= 1 && t->initial >= 1;
}

static int check_fields(struct gf_block *b)
{
	const void *cb = gf_block_body(b);

	switch (b->type) {
	case GF_OT_QUEUE:
		return check_queue(cb);
	case GF_OT_MUTEX:
		return check_mutex(cb);
	case GF_OT_BLOCK_POOL:
		return check_block_pool(cb);
	case GF_OT_BYTE_POOL:
		return check_byte_pool(cb);
	case GF_OT_THREAD:
		return check_thread(cb);
	case GF_OT_TIMER:
		return check_timer(cb);
	default: /* semaphores and event flags: any count, any flags */
		return 1;
	}
}

/* A loop of ours rather than memchr, which under ASan is the sanitizer's
 * and checks the range in its shadow first: for a name of a few bytes,
 * on every object of every walk, that was a tenth of the walk. */
static int terminated(const char *name, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (name[i] == 0)
			return 1;
	return 0;
}

int gf_check_object(struct gf_block *b, struct gf_text *t)
{
	const struct gf_object *o = gf_block_object(b);
	uint32_t at = gf_offset_of(b);

	if (!terminated(o->name, sizeof o->name))
		return gf_broken(t, "object", at, "name not NUL-terminated");
	if (o->shared & ~gf_modules_loaded())
		return gf_broken(t, "object", at, "shared with an unloaded module");
	if (!check_fields(b))
		return gf_broken(t, gf_object_type_name((enum gf_object_type)b->type),
				 at, "control block fields inconsistent");
	return 0;
}

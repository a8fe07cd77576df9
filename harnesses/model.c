/* model.c — the object-state model's core (.harn.model): records, which
 * rule a service has, the expectation before a call and the judgement
 * after it.  The rules per family are in model_sync.c, model_thread.c,
 * model_queue.c, model_pool.c, model_lookup.c and model_block.c. */
#include "model_internal.h"

#include <stdio.h>
#include <string.h>

#include "oracle_params.h"
#include "pointer_gen.h"
#include "ownership.h"

#define GF_MODEL_SERVICES_MAX 256

void gf_expect(struct gf_expect *e, enum gf_expect_kind kind, uint32_t status,
	       const char *why)
{
	e->kind = kind;
	e->status = status;
	e->why = why;
}

void gf_model_usable(const struct gf_model_call *c, struct gf_expect *e)
{
	(void)c;
	gf_expect(e, GF_EXPECT_SUCCESS, 0, "a live object the caller may use");
}

static const struct gf_model_rule *rule_for(const struct gf_service *s)
{
	static const struct gf_model_rule *const lists[] = {
		gf_model_sync_rules, gf_model_thread_rules, gf_model_queue_rules,
		gf_model_pool_rules, gf_model_lookup_rules, gf_model_block_rules};
	static const struct gf_model_rule *found[GF_MODEL_SERVICES_MAX];
	static uint8_t looked[GF_MODEL_SERVICES_MAX];
	size_t i = (size_t)(s - gf_services);

	if (i >= GF_MODEL_SERVICES_MAX)
		return NULL;
	if (!looked[i]) {
		for (unsigned l = 0; l < sizeof lists / sizeof lists[0]; l++)
			for (const struct gf_model_rule *r = lists[l]; r->service; r++)
				if (strcmp(r->service, s->full_name) == 0)
					found[i] = r;
		looked[i] = 1;
	}
	return found[i];
}

struct gf_model_obj *gf_model_new(struct gf_model *m, uintptr_t addr,
				  enum gf_object_type t)
{
	struct gf_model_obj *free_record = NULL;

	for (int k = 0; k < GF_MODEL_OBJECTS; k++) {
		if (m->obj[k].addr == addr)
			gf_model_forget(m, &m->obj[k]);
		if (!m->obj[k].addr && !free_record)
			free_record = &m->obj[k];
	}
	if (free_record) {
		memset(free_record, 0, sizeof *free_record);
		free_record->addr = addr;
		free_record->type = t;
	}
	return free_record;
}

static int is_pool(const struct gf_model_obj *o)
{
	return o->type == GF_OT_BLOCK_POOL || o->type == GF_OT_BYTE_POOL;
}

struct gf_model_pieces *gf_model_pieces(struct gf_model *m, const struct gf_model_obj *o)
{
	return is_pool(o) && o->u.pool.pieces >= 0 ? &m->pieces[o->u.pool.pieces] : NULL;
}

void gf_model_unlist_pieces(struct gf_model *m, struct gf_model_obj *o)
{
	if (gf_model_pieces(m, o))
		m->pieces_used[o->u.pool.pieces] = 0;
	o->u.pool.pieces = -1;
}

void gf_model_forget(struct gf_model *m, struct gf_model_obj *o)
{
	if (o->type == GF_OT_QUEUE && o->u.queue.store >= 0)
		m->store_used[o->u.queue.store] = 0;
	if (is_pool(o))
		gf_model_unlist_pieces(m, o);
	o->addr = 0;
}

static struct gf_model_obj *find(struct gf_model *m, uintptr_t addr,
				 enum gf_object_type t)
{
	for (int k = 0; k < GF_MODEL_OBJECTS; k++)
		if (m->obj[k].addr == addr && addr && m->obj[k].type == t)
			return &m->obj[k];
	return NULL;
}

/* The pool that handed out the piece at addr. */
static struct gf_model_obj *piece_owner(struct gf_model *m, uintptr_t addr)
{
	for (int k = 0; k < GF_MODEL_OBJECTS; k++) {
		struct gf_model_obj *o = &m->obj[k];
		const struct gf_model_pieces *out = gf_model_pieces(m, o);
		for (uint32_t j = 0; o->addr && out && j < out->nout; j++)
			if (out->out[j].addr == addr)
				return o;
	}
	return NULL;
}

static struct gf_model_obj *object_of(struct gf_model *m,
				      const struct gf_service *s,
				      const uintptr_t *args)
{
	const struct gf_param *p = &s->params[0];

	if (s->nparams == 0)
		return NULL;
	if (p->kind == GF_P_OBJ && p->mode != GF_MODE_CREATE)
		return find(m, args[0], p->type);
	if (p->kind == GF_P_POOLMEM)
		return piece_owner(m, args[0]);
	return NULL;
}

/* Whether the call is on an object the model follows (its first
 * parameter one, or a piece of pool memory); a rule judges such a call
 * only on a followed object.  A block is none: its rule works from the
 * ledger (model_block.c). */
static int on_object(const struct gf_service *s)
{
	const struct gf_param *p = &s->params[0];

	return s->nparams && ((p->kind == GF_P_OBJ && p->mode != GF_MODE_CREATE &&
			       p->type != GF_OT_BLOCK) ||
			      p->kind == GF_P_POOLMEM);
}

/* Whether the rule may judge the call: its object followed, or none. */
static int judged(const struct gf_model_call *c)
{
	return c->obj || !on_object(c->s);
}

int gf_model_in_area(const struct gf_model_obj *o, uintptr_t addr, uint64_t len)
{
	return o->area_size && addr < o->area + o->area_size && addr + len > o->area;
}

/* The bytes buffer or slot parameter i covers (0: none). */
static uint64_t param_len(const struct gf_model_call *c, int i)
{
	const struct gf_param *p = &c->s->params[i];

	if (p->kind == GF_P_SLOT)
		return c->args[i] ? p->size : 0;
	if (p->kind != GF_P_OUT && p->kind != GF_P_IN)
		return 0;
	switch (p->len.rule) {
	case GF_LEN_PARAM_RULE:
		return c->args[p->len.param];
	case GF_LEN_FIXED_RULE:
		return p->len.bytes;
	case GF_LEN_FIELD_RULE:
		/* a queue's message: the record of the call's queue */
		return c->obj && c->obj->type == GF_OT_QUEUE ? c->obj->u.queue.msg_bytes
							     : UINT32_MAX;
	default:
		return 0;
	}
}

/* The bytes output parameter i of the call may write (0: none). */
static uint64_t out_len(const struct gf_model_call *c, int i)
{
	return c->s->params[i].kind == GF_P_IN ? 0 : param_len(c, i);
}

int gf_model_slot(const struct gf_model_call *c, int param, uintptr_t *v)
{
	uintptr_t at = c->args[param];
	uint32_t size = c->s->params[param].size;

	if (!at || !(gf_world_perm(c->w, at, size) & GF_PERM_R))
		return 0;
	for (int i = 0; i < c->s->nparams; i++) {
		uint64_t len = out_len(c, i);
		if (i != param && len && c->args[i] < at + size && c->args[i] + len > at)
			return 0;
	}
	*v = size == GF_SLOT_U32 ? *(const uint32_t *)at : *(const uintptr_t *)at;
	return 1;
}

const char *gf_model_slot_is(const struct gf_model_call *c, int param, uintptr_t want,
			     const char *what, char *buf, size_t n)
{
	uintptr_t got;

	if (!gf_model_slot(c, param, &got) || got == want)
		return NULL;
	snprintf(buf, n, "%s %#lx, where the calls so far leave %#lx", what,
		 (unsigned long)got, (unsigned long)want);
	return buf;
}

/* FNV-1a over the object's module memory, less the pieces a pool handed
 * out (the module's to write); 0 with *ok = 0 when the caller cannot read
 * it or it is too large to hash on every call. */
static uint32_t area_hash(const struct gf_model_call *c, const struct gf_model_obj *o,
			  int *ok)
{
	const uint8_t *p = (const uint8_t *)o->area;
	uint32_t h = 2166136261u;
	const struct gf_model_pieces *out = gf_model_pieces(c->m, o);

	*ok = o->area_size <= GF_MODEL_AREA_MAX &&
	      (gf_world_perm(c->w, o->area, o->area_size) & GF_PERM_R);
	if (!*ok)
		return 0;
	for (uint32_t i = 0; i < o->area_size; i++) {
		int handed_out = 0;
		for (uint32_t j = 0; out && j < out->nout && !handed_out; j++)
			handed_out = o->area + i - out->out[j].addr < out->out[j].size;
		if (!handed_out)
			h = (h ^ p[i]) * 16777619u;
	}
	return h;
}

/* After a call on the object: its memory as the call left it, unless the
 * call wrote into it through an output of its own (the model would not
 * know what it holds).  The creation hands the memory over: whatever the
 * kernel put there is where the model starts. */
static void area_seen(const struct gf_model_call *c, struct gf_model_obj *o)
{
	const struct gf_param *p0 = &c->s->params[0];
	int written = 0;

	for (int i = 0; i < c->s->nparams &&
			!(p0->kind == GF_P_OBJ && p0->mode == GF_MODE_CREATE); i++)
		written |= gf_model_in_area(o, c->args[i], out_len(c, i));
	o->area_hash = area_hash(c, o, &o->area_known);
	if (written)
		o->area_known = 0;
}

/* The call as the model sees it; c->trusted is left to the caller.  A
 * scalar is the value it has in the kernel's ABI, as the rules take it
 * (GF_SCALAR_LOW_32_BITS, object_abi.h): ThreadX drops the bits above 32
 * of an option, a size or a ceiling before it checks or uses it. */
static void call_of(struct gf_model_call *c, struct gf_model *m,
		    const struct gf_service *s, const uintptr_t *args,
		    const struct gf_world *w)
{
	*c = (struct gf_model_call){.m = m, .s = gf_oracle_service(s), .args = c->values, .w = w};
	for (int i = 0; i < c->s->nparams && i < GF_MAX_PARAMS; i++) {
		enum gf_param_kind k = c->s->params[i].kind;
		c->values[i] = GF_SCALAR_LOW_32_BITS && (k == GF_P_SCALAR || k == GF_P_WAIT)
				       ? (uint32_t)args[i]
				       : args[i];
	}
	c->obj = object_of(m, c->s, c->args);
}

/* Before the call: is the object's module memory as the model left it? */
static int untouched(const struct gf_model_call *c)
{
	int readable;

	return c->obj && c->obj->area_known &&
	       area_hash(c, c->obj, &readable) == c->obj->area_hash && readable;
}

/* Whether every buffer and slot of the call, and the extra-parameter
 * array, lies in the caller's read-write memory.  A kernel may be stricter
 * than the rules about the rest (ThreadX takes buffers from a module's data and read-write window
 * only, not its code or a read-only window): such a call may be refused
 * for its pointer, whatever the object's state (.tx.model). */
static int pointers_in_rw(const struct gf_model_call *c, uintptr_t extra)
{
	if (extra && (gf_world_perm(c->w, extra, (uint64_t)(c->s->nparams - 2) *
							   sizeof(uintptr_t)) &
		      GF_PERM_RW) != GF_PERM_RW)
		return 0;
	for (int i = 0; i < c->s->nparams; i++) {
		uint64_t len = param_len(c, i);
		if (len && c->args[i] &&
		    (gf_world_perm(c->w, c->args[i], len) & GF_PERM_RW) != GF_PERM_RW)
			return 0;
	}
	return 1;
}

void gf_model_expect(struct gf_model *m, const struct gf_service *s,
		     const uintptr_t *args, uintptr_t extra,
		     const struct gf_world *w, struct gf_expect *e)
{
	const struct gf_model_rule *r = rule_for(s);
	struct gf_model_call c;

	gf_expect(e, GF_EXPECT_EITHER, 0, NULL);
	e->trusted = e->covers_rules = 0;
	if (!r || s->returns != GF_RET_STATUS)
		return;
	call_of(&c, m, s, args, w);
	e->trusted = c.trusted = untouched(&c);
	if (judged(&c) && r->expect)
		r->expect(&c, e);
	if (e->kind == GF_EXPECT_SUCCESS && !pointers_in_rw(&c, extra))
		gf_expect(e, GF_EXPECT_EITHER, 0, NULL);
	/* A status this kernel does not document for the service is no
	 * status the model may insist on: any refusal will do. */
	if (e->kind == GF_EXPECT_REFUSAL && e->status &&
	    !gf_service_documents(s, e->status))
		e->status = 0;
}

static void apply(struct gf_model_call *c, const struct gf_model_rule *r)
{
	const struct gf_param *p0 = &c->s->params[0];

	if (c->s->nparams && p0->kind == GF_P_OBJ && p0->mode == GF_MODE_CREATE) {
		c->obj = gf_model_new(c->m, c->args[0], p0->type);
	} else if (!on_object(c->s)) {
		/* on no object the model follows: the rule works from the
		 * ledger (a block) */
		if (r->apply)
			r->apply(c);
		return;
	}
	if (!c->obj)
		return;
	if (p0->kind == GF_P_OBJ && p0->mode == GF_MODE_DELETE) {
		gf_model_forget(c->m, c->obj);
		return;
	}
	if (r->apply)
		r->apply(c);
	if (c->obj->addr && c->obj->area_size)
		area_seen(c, c->obj);
}

void gf_model_pool_taken(struct gf_model *m)
{
	m->block_freed = 0;
}

void gf_model_apply(struct gf_model *m, const struct gf_service *s,
		    const uintptr_t *args, const struct gf_world *w)
{
	const struct gf_model_rule *r = rule_for(s);
	struct gf_model_call c;

	if (!r || s->returns != GF_RET_STATUS)
		return;
	call_of(&c, m, s, args, w);
	c.trusted = 1; /* the fixture's own calls: nothing rewrote anything */
	apply(&c, r);
}

static const char *status_text(uint32_t st, char *buf, size_t n)
{
	const char *name = gf_status_name(st);

	if (name)
		snprintf(buf, n, "%s", name);
	else
		snprintf(buf, n, "%#x", (unsigned)st);
	return buf;
}

int gf_model_judge(struct gf_model *m, const struct gf_service *s,
		   const uintptr_t *args, const struct gf_world *w,
		   uintptr_t status, const struct gf_expect *e,
		   const char **kind, char *detail, size_t n)
{
	const struct gf_model_rule *r = rule_for(s);
	struct gf_model_call c;
	char got[24], want[24], out[160];
	const char *wrong;

	if (!r || s->returns != GF_RET_STATUS)
		return 0;
	status_text((uint32_t)status, got, sizeof got);
	*kind = "wrong-status";
	if (e->kind == GF_EXPECT_SUCCESS && status != GF_SUCCESS) {
		snprintf(detail, n, "refused with %s a call that must succeed: %s", got, e->why);
		return 1;
	}
	if (e->kind == GF_EXPECT_REFUSAL && status != GF_SUCCESS && e->status &&
	    status != e->status) {
		snprintf(detail, n, "refused with %s where it must be %s: %s", got,
			 status_text(e->status, want, sizeof want), e->why);
		return 1;
	}
	*kind = "state";
	if (e->kind == GF_EXPECT_REFUSAL && status == GF_SUCCESS) {
		snprintf(detail, n, "succeeded where it must be refused%s%s: %s",
			 e->status ? " with " : "",
			 e->status ? status_text(e->status, want, sizeof want) : "", e->why);
		return 1;
	}
	if (status != GF_SUCCESS)
		return 0;
	call_of(&c, m, s, args, w);
	c.trusted = e->trusted;
	if (judged(&c) && r->check && (wrong = r->check(&c, out, sizeof out))) {
		snprintf(detail, n, "%s", wrong);
		return 1;
	}
	apply(&c, r);
	return 0;
}

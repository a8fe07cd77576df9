/* model_lookup.c — the model's rule for finding an object by name
 * (module_object_pointer_get[_extended], .harn.model.lookup).  The name is
 * the only access control on sharing: a lookup must return an object of
 * the type named exactly so, never one whose name merely starts alike.
 * The ledger keeps each live object's name as its create gave it; where
 * the kernel's object_abi.h says its lookups search exactly those names
 * (GF_LOOKUP_BY_COPIED_NAME), the model judges the lookup from them:
 *   - a success returns a live object of the type with exactly that name;
 *   - when live objects of the type have that name and the finder may
 *     reach every one (.kern.share: a queue whose storage it may write),
 *     the lookup must succeed;
 *   - when the ledger knows every live object and none has that name, it
 *     must be refused (GF_LOOKUP_NOT_FOUND: NOT_FOUND here).
 * Elsewhere (ThreadX compares against module memory the module may have
 * rewritten, and finds objects of its own) it judges nothing. */
#include <stdio.h>
#include <string.h>

#include "model_internal.h"
#include "ownership.h"

/* The name asked for, as the call's parameters shape it: pointer_get's
 * string, pointer_get_extended's buffer of name_length bytes.  The model
 * runs before the rules' verdict counts: a name the caller cannot read,
 * or a string with no NUL within its maximum, is no name (0). */
struct asked {
	enum gf_object_type type;
	const char *name;
	size_t len;
	int slot; /* the parameter of the object pointer's output slot */
};

static int asked(const struct gf_model_call *c, struct asked *a)
{
	const struct gf_param *p = &c->s->params[1];
	uintptr_t at = c->args[1];

	*a = (struct asked){(enum gf_object_type)c->args[0], (const char *)at, 0,
			    c->s->nparams - 1};
	if (p->kind == GF_P_IN) {
		a->len = c->args[2];
		return a->len && (gf_world_perm(c->w, at, a->len) & GF_PERM_R);
	}
	for (a->len = 0; a->len < p->max; a->len++) {
		if (!(gf_world_perm(c->w, at + a->len, 1) & GF_PERM_R))
			return 0;
		if (a->name[a->len] == 0)
			return 1;
	}
	return 0;
}

static int named(const struct gf_ledger_block *b, const struct asked *a)
{
	return b->state == GF_OBJ_LIVE && b->type == a->type &&
	       strlen(b->name) == a->len && memcmp(b->name, a->name, a->len) == 0;
}

/* .kern.share: a queue is found only by a module that may write its
 * storage; wholly writable is surely reachable. */
static int reachable(const struct gf_model_call *c, const struct gf_ledger_block *b)
{
	return b->type != GF_OT_QUEUE ||
	       (gf_world_perm(c->w, b->storage, b->storage_len) & GF_PERM_W);
}

static void lookup_expect(const struct gf_model_call *c, struct gf_expect *e)
{
	const struct gf_ledger *l = c->w->ledger;
	struct asked a;
	int matches = 0, reached = 0;

	if (!GF_LOOKUP_BY_COPIED_NAME || !asked(c, &a))
		return;
	for (int i = 0; i < l->nblocks; i++)
		if (named(&l->block[i], &a)) {
			matches++;
			reached += reachable(c, &l->block[i]);
		}
	if (matches && reached == matches)
		gf_expect(e, GF_EXPECT_SUCCESS, 0,
			  "a live object of the type has exactly that name");
	else if (!matches && !l->missed)
		gf_expect(e, GF_EXPECT_REFUSAL, GF_LOOKUP_NOT_FOUND,
			  "no live object of the type has exactly that name");
}

/* After a success: the object returned is one of the type named exactly
 * as asked; unless the output slot overlaps the name, which the call then
 * rewrote. */
static const char *lookup_check(const struct gf_model_call *c, char *buf, size_t n)
{
	struct asked a;
	uintptr_t got, slot;
	const struct gf_ledger_block *b;

	if (!GF_LOOKUP_BY_COPIED_NAME || !asked(c, &a) || !gf_model_slot(c, a.slot, &got))
		return NULL;
	slot = c->args[a.slot];
	if (slot < (uintptr_t)a.name + a.len + 1 &&
	    slot + c->s->params[a.slot].size > (uintptr_t)a.name)
		return NULL;
	b = gf_ledger_block_at(c->w->ledger, got);
	if (b && named(b, &a))
		return NULL;
	snprintf(buf, n, "returned %#lx, %s, for a name of %u bytes", (unsigned long)got,
		 !b || b->state != GF_OBJ_LIVE || b->type != a.type
			 ? "no live object of the type"
			 : b->name[0] ? "an object of another name" : "an object of the empty name",
		 (unsigned)a.len);
	return buf;
}

const struct gf_model_rule gf_model_lookup_rules[] = {
	{"module_object_pointer_get", lookup_expect, lookup_check, NULL},
	{"module_object_pointer_get_extended", lookup_expect, lookup_check, NULL},
	{NULL, NULL, NULL, NULL},
};

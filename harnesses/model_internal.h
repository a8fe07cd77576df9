/* model_internal.h — what the model's per-family rules share (model.c):
 * one call as the model sees it, and a rule per service. */
#ifndef GATEFUZZ_MODEL_INTERNAL_H
#define GATEFUZZ_MODEL_INTERNAL_H

#include "model.h"
#include "pointer_gen.h"

struct gf_model_call {
	struct gf_model *m;
	const struct gf_service *s; /* as the oracle states it             */
	const uintptr_t *args;      /* its arguments: values[]              */
	const struct gf_world *w;
	struct gf_model_obj *obj;   /* the object the call is on, or NULL   */
	int trusted;                /* its module memory as the model left it */
	uintptr_t values[GF_MAX_PARAMS]; /* the arguments, scalars as the
					    kernel's ABI has them         */
};

/* One service's rule.  expect runs only when the model follows the
 * call's object, or the service takes none the model follows (a lookup
 * by name, a block: the ledger judges them); check only after a success, returning what the outputs
 * got wrong (written into buf) or NULL; apply records the success. */
struct gf_model_rule {
	const char *service;
	void (*expect)(const struct gf_model_call *c, struct gf_expect *e);
	const char *(*check)(const struct gf_model_call *c, char *buf, size_t n);
	void (*apply)(struct gf_model_call *c);
};
/* Each list ends with a rule whose service is NULL. */
extern const struct gf_model_rule gf_model_sync_rules[];
extern const struct gf_model_rule gf_model_thread_rules[];
extern const struct gf_model_rule gf_model_queue_rules[];
extern const struct gf_model_rule gf_model_pool_rules[];
extern const struct gf_model_rule gf_model_lookup_rules[];
extern const struct gf_model_rule gf_model_block_rules[];

void gf_expect(struct gf_expect *e, enum gf_expect_kind kind, uint32_t status,
	       const char *why);
/* The expectation of a call that only needs its object live and usable
 * (info, flush), which the rules already said it is: success. */
void gf_model_usable(const struct gf_model_call *c, struct gf_expect *e);

/* The record of a new object (any old record of its address replaced);
 * NULL when every record is taken. */
struct gf_model_obj *gf_model_new(struct gf_model *m, uintptr_t addr,
				  enum gf_object_type t);
void gf_model_forget(struct gf_model *m, struct gf_model_obj *o);
/* The pieces a pool record lists, or NULL (no pool, or not known). */
struct gf_model_pieces *gf_model_pieces(struct gf_model *m, const struct gf_model_obj *o);
/* The pool's pieces are no longer all known: its table is free again. */
void gf_model_unlist_pieces(struct gf_model *m, struct gf_model_obj *o);

/* The value the call wrote to output slot `param`: 1 when there is one to
 * read (a slot was given, it is the caller's, and no other output of the
 * call overlaps it), else 0. */
int gf_model_slot(const struct gf_model_call *c, int param, uintptr_t *v);
/* NULL when output slot `param` holds `want` or cannot be read; else what
 * it holds instead, in words (written into buf). */
const char *gf_model_slot_is(const struct gf_model_call *c, int param, uintptr_t want,
			     const char *what, char *buf, size_t n);
/* Whether [addr, addr + len) overlaps the object's module memory. */
int gf_model_in_area(const struct gf_model_obj *o, uintptr_t addr, uint64_t len);

#endif

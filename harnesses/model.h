/* model.h — the oracle's model of object state (.harn.model).
 *
 * The ledger says which objects exist and who may use them; the model says
 * what state each is in — a semaphore's count, who holds a mutex and how
 * often, the flags of a group, a thread's state where nothing can have
 * moved it, the messages a queue holds in order, the memory a pool handed
 * out — from the calls that succeeded, never from the kernel.  From it,
 * before each call the rules accept, it says whether the call MUST succeed,
 * MUST be refused (with which status), or may do EITHER; after the call it
 * checks the status and what the call returned against that.
 *
 * Zero false positives: where a kernel may decide either way (a wait that
 * may time out, a count at its maximum, a pool's overhead, memory the
 * module may have rewritten since the model saw it) the model says EITHER
 * and checks nothing that depends on it.
 */
#ifndef GATEFUZZ_MODEL_H
#define GATEFUZZ_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "service_table.h"

struct gf_world; /* pointer_gen.h */

/* Objects whose state is followed: the three fixtures' (about fifteen
 * records each, .harn.fixture.states) and what an input creates.  A
 * record is small; what a pool handed out and what a queue holds live in
 * tables of their own, taken by the pools and queues that need one, so
 * that the copy restored before each input stays small
 * (.harn.model.records). */
#define GF_MODEL_OBJECTS 64
#define GF_MODEL_POOLS 12      /* pools whose pieces are listed          */
#define GF_MODEL_OUT 12        /* pieces of a pool handed out, followed */
#define GF_MODEL_QUEUES 4      /* queues whose messages are kept        */
#define GF_MODEL_QUEUE_BYTES 512
#define GF_MODEL_AREA_MAX 4096 /* storage larger than this is not hashed */

/* Thread states the model can be sure of: nothing runs a suspended or a
 * finished thread, so nothing but a call moves it; a ready thread only in
 * a kernel that runs no thread (GF_THREADS_RUN 0, .harn.model.threads). */
enum gf_model_thread { GF_MT_UNKNOWN, GF_MT_SUSPENDED, GF_MT_FINISHED, GF_MT_READY };

struct gf_model_piece {
	uintptr_t addr;
	uint32_t size;
};

/* The pieces one pool handed out and did not take back, all of them. */
struct gf_model_pieces {
	uint32_t nout;
	struct gf_model_piece out[GF_MODEL_OUT];
};

struct gf_model_obj {
	uintptr_t addr;          /* the object; 0: a free record            */
	enum gf_object_type type;
	/* Module memory the object keeps (queue storage, pool area), and a
	 * hash of it as the last call on the object left it: a module may
	 * rewrite its memory at any time, and what it rewrote the model no
	 * longer knows (.harn.model.area). */
	uintptr_t area;
	uint32_t area_size, area_hash;
	int area_known;
	union {
		struct {
			int32_t owner;   /* module, or -1: free             */
			uint32_t count;
		} mutex;
		uint32_t count;          /* semaphore                       */
		uint32_t flags;          /* event flags                     */
		struct {
			enum gf_model_thread state;
			/* as the module set them: create, priority_change */
			uint32_t priority, threshold;
		} thread;
		struct {
			uint32_t msg_bytes, capacity, count;
			int store;       /* its messages' store, or -1: not
					    known                           */
		} queue;
		struct {
			uint32_t block_size; /* block pools; 0: a byte pool */
			int pieces;      /* the table listing every piece
					    out, or -1: not known           */
		} pool;
	} u;
};

struct gf_model {
	struct gf_model_obj obj[GF_MODEL_OBJECTS];
	/* Each store holds one queue's messages, the first sent first. */
	uint8_t store[GF_MODEL_QUEUES][GF_MODEL_QUEUE_BYTES];
	uint8_t store_used[GF_MODEL_QUEUES];
	struct gf_model_pieces pieces[GF_MODEL_POOLS];
	uint8_t pieces_used[GF_MODEL_POOLS];
	/* The largest block given back since the object pool last handed
	 * one out, 0: none (.harn.model.reuse). */
	uint32_t block_freed;
};

enum gf_expect_kind { GF_EXPECT_EITHER, GF_EXPECT_SUCCESS, GF_EXPECT_REFUSAL };

/* What the model says of one call, before it runs. */
struct gf_expect {
	enum gf_expect_kind kind;
	uint32_t status;     /* REFUSAL: the status; 0: any documented one    */
	const char *why;     /* the state that decides, in words             */
	int trusted;         /* the object's module memory is as the model
				last saw it                                  */
	int covers_rules;    /* REFUSAL: the status stands where the rules
				refuse the call too (the state it read is
				the one thing they refuse it for)            */
};

/* Before a call the rules accept: what it must do (in *e).  extra is the
 * extra-parameter array the input placed itself, or 0. */
void gf_model_expect(struct gf_model *m, const struct gf_service *s,
		     const uintptr_t *args, uintptr_t extra,
		     const struct gf_world *w, struct gf_expect *e);

/* After it (after a call the rules accept, or one they refuse when
 * e->covers_rules): 0, the model updated when it succeeded; or 1 with *kind
 * ("wrong-status": a refusal of a call that must succeed, or another
 * status than the one it must be refused with; "state": a success the
 * state forbids, or an output other than the state says) and detail. */
int gf_model_judge(struct gf_model *m, const struct gf_service *s,
		   const uintptr_t *args, const struct gf_world *w,
		   uintptr_t status, const struct gf_expect *e,
		   const char **kind, char *detail, size_t n);

/* The object pool handed out blocks the model does not see (the fill of
 * .harn.fixture.full). */
void gf_model_pool_taken(struct gf_model *m);

/* A call that succeeded outside the judged path (the fixture's). */
void gf_model_apply(struct gf_model *m, const struct gf_service *s,
		    const uintptr_t *args, const struct gf_world *w);

#endif

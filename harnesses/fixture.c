/* fixture.c — the objects every input starts with (.harn.fixture).
 * Every step is an ordinary call by the puppet and must succeed: a fixture
 * the kernel refuses is a broken kernel, reported before any fuzzing. */
#include "fixture.h"

#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "kernel.h"

struct fixture {
	const struct gf_slot *me;
	uintptr_t next_slot, next_name, next_area;
	char *err;
	size_t errlen;
};

static uintptr_t data(const struct fixture *fx, uintptr_t offset)
{
	return fx->me->data->base + offset;
}

/* "m<module>.<type>", or with a non-empty `state` "m<module>.<type>.<state>"
 * (a second object of a type, made to be in that state). */
static uintptr_t name(struct fixture *fx, const char *type, const char *state)
{
	char buf[32];
	uintptr_t at = fx->next_name;

	snprintf(buf, sizeof buf, "m%d.%s%s%s", fx->me->module, type,
		 state[0] ? "." : "", state);
	memcpy((void *)at, buf, strlen(buf) + 1);
	fx->next_name += 32;
	return at;
}

static uintptr_t slot(struct fixture *fx)
{
	uintptr_t at = fx->next_slot;

	fx->next_slot += sizeof(uintptr_t);
	return at;
}

static uintptr_t area(struct fixture *fx, uintptr_t size)
{
	uintptr_t at = fx->next_area;

	fx->next_area += (size + 63) & ~(uintptr_t)63;
	return at;
}

/* One call by this fixture's module that must succeed, with the n
 * arguments given; a kernel's further parameters must be scalars, which
 * take their smallest valid value (ThreadX's control-block size). */
static int call_n(struct fixture *fx, const char *service, const uintptr_t *given,
		  int n)
{
	const struct gf_service *s = gf_service_by_name(service);
	uintptr_t args[GF_MAX_PARAMS] = {0}, status = 0;

	if (!s) {
		snprintf(fx->err, fx->errlen, "no service %s", service);
		return -1;
	}
	for (int i = 0; i < s->nparams; i++) {
		if (i < n) {
			args[i] = given[i];
		} else if (s->params[i].kind == GF_P_SCALAR) {
			args[i] = s->params[i].min;
		} else {
			snprintf(fx->err, fx->errlen, "%s: the fixture names %d of its %d parameters",
				 service, n, s->nparams);
			return -1;
		}
	}
	if (gf_harness_exec(fx->me - gf_harness_sandbox()->slot, s, args, &status) ||
	    status != GF_SUCCESS) {
		snprintf(fx->err, fx->errlen, "module %d: %s returned %s", fx->me->module,
			 service, gf_status_name((uint32_t)status) ? gf_status_name((uint32_t)status)
								   : "a fault");
		return -1;
	}
	return 0;
}
#define call(fx, service, ...) \
	call_n(fx, service, __VA_ARGS__, (int)(sizeof(__VA_ARGS__) / sizeof(uintptr_t)))

/* A block for an object of type t; GF_OT_BLOCK asks for one large enough
 * for any type (the empty block inputs create objects in). */
static size_t block_size(enum gf_object_type t)
{
	size_t max = 0;

	if (t != GF_OT_BLOCK)
		return gf_kernel_object_size(t);
	for (int k = GF_OT_BLOCK_POOL; k < GF_OT_COUNT; k++)
		if (gf_kernel_object_size((enum gf_object_type)k) > max)
			max = gf_kernel_object_size((enum gf_object_type)k);
	return max;
}

static int allocate(struct fixture *fx, enum gf_object_type t, uintptr_t *block)
{
	uintptr_t s = slot(fx);
	size_t size = block_size(t);

	if (call(fx, "module_object_allocate",
		 (uintptr_t[]){s, size}))
		return -1;
	*block = *(uintptr_t *)s;
	return 0;
}

/* A second object of a type, made to be in a state of its own. */
enum variant {
	PLAIN,       /* the first object of each type                       */
	ODD_QUEUE,   /* a queue of capacity 3: no power of two              */
	READY,       /* a thread started at creation                        */
	EMPTY,       /* a semaphore with no count                           */
	FULL,        /* a queue, a block pool with room for one: filled      */
};

/* Creates one object of type t in a fresh block; returns its address. */
static int create_as(struct fixture *fx, enum gf_object_type t, enum variant v,
		     const char *state, uintptr_t *obj)
{
	uintptr_t b, entry = fx->me->entry;
	const char *type = gf_object_type_name(t);
	char service[48];
	uintptr_t n;

	if (allocate(fx, t, &b))
		return -1;
	n = name(fx, type, state);
	*obj = b;
	snprintf(service, sizeof service, "%s_create", type);
	for (char *c = service; *c; c++)
		*c = (char)(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c);
	switch (t) {
	case GF_OT_BLOCK_POOL:
		/* 16-byte blocks in 24 bytes: one block, here and in ThreadX,
		 * whose blocks carry a pointer in front */
		return v == FULL
			       ? call(fx, service, (uintptr_t[]){b, n, 16, area(fx, 24), 24})
			       : call(fx, service, (uintptr_t[]){b, n, 32, area(fx, 1024), 1024});
	case GF_OT_BYTE_POOL:
		return call(fx, service, (uintptr_t[]){b, n, area(fx, 2048), 2048});
	case GF_OT_QUEUE:
		/* one-word messages in 12 (or 4) bytes, or four-word ones in 256 */
		if (v == ODD_QUEUE || v == FULL)
			return call(fx, service, (uintptr_t[]){b, n, 1, area(fx, v == FULL ? 4 : 12),
							       v == FULL ? 4 : 12});
		return call(fx, service, (uintptr_t[]){b, n, 4, area(fx, 256), 256});
	case GF_OT_MUTEX:
		return call(fx, service, (uintptr_t[]){b, n, 0});
	case GF_OT_SEMAPHORE:
		return call(fx, service, (uintptr_t[]){b, n, v == EMPTY ? 0 : 3});
	case GF_OT_THREAD:
		return call(fx, service, (uintptr_t[]){b, n, entry, 0, area(fx, 1024),
						       1024, 16, 16, 0, v == READY});
	case GF_OT_TIMER:
		return call(fx, service, (uintptr_t[]){b, n, entry, 0, 10, 0, 0});
	default:
		return call(fx, service, (uintptr_t[]){b, n});
	}
}

static int create(struct fixture *fx, enum gf_object_type t, uintptr_t *obj)
{
	return create_as(fx, t, PLAIN, "", obj);
}

/* .harn.fixture.states: objects in the states the first ones are not in,
 * so that every path of an implementation has an input that starts there:
 * a queue whose capacity is no power of two, holding two messages (its
 * next send wraps the write index); a full queue and a full block pool; a
 * ready thread and a terminated one; a mutex the module holds; a semaphore
 * at zero; an active timer; an event flags group with flags set (the
 * first stays clear: a get that finds none is a path too); a piece of
 * each pool released (what a second release names) and a byte pool cut
 * into a used piece, a hole and a used piece.  Made after the first
 * objects, so that the n-th object of a class is what it was before. */
static int build_states(struct fixture *fx, const uintptr_t *obj)
{
	uintptr_t odd, full, pool, ready, done, held, empty, active, flags, message = area(fx, 8);
	uintptr_t block = slot(fx), hole = slot(fx), after = slot(fx);

	memcpy((void *)message, "msg!", 4);
	if (create_as(fx, GF_OT_QUEUE, ODD_QUEUE, "odd", &odd) ||
	    call(fx, "queue_send", (uintptr_t[]){odd, message, 0}) ||
	    call(fx, "queue_send", (uintptr_t[]){odd, message, 0}) ||
	    create_as(fx, GF_OT_QUEUE, FULL, "full", &full) ||
	    call(fx, "queue_send", (uintptr_t[]){full, message, 0}) ||
	    create_as(fx, GF_OT_BLOCK_POOL, FULL, "full", &pool) ||
	    call(fx, "block_pool_allocate", (uintptr_t[]){pool, slot(fx), 0}) ||
	    create_as(fx, GF_OT_THREAD, READY, "ready", &ready) ||
	    create_as(fx, GF_OT_THREAD, PLAIN, "done", &done) ||
	    call(fx, "thread_terminate", (uintptr_t[]){done}) ||
	    create_as(fx, GF_OT_MUTEX, PLAIN, "held", &held) ||
	    call(fx, "mutex_get", (uintptr_t[]){held, 0}) ||
	    create_as(fx, GF_OT_SEMAPHORE, EMPTY, "empty", &empty) ||
	    create_as(fx, GF_OT_TIMER, PLAIN, "active", &active) ||
	    call(fx, "timer_activate", (uintptr_t[]){active}) ||
	    create_as(fx, GF_OT_EVENT_FLAGS, PLAIN, "set", &flags) ||
	    call(fx, "event_flags_set", (uintptr_t[]){flags, 0x0f0f0f0f, 0}))
		return -1;
	return call(fx, "block_pool_allocate", (uintptr_t[]){obj[GF_OT_BLOCK_POOL], block, 0}) ||
	       call(fx, "block_pool_release", (uintptr_t[]){*(uintptr_t *)block}) ||
	       call(fx, "byte_pool_allocate", (uintptr_t[]){obj[GF_OT_BYTE_POOL], hole, 32, 0}) ||
	       call(fx, "byte_pool_allocate", (uintptr_t[]){obj[GF_OT_BYTE_POOL], after, 16, 0}) ||
	       call(fx, "byte_pool_release", (uintptr_t[]){*(uintptr_t *)hole});
}

static int build_module(struct fixture *fx)
{
	uintptr_t obj[GF_OT_COUNT], stale, empty;

	for (int t = GF_OT_BLOCK_POOL; t < GF_OT_COUNT; t++)
		if (create(fx, (enum gf_object_type)t, &obj[t]))
			return -1;
	if (allocate(fx, GF_OT_BLOCK, &empty) ||
	    create(fx, GF_OT_SEMAPHORE, &stale) ||
	    call(fx, "semaphore_delete", (uintptr_t[]){stale}))
		return -1;
	/* A deleted object keeps its name in the ledger (where its kernel
	 * keeps the block); rename it so that lookups by name find the live
	 * semaphore. */
	struct gf_ledger_block *b = gf_ledger_block_at(gf_harness_ledger(), stale);
	if (b)
		b->name[0] = 0;
	return call(fx, "block_pool_allocate",
		    (uintptr_t[]){obj[GF_OT_BLOCK_POOL], slot(fx), 0}) ||
	       call(fx, "byte_pool_allocate",
		    (uintptr_t[]){obj[GF_OT_BYTE_POOL], slot(fx), 64, 0}) ||
	       build_states(fx, obj);
}

/* Module `finder` looks up the object of type t of module `owner` by name
 * (its first, or the one in `state`): shared with it for use. */
static int share(struct fixture *finder, const struct fixture *owner,
		 enum gf_object_type t, const char *state)
{
	struct gf_sandbox *sb = gf_harness_sandbox();
	uintptr_t n = finder->next_name;
	char buf[32];

	gf_sandbox_view_slot(sb, (int)(finder->me - sb->slot));
	snprintf(buf, sizeof buf, "m%d.%s%s%s", owner->me->module, gf_object_type_name(t),
		 state[0] ? "." : "", state);
	memcpy((void *)n, buf, strlen(buf) + 1);
	finder->next_name += 32;
	return call(finder, "module_object_pointer_get", (uintptr_t[]){t, n, slot(finder)});
}

/* A fixture of `slot`'s module whose slots, names and areas start at
 * these offsets of its data region. */
static void start(struct fixture *fx, int slot, uintptr_t slots,
		  uintptr_t names, uintptr_t areas, char *err, size_t errlen)
{
	struct gf_sandbox *sb = gf_harness_sandbox();

	/* .harn.view: a slot's memory is written in that slot's view. */
	gf_sandbox_view_slot(sb, slot);
	*fx = (struct fixture){&sb->slot[slot], 0, 0, 0, err, errlen};
	fx->next_slot = data(fx, slots);
	fx->next_name = data(fx, names);
	fx->next_area = data(fx, areas);
}

int gf_fixture_build(char *err, size_t errlen)
{
	static const int slots[] = {GF_SLOT_A, GF_SLOT_B, GF_SLOT_C};
	struct fixture fx[GF_HARNESS_SLOTS];

	for (size_t k = 0; k < sizeof slots / sizeof slots[0]; k++) {
		int m = slots[k];
		start(&fx[m], m, GF_DATA_SLOTS, GF_DATA_NAMES, GF_DATA_FIXTURE, err, errlen);
		if (build_module(&fx[m]))
			return -1;
	}
	/* A and B look up each other's semaphore by name: shared for use.
	 * B looks up the third module's too: an object shared with a module
	 * that is not A, which A can reach by no lookup (OBJ_THIRD).  Last, A
	 * finds the mutex B holds: one it may use and cannot get. */
	return share(&fx[GF_SLOT_A], &fx[GF_SLOT_B], GF_OT_SEMAPHORE, "") ||
	       share(&fx[GF_SLOT_B], &fx[GF_SLOT_A], GF_OT_SEMAPHORE, "") ||
	       share(&fx[GF_SLOT_B], &fx[GF_SLOT_C], GF_OT_SEMAPHORE, "") ||
	       share(&fx[GF_SLOT_A], &fx[GF_SLOT_B], GF_OT_MUTEX, "held") ? -1 : 0;
}

int gf_fixture_owner(int owner, int user, uintptr_t *shared, char *err,
		     size_t errlen)
{
	struct fixture fo, fu;
	uintptr_t at;

	start(&fo, owner, GF_DATA_SLOTS, GF_DATA_NAMES, GF_DATA_FIXTURE, err, errlen);
	if (build_module(&fo))
		return -1;
	/* The user's own fixture stays as it is: its slot and name in its
	 * scratch memory. */
	start(&fu, user, GF_DATA_SCRATCH, GF_DATA_SCRATCH + 64, GF_DATA_SCRATCH, err,
	      errlen);
	at = fu.next_slot; /* the output slot share() gives the lookup */
	if (share(&fu, &fo, GF_OT_SEMAPHORE, ""))
		return -1;
	*shared = *(uintptr_t *)at;
	return 0;
}

/* .harn.fixture.full.  The pool's size is never assumed: it differs
 * between kernels and targets, and only the kernel's own answers say when
 * the pool is full.  The sizes come from the kernel's description: from
 * the largest module_object_allocate takes (its scalar's maximum in
 * services.def, at most the arena), halved at each refusal, down to the
 * largest control block (object_abi.h).  A refusal is NO_MEMORY, or a size
 * larger than the whole pool (ThreadX's byte pool: TX_SIZE_ERROR).  The blocks are the third
 * module's and stay out of the ledger: no input names them, and the
 * ledger holds the fixture's and an input's blocks, not a pool's worth. */
int gf_fixture_fill_pool(struct gf_fault *f)
{
	const struct gf_service *s = gf_service_by_name("module_object_allocate");
	const struct gf_slot *third = &gf_harness_sandbox()->slot[GF_SLOT_C];
	size_t floor = block_size(GF_OT_BLOCK), arena = gf_kernel_arena()->size;
	uintptr_t args[GF_MAX_PARAMS] = {0}, status;
	uint64_t size = arena;
	int n = 0, made = 0;

	/* (slot, size) in either kernel's order: the block's address goes to
	 * the third module's scratch */
	for (; n < s->nparams; n++)
		if (s->params[n].kind == GF_P_SCALAR && s->params[n].max < size)
			size = s->params[n].max;
	/* Each block takes at least `floor` arena bytes: a kernel that hands
	 * out more than that many never fills, and the fill ends there.  The
	 * calls of one size go in runs that stop at the first refusal, the
	 * same calls as one at a time. */
	for (size_t calls = arena / floor + 64; size >= floor && calls; calls -= (size_t)made) {
		int batch = calls < GF_HARNESS_HELD_CALLS ? (int)calls : GF_HARNESS_HELD_CALLS;
		for (int i = 0; i < n; i++)
			args[i] = s->params[i].kind == GF_P_SCALAR ? (uintptr_t)size
								   : third->data->base + GF_DATA_SCRATCH;
		if (gf_harness_run_until_refused(GF_SLOT_C, s, args, batch, &made, &status, f))
			return 1;
		if (!made)
			return 0; /* the puppet made no call: nothing more will */
		if (status != GF_SUCCESS)
			size /= 2;
	}
	return 0;
}

/* program.h — the program module's programs (program_module.c), as the
 * firmware (program_main.c) orders them: a well-behaved module's calls
 * with ThreadX's documented statuses, and calls that re-enact the host
 * port's bug classes (docs/threadx.md) on the real port. */
#ifndef GATEFUZZ_TX_PROGRAM_H
#define GATEFUZZ_TX_PROGRAM_H

enum gf_program {
	GF_PROGRAM_WELL_BEHAVED, /* every call its documented status           */
	GF_PROGRAM_TX_USE,       /* info_get on kernel memory (target)         */
	GF_PROGRAM_TX_CREATE,    /* semaphore_create at a kernel address       */
	GF_PROGRAM_TX_DELETE,    /* delete module B's semaphore                */
	GF_PROGRAM_TX_THREAD,    /* terminate module B's thread                */
	GF_PROGRAM_TX_POOL,      /* allocate from module B's block pool (target) */
	GF_PROGRAM_TX_RELEASE,   /* release a block whose header names B's pool (target) */
	GF_PROGRAM_TX_DEALLOC,   /* deallocate a live semaphore's block        */
	GF_PROGRAM_TX_ALLOC,     /* allocate an object of nearly 4 GiB         */
	GF_PROGRAM_SEQUENCE,     /* the calls the firmware fetches (fuzz/)     */
	GF_PROGRAMS
};

/* A call of a sequence, as the firmware resolved it: the request and its
 * three parameters, made through the module library's kernel entry. */
struct gf_program_call {
	unsigned long request, param[3];
};
#define GF_PROGRAM_MAX_CALLS 32

/* What a sequence's parameters may point at in module A, which it tells
 * the firmware with GF_PROBE_FETCH: a scratch buffer that starts with a
 * NUL-terminated name, and control blocks from the object pool: one of
 * each type's own size, in enum gf_fuzz_object_type's order (ThreadX
 * creates an object only in a block of exactly its size), then one more
 * of the largest size, a thread's (the host fixture's empty block). */
#define GF_PROGRAM_OBJECTS 9
struct gf_program_layout {
	unsigned long scratch, scratch_size;
	unsigned long object[GF_PROGRAM_OBJECTS];
};
/* The order: action GF_PROBE_PROGRAM, arg the program, addr its target
 * (kernel memory, or module B's pool, which the firmware finds). */

/* Module B's objects, which every program module creates while idle. */
#define GF_PROGRAM_B_THREAD "B thread"
#define GF_PROGRAM_B_POOL "B blocks"
/* TX-DEALLOC's semaphore, module A's. */
#define GF_PROGRAM_A_DOOMED "A doomed"

/* A documented status that is any error (not TX_SUCCESS). */
#define GF_PROGRAM_ANY_ERROR 0xFFFFFFFFul

/* Module B's semaphore, which every program module creates while idle. */
#define GF_PROGRAM_B_SEMAPHORE "B semaphore"
/* What TX-USE's fake semaphore in kernel memory holds as its count. */
#define GF_PROGRAM_SECRET 0x5EC2E7ul

#endif

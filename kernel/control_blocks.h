/* control_blocks.h — each object type's control block (internal to
 * kernel/).  Each starts with struct gf_object and must fit the size the
 * module ABI promises (object_abi.h), checked below for this target's
 * pointer size.  What a field means, and what the kernel does not model,
 * is said in docs/kernel.md ("Simplifications").
 */
#ifndef GATEFUZZ_CONTROL_BLOCKS_H
#define GATEFUZZ_CONTROL_BLOCKS_H

#include <stdint.h>

#include "objects.h"

struct gf_queue {
	struct gf_object obj;
	uintptr_t storage;       /* module memory given at create            */
	uint32_t storage_size;
	uint32_t msg_bytes;      /* message size, bytes (words * 4)          */
	uint32_t capacity;       /* messages that fit the storage            */
	uint32_t enqueued;
	uint32_t read, write;    /* message indices into the storage         */
	uintptr_t send_notify;
};

struct gf_semaphore {
	struct gf_object obj;
	uint32_t count;
	uintptr_t put_notify;
};

#define GF_MUTEX_FREE GF_PRINCIPAL_NONE
struct gf_mutex {
	struct gf_object obj;
	uint32_t inherit;
	uint32_t count;          /* nested gets by the owner                 */
	int32_t owner;           /* module holding it, or GF_MUTEX_FREE      */
};

struct gf_event_flags {
	struct gf_object obj;
	uint32_t flags;
	uintptr_t set_notify;
	uintptr_t waiter_actual; /* a suspended getter's actual-flags slot:
				    none, as no get waits (seeded bug
				    event_flags_stale_waiter registers one) */
};

/* Pools keep their bookkeeping here, not in the pool area: the area is
 * module memory the module can rewrite at will (.kern.pool-bookkeeping). */
#define GF_BLOCK_POOL_MAX_BLOCKS 512u
struct gf_block_pool {
	struct gf_object obj;
	uintptr_t area;
	uint32_t area_size;
	uint32_t block_size;     /* requested size rounded up to a pointer   */
	uint32_t total, available;
	uint32_t used[GF_BLOCK_POOL_MAX_BLOCKS / 32]; /* bit per block       */
};

#define GF_BYTE_POOL_MAX_ALLOCS 16u
struct gf_byte_alloc {
	uint32_t offset, size;   /* within the area; size a pointer multiple */
};
struct gf_byte_pool {
	struct gf_object obj;
	uintptr_t area;
	uint32_t area_size;      /* rounded down to a pointer multiple       */
	uint32_t available;
	uint32_t nallocs;        /* allocations, sorted by offset            */
	struct gf_byte_alloc alloc[GF_BYTE_POOL_MAX_ALLOCS];
};

enum gf_thread_state {
	GF_THREAD_READY = 0,
	GF_THREAD_COMPLETED = 1,
	GF_THREAD_TERMINATED = 2,
	GF_THREAD_SUSPENDED = 3,
};
struct gf_thread {
	struct gf_object obj;
	uintptr_t entry, stack, entry_exit_notify;
	uint32_t entry_input, stack_size;
	uint32_t priority, threshold, time_slice;
	uint32_t state, run_count;
};

struct gf_timer {
	struct gf_object obj;
	uintptr_t callback;
	uint32_t input;
	uint32_t initial, reschedule;
	uint32_t remaining;      /* ticks to expiry while active             */
	uint32_t active;
};

#define GF_FITS(type, bytes) \
	_Static_assert(sizeof(struct type) <= (bytes), #type " outgrew the module ABI")
GF_FITS(gf_queue, GF_CB_BYTES_QUEUE);
GF_FITS(gf_semaphore, GF_CB_BYTES_SEMAPHORE);
GF_FITS(gf_mutex, GF_CB_BYTES_MUTEX);
GF_FITS(gf_event_flags, GF_CB_BYTES_EVENT_FLAGS);
GF_FITS(gf_block_pool, GF_CB_BYTES_BLOCK_POOL);
GF_FITS(gf_byte_pool, GF_CB_BYTES_BYTE_POOL);
GF_FITS(gf_thread, GF_CB_BYTES_THREAD);
GF_FITS(gf_timer, GF_CB_BYTES_TIMER);
#undef GF_FITS

#endif

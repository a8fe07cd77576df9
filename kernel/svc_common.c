/* svc_common.c — the services whose work is the same whatever the object
 * type, written once: a delete that has nothing to release but the object
 * itself, and a prioritize where nothing ever waits (there is no scheduler,
 * docs/kernel.md).  validate.c has checked the object, its type and its
 * owner before either runs (.kern.vrfy); thread_delete, which must first
 * find the thread finished, stays in svc_thread.c. */
#include "call.h"

/* Ends the object: unlinked from its created list, control block
 * poisoned, the block left allocated and empty (gf_object_end). */
#define GF_DELETE_ENDS_OBJECT(family)                         \
	uintptr_t gf_impl_##family##_delete(struct gf_call *c) \
	{                                                     \
		gf_object_end(c->arg[0].block);               \
		return GF_SUCCESS;                            \
	}

GF_DELETE_ENDS_OBJECT(block_pool)
GF_DELETE_ENDS_OBJECT(byte_pool)
GF_DELETE_ENDS_OBJECT(event_flags)
GF_DELETE_ENDS_OBJECT(mutex)
GF_DELETE_ENDS_OBJECT(queue)
GF_DELETE_ENDS_OBJECT(semaphore)
GF_DELETE_ENDS_OBJECT(timer)

/* Nothing waits, so there is nothing to reorder. */
#define GF_NOTHING_TO_REORDER(family)                              \
	uintptr_t gf_impl_##family##_prioritize(struct gf_call *c) \
	{                                                          \
		(void)c;                                           \
		return GF_SUCCESS;                                 \
	}

GF_NOTHING_TO_REORDER(block_pool)
GF_NOTHING_TO_REORDER(byte_pool)
GF_NOTHING_TO_REORDER(mutex)
GF_NOTHING_TO_REORDER(queue)
GF_NOTHING_TO_REORDER(semaphore)

/* object_abi.h — what a module must know of kernel objects (.kern.abi):
 * how many bytes to allocate for each type's control block and how long a
 * name may be.  Shared by the kernel and the module SDK, so it is macros
 * only.  The sizes are a contract, the same on every target: the kernel's
 * structures are checked to fit them (control_blocks.h), with room for
 * 32-bit and 64-bit pointers alike.  Object types are here too: modules
 * pass them to module_object_pointer_get.
 */
#ifndef GATEFUZZ_OBJECT_ABI_H
#define GATEFUZZ_OBJECT_ABI_H

/* Object types.  The values are the "type" argument of
 * module_object_pointer_get; BLOCK is an object-pool block holding nothing.
 * X(name, value) */
#define GF_OBJECT_TYPES(X) \
	X(BLOCK, 0)        \
	X(BLOCK_POOL, 1)   \
	X(BYTE_POOL, 2)    \
	X(EVENT_FLAGS, 3)  \
	X(MUTEX, 4)        \
	X(QUEUE, 5)        \
	X(SEMAPHORE, 6)    \
	X(THREAD, 7)       \
	X(TIMER, 8)

/* Bytes of the control block of each object type (module_object_allocate
 * size; a CREATE needs a block at least this large).  A bare BLOCK holds
 * no object. */
#define GF_CB_BYTES_BLOCK 0
#define GF_CB_BYTES_BLOCK_POOL 192
#define GF_CB_BYTES_BYTE_POOL 256
#define GF_CB_BYTES_EVENT_FLAGS 96
#define GF_CB_BYTES_MUTEX 96
#define GF_CB_BYTES_QUEUE 128
#define GF_CB_BYTES_SEMAPHORE 96
#define GF_CB_BYTES_THREAD 192
#define GF_CB_BYTES_TIMER 128

/* Whether every module may use every live object of type t; here a module
 * uses another module's object only after it was shared with it
 * (module_object_pointer_get by name).  harnesses/ledger.c reads this. */
#define GF_SHARED_WITH_ALL(t) 0

/* Deleting an object ends it and leaves its block allocated to the
 * module (module_object_deallocate frees it); harnesses/ledger.c. */
#define GF_DELETE_FREES_BLOCK 0

/* The status of module_object_deallocate on the caller's block holding a
 * live object (svc_module_object.c; harnesses/model_block.c). */
#define GF_DEALLOCATE_LIVE_STATUS GF_DELETE_ERROR

/* Whether byte_pool_info_get's fragments are the pieces handed out (each
 * rounded up to a pointer) and the free runs between them, the area
 * holding nothing of the kernel's: here yes (svc_byte_pool.c,
 * fragments; harnesses/model_pool.c). */
#define GF_BYTE_POOL_FRAGMENTS_OF_PIECES 1

/* Whether threads run: here no thread ever does (svc_thread.c), so a
 * thread created with auto-start or resumed stays ready until a call moves
 * it (harnesses/model_thread.c). */
#define GF_THREADS_RUN 0

/* Whether a semaphore_put at the count's maximum wraps it to 0; here it is
 * refused with NOT_DONE (svc_semaphore.c, harnesses/model_sync.c). */
#define GF_SEMAPHORE_PUT_WRAPS 0

/* Whether a lookup by name (module_object_pointer_get[_extended]) finds
 * exactly the objects modules created, under the names they had then:
 * here the kernel copies a name at create and creates no object of its
 * own (harnesses/model_lookup.c). */
#define GF_LOOKUP_BY_COPIED_NAME 1
/* ... and the status of a lookup that finds nothing. */
#define GF_LOOKUP_NOT_FOUND GF_NOT_FOUND

/* A scalar is the whole register or extra parameter (ALIGN_TYPE): a value
 * above 32 bits is out of range, whatever its low bits (harnesses/rules.c). */
#define GF_SCALAR_LOW_32_BITS 0

/* The status of a request id no service has (dispatch.c; harnesses/harness.c,
 * .harn.raw-request). */
#define GF_UNKNOWN_REQUEST_STATUS GF_INVALID_REQUEST

/* Longest object name, its NUL included (GF_STR(32) in services.def). */
#define GF_NAME_MAX 32

/* Bytes of the header in front of every object-pool block. */
#define GF_BLOCK_HEADER_BYTES 16

#endif

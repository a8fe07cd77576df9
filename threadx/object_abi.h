/* object_abi.h — ThreadX's kernel objects as a module sees them (.kern.abi):
 * the object types of txm_module_object_pointer_get (TXM_*_OBJECT) and the
 * control-block sizes of this port with every performance counter on
 * (sizeof(TX_QUEUE) and so on, which a
 * module passes as the last parameter of every create and allocates from
 * the object pool).  The sizes belong to gatefuzz's port (threadx/port/):
 * kut_objects.c checks them against ThreadX's structures at compile time.
 */
#ifndef GATEFUZZ_OBJECT_ABI_H
#define GATEFUZZ_OBJECT_ABI_H

/* X(name, value); BLOCK is an object-pool block holding no object. */
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

#define GF_CB_BYTES_BLOCK 0
#define GF_CB_BYTES_BLOCK_POOL 96
#define GF_CB_BYTES_BYTE_POOL 128
#define GF_CB_BYTES_EVENT_FLAGS 104
#define GF_CB_BYTES_MUTEX 120
#define GF_CB_BYTES_QUEUE 144
#define GF_CB_BYTES_SEMAPHORE 96
#define GF_CB_BYTES_THREAD 456
#define GF_CB_BYTES_TIMER 128

/* Every module may use every live object but a pool: ThreadX lets any
 * module look any object up by name (txm_module_object_pointer_get:
 * "objects from the resident application and other modules can be
 * found"), so a pointer to another module's object is one it could have
 * asked for; block and byte pools it refuses to a memory-protected module
 * ("modules with memory protection can only access block pools they
 * created", TXM_MODULE_INVALID).  Control (OWNED, DELETE) needs ownership. */
#define GF_SHARED_WITH_ALL(t) ((t) != GF_OT_BLOCK_POOL && (t) != GF_OT_BYTE_POOL)

/* A module's *_delete also frees the control block (the dispatcher calls
 * _txm_module_manager_object_deallocate after the delete): a deleted
 * object's address is free object-pool memory, no block of the module. */
#define GF_DELETE_FREES_BLOCK 1

/* No status for module_object_deallocate on the caller's block holding a
 * live object: _txm_module_manager_object_deallocate frees it whatever it
 * holds (TX-DEALLOC, known-bugs.txt), which the reference rules judge
 * (harnesses/model_block.c). */
#define GF_DEALLOCATE_LIVE_STATUS 0

/* byte_pool_info_get's fragments count ThreadX's own blocks in the pool
 * area, headers in-band and a block split or merged as its allocation
 * decides: not the pieces handed out and the runs between them, so not
 * judged (harnesses/model_pool.c). */
#define GF_BYTE_POOL_FRAGMENTS_OF_PIECES 0

/* Threads run: a thread created with auto-start or resumed may run, wait
 * or complete, so the model no longer knows its state
 * (harnesses/model_thread.c). */
#define GF_THREADS_RUN 1

/* _tx_semaphore_put increments the ULONG count with no check: at
 * 0xffffffff it succeeds and wraps to 0 (harnesses/model_sync.c). */
#define GF_SEMAPHORE_PUT_WRAPS 1

/* A lookup by name is not judged by the names the ledger copied: ThreadX
 * compares against the name pointer it kept, whose memory the module may
 * rewrite since, and it finds the module manager's own objects too ("Module
 * Start Thread", each module's callback queue) (harnesses/model_lookup.c). */
#define GF_LOOKUP_BY_COPIED_NAME 0
/* The status of a lookup that finds nothing: TX_NO_INSTANCE. */
#define GF_LOOKUP_NOT_FOUND GF_NO_INSTANCE

/* ThreadX's API takes scalars as ULONG (32 bits in this port, tx_port.h):
 * every dispatcher casts the ALIGN_TYPE it got before it checks or uses
 * it, so a value's bits above 32 are dropped alike for both and the value
 * is its low 32 bits (harnesses/rules.c). */
#define GF_SCALAR_LOW_32_BITS 1

/* The status of a request id no service has: the default case of
 * _txm_module_manager_kernel_dispatch answers TX_NOT_AVAILABLE, and so does
 * _txm_module_manager_application_request, which ids from
 * TXM_APPLICATION_REQUEST_ID_BASE reach (harnesses/harness.c,
 * .harn.raw-request). */
#define GF_UNKNOWN_REQUEST_STATUS GF_NOT_AVAILABLE

/* Object names are not copied by ThreadX: a name is a pointer into module
 * memory that the kernel keeps.  The harness writes names this long. */
#define GF_NAME_MAX 32

/* The module manager's header in front of every object-pool block
 * (TXM_MODULE_ALLOCATED_OBJECT). */
#define GF_BLOCK_HEADER_BYTES 32

#endif

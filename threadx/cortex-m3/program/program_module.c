/* program_module.c — a ThreadX module (the tree's module library and
 * preamble) that runs one of program.h's programs as a ThreadX
 * application would: its calls go through the module library and the
 * port's SVC path, its objects' control blocks come from the module
 * manager's object pool, their memory is the module's own data.  Each
 * call's status is reported with the status ThreadX documents for it;
 * idle (module B), it creates a semaphore, a block pool and a running
 * thread that another module may find by name, then sleeps. */
#define TXM_MODULE
#include "tx_api.h"
#include "txm_module.h"

#include "probe.h"
#include "program.h"

static struct gf_probe_order order;
static ULONG step;

static void expect(UINT got, UINT documented)
{
	txm_module_application_request(GF_PROBE_STATUS, ++step, got, documented);
}

/* An object's control block from the object pool, as memory protection
 * requires (TXM_MODULE_REQUIRE_ALLOCATED_OBJECT_MEMORY). */
static void *allocate(ULONG size)
{
	VOID *p = TX_NULL;
	expect(txm_module_object_allocate(&p, size), TX_SUCCESS);
	return p;
}

static ULONG queue_area[16], block_area[64], byte_area[256], thread_stack[256];
static ULONG b_stack[128], b_blocks[40];
static volatile ULONG timer_runs, thread_runs;

static void timer_expired(ULONG arg)
{
	(void)arg;
	timer_runs++;
}

static void thread_entry(ULONG arg)
{
	(void)arg;
	for (;;) {
		thread_runs++;
		tx_thread_sleep(1);
	}
}

static void well_behaved(void)
{
	ULONG m = 0x5A5A, out = 0, flags = 0;
	TX_QUEUE *q = allocate(sizeof(TX_QUEUE));
	expect(tx_queue_create(q, "queue", TX_1_ULONG, queue_area, sizeof queue_area), TX_SUCCESS);
	expect(tx_queue_send(q, &m, TX_NO_WAIT), TX_SUCCESS);
	expect(tx_queue_receive(q, &out, TX_NO_WAIT), out == m ? TX_SUCCESS : ~0u);
	expect(tx_queue_receive(q, &out, TX_NO_WAIT), TX_QUEUE_EMPTY);
	/* a real wait: the scheduler runs others, the timeout ends it */
	expect(tx_queue_receive(q, &out, 3), TX_QUEUE_EMPTY);
	expect(tx_queue_send(TX_NULL, &m, TX_NO_WAIT), TX_QUEUE_ERROR);
	/* the port's range check: a buffer outside the module */
	expect(tx_queue_receive(q, (VOID *)0x20020000, TX_NO_WAIT), TXM_MODULE_INVALID_MEMORY);
	expect(tx_queue_delete(q), TX_SUCCESS);

	TX_SEMAPHORE *s = allocate(sizeof(TX_SEMAPHORE));
	expect(tx_semaphore_create(s, "semaphore", 1), TX_SUCCESS);
	expect(tx_semaphore_get(s, TX_NO_WAIT), TX_SUCCESS);
	expect(tx_semaphore_get(s, TX_NO_WAIT), TX_NO_INSTANCE);
	expect(tx_semaphore_put(s), TX_SUCCESS);
	expect(tx_semaphore_delete(s), TX_SUCCESS);

	TX_MUTEX *x = allocate(sizeof(TX_MUTEX));
	expect(tx_mutex_create(x, "mutex", TX_NO_INHERIT), TX_SUCCESS);
	expect(tx_mutex_get(x, TX_NO_WAIT), TX_SUCCESS);
	expect(tx_mutex_put(x), TX_SUCCESS);
	expect(tx_mutex_put(x), TX_NOT_OWNED);
	expect(tx_mutex_delete(x), TX_SUCCESS);

	TX_EVENT_FLAGS_GROUP *e = allocate(sizeof(TX_EVENT_FLAGS_GROUP));
	expect(tx_event_flags_create(e, "events"), TX_SUCCESS);
	expect(tx_event_flags_set(e, 0x5, TX_OR), TX_SUCCESS);
	expect(tx_event_flags_get(e, 0x4, TX_AND_CLEAR, &flags, TX_NO_WAIT),
	       flags == 0x5 ? TX_SUCCESS : ~0u);
	expect(tx_event_flags_get(e, 0x4, TX_AND, &flags, TX_NO_WAIT), TX_NO_EVENTS);
	expect(tx_event_flags_delete(e), TX_SUCCESS);

	VOID *block = TX_NULL;
	TX_BLOCK_POOL *bp = allocate(sizeof(TX_BLOCK_POOL));
	expect(tx_block_pool_create(bp, "blocks", 32, block_area, sizeof block_area), TX_SUCCESS);
	expect(tx_block_allocate(bp, &block, TX_NO_WAIT), TX_SUCCESS);
	expect(tx_block_release(block), TX_SUCCESS);
	expect(tx_block_pool_delete(bp), TX_SUCCESS);

	TX_BYTE_POOL *yp = allocate(sizeof(TX_BYTE_POOL));
	expect(tx_byte_pool_create(yp, "bytes", byte_area, sizeof byte_area), TX_SUCCESS);
	expect(tx_byte_allocate(yp, &block, 100, TX_NO_WAIT), TX_SUCCESS);
	expect(tx_byte_release(block), TX_SUCCESS);
	expect(tx_byte_pool_delete(yp), TX_SUCCESS);

	/* the module's callback thread runs the expiry function */
	TX_TIMER *t = allocate(sizeof(TX_TIMER));
	expect(tx_timer_create(t, "timer", timer_expired, 0, 1, 1, TX_AUTO_ACTIVATE), TX_SUCCESS);
	tx_thread_sleep(5);
	expect(tx_timer_deactivate(t), timer_runs > 0 ? TX_SUCCESS : ~0u);
	expect(tx_timer_delete(t), TX_SUCCESS);

	/* a second thread of the module, scheduled by the port */
	TX_THREAD *th = allocate(sizeof(TX_THREAD));
	expect(tx_thread_create(th, "worker", thread_entry, 0, thread_stack, sizeof thread_stack, 2,
				2, TX_NO_TIME_SLICE, TX_AUTO_START),
	       TX_SUCCESS);
	tx_thread_sleep(5);
	expect(tx_thread_terminate(th), thread_runs > 0 ? TX_SUCCESS : ~0u);
	expect(tx_thread_delete(th), TX_SUCCESS);
}

/* TX-USE: kernel memory that is no object (a semaphore's id word and a
 * secret where its count would be), read through the kernel.  Documented:
 * an error, and nothing read. */
static void tx_use(ULONG target)
{
	CHAR *name = TX_NULL;
	ULONG count = 0, suspended = 0;
	TX_THREAD *first = TX_NULL;
	TX_SEMAPHORE *next = TX_NULL;
	expect(tx_semaphore_info_get((TX_SEMAPHORE *)target, &name, &count, &first, &suspended, &next),
	       GF_PROGRAM_ANY_ERROR);
	expect(count, 0);
}

/* TX-CREATE: a control block at a kernel address.  Documented: an error,
 * the kernel's memory untouched (the firmware checks it). */
static void tx_create(ULONG target)
{
	expect(tx_semaphore_create((TX_SEMAPHORE *)target, "created", 7), GF_PROGRAM_ANY_ERROR);
}

/* Module B's object, found by name as any module may (txm_module.h:
 * objects of the resident application and of other modules). */
static VOID *theirs(UINT type, const char *name)
{
	VOID *p = TX_NULL;
	UINT status = TX_NO_INSTANCE;
	for (int i = 0; i < 10 && status != TX_SUCCESS; i++) {
		status = txm_module_object_pointer_get(type, (CHAR *)name, &p);
		if (status != TX_SUCCESS)
			tx_thread_sleep(1);
	}
	expect(status, TX_SUCCESS);
	return p;
}

/* TX-DELETE: deletion needs ownership (the firmware checks B's semaphore
 * is still there). */
static void tx_delete(void)
{
	VOID *s = theirs(TXM_SEMAPHORE_OBJECT, GF_PROGRAM_B_SEMAPHORE);
	expect(tx_semaphore_delete(s), GF_PROGRAM_ANY_ERROR);
}

/* TX-THREAD: thread control needs ownership (the firmware checks B's
 * thread still runs). */
static void tx_thread(void)
{
	VOID *t = theirs(TXM_THREAD_OBJECT, GF_PROGRAM_B_THREAD);
	expect(tx_thread_terminate(t), GF_PROGRAM_ANY_ERROR);
}

/* TX-POOL: ThreadX refuses another module's pool when asked by name
 * ("modules with memory protection can only access block pools they
 * created"); the firmware hands A its address instead, as any reader of
 * the firmware image could. */
static void tx_pool(ULONG pool)
{
	VOID *p = TX_NULL, *block = TX_NULL;
	expect(txm_module_object_pointer_get(TXM_BLOCK_POOL_OBJECT, GF_PROGRAM_B_POOL, &p),
	       GF_PROGRAM_ANY_ERROR);
	expect(tx_block_allocate((TX_BLOCK_POOL *)pool, &block, TX_NO_WAIT), GF_PROGRAM_ANY_ERROR);
}

/* TX-RELEASE: a "block" in A's own data whose header (the word before it,
 * where ThreadX keeps the owning pool) names module B's pool. */
static ULONG fake_block[8];
static void tx_release(ULONG pool)
{
	fake_block[0] = pool;
	expect(tx_block_release(&fake_block[1]), GF_PROGRAM_ANY_ERROR);
}

/* TX-DEALLOC: the block of a live semaphore handed back (the firmware
 * checks the semaphore is still in ThreadX's created list). */
static void tx_dealloc(void)
{
	TX_SEMAPHORE *s = allocate(sizeof(TX_SEMAPHORE));
	expect(tx_semaphore_create(s, GF_PROGRAM_A_DOOMED, 0), TX_SUCCESS);
	expect(txm_module_object_deallocate(s), GF_PROGRAM_ANY_ERROR);
}

/* TX-ALLOC: an object larger than the pool; the size plus ThreadX's
 * header wraps to a few bytes. */
static void tx_alloc(void)
{
	VOID *p = TX_NULL;
	expect(txm_module_object_allocate(&p, 0xFFFFFFF8ul), GF_PROGRAM_ANY_ERROR);
}

/* A call sequence the firmware resolved from a fuzz input (fuzz/): the
 * module's scratch and control blocks, fetched calls made one by one. */
static struct gf_program_layout layout;
static struct gf_program_call calls[GF_PROGRAM_MAX_CALLS];
static UCHAR scratch[12 * 1024];

static void sequence(void)
{
	layout.scratch = (ULONG)scratch;
	layout.scratch_size = sizeof scratch;
	scratch[0] = 'g';
	scratch[1] = 'f';
	static const ULONG sizes[GF_PROGRAM_OBJECTS] = {
		sizeof(TX_BLOCK_POOL), sizeof(TX_BYTE_POOL), sizeof(TX_EVENT_FLAGS_GROUP),
		sizeof(TX_MUTEX),      sizeof(TX_QUEUE),     sizeof(TX_SEMAPHORE),
		sizeof(TX_THREAD),     sizeof(TX_TIMER),     sizeof(TX_THREAD),
	};
	for (int i = 0; i < GF_PROGRAM_OBJECTS; i++) {
		VOID *p = TX_NULL;
		txm_module_object_allocate(&p, sizes[i]);
		layout.object[i] = (ULONG)p;
	}
	ULONG n = txm_module_application_request(GF_PROBE_FETCH, (ALIGN_TYPE)&layout,
						 (ALIGN_TYPE)calls, GF_PROGRAM_MAX_CALLS);
	for (ULONG i = 0; i < n && i < GF_PROGRAM_MAX_CALLS; i++) {
		ALIGN_TYPE status = _txm_module_kernel_call_dispatcher(
			calls[i].request, calls[i].param[0], calls[i].param[1], calls[i].param[2]);
		/* the firmware judges each call as it returns */
		txm_module_application_request(GF_PROBE_CALLED, i, status, 0);
	}
}

void gf_program_start(ULONG id)
{
	(void)id;
	txm_module_application_request(GF_PROBE_NEXT, (ALIGN_TYPE)&order, 0, 0);
	if (order.action != GF_PROBE_PROGRAM) {
		TX_SEMAPHORE *s = allocate(sizeof(TX_SEMAPHORE));
		tx_semaphore_create(s, GF_PROGRAM_B_SEMAPHORE, 1);
		TX_BLOCK_POOL *bp = allocate(sizeof(TX_BLOCK_POOL));
		tx_block_pool_create(bp, GF_PROGRAM_B_POOL, 32, b_blocks, sizeof b_blocks);
		TX_THREAD *t = allocate(sizeof(TX_THREAD));
		tx_thread_create(t, GF_PROGRAM_B_THREAD, thread_entry, 0, b_stack, sizeof b_stack, 2, 2,
				 TX_NO_TIME_SLICE, TX_AUTO_START);
		for (;;)
			tx_thread_sleep(TX_WAIT_FOREVER);
	}
	switch (order.arg) {
	case GF_PROGRAM_WELL_BEHAVED: well_behaved(); break;
	case GF_PROGRAM_TX_USE: tx_use(order.addr); break;
	case GF_PROGRAM_TX_CREATE: tx_create(order.addr); break;
	case GF_PROGRAM_TX_DELETE: tx_delete(); break;
	case GF_PROGRAM_TX_THREAD: tx_thread(); break;
	case GF_PROGRAM_TX_POOL: tx_pool(order.addr); break;
	case GF_PROGRAM_TX_RELEASE: tx_release(order.addr); break;
	case GF_PROGRAM_TX_DEALLOC: tx_dealloc(); break;
	case GF_PROGRAM_TX_ALLOC: tx_alloc(); break;
	case GF_PROGRAM_SEQUENCE: sequence(); break;
	}
	txm_module_application_request(GF_PROBE_DONE, 0, 0, 0);
}

/* well_behaved.c — a module that uses every object family the way the
 * kernel documents, checks every answer, and cleans up.
 *
 * env->args[0]: 1 = keep the objects alive at the end (so another module
 *               has something to attack), 0 = delete them all.
 * env->results: [0] checks failed (0 means success), [1] checks made,
 *               [2] the first failed check's number, [3] what it returned;
 *               [4..] the objects' addresses, by enum wb_object.
 */
#include "sdk/gf_module.h"

enum wb_object {
	WB_QUEUE,
	WB_SEMAPHORE,
	WB_MUTEX,
	WB_EVENTS,
	WB_BLOCK_POOL,
	WB_BYTE_POOL,
	WB_THREAD,
	WB_TIMER,
	WB_OBJECTS
};
#define WB_RESULT_OBJECTS 4

/* Module memory, after the environment. */
struct wb_memory {
	void *object[WB_OBJECTS];
	uint32_t queue_storage[4 * 2];  /* 4 messages of 2 words       */
	uint8_t block_area[4 * 64];
	uint8_t byte_area[512];
	uint8_t thread_stack[1024];
	uint32_t msg[2], got[2];
	void *mem[3];
	uintptr_t value, found;
	uint32_t u32;
};

static void expect(struct gf_module_env *env, uintptr_t got, uintptr_t want)
{
	env->results[1]++;
	if (got != want && env->results[0]++ == 0) {
		env->results[2] = env->results[1];
		env->results[3] = got;
	}
}

static void thread_entry(void)
{
}

static void queue_fifo(struct gf_module_env *env, struct wb_memory *m)
{
	void *q = m->object[WB_QUEUE];

	expect(env, gfm_queue_create(env, q, "wb.queue", 2, m->queue_storage,
				     sizeof m->queue_storage), GFM_SUCCESS);
	for (uint32_t i = 1; i <= 3; i++) {
		m->msg[0] = i;
		m->msg[1] = i * 100;
		expect(env, gfm_queue_send(env, q, m->msg, 0), GFM_SUCCESS);
	}
	m->msg[0] = 9;
	expect(env, gfm_queue_front_send(env, q, m->msg, 0), GFM_SUCCESS);
	m->msg[0] = 4;
	expect(env, gfm_queue_send(env, q, m->msg, 0), GFM_QUEUE_FULL);
	/* Front first, then first in, first out. */
	expect(env, gfm_queue_receive(env, q, m->got, 0), GFM_SUCCESS);
	expect(env, m->got[0], 9);
	for (uint32_t i = 1; i <= 3; i++) {
		expect(env, gfm_queue_receive(env, q, m->got, 0), GFM_SUCCESS);
		expect(env, m->got[0], i);
		expect(env, m->got[1], i * 100);
	}
	expect(env, gfm_queue_receive(env, q, m->got, 0), GFM_QUEUE_EMPTY);
	expect(env, gfm_queue_info_get(env, q, 0, &m->u32, 0, 0, 0, 0),
	       GFM_SUCCESS);
	expect(env, m->u32, 0);
}

static void counters(struct gf_module_env *env, struct wb_memory *m)
{
	void *s = m->object[WB_SEMAPHORE], *mx = m->object[WB_MUTEX];
	void *ev = m->object[WB_EVENTS];

	expect(env, gfm_semaphore_create(env, s, "wb.sem", 1), GFM_SUCCESS);
	expect(env, gfm_semaphore_get(env, s, 0), GFM_SUCCESS);
	expect(env, gfm_semaphore_get(env, s, 0), GFM_NO_INSTANCE);
	expect(env, gfm_semaphore_put(env, s), GFM_SUCCESS);
	expect(env, gfm_semaphore_ceiling_put(env, s, 1), GFM_NOT_DONE);

	expect(env, gfm_mutex_create(env, mx, "wb.mutex", 1), GFM_SUCCESS);
	expect(env, gfm_mutex_get(env, mx, 0), GFM_SUCCESS);
	expect(env, gfm_mutex_get(env, mx, 0), GFM_SUCCESS);
	expect(env, gfm_mutex_put(env, mx), GFM_SUCCESS);
	expect(env, gfm_mutex_put(env, mx), GFM_SUCCESS);
	expect(env, gfm_mutex_put(env, mx), GFM_NOT_OWNED);

	expect(env, gfm_event_flags_create(env, ev, "wb.events"), GFM_SUCCESS);
	expect(env, gfm_event_flags_set(env, ev, 0x5, 0), GFM_SUCCESS);
	expect(env, gfm_event_flags_get(env, ev, 0x4, 3, &m->u32, 0), GFM_SUCCESS);
	expect(env, m->u32, 0x5);
	expect(env, gfm_event_flags_get(env, ev, 0x4, 0, &m->u32, 0),
	       GFM_NO_EVENTS);
}

static void pools(struct gf_module_env *env, struct wb_memory *m)
{
	void *bp = m->object[WB_BLOCK_POOL], *yp = m->object[WB_BYTE_POOL];

	expect(env, gfm_block_pool_create(env, bp, "wb.blocks", 64,
					  m->block_area, sizeof m->block_area),
	       GFM_SUCCESS);
	expect(env, gfm_block_pool_allocate(env, bp, &m->mem[0], 0), GFM_SUCCESS);
	expect(env, gfm_block_pool_allocate(env, bp, &m->mem[1], 0), GFM_SUCCESS);
	expect(env, (uintptr_t)m->mem[0], (uintptr_t)m->block_area);
	expect(env, (uintptr_t)m->mem[1], (uintptr_t)m->block_area + 64);
	*(volatile uint32_t *)m->mem[1] = 0x1234; /* the memory is ours */
	expect(env, gfm_block_pool_release(env, m->mem[0]), GFM_SUCCESS);
	expect(env, gfm_block_pool_release(env, m->mem[0]), GFM_PTR_ERROR);
	expect(env, gfm_block_pool_release(env, m->mem[1]), GFM_SUCCESS);

	expect(env, gfm_byte_pool_create(env, yp, "wb.bytes", m->byte_area,
					 sizeof m->byte_area), GFM_SUCCESS);
	expect(env, gfm_byte_pool_allocate(env, yp, &m->mem[2], 100, 0),
	       GFM_SUCCESS);
	expect(env, (uintptr_t)m->mem[2], (uintptr_t)m->byte_area);
	expect(env, gfm_byte_pool_allocate(env, yp, &m->mem[0], 1000, 0),
	       GFM_NO_MEMORY);
	expect(env, gfm_byte_pool_release(env, m->mem[2]), GFM_SUCCESS);
}

static void thread_and_timer(struct gf_module_env *env, struct wb_memory *m)
{
	void *t = m->object[WB_THREAD], *tm = m->object[WB_TIMER];

	expect(env, gfm_thread_create(env, t, "wb.thread", thread_entry, 7,
				      m->thread_stack, sizeof m->thread_stack,
				      16, 16, 4, 0), GFM_SUCCESS);
	expect(env, gfm_thread_resume(env, t), GFM_SUCCESS);
	expect(env, gfm_thread_priority_change(env, t, 20, &m->u32), GFM_SUCCESS);
	expect(env, m->u32, 16);
	expect(env, gfm_thread_delete(env, t), GFM_DELETE_ERROR);
	expect(env, gfm_thread_terminate(env, t), GFM_SUCCESS);

	expect(env, gfm_timer_create(env, tm, "wb.timer", thread_entry, 1, 50,
				     10, 1), GFM_SUCCESS);
	expect(env, gfm_timer_activate(env, tm), GFM_ACTIVATE_ERROR);
	expect(env, gfm_timer_info_get(env, tm, 0, &m->u32, 0, 0, 0),
	       GFM_SUCCESS);
	expect(env, m->u32, 1);
}

static void delete_all(struct gf_module_env *env, struct wb_memory *m)
{
	expect(env, gfm_queue_delete(env, m->object[WB_QUEUE]), GFM_SUCCESS);
	expect(env, gfm_semaphore_delete(env, m->object[WB_SEMAPHORE]), GFM_SUCCESS);
	expect(env, gfm_mutex_delete(env, m->object[WB_MUTEX]), GFM_SUCCESS);
	expect(env, gfm_event_flags_delete(env, m->object[WB_EVENTS]), GFM_SUCCESS);
	expect(env, gfm_block_pool_delete(env, m->object[WB_BLOCK_POOL]), GFM_SUCCESS);
	expect(env, gfm_byte_pool_delete(env, m->object[WB_BYTE_POOL]), GFM_SUCCESS);
	expect(env, gfm_thread_delete(env, m->object[WB_THREAD]), GFM_SUCCESS);
	expect(env, gfm_timer_delete(env, m->object[WB_TIMER]), GFM_SUCCESS);
	/* A deleted object is stale: using it again is refused. */
	expect(env, gfm_semaphore_put(env, m->object[WB_SEMAPHORE]),
	       GFM_SEMAPHORE_ERROR);
	for (int i = 0; i < WB_OBJECTS; i++)
		expect(env, gfm_module_object_deallocate(env, m->object[i]),
		       GFM_SUCCESS);
}

void gf_module_entry(struct gf_module_env *env)
{
	struct wb_memory *m = (struct wb_memory *)gfm_heap(env);
	static const uint16_t bytes[WB_OBJECTS] = {
		GF_CB_BYTES_QUEUE, GF_CB_BYTES_SEMAPHORE, GF_CB_BYTES_MUTEX,
		GF_CB_BYTES_EVENT_FLAGS, GF_CB_BYTES_BLOCK_POOL,
		GF_CB_BYTES_BYTE_POOL, GF_CB_BYTES_THREAD, GF_CB_BYTES_TIMER,
	};

	for (int i = 0; i < WB_OBJECTS; i++) {
		expect(env, gfm_module_object_allocate(env, &m->object[i], bytes[i]),
		       GFM_SUCCESS);
		env->results[WB_RESULT_OBJECTS + i] = (uintptr_t)m->object[i];
	}
	queue_fifo(env, m);
	counters(env, m);
	pools(env, m);
	thread_and_timer(env, m);
	expect(env, gfm_module_object_pointer_get(env, GFM_OT_QUEUE, "wb.queue",
						  &m->found), GFM_SUCCESS);
	expect(env, m->found, (uintptr_t)m->object[WB_QUEUE]);
	if (!env->args[0])
		delete_all(env, m);
}

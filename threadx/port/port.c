/* port.c — the port functions ThreadX asks of a port (.tx.port), for a
 * kernel that runs inside gatefuzz's sandbox on x86-64 Linux.
 *
 * .tx.port.noschedule — There is no scheduler: a module's call runs to
 * completion on the host stack.  A thread that suspends inside a call
 * reaches _tx_thread_system_return, where a real port would switch to
 * another thread and come back when the wait ends.  Here the wait ends at
 * once, as its timeout would end it: ThreadX's own timeout path
 * (_tx_thread_timeout) runs the suspension's cleanup and resumes the thread
 * with the service's no-wait status (TX_QUEUE_EMPTY, TX_NO_INSTANCE...).  A
 * thread that suspended itself with no cleanup (tx_thread_suspend on
 * itself) is resumed.  A preemption by a ready thread of higher priority
 * changes nothing: the caller's call goes on.
 */
#define TX_SOURCE_CODE
#include "tx_api.h"
#include "tx_initialize.h"
#include "tx_thread.h"
#include "tx_timer.h"
#include "txm_module.h"

#include "isolation.h"
#include "port.h"

static UINT interrupt_posture = TX_INT_ENABLE;
static struct gf_txport_placement next_placement;
static unsigned long waits_ended;
static int fault_notified;

/* The application's fault notification (_txm_module_manager_memory_fault_notify). */
static VOID (*fault_notify)(TX_THREAD *, TXM_MODULE_INSTANCE *);
TXM_MODULE_MANAGER_FAULT_INFO

/* .tx.port.memset */
__attribute__((no_sanitize("address"))) VOID _tx_port_memset(VOID *dst, UINT value, ULONG64 size)
{
	volatile UCHAR *p = dst;

	for (ULONG64 i = 0; i < size; i++)
		p[i] = (UCHAR)value;
}

UINT _tx_thread_interrupt_control(UINT new_posture)
{
	UINT old = interrupt_posture;

	interrupt_posture = new_posture;
	return old;
}

VOID _tx_initialize_low_level(VOID)
{
	/* No memory beyond what the adapter hands ThreadX explicitly. */
	_tx_initialize_unused_memory = TX_NULL;
}

/* Returns to tx_kernel_enter's caller: nothing is ever scheduled. */
VOID _tx_thread_schedule(VOID)
{
}

/* A thread's stack is never run by the port: the initial frame is its
 * top, recorded so that ThreadX's stack bookkeeping stays consistent. */
VOID _tx_thread_stack_build(TX_THREAD *thread_ptr, VOID (*function_ptr)(VOID))
{
	(void)function_ptr;
	thread_ptr->tx_thread_stack_ptr = thread_ptr->tx_thread_stack_end;
}

VOID _txm_module_manager_thread_stack_build(TX_THREAD *thread_ptr,
					    VOID (*shell)(TX_THREAD *, TXM_MODULE_INSTANCE *))
{
	(void)shell;
	/* The module manager put the thread's entry info at the stack's top
	 * and points tx_thread_stack_ptr at it: leave it there. */
	(void)thread_ptr;
}

VOID _tx_thread_system_return(VOID)
{
	TX_THREAD *t = _tx_thread_current_ptr;

	if (t == TX_NULL || t->tx_thread_state == TX_READY)
		return;
	if (t->tx_thread_state == TX_COMPLETED || t->tx_thread_state == TX_TERMINATED)
		return;
	waits_ended++;
	if (t->tx_thread_suspend_cleanup != TX_NULL || t->tx_thread_state == TX_SLEEP) {
		_tx_timer_expired_timer_ptr = &t->tx_thread_timer;
		_tx_thread_timeout(0);
	}
	if (t->tx_thread_state != TX_READY && t->tx_thread_state != TX_COMPLETED &&
	    t->tx_thread_state != TX_TERMINATED)
		_tx_thread_system_resume(t);
}

unsigned long gf_txport_waits_ended(void)
{
	return waits_ended;
}

void gf_txport_place_next(const struct gf_txport_placement *p)
{
	next_placement = *p;
}

/* TXM_MODULE_MANAGER_MODULE_SETUP: the module manager has filled the
 * instance from the preamble, with its data allocated from the module
 * pool; the module's memory is in fact the gatefuzz regions of its slot,
 * which the isolation core protects.  Its two manager threads' stacks go
 * at the top of its data region, as a loader would put them in module RAM. */
VOID _txm_module_manager_port_module_setup(TXM_MODULE_INSTANCE *mi)
{
	const struct gf_txport_placement *p = &next_placement;
	ULONG ss = mi->txm_module_instance_start_stop_stack_size;
	ULONG cs = mi->txm_module_instance_callback_stack_size;
	CHAR *data_end = (CHAR *)(p->data + p->data_size);

	mi->txm_module_instance_code_start = (VOID *)p->code;
	mi->txm_module_instance_code_end = (VOID *)(p->code + p->code_size - 1);
	mi->txm_module_instance_code_size = (ULONG)p->code_size;
	mi->txm_module_instance_data_start = (VOID *)p->data;
	mi->txm_module_instance_data_end = (VOID *)(p->data + p->data_size - 1);
	mi->txm_module_instance_data_size = (ULONG)p->data_size;
	mi->txm_module_instance_module_data_base_address = (VOID *)p->data;
	mi->txm_module_instance_callback_stack_start_address = data_end - cs;
	mi->txm_module_instance_callback_stack_end_address = data_end - 1;
	mi->txm_module_instance_start_stop_stack_start_address = data_end - cs - ss;
	mi->txm_module_instance_start_stop_stack_end_address = data_end - cs - 1;
	mi->txm_module_instance_shell_entry_function =
		(VOID (*)(TX_THREAD *, TXM_MODULE_INSTANCE *))p->entry;
	mi->txm_module_instance_start_thread_entry = (VOID (*)(ULONG))p->entry;
	mi->txm_module_instance_stop_thread_entry = TX_NULL;
	mi->txm_module_instance_callback_request_thread_entry = (VOID (*)(ULONG))p->entry;
	mi->txm_module_instance_shared_memory_address = (VOID *)p->shared;
	mi->txm_module_instance_shared_memory_length = (ULONG)p->shared_size;
}

/* .tx.port.fetch: a range wholly inside a traced region the calling
 * module's domain may read and write (its fetch window, where the harness
 * puts a traced call's extra-parameter array) is module data too: the
 * window stands in for the module's own memory, traced. */
static int in_fetch_window(ALIGN_TYPE p, ALIGN_TYPE n)
{
	const struct gf_region *guard_of = NULL;
	const struct gf_region *r = gf_region_lookup((uintptr_t)p, &guard_of);

	return r && r->kind == GF_REGION_TRACED && n <= r->size &&
	       p - r->base <= r->size - n &&
	       (gf_domain_range_perm(gf_gate_caller_domain(), (uintptr_t)p, (size_t)n) &
		GF_PERM_RW) == GF_PERM_RW;
}

/* .tx.port.range */
UINT _txm_module_manager_port_inside_data(TXM_MODULE_INSTANCE *mi, ALIGN_TYPE p, ALIGN_TYPE n)
{
	ALIGN_TYPE data = (ALIGN_TYPE)mi->txm_module_instance_data_start;
	ALIGN_TYPE data_last = (ALIGN_TYPE)mi->txm_module_instance_data_end;
	ALIGN_TYPE shared = (ALIGN_TYPE)mi->txm_module_instance_shared_memory_address;
	ALIGN_TYPE shared_len = mi->txm_module_instance_shared_memory_length;
	ALIGN_TYPE last;

	if (n == 0 || p + (n - 1) < p)
		return TX_FALSE;
	last = p + (n - 1);
	if ((p >= data && last <= data_last) || in_fetch_window(p, n))
		return TX_TRUE;
	return shared_len != 0 && p >= shared && last <= shared + (shared_len - 1);
}

UINT _txm_module_manager_memory_fault_notify(VOID (*notify_function)(TX_THREAD *, TXM_MODULE_INSTANCE *))
{
	fault_notify = notify_function;
	return TX_SUCCESS;
}

/* What a real port's MemManage handler does after saving the fault: the
 * current thread is terminated and the application told. */
VOID _txm_module_manager_memory_fault_handler(VOID)
{
	TX_THREAD *t = _tx_thread_current_ptr;
	TXM_MODULE_INSTANCE *mi = TX_NULL;

	if (t) {
		mi = t->tx_thread_module_instance_ptr;
		_tx_thread_terminate(t);
	}
	fault_notified = 0;
	if (fault_notify) {
		fault_notify(t, mi);
		fault_notified = 1;
	}
}

void gf_txport_memory_fault(uintptr_t pc, uintptr_t addr, int write)
{
	_txm_module_manager_memory_fault_info.txm_module_manager_memory_fault_info_thread_ptr =
		_tx_thread_current_ptr;
	_txm_module_manager_memory_fault_info.txm_module_manager_memory_fault_info_code_location =
		(VOID *)pc;
	_txm_module_manager_memory_fault_info.txm_module_manager_memory_fault_info_address =
		(VOID *)addr;
	_txm_module_manager_memory_fault_info.txm_module_manager_memory_fault_info_access = (ULONG)write;
	_txm_module_manager_memory_fault_handler();
}

int gf_txport_fault_notified(void)
{
	return fault_notified;
}

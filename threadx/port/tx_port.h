/* tx_port.h — gatefuzz's ThreadX port for x86-64 Linux (.tx.port).
 *
 * ThreadX's common/ and common_modules/ compile against this file as they
 * are, from the user's tree.  What a real port does in hardware this one
 * leaves to gatefuzz: there is no scheduler and no tick (a module's call
 * runs to completion on the host stack, behind gatefuzz's gate), interrupts
 * are a variable, and a module's memory protection is gatefuzz's isolation
 * core.  Written from ThreadX's porting interface (tx_api.h's requirements);
 * docs/threadx.md says what each choice means for a verdict.
 */
#ifndef TX_PORT_H
#define TX_PORT_H

#include <stddef.h>
#include <string.h>

#ifdef TX_INCLUDE_USER_DEFINE_FILE
#include "tx_user.h"
#endif

/* ThreadX's basic types on an LP64 host: ULONG stays 32-bit (the width
 * ThreadX's API and its module ABI assume); pointers and ALIGN_TYPE are
 * 64-bit, so a module passes full 64-bit values through the dispatcher. */
#define VOID void
typedef char CHAR;
typedef unsigned char UCHAR;
typedef int INT;
typedef unsigned int UINT;
typedef int LONG;
typedef unsigned int ULONG;
typedef unsigned long long ULONG64;
typedef short SHORT;
typedef unsigned short USHORT;
#define ULONG64_DEFINED
#define ALIGN_TYPE_DEFINED
typedef unsigned long long ALIGN_TYPE;

/* A free byte-pool block is marked with a 64-bit pattern. */
#define TX_BYTE_BLOCK_FREE ((ALIGN_TYPE)0xFFFFEEEEFFFFEEEEull)

#ifndef TX_MAX_PRIORITIES
#define TX_MAX_PRIORITIES 32
#endif
#ifndef TX_MINIMUM_STACK
#define TX_MINIMUM_STACK 200
#endif
#ifndef TX_TIMER_THREAD_STACK_SIZE
#define TX_TIMER_THREAD_STACK_SIZE 4096
#endif
#ifndef TX_TIMER_THREAD_PRIORITY
#define TX_TIMER_THREAD_PRIORITY 0
#endif

/* Interrupt posture: a variable, since nothing interrupts a call. */
#define TX_INT_DISABLE 1
#define TX_INT_ENABLE 0

#ifndef TX_TRACE_TIME_SOURCE
#define TX_TRACE_TIME_SOURCE ++_tx_trace_simulated_time
#endif
#ifndef TX_TRACE_TIME_MASK
#define TX_TRACE_TIME_MASK 0xFFFFFFFFUL
#endif

#define TX_PORT_SPECIFIC_BUILD_OPTIONS 0
#define TX_INLINE_INITIALIZATION

/* The thread control block: what the module manager keeps per thread
 * (txm_module_port.h's contract with ThreadX), nothing of a register file. */
#define TX_THREAD_EXTENSION_0
#define TX_THREAD_EXTENSION_1
#define TX_THREAD_EXTENSION_2
#define TX_THREAD_EXTENSION_3                        \
	VOID *tx_thread_extension_ptr;               \
	VOID *tx_thread_module_instance_ptr;         \
	VOID *tx_thread_module_entry_info_ptr;       \
	ULONG tx_thread_module_current_user_mode;    \
	ULONG tx_thread_module_user_mode;            \
	ULONG tx_thread_module_saved_lr;             \
	VOID *tx_thread_module_kernel_stack_start;   \
	VOID *tx_thread_module_kernel_stack_end;     \
	ULONG tx_thread_module_kernel_stack_size;    \
	VOID *tx_thread_module_stack_ptr;            \
	VOID *tx_thread_module_stack_start;          \
	VOID *tx_thread_module_stack_end;            \
	ULONG tx_thread_module_stack_size;           \
	VOID *tx_thread_module_reserved;

/* Objects a module may ask to be notified about carry the module instance
 * and the module's callback (the module manager's notify trampolines). */
#define TX_BLOCK_POOL_EXTENSION
#define TX_BYTE_POOL_EXTENSION
#define TX_MUTEX_EXTENSION
#define TX_EVENT_FLAGS_GROUP_EXTENSION           \
	VOID *tx_event_flags_group_module_instance; \
	VOID (*tx_event_flags_group_set_module_notify)(struct TX_EVENT_FLAGS_GROUP_STRUCT *group_ptr);
#define TX_QUEUE_EXTENSION          \
	VOID *tx_queue_module_instance; \
	VOID (*tx_queue_send_module_notify)(struct TX_QUEUE_STRUCT *queue_ptr);
#define TX_SEMAPHORE_EXTENSION          \
	VOID *tx_semaphore_module_instance; \
	VOID (*tx_semaphore_put_module_notify)(struct TX_SEMAPHORE_STRUCT *semaphore_ptr);
#define TX_TIMER_EXTENSION          \
	VOID *tx_timer_module_instance; \
	VOID (*tx_timer_module_expiration_function)(ULONG id);

#ifndef TX_THREAD_USER_EXTENSION
#define TX_THREAD_USER_EXTENSION
#endif

#define TX_THREAD_CREATE_EXTENSION(thread_ptr)
#define TX_THREAD_DELETE_EXTENSION(thread_ptr)
#define TX_THREAD_COMPLETED_EXTENSION(thread_ptr)
#define TX_THREAD_TERMINATED_EXTENSION(thread_ptr)
#define TX_BLOCK_POOL_CREATE_EXTENSION(pool_ptr)
#define TX_BYTE_POOL_CREATE_EXTENSION(pool_ptr)
#define TX_EVENT_FLAGS_GROUP_CREATE_EXTENSION(group_ptr)
#define TX_MUTEX_CREATE_EXTENSION(mutex_ptr)
#define TX_QUEUE_CREATE_EXTENSION(queue_ptr)
#define TX_SEMAPHORE_CREATE_EXTENSION(semaphore_ptr)
#define TX_TIMER_CREATE_EXTENSION(timer_ptr)
#define TX_BLOCK_POOL_DELETE_EXTENSION(pool_ptr)
#define TX_BYTE_POOL_DELETE_EXTENSION(pool_ptr)
#define TX_EVENT_FLAGS_GROUP_DELETE_EXTENSION(group_ptr)
#define TX_MUTEX_DELETE_EXTENSION(mutex_ptr)
#define TX_QUEUE_DELETE_EXTENSION(queue_ptr)
#define TX_SEMAPHORE_DELETE_EXTENSION(semaphore_ptr)
#define TX_TIMER_DELETE_EXTENSION(timer_ptr)

/* .tx.port.memset: ThreadX clears control blocks and stacks through
 * TX_MEMSET.  The port's own loop (port.c), not the C library's memset:
 * under ASan a wild memset would be reported by the sanitizer's
 * interceptor, while the same write in the replay build faults and the
 * isolation oracle names the region; with the port's loop both builds
 * give the oracle's verdict. */
VOID _tx_port_memset(VOID *dst, UINT value, ULONG64 size);
#define TX_MEMSET(a, b, c) _tx_port_memset((a), (UINT)(b), (ULONG64)(c))

#define TX_LOWEST_SET_BIT_CALCULATE(m, b) b = (UINT)__builtin_ctz((unsigned int)(m));

/* A 64-bit pointer does not fit the ULONG a timer passes its expiry
 * function, so the internal timer carries the thread it times out. */
#define TX_TIMER_INTERNAL_EXTENSION VOID *tx_timer_internal_thread_timeout_ptr;
#define TX_THREAD_CREATE_TIMEOUT_SETUP(t)                                        \
	(t)->tx_thread_timer.tx_timer_internal_timeout_function = &(_tx_thread_timeout); \
	(t)->tx_thread_timer.tx_timer_internal_timeout_param = 0;                 \
	(t)->tx_thread_timer.tx_timer_internal_thread_timeout_ptr = (VOID *)(t);
#define TX_THREAD_TIMEOUT_POINTER_SETUP(t) \
	(t) = (TX_THREAD *)_tx_timer_expired_timer_ptr->tx_timer_internal_thread_timeout_ptr;

/* Interrupt lockout: the posture is a variable of the port (port.c). */
UINT _tx_thread_interrupt_control(UINT new_posture);
#define TX_INTERRUPT_SAVE_AREA UINT interrupt_save;
#define TX_DISABLE interrupt_save = _tx_thread_interrupt_control(TX_INT_DISABLE);
#define TX_RESTORE _tx_thread_interrupt_control(interrupt_save);

#define TX_BLOCK_POOL_DISABLE TX_DISABLE
#define TX_BYTE_POOL_DISABLE TX_DISABLE
#define TX_EVENT_FLAGS_GROUP_DISABLE TX_DISABLE
#define TX_MUTEX_DISABLE TX_DISABLE
#define TX_QUEUE_DISABLE TX_DISABLE
#define TX_SEMAPHORE_DISABLE TX_DISABLE

#ifdef TX_THREAD_INIT
CHAR _tx_version_id[] = "ThreadX x86-64 Linux/gatefuzz port, over the user's tree";
#else
extern CHAR _tx_version_id[];
#endif

#endif

/* txm_module_port.h — the module side of gatefuzz's ThreadX port
 * (.tx.port.modules): what ThreadX's module manager needs to know of a
 * module's memory on this "hardware", which is gatefuzz's isolation core.
 *
 * A module instance is memory protected and in user mode.  Its code and
 * data bounds are the gatefuzz regions of its sandbox slot, placed by the
 * port's module setup hook (port.c), and the port's range macro
 * (TXM_MODULE_MANAGER_CHECK_INSIDE_DATA) accepts a range only when it lies
 * wholly inside the module's data region or its shared read-write window,
 * without wrapping.  That macro is the one piece of parameter checking a
 * port writes; everything else under test is ThreadX's own code.
 */
#ifndef TXM_MODULE_PORT_H
#define TXM_MODULE_PORT_H

#ifdef TXM_MODULE_INCLUDE_USER_DEFINE_FILE
#include "txm_module_user.h"
#endif

/* The kernel stack a user-mode module thread gets from the object pool. */
#ifndef TXM_MODULE_KERNEL_STACK_SIZE
#define TXM_MODULE_KERNEL_STACK_SIZE 1024
#endif

#define TXM_MODULE_IAR_COMPILER 0x00000000
#define TXM_MODULE_RVDS_COMPILER 0x01000000
#define TXM_MODULE_GNU_COMPILER 0x02000000
#define TXM_MODULE_COMPILER_MASK 0xFF000000
#define TXM_MODULE_OPTIONS_MASK 0x000000FF

#define TXM_MODULE_MEMORY_PROTECTION_ENABLED
#define TXM_MODULE_REQUIRE_ALLOCATED_OBJECT_MEMORY

#define TXM_MODULE_USER_MODE 0x00000001
#define TXM_MODULE_MEMORY_PROTECTION 0x00000002
#define TXM_MODULE_SHARED_EXTERNAL_MEMORY_ACCESS 0x00000004

#define TXM_MODULE_MANAGER_SUPPORTED_OPTIONS \
	(TXM_MODULE_USER_MODE | TXM_MODULE_MEMORY_PROTECTION | TXM_MODULE_SHARED_EXTERNAL_MEMORY_ACCESS)
#define TXM_MODULE_MANAGER_REQUIRED_OPTIONS 0

/* Entry points in the preamble are exact offsets on this port. */
#define TXM_MODULE_MANAGER_CALCULATE_ADJUSTMENTS(properties, shell, start, stop, callback) \
	{                                                                               \
		(void)(properties);                                                     \
		shell = 0;                                                              \
		start = 0;                                                              \
		stop = 0;                                                               \
		callback = 0;                                                           \
	}

#define INLINE_DECLARE inline

/* The one shared window a module may have: gatefuzz's shared read-write
 * region (the read-only window is not "data": the kernel may not write it
 * for the module). */
#define TXM_MODULE_MANAGER_PORT_EXTENSION               \
	VOID *txm_module_instance_shared_memory_address; \
	ULONG txm_module_instance_shared_memory_length;

/* What the port records of a module's memory fault (port.c). */
typedef struct TXM_MODULE_MANAGER_MEMORY_FAULT_INFO_STRUCT {
	TX_THREAD *txm_module_manager_memory_fault_info_thread_ptr;
	VOID *txm_module_manager_memory_fault_info_code_location;
	VOID *txm_module_manager_memory_fault_info_address;
	ULONG txm_module_manager_memory_fault_info_access;
} TXM_MODULE_MANAGER_MEMORY_FAULT_INFO;
#define TXM_MODULE_MANAGER_FAULT_INFO \
	TXM_MODULE_MANAGER_MEMORY_FAULT_INFO _txm_module_manager_memory_fault_info;

#define TXM_MODULE_MANAGER_CHECK_CODE_ALIGNMENT(module_location, code_alignment) \
	{                                                                        \
		if (((ALIGN_TYPE)(module_location)) & ((code_alignment)-1)) {    \
			_tx_mutex_put(&_txm_module_manager_mutex);               \
			return (TXM_MODULE_ALIGNMENT_ERROR);                     \
		}                                                                \
	}

#define TXM_MODULE_MANAGER_ALIGNMENT_ADJUST(module_preamble, code_size, code_alignment, data_size, data_alignment) \
	{                                                                                                      \
		code_alignment = 64;                                                                           \
		code_size = (code_size + 63) & ~63u;                                                           \
		data_alignment = 64;                                                                           \
		data_size = (data_size + 63) & ~63u;                                                           \
	}

#define TXM_MODULE_MANAGER_THREAD_SETUP(thread_ptr, module_instance) \
	thread_entry_info->txm_module_thread_entry_info_kernel_call_dispatcher = _txm_module_manager_kernel_dispatch;

/* Places the instance on the gatefuzz regions its loader named (port.c). */
#define TXM_MODULE_MANAGER_MODULE_SETUP(module_instance) _txm_module_manager_port_module_setup(module_instance);
#define TXM_MODULE_MANAGER_MODULE_UNLOAD(module_instance)

/* .tx.port.range: [obj_ptr, obj_ptr + obj_size) wholly inside the module's
 * data region or its shared window, non-empty, not wrapping. */
#define TXM_MODULE_MANAGER_CHECK_INSIDE_DATA(module_instance, obj_ptr, obj_size) \
	_txm_module_manager_port_inside_data((module_instance), (ALIGN_TYPE)(obj_ptr), (ALIGN_TYPE)(obj_size))

#ifndef TX_SOURCE_CODE
#define txm_module_manager_memory_fault_notify _txm_module_manager_memory_fault_notify
#endif

#define TXM_MODULE_MANAGER_ADDITIONAL_PROTOTYPES                                                    \
	VOID _txm_module_manager_port_module_setup(TXM_MODULE_INSTANCE *module_instance);           \
	UINT _txm_module_manager_port_inside_data(TXM_MODULE_INSTANCE *module_instance,             \
						  ALIGN_TYPE obj_ptr, ALIGN_TYPE obj_size);         \
	UINT _txm_module_manager_memory_fault_notify(VOID (*notify_function)(TX_THREAD *, TXM_MODULE_INSTANCE *)); \
	VOID _txm_module_manager_memory_fault_handler(VOID);

#define TXM_MODULE_MANAGER_VERSION_ID \
	CHAR _txm_module_manager_version_id[] = "ThreadX Modules x86-64 Linux/gatefuzz port";

#endif

/* handlers.S — rt/startup.c's vector table entries, pointed at ThreadX's
 * Cortex-M3 module port (tx_thread_schedule.S): its SVC handler (module
 * kernel entry and exit, SVC 1 and 2), its PendSV handler (the context
 * switch that reloads the MPU) and its memory fault handler, which the
 * port installs for MemManage, BusFault and UsageFault alike.  A branch,
 * not a call: LR still holds EXC_RETURN and SP the exception frame, as the
 * port's handlers expect on entry.  HardFault stays rt's report-and-exit:
 * the port has no handler for it. */
	.syntax unified
	.thumb
	.text

	.macro	gf_tx_vector name, target
	.global	\name
	.type	\name, %function
	.thumb_func
\name:
	b.w	\target
	.size	\name, . - \name
	.endm

	gf_tx_vector gf_cm_svc, SVC_Handler
	gf_tx_vector gf_cm_pendsv, PendSV_Handler
	gf_tx_vector gf_cm_memmanage, MemManage_Handler
	gf_tx_vector gf_cm_busfault, BusFault_Handler
	gf_tx_vector gf_cm_usagefault, UsageFault_Handler

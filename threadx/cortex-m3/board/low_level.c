/* low_level.c — what ThreadX's Cortex-M3 port asks of a board
 * (_tx_initialize_low_level, as the port's example_build supplies one for
 * its simulator): the system stack, the first free memory, SysTick as the
 * tick, and the exception priorities the port's SVC and PendSV handlers
 * rely on.  The vector table is rt/startup.c's; handlers.S points its
 * entries at the port. */
#include <stdint.h>

#include "cm_regs.h"
#include "tx_api.h"
#include "tx_initialize.h"
#include "tx_thread.h"

extern uint32_t __stack_top[];
extern uint8_t __gf_span_start[];

/* The port's tick handler (tx_timer_interrupt.S); no header declares it. */
VOID _tx_timer_interrupt(VOID);

#define SYST_CSR GF_REG(0xE000E010u)
#define SYST_RVR GF_REG(0xE000E014u)
#define SCB_SHPR3 GF_REG(0xE000ED20u) /* PendSV 23:16, SysTick 31:24 */

/* mps2-an385's core clock; SysTick at GF_TX_TICKS_PER_SECOND. */
#define GF_AN385_HZ 25000000u

VOID _tx_initialize_low_level(VOID)
{
	__asm volatile("cpsid i");
	/* Interrupts and the scheduler run on the main stack, from its top:
	 * main() never returns once tx_kernel_enter() runs. */
	_tx_thread_system_stack_ptr = __stack_top;
	/* tx_application_define() gets the isolation span (the board's
	 * linker script keeps it free): the module manager's memory. */
	_tx_initialize_unused_memory = __gf_span_start;
	/* The port's SVC and PendSV handlers must not preempt each other or
	 * anything else (lowest priority); the tick outranks them; the faults
	 * (rt/startup.c: 0) outrank all. */
	SCB_SHPR2 = 0xFFu << 24;
	SCB_SHPR3 = (0x40u << 24) | (0xFFu << 16);
	SYST_RVR = GF_AN385_HZ / TX_TIMER_TICKS_PER_SECOND - 1;
	SYST_CSR = 7; /* processor clock, interrupt, enable */
}

/* SysTick: ThreadX's tick (the port's _tx_timer_interrupt). */
void gf_cm_systick(void)
{
	_tx_timer_interrupt();
}

/* startup.c — the vector table and reset: copy .data, zero .bss, point
 * VTOR at our table, set up the stacks and the fault exceptions, run main
 * and hand its result to the host as the exit code. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cm_regs.h"
#include "console.h"
#include "semihost.h"
#include "startup.h"

extern uint32_t __stack_top[], __stack_limit[];
extern uint8_t __data_start[], __data_end[], __data_load[], __bss_start[], __bss_end[];
int main(void);

#define WEAK_HANDLER(name) void name(void) __attribute__((weak, alias("gf_cm_unhandled")))
WEAK_HANDLER(gf_cm_hardfault);
WEAK_HANDLER(gf_cm_memmanage);
WEAK_HANDLER(gf_cm_busfault);
WEAK_HANDLER(gf_cm_usagefault);
WEAK_HANDLER(gf_cm_securefault);
WEAK_HANDLER(gf_cm_svc);
WEAK_HANDLER(gf_cm_pendsv);
WEAK_HANDLER(gf_cm_systick);

/* Exceptions 0-15; no device interrupt is ever enabled. */
__attribute__((section(".vectors"), used)) static void (*const vectors[16])(void) = {
	(void (*)(void))__stack_top,
	gf_cm_reset,
	gf_cm_unhandled,   /* NMI */
	gf_cm_hardfault,
	gf_cm_memmanage,
	gf_cm_busfault,
	gf_cm_usagefault,
	gf_cm_securefault, /* ARMv8-M; reserved on ARMv7-M */
	0, 0, 0,
	gf_cm_svc,
	gf_cm_unhandled,   /* DebugMonitor */
	0,
	gf_cm_pendsv,
	gf_cm_systick,
};

void gf_cm_unhandled(void)
{
	uint32_t ipsr;
	__asm volatile("mrs %0, ipsr" : "=r"(ipsr));
	gf_console_printf("unhandled exception %lu (CFSR=0x%08lx HFSR=0x%08lx)\n",
			  (unsigned long)(ipsr & 0x1ff), (unsigned long)SCB_CFSR,
			  (unsigned long)SCB_HFSR);
	gf_sh_exit(GF_CM_EXIT_UNHANDLED);
}

/* .cm.fault-priority: the configurable faults are enabled (else they
 * escalate to HardFault and lose their status) and outrank SVCall, so that
 * a fault inside a gate call preempts the SVC handler instead of
 * escalating. */
static void core_init(void)
{
	SCB_VTOR = (uint32_t)vectors;
	SCB_SHPR1 = 0;                 /* MemManage, BusFault, UsageFault, SecureFault: 0 */
	SCB_SHPR2 = 0x80u << 24;       /* SVCall below them */
	SCB_CCR |= CCR_DIV_0_TRP;      /* a kernel division by zero is a fault */
	uint32_t enable = SHCSR_MEMFAULTENA | SHCSR_BUSFAULTENA | SHCSR_USGFAULTENA;
#if defined(__ARM_ARCH_8M_MAIN__)
	enable |= SHCSR_SECUREFAULTENA;
	/* A kernel stack overflow becomes a UsageFault (STKOF), not silent
	 * corruption of .bss. */
	__asm volatile("msr msplim, %0" ::"r"(__stack_limit));
#endif
	SCB_SHCSR |= enable;
	/* No module runs yet; PSP points at the top of the main stack so that
	 * an early mistake does not stack into address 0. */
	__asm volatile("msr psp, %0" ::"r"(__stack_top));
	gf_cm_barrier();
}

void gf_cm_reset(void)
{
	memcpy(__data_start, __data_load, (size_t)(__data_end - __data_start));
	memset(__bss_start, 0, (size_t)(__bss_end - __bss_start));
	core_init();
	/* exit, not _exit: stdio's buffers are flushed as a host program's. */
	exit(main());
}

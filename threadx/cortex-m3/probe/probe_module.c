/* probe_module.c — a ThreadX module (the tree's module library and
 * preamble) that does one thing the firmware orders, from user mode under
 * the MPU regions the port computed for it: a load, store or jump at an
 * address, or a kernel entry or a context switch with its stack pointer
 * moved first.  It asks for its order and reports completion through
 * application requests, i.e. through the port's SVC path like any call. */
#define TXM_MODULE
#include "tx_api.h"
#include "txm_module.h"

#include "probe.h"

static struct gf_probe_order order;

/* SP moved to `sp`, then r0-r3 for a kernel call and a branch into the
 * port's kernel entry: the SVC's exception frame is pushed at `sp`.  A
 * module can do this: the kernel entry is in the MPU region the port
 * grants every module (region 0).  Never returns when the port refuses. */
__attribute__((naked, noinline)) static void sp_call(unsigned long sp, void (*entry)(void))
{
	__asm volatile("mov r12, r1\n\t"
		       "mov sp, r0\n\t"
		       "ldr r0, =%c0\n\t" /* tx_thread_relinquish's request id */
		       "movs r1, #0\n\t"
		       "movs r2, #0\n\t"
		       "movs r3, #0\n\t"
		       "blx r12\n\t"
		       "b .\n\t"
		       ".ltorg" ::"i"(TXM_THREAD_RELINQUISH_CALL));
}

/* SP moved to `sp`, then a spin: the next SysTick stacks its frame there. */
__attribute__((naked, noinline)) static void sp_switch(unsigned long sp)
{
	__asm volatile("mov sp, r0\n\t"
		       "b .");
}

void gf_probe_start(ULONG id)
{
	(void)id;
	txm_module_application_request(GF_PROBE_NEXT, (ALIGN_TYPE)&order, 0, 0);
	volatile unsigned long *p = (volatile unsigned long *)order.addr;
	switch (order.action) {
	case GF_PROBE_IDLE:
		for (;;)
			tx_thread_sleep(TX_WAIT_FOREVER);
	case GF_PROBE_READ:
		(void)*p;
		break;
	case GF_PROBE_WRITE:
		*p = 0xA5A5A5A5ul;
		break;
	case GF_PROBE_EXEC:
		((void (*)(void))(order.addr | 1))();
		break;
	case GF_PROBE_SP_CALL:
		sp_call(order.addr, (void (*)(void))_txm_module_kernel_call_dispatcher);
		break;
	case GF_PROBE_SP_SWITCH:
		sp_switch(order.addr);
		break;
	default:
		break;
	}
	txm_module_application_request(GF_PROBE_DONE, 0, 0, 0);
}

/* manager.c — main() enters ThreadX; tx_application_define() creates the
 * thread that runs the firmware; the module manager as ThreadX's example
 * (sample_threadx_module_manager.c) sets it up; the fault notification
 * turns each fault the port's handler reports into a verdict line. */
#include "manager.h"

#include "cm_regs.h"
#include "console.h"
#include "semihost.h"
#include "startup.h"

/* The module manager's byte pool (module code copies, data, stacks):
 * the start of the span, which only modules' memory uses. */
#define GF_TX_MODULE_MEMORY (3u * 1024u * 1024u)
/* Control blocks modules allocate (the port requires allocated objects
 * with memory protection: TXM_MODULE_REQUIRE_ALLOCATED_OBJECT_MEMORY). */
static UCHAR object_memory[32 * 1024];
static UCHAR *module_memory;

static TX_THREAD manager_thread;
static ULONG manager_stack[4096 / sizeof(ULONG)];

/* The port's fault handler fills it (tx_thread_schedule.S); the port's
 * headers leave its declaration to the manager's source. */
extern TXM_MODULE_MANAGER_MEMORY_FAULT_INFO _txm_module_manager_memory_fault_info;

volatile unsigned gf_tx_fault_count;
struct gf_tx_fault gf_tx_last_fault;
void (*gf_tx_fault_hook)(void);
void (*gf_tx_fault_service)(const char **service, const char **param);

int main(void)
{
	tx_kernel_enter();
	return GF_CM_EXIT_UNHANDLED; /* tx_kernel_enter() does not return */
}

static void manager_entry(ULONG unused)
{
	(void)unused;
	gf_sh_exit(gf_tx_firmware());
}

void tx_application_define(void *first_unused_memory)
{
	module_memory = first_unused_memory;
	GF_TX_MUST(tx_thread_create(&manager_thread, "gatefuzz manager", manager_entry, 0,
				    manager_stack, sizeof manager_stack, GF_TX_MANAGER_PRIORITY,
				    GF_TX_MANAGER_PRIORITY, TX_NO_TIME_SLICE, TX_AUTO_START));
}

void gf_tx_must(UINT status, const char *what)
{
	if (status == TX_SUCCESS)
		return;
	gf_console_printf("FAILED: %s: status 0x%02x\n", what, status);
	gf_sh_exit(1);
}

static int in_code(const TXM_MODULE_INSTANCE *m, uint32_t pc)
{
	return m && pc >= (uint32_t)m->txm_module_instance_code_start &&
	       pc <= (uint32_t)m->txm_module_instance_code_end;
}

/* Where the fault happened, for the verdict line. */
static const char *site(const struct gf_tx_fault *f)
{
	if (f->cfsr & (CFSR_MSTKERR | CFSR_STKERR))
		return "stacking"; /* the exception frame at the thread's SP */
	return in_code(f->module, f->pc) ? "module" : f->in_module ? "jump" : "kernel";
}

/* Called by the port's fault handler (handler mode) once it has
 * terminated the faulting thread.  The verdict is the one docs/design.md
 * gives a fault: the module's own (CONTAINED), or the kernel's on the
 * module's behalf (BUG).  The port's saved CONTROL tells them apart: a
 * module runs unprivileged, the kernel entry (SVC 1) makes its thread
 * privileged until the call returns. */
static void fault_notify(TX_THREAD *thread, TXM_MODULE_INSTANCE *module)
{
	const TXM_MODULE_MANAGER_MEMORY_FAULT_INFO *info = &_txm_module_manager_memory_fault_info;
	struct gf_tx_fault f = {
		.module = module,
		.thread = thread,
		.cfsr = info->txm_module_manager_memory_fault_info_cfsr,
		.pc = (uint32_t)info->txm_module_manager_memory_fault_info_code_location,
		.sp = info->txm_module_manager_memory_fault_info_sp,
	};
	f.addr = f.cfsr & CFSR_MMARVALID ? info->txm_module_manager_memory_fault_info_mmfar
		 : f.cfsr & CFSR_BFARVALID ? info->txm_module_manager_memory_fault_info_bfar
					   : 0;
	f.in_module = module && (info->txm_module_manager_memory_fault_info_control & 1u);
	gf_tx_last_fault = f;
	gf_tx_fault_count++;
	const char *name = module ? module->txm_module_instance_name : "-";
	const char *service = "-", *param = "-";
	if (gf_tx_fault_service)
		gf_tx_fault_service(&service, &param);
	/* SHCSR shows what else is active or pending (an SVC whose frame could
	 * not be stacked: SVCALLPENDED, bit 15). */
	gf_console_printf("%s service=%s param=%s module=%s thread=%s cfsr=0x%08lx addr=0x%08lx "
			  "pc=%s:0x%08lx shcsr=0x%08lx\n",
			  f.in_module ? "GATEFUZZ-VERDICT: CONTAINED" : "GATEFUZZ-BUG: kernel-fault",
			  service, param, name, thread ? thread->tx_thread_name : "-",
			  (unsigned long)f.cfsr, (unsigned long)f.addr, site(&f), (unsigned long)f.pc,
			  (unsigned long)info->txm_module_manager_memory_fault_info_shcsr);
	/* No thread: the port's handlers themselves faulted (handler mode);
	 * its fault handler would return to a thread that is not there, so
	 * the run ends on the BUG line. */
	if (!thread) {
		gf_console_printf("the kernel faulted with no thread to terminate: stopping\n");
		gf_sh_exit(GF_TX_EXIT_KERNEL_FAULT);
	}
	if (gf_tx_fault_hook)
		gf_tx_fault_hook();
}

void gf_tx_manager_start(void)
{
	GF_TX_MUST(txm_module_manager_initialize(module_memory, GF_TX_MODULE_MEMORY));
	GF_TX_MUST(txm_module_manager_object_pool_create(object_memory, sizeof object_memory));
	GF_TX_MUST(txm_module_manager_memory_fault_notify(fault_notify));
}

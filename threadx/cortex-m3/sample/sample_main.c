/* sample_main.c — ThreadX's sample module, run by the real port: loaded
 * by the module manager (memory_load: its code copied into the manager's
 * pool), given the example's shared window, started in user mode with memory protection (its preamble's
 * properties), its eight threads scheduled by PendSV on SysTick for
 * GF_SAMPLE_SECONDS.  Every thread's counter must advance every second
 * and the port must report no fault. */
#include "console.h"
#include "manager.h"

GF_TX_IMAGE_DECLARE(sample);
#define GF_SAMPLE_SECONDS 3
#define GF_SAMPLE_WINDOW 0x20010000u
#define GF_SAMPLE_WINDOW_SIZE 128

static const struct {
	const char *name;
	uint32_t offset; /* in the module's data area */
} counters[] = {
#define GF_SAMPLE_COUNTER(name, offset) {#name, offset},
#include "sample_symbols.h"
#undef GF_SAMPLE_COUNTER
};
#define GF_COUNTERS (sizeof counters / sizeof counters[0])

static TXM_MODULE_INSTANCE sample;

int gf_tx_firmware(void)
{
	gf_tx_manager_start();
	GF_TX_MUST(txm_module_manager_memory_load(&sample, "sample", (VOID *)GF_TX_IMAGE(sample)));
	/* As the port's example manager does: thread 2 writes this window
	 * ("test memory handler"); board/an385-threadx.ld keeps it free. */
	GF_TX_MUST(txm_module_manager_external_memory_enable(
		&sample, (VOID *)GF_SAMPLE_WINDOW, GF_SAMPLE_WINDOW_SIZE,
		TXM_MODULE_MANAGER_SHARED_ATTRIBUTE_WRITE));
	GF_TX_MUST(txm_module_manager_start(&sample));
	const volatile uint8_t *data = sample.txm_module_instance_module_data_base_address;

	ULONG before[GF_COUNTERS] = {0};
	int stalled = 0;
	for (int second = 1; second <= GF_SAMPLE_SECONDS; second++) {
		tx_thread_sleep(TX_TIMER_TICKS_PER_SECOND);
		gf_console_printf("after %d s:", second);
		for (unsigned i = 0; i < GF_COUNTERS; i++) {
			ULONG now = *(const volatile ULONG *)(data + counters[i].offset);
			gf_console_printf(" %s=%lu", counters[i].name, (unsigned long)now);
			if (now <= before[i]) {
				gf_console_printf(" (stalled)");
				stalled++;
			}
			before[i] = now;
		}
		gf_console_printf("\n");
	}
	gf_console_printf("sample module: %u counters, %d stalls, %u faults, ticks %lu\n",
			  (unsigned)GF_COUNTERS, stalled, gf_tx_fault_count,
			  (unsigned long)tx_time_get());
	return stalled || gf_tx_fault_count ? 1 : 0;
}

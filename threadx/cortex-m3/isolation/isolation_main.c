/* isolation_main.c — the isolation matrix on ThreadX's Cortex-M3 port:
 * module A (user mode, memory protection, the MPU regions the port
 * computed) reads, writes and jumps into its own memory, module B's, the
 * kernel's and a shared window, and moves its stack pointer into kernel
 * memory or B's data before entering the kernel (the port's SVC) or
 * being preempted (SysTick).  Each probe expects A to complete (OK) or the
 * port's fault handler to report A's own fault (CONTAINED); either way
 * the kernel's and B's memory must be unchanged and the kernel must go on
 * scheduling (the next probe loads and starts modules again). */
#include <stdio.h>
#include <string.h>

#include "console.h"
#include "objects.h"
#include "probe_run.h"
#include "semihost.h"

GF_TX_IMAGE_DECLARE(probe);

/* Kernel data a module may not touch: written by no one, checked after
 * every probe. */
#define GF_CANARY 0x6B65726Eu
#define GF_CANARY_WORDS 64
static volatile uint32_t kernel_canary[GF_CANARY_WORDS];

/* The shared window A is given (board/an385-threadx.ld keeps it free). */
#define GF_WINDOW 0x20010000u
#define GF_WINDOW_SIZE 128u

enum where { A_DATA, A_CODE, B_DATA, B_CODE, KERNEL_DATA, KERNEL_CODE, KERNEL_ENTRY, WINDOW,
	     UNMAPPED };
static const char *const where_names[] = {"A.data", "A.code", "B.data", "B.code", "kernel.data",
					  "kernel.code", "kernel.entry", "window", "unmapped"};

enum expect { OK, CONTAINED };

/* `alone`: a probe the port does not survive (docs/threadx.md,
 * TXCM3-SVC-STACK): run only when named on the command line. */
static const struct probe {
	enum gf_probe_action action;
	enum where where;
	enum expect expect;
	int alone;
} probes[] = {
	{GF_PROBE_READ, A_DATA, OK, 0},
	{GF_PROBE_WRITE, A_DATA, OK, 0},
	{GF_PROBE_READ, A_CODE, OK, 0},
	{GF_PROBE_WRITE, A_CODE, CONTAINED, 0},
	{GF_PROBE_READ, B_DATA, CONTAINED, 0},
	{GF_PROBE_WRITE, B_DATA, CONTAINED, 0},
	{GF_PROBE_EXEC, B_DATA, CONTAINED, 0},
	{GF_PROBE_READ, B_CODE, CONTAINED, 0},
	{GF_PROBE_WRITE, B_CODE, CONTAINED, 0},
	{GF_PROBE_EXEC, B_CODE, CONTAINED, 0},
	{GF_PROBE_READ, KERNEL_DATA, CONTAINED, 0},
	{GF_PROBE_WRITE, KERNEL_DATA, CONTAINED, 0},
	{GF_PROBE_EXEC, KERNEL_DATA, CONTAINED, 0},
	{GF_PROBE_READ, KERNEL_CODE, CONTAINED, 0},
	{GF_PROBE_WRITE, KERNEL_CODE, CONTAINED, 0},
	{GF_PROBE_EXEC, KERNEL_CODE, CONTAINED, 0},
	/* The port's region 0: the kernel entry every module may execute
	 * (and so read); not writable. */
	{GF_PROBE_READ, KERNEL_ENTRY, OK, 0},
	{GF_PROBE_WRITE, KERNEL_ENTRY, CONTAINED, 0},
	{GF_PROBE_READ, WINDOW, OK, 0},
	{GF_PROBE_WRITE, WINDOW, OK, 0},
	{GF_PROBE_READ, UNMAPPED, CONTAINED, 0},
	{GF_PROBE_SP_CALL, KERNEL_DATA, CONTAINED, 1},
	{GF_PROBE_SP_CALL, B_DATA, CONTAINED, 1},
	{GF_PROBE_SP_SWITCH, KERNEL_DATA, CONTAINED, 0},
	{GF_PROBE_SP_SWITCH, B_DATA, CONTAINED, 0},
};
#define GF_PROBES (sizeof probes / sizeof probes[0])

static const char *const action_names[] = {"idle", "read", "write", "exec", "sp+call", "sp+switch"};

/* A word near the end of the data a module's preamble asks for: past its
 * stacks and globals, in its heap (nothing the probe module uses).  For a
 * stack move, the exception frame lands just below it. */
static unsigned long data_word(const TXM_MODULE_INSTANCE *m)
{
	return ((unsigned long)m->txm_module_instance_module_data_base_address +
		m->txm_module_instance_preamble_ptr->txm_module_preamble_data_size - 64) & ~7ul;
}

static unsigned long address(const struct gf_probe_run *r, enum where w)
{
	switch (w) {
	case A_DATA: return data_word(&r->a);
	case A_CODE: return (unsigned long)r->a.txm_module_instance_code_start + 0x100;
	case B_DATA: return data_word(&r->b);
	case B_CODE: return (unsigned long)r->b.txm_module_instance_code_start + 0x100;
	case KERNEL_DATA: return (unsigned long)&kernel_canary[32];
	case KERNEL_CODE: return (unsigned long)(uintptr_t)_tx_thread_create & ~1ul;
	case KERNEL_ENTRY: return (unsigned long)(uintptr_t)_txm_module_manager_user_mode_entry & ~1ul;
	case WINDOW: return GF_WINDOW;
	case UNMAPPED: return 0x60000000ul; /* nothing on mps2-an385 */
	}
	return 0;
}

static const struct probe *now;

static void next(struct gf_probe_run *r, struct gf_probe_order *o)
{
	*o = (struct gf_probe_order){now->action, address(r, now->where), 0};
}

static uint32_t b_word_before;

static void loaded(struct gf_probe_run *r)
{
	GF_TX_MUST(txm_module_manager_external_memory_enable(
		&r->a, (VOID *)GF_WINDOW, GF_WINDOW_SIZE, TXM_MODULE_MANAGER_SHARED_ATTRIBUTE_WRITE));
	b_word_before = *(volatile uint32_t *)data_word(&r->b);
}

static int canary_intact(void)
{
	return gf_canary_intact(kernel_canary, GF_CANARY_WORDS, GF_CANARY);
}

static int named(const struct probe *p, const char *cmdline)
{
	char name[32];
	snprintf(name, sizeof name, "%s:%s", action_names[p->action], where_names[p->where]);
	size_t n = strlen(name);
	for (const char *s = strstr(cmdline, name); s; s = strstr(s + 1, name))
		if ((s == cmdline || s[-1] == ' ') && (s[n] == ' ' || s[n] == '\0'))
			return 1;
	return 0;
}

/* The probes named on the command line after the image's name
 * ("sp+call:kernel.data ..."), or every probe but the ones run alone. */
int gf_tx_firmware(void)
{
	char line[256] = "";
	if (gf_sh_cmdline(line, sizeof line) != 0)
		line[0] = '\0';
	const char *cmdline = strchr(line, ' ') ? strchr(line, ' ') + 1 : "";
	gf_canary_fill(kernel_canary, GF_CANARY_WORDS, GF_CANARY);
	gf_tx_manager_start();
	int failed = 0, ran = 0;
	for (unsigned i = 0; i < GF_PROBES; i++) {
		now = &probes[i];
		if (cmdline[0] ? !named(now, cmdline) : now->alone)
			continue;
		ran++;
		struct gf_probe_run r = {.image_a = GF_TX_IMAGE(probe), .image_b = GF_TX_IMAGE(probe),
					 .next = next, .loaded = loaded};
		enum gf_probe_outcome out = gf_probe_run(&r);
		const char *got = out == GF_PROBE_RAN ? "OK"
				  : out == GF_PROBE_TIMEOUT ? "TIMEOUT"
				  : gf_tx_last_fault.in_module ? "CONTAINED"
							       : "BUG";
		const char *want = now->expect == OK ? "OK" : "CONTAINED";
		int b_intact = *(volatile uint32_t *)data_word(&r.b) == b_word_before;
		int ok = !strcmp(got, want) && canary_intact() && b_intact;
		gf_console_printf("%-9s %-12s %-9s expected %-9s kernel %s, B %s%s\n",
				  action_names[now->action], where_names[now->where], got, want,
				  canary_intact() ? "intact" : "CHANGED", b_intact ? "intact" : "CHANGED",
				  ok ? "" : "  <- FAIL");
		failed += !ok;
	}
	gf_console_printf("isolation matrix on the port: %d probes, %d failed\n", ran, failed);
	if (!ran)
		gf_console_printf("no probe named '%s'\n", cmdline);
	return failed || !ran ? 1 : 0;
}

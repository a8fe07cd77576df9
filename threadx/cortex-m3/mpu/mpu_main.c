/* mpu_main.c — the MPU layout check: for each code size and data size in
 * a range (the probe module's preamble fields, set before the load) and
 * each shared window, module A is loaded and started, and in its own
 * thread (an application request: privileged, its regions loaded by the
 * port's PendSV) the MPU is read back and every address a region lets
 * user mode reach is checked against what is A's: its code and data
 * allocations from the module manager's pool, the shared window (read-write), and
 * the port's kernel entry (read and execute).  Also counted: A's own
 * memory the regions leave out (the code and data its preamble asks for,
 * and its two thread stacks). */
#include <string.h>

#include "console.h"
#include "mpu_regions.h"
#include "probe_run.h"

GF_TX_IMAGE_DECLARE(probe);

/* The preamble's code and data size words (txm_module.h's
 * TXM_MODULE_PREAMBLE, in 32-bit words). */
#define GF_PREAMBLE_CODE_SIZE 14
#define GF_PREAMBLE_DATA_SIZE 15

static const uint32_t code_sizes[] = {0, 4096, 5000, 8196, 12000, 16384, 20000, 33000, 65536,
				      100000, 250000};
static const uint32_t data_sizes[] = {0, 200, 1000, 2048, 3000, 4100, 8192, 10000, 16500,
				      40000, 65536, 100000, 250000};
/* Shared windows at GF_WINDOW (64 KiB aligned; board/an385-threadx.ld
 * keeps it free): none, exact powers of two, and sizes that are not. */
#define GF_WINDOW 0x20010000u
static const uint32_t window_sizes[] = {0, 32, 100, 128, 1000, 4096};
#define GF_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The largest code size is copied from the image and what follows it. */
static uint8_t staging[250000 + 4096] __attribute__((aligned(16)));

struct check {
	uint32_t code_size, data_size, window;
	unsigned long granted_outside, write_outside, window_rounding, padding, own_denied;
	struct gf_mpu_region regions[GF_MPU_REGIONS];
};

static int inside(uint32_t a, uint32_t start, uint32_t end_inclusive)
{
	return a >= start && a <= end_inclusive;
}

static void check_granule(struct check *c, const TXM_MODULE_INSTANCE *a, uint32_t g,
			  unsigned access)
{
	/* A's memory: what the module manager allocated for its code and
	 * its data (the areas it uses, aligned inside them). */
	uint32_t code0 = (uint32_t)a->txm_module_instance_code_allocation_ptr;
	uint32_t code1 = code0 + a->txm_module_instance_code_allocation_size - 1;
	uint32_t data0 = (uint32_t)a->txm_module_instance_data_allocation_ptr;
	uint32_t data1 = data0 + a->txm_module_instance_data_allocation_size - 1;
	uint32_t entry = (uint32_t)(uintptr_t)_txm_module_manager_user_mode_entry & ~31u;
	uint32_t last = g + GF_MPU_GRANULE - 1;
	int own_data = inside(g, data0, data1) && inside(last, data0, data1);
	int own_code = inside(g, code0, code1) && inside(last, code0, code1);
	int in_window = c->window && inside(g, GF_WINDOW, GF_WINDOW + c->window - 1) &&
			inside(last, GF_WINDOW, GF_WINDOW + c->window - 1);
	/* PMSAv7 cannot map less than a power of two of at least 32 bytes. */
	uint32_t rounded = 32;
	while (rounded < c->window)
		rounded <<= 1;
	int in_rounding = c->window && !in_window && inside(g, GF_WINDOW, GF_WINDOW + rounded - 1);
	if (in_rounding) {
		c->window_rounding += GF_MPU_GRANULE;
		return;
	}
	if (!(own_data || own_code || in_window || g == entry))
		c->granted_outside += GF_MPU_GRANULE;
	else if ((own_code && last > (uint32_t)a->txm_module_instance_code_end) ||
		 (own_data && last > (uint32_t)a->txm_module_instance_data_end))
		c->padding += GF_MPU_GRANULE; /* A's allocation, past what it uses */
	else if ((access & GF_USER_WRITE) && !(own_data || in_window))
		c->write_outside += GF_MPU_GRANULE;
}

/* Bytes of [start, start + len) the regions do not give user mode `want`. */
static unsigned long denied(const struct gf_mpu_region *r, uint32_t start, uint32_t len,
			    unsigned want)
{
	unsigned long n = 0;
	for (uint32_t a = start & ~(GF_MPU_GRANULE - 1); a < start + len; a += GF_MPU_GRANULE)
		if ((gf_mpu_user_access(r, a) & want) != want)
			n += GF_MPU_GRANULE;
	return n;
}

static struct check *current;

static void next(struct gf_probe_run *run, struct gf_probe_order *o)
{
	struct check *c = current;
	const TXM_MODULE_INSTANCE *a = &run->a;
	gf_mpu_read(c->regions);
	for (int i = 0; i < GF_MPU_REGIONS; i++) {
		const struct gf_mpu_region *r = &c->regions[i];
		for (uint32_t off = 0; r->size && off < r->size; off += GF_MPU_GRANULE) {
			uint32_t g = r->base + off;
			unsigned access = gf_mpu_user_access(c->regions, g);
			if (gf_mpu_region_at(c->regions, g) == i && access)
				check_granule(c, a, g, access);
		}
	}
	const TXM_MODULE_PREAMBLE *p = a->txm_module_instance_preamble_ptr;
	uint32_t data0 = (uint32_t)a->txm_module_instance_data_start;
	uint32_t needed = (uint32_t)a->txm_module_instance_module_data_base_address - data0 +
			  p->txm_module_preamble_data_size;
	c->own_denied = denied(c->regions, (uint32_t)a->txm_module_instance_code_start,
			       p->txm_module_preamble_code_size, GF_USER_READ) +
			denied(c->regions, data0, needed, GF_USER_READ | GF_USER_WRITE);
	*o = (struct gf_probe_order){GF_PROBE_NOTHING, 0, 0};
}

static void loaded(struct gf_probe_run *run)
{
	if (current->window)
		GF_TX_MUST(txm_module_manager_external_memory_enable(
			&run->a, (VOID *)GF_WINDOW, current->window,
			TXM_MODULE_MANAGER_SHARED_ATTRIBUTE_WRITE));
}

static void print_regions(const struct check *c)
{
	for (int i = 0; i < GF_MPU_REGIONS; i++)
		if (c->regions[i].size)
			gf_console_printf("    region %d: 0x%08lx +0x%lx RASR=0x%08lx (RBAR=0x%08lx)\n", i,
					  (unsigned long)c->regions[i].base,
					  (unsigned long)c->regions[i].size,
					  (unsigned long)c->regions[i].rasr,
					  (unsigned long)c->regions[i].rbar);
}

int gf_tx_firmware(void)
{
	const uint32_t *image = (const uint32_t *)GF_TX_IMAGE(probe);
	uint32_t own_code = image[GF_PREAMBLE_CODE_SIZE], own_data = image[GF_PREAMBLE_DATA_SIZE];
	gf_tx_manager_start();
	unsigned cases = 0, bad = 0, denying = 0, rounding = 0, faulted = 0;
	for (unsigned w = 0; w < GF_COUNT(window_sizes); w++)
		for (unsigned ci = 0; ci < GF_COUNT(code_sizes); ci++)
			for (unsigned di = 0; di < GF_COUNT(data_sizes); di++) {
				uint32_t cs = code_sizes[ci] ? code_sizes[ci] : own_code;
				uint32_t ds = data_sizes[di] ? data_sizes[di] : own_data;
				/* smaller than the module: not a layout of it */
				if (cs < own_code || ds < own_data)
					continue;
				/* windows with the module's own sizes only */
				if (window_sizes[w] && (ci || di))
					continue;
				memcpy(staging, image, own_code);
				((uint32_t *)staging)[GF_PREAMBLE_CODE_SIZE] = cs;
				((uint32_t *)staging)[GF_PREAMBLE_DATA_SIZE] = ds;
				struct check c = {.code_size = cs, .data_size = ds,
						  .window = window_sizes[w]};
				current = &c;
				struct gf_probe_run run = {.image_a = staging,
							   .image_b = GF_TX_IMAGE(probe),
							   .next = next, .loaded = loaded};
				enum gf_probe_outcome out = gf_probe_run(&run);
				cases++;
				int wrong = c.granted_outside || c.write_outside;
				gf_console_printf("code %6lu data %6lu window %4lu: %s granted outside %lu, "
						  "writable outside %lu, window rounding %lu, allocation "
						  "padding %lu, own denied %lu\n",
						  (unsigned long)cs, (unsigned long)ds,
						  (unsigned long)c.window,
						  out == GF_PROBE_RAN ? "ran," : "DID NOT RUN,",
						  c.granted_outside, c.write_outside, c.window_rounding,
						  c.padding, c.own_denied);
				if (wrong || c.own_denied)
					print_regions(&c);
				bad += wrong;
				denying += c.own_denied != 0;
				rounding += c.window_rounding != 0;
				faulted += out != GF_PROBE_RAN;
			}
	gf_console_printf("MPU layout: %u layouts, %u grant memory outside the module, %u deny "
			  "the module its own memory, %u round a window up, %u did not run\n",
			  cases, bad, denying, rounding, faulted);
	return bad || faulted ? 1 : 0;
}

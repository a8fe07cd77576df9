/* fuzz_device.c — a driver module against a hostile device
 * (docs/traced-regions.md).
 *
 * The driver (modules/driver.c) runs in the loader's slot, which this
 * target does not otherwise use, with its device's register window
 * (sdk/gf_driver.h) as a traced region granted to it (.iso.traced.grant).
 * The peripheral is the attacker: every read of a register the device
 * drives (status, data, rx_count, rx_slot, irq) returns bytes of the
 * input; the configuration registers (ctrl, dma_addr, dma_len) read back
 * what the driver wrote.  Every write is checked against the register
 * model: the register exists, is writable and written at its width,
 * reserved control bits stay clear, and a DMA the driver starts lies in
 * its own memory, outside its environment and its stack.  A violation is a
 * BUG (kind device-model) at the PC of the write, from the access log.  The
 * driver also calls the kernel (queue send and receive): what it got must
 * be documented for the service, and the kernel's integrity must hold.
 *
 * Input: byte 0 gives the number of interrupts (1 + b % 8); then the
 * device's answers, consumed in the order the driver reads, each as many
 * bytes as its register is wide, little endian; zeros past the end.
 *
 * Verdicts, per interrupt: BUG as above or from a fault the oracle blames
 * on the kernel; CONTAINED when the driver faulted in its own code;
 * REJECTED when a kernel call did not succeed (a full queue); else OK.
 */
#include <stdio.h>
#include <string.h>

#include "embedded_images.h"
#include "harness.h"
#include "sdk/gf_driver.h"
#include "traced.h"

#define DRIVER_SLOT GF_SLOT_LOADER /* unused by this target otherwise */
#define MAX_INTERRUPTS 8

/* ---- the register model ---------------------------------------------- */

#define REG(field, writable, from_device)                                     \
	{#field, offsetof(struct gf_dev_regs, field),                         \
	 sizeof(((struct gf_dev_regs *)0)->field), writable, from_device}
static const struct reg {
	const char *name;
	size_t offset;
	unsigned width;
	bool writable;
	bool from_device; /* reads come from the input */
} regs[] = {
	REG(status, false, true),   REG(data, true, true),
	REG(ctrl, true, false),     REG(rx_count, false, true),
	REG(rx_slot, false, true),  REG(irq, true, true),
	REG(dma_addr, true, false), REG(dma_len, true, false),
};
#define NREGS (sizeof regs / sizeof regs[0])
enum { CTRL = 2, DMA_ADDR = 6, DMA_LEN = 7 }; /* indexes into regs[] */

enum violation {
	NONE,
	NO_REGISTER,   /* no register at that offset                       */
	WRONG_WIDTH,   /* a register used at another width                 */
	READ_ONLY,     /* a write to a register the device drives          */
	RESERVED_BITS, /* ctrl written with reserved bits set              */
	DMA_OUTSIDE,   /* a DMA started outside the driver's own memory    */
};

/* The device's state.  Written by the callbacks inside the fault and trap
 * handlers, so they only store numbers (.iso.traced.step); the BUG line is
 * made after the run. */
static struct device {
	const struct gf_region *window;
	const struct gf_slot *driver;
	struct gf_input answers;           /* the input after its first byte */
	uint64_t config[NREGS];            /* what config registers hold     */
	uint64_t config_after_setup[NREGS];
	struct {
		enum violation what;
		size_t offset;
		unsigned width;
		uint64_t value;
		uint64_t entry; /* the access in the window's log */
	} bug;
} dev;

static void violated(enum violation what, size_t offset, unsigned width,
		     uint64_t value)
{
	if (dev.bug.what != NONE)
		return; /* the first one is the finding */
	dev.bug.what = what;
	dev.bug.offset = offset;
	dev.bug.width = width;
	dev.bug.value = value;
	dev.bug.entry = gf_traced_count(dev.window) - 1; /* this access */
}

/* The register at offset, used at width; NULL (and a violation) if none. */
static const struct reg *reg_at(size_t offset, unsigned width, uint64_t value)
{
	for (size_t i = 0; i < NREGS; i++) {
		if (regs[i].offset != offset)
			continue;
		if (regs[i].width == width)
			return &regs[i];
		violated(WRONG_WIDTH, offset, width, value);
		return NULL;
	}
	violated(NO_REGISTER, offset, width, value);
	return NULL;
}

static uint64_t device_read(void *ctx, size_t offset, unsigned width)
{
	(void)ctx;
	const struct reg *r = reg_at(offset, width, 0);
	if (!r)
		return 0;
	if (!r->from_device)
		return dev.config[r - regs];
	uint64_t v = 0;
	for (unsigned i = 0; i < width; i++)
		v |= (uint64_t)gf_input_u8(&dev.answers) << (8 * i);
	return v;
}

/* The driver's heap: its data region minus the environment at the base
 * and the stack at the top. */
static bool in_driver_heap(uint64_t addr, uint64_t len)
{
	const struct gf_slot *sl = dev.driver;
	uint64_t lo = sl->data->base + GF_IMAGE_ENV_RESERVE;
	uint64_t hi = sl->data->base + sl->data->size - sl->image.stack_size;
	return addr >= lo && addr <= hi && len <= hi - addr;
}

static void start_dma(void)
{
	uint64_t addr = dev.config[DMA_ADDR], len = dev.config[DMA_LEN];
	if (len == 0 || len > GF_DEV_DMA_MAX || !in_driver_heap(addr, len))
		violated(DMA_OUTSIDE, regs[CTRL].offset, regs[CTRL].width,
			 GF_DEV_CTRL_DMA_START);
}

static void device_write(void *ctx, size_t offset, unsigned width, uint64_t v)
{
	(void)ctx;
	const struct reg *r = reg_at(offset, width, v);
	if (!r)
		return;
	if (!r->writable) {
		violated(READ_ONLY, offset, width, v);
		return;
	}
	size_t i = (size_t)(r - regs);
	if (i == CTRL) {
		if (v & ~(uint64_t)GF_DEV_CTRL_MASK)
			violated(RESERVED_BITS, offset, width, v);
		if (v & GF_DEV_CTRL_DMA_START)
			start_dma();
		if (v & GF_DEV_CTRL_RESET)
			dev.config[DMA_ADDR] = dev.config[DMA_LEN] = 0;
		v &= GF_DEV_CTRL_ENABLE; /* DMA_START and RESET self-clear */
	}
	if (!r->from_device) /* data and irq writes leave nothing to read */
		dev.config[i] = v;
}

static const struct gf_traced_ops device_ops = {device_read, device_write, true};

/* ---- running the driver ------------------------------------------------ */

static int run_driver(enum gf_driver_call call, struct gf_fault *f)
{
	struct gf_sandbox *sb = gf_harness_sandbox();
	struct gf_slot *sl = &sb->slot[DRIVER_SLOT];
	sl->env->args[0] = call;
	sl->env->args[1] = dev.window->base;
	return gf_sandbox_run(sb, DRIVER_SLOT, f);
}

/* The first kernel call the driver reported whose status is not
 * documented for its service, or -1; *failed: some call did not succeed. */
static int undocumented_call(const struct gf_module_env *env, int *failed)
{
	uintptr_t n = env->results[0];
	*failed = 0;
	for (uintptr_t i = 0; i < n && i < GF_DRIVER_MAX_CALLS; i++) {
		const struct gf_service *s =
			gf_service_by_id((uint32_t)env->results[1 + 2 * i]);
		uintptr_t status = env->results[2 + 2 * i];
		if (!s || status > UINT32_MAX ||
		    !gf_service_documents(s, (uint32_t)status))
			return (int)i;
		*failed |= status != GF_SUCCESS;
	}
	return -1;
}

/* What the driver did, and where, for a BUG line. */
static void driver_pc(uint64_t entry, char *out, size_t n)
{
	struct gf_traced_access a;
	const struct gf_region *code = dev.driver->code;
	if (gf_traced_entry(dev.window, entry, &a) == 0 && a.pc - code->base < code->size)
		snprintf(out, n, "module:%s+%#lx", code->name,
			 (unsigned long)(a.pc - code->base));
	else
		snprintf(out, n, "module:%s", code->name);
}

static void device_bug(void)
{
	static const char *const what[] = {
		[NO_REGISTER] = "no register at this offset",
		[WRONG_WIDTH] = "a register used at another width",
		[READ_ONLY] = "a write to a read-only register",
		[RESERVED_BITS] = "reserved ctrl bits set",
		[DMA_OUTSIDE] = "a DMA started outside the driver's memory",
	};
	struct gf_bug b;
	const struct reg *r = NULL;
	for (size_t i = 0; i < NREGS; i++)
		if (regs[i].offset == dev.bug.offset)
			r = &regs[i];
	bool dma = dev.bug.what == DMA_OUTSIDE;
	memset(&b, 0, sizeof b);
	b.kind = "device-model";
	b.service = "uart-dma";
	b.param = -1;
	b.cls = "-";
	b.addr = dma ? dev.config[DMA_ADDR] : dev.window->base + dev.bug.offset;
	gf_oracle_owner(b.addr, b.owner, sizeof b.owner);
	driver_pc(dev.bug.entry, b.pc, sizeof b.pc);
	snprintf(b.site, sizeof b.site, "%s", r ? r->name : "window");
	if (dma)
		snprintf(b.detail, sizeof b.detail, "%s: dma_addr=%#llx dma_len=%llu",
			 what[dev.bug.what], (unsigned long long)dev.config[DMA_ADDR],
			 (unsigned long long)dev.config[DMA_LEN]);
	else
		snprintf(b.detail, sizeof b.detail,
			 "%s: %u-byte access at offset %#zx, value %#llx",
			 what[dev.bug.what], dev.bug.width, dev.bug.offset,
			 (unsigned long long)dev.bug.value);
	gf_harness_judge(GF_VERDICT_BUG, &b);
}

static void kernel_status_bug(const struct gf_module_env *env, int call)
{
	struct gf_bug b;
	const struct gf_service *s =
		gf_service_by_id((uint32_t)env->results[1 + 2 * call]);
	uintptr_t status = env->results[2 + 2 * call];
	memset(&b, 0, sizeof b);
	b.kind = "integrity";
	b.service = s ? s->full_name : "-";
	b.param = -1;
	b.cls = "-";
	snprintf(b.owner, sizeof b.owner, "-");
	snprintf(b.pc, sizeof b.pc, "kernel:%s", b.service);
	snprintf(b.site, sizeof b.site, "%s/status", b.service);
	snprintf(b.detail, sizeof b.detail,
		 "status %#lx is not documented for %s (called by the driver)",
		 (unsigned long)status, b.service);
	gf_harness_judge(GF_VERDICT_BUG, &b);
}

static void serve_interrupt(void)
{
	struct gf_fault f;
	struct gf_bug b;
	int failed, call;
	int rc = run_driver(GF_DRIVER_IRQ, &f);
	const struct gf_module_env *env = dev.driver->env;

	if (dev.bug.what != NONE)
		device_bug();
	else if (rc != 0)
		gf_harness_judge(gf_oracle_fault(&f, dev.driver->module, &b), &b);
	else if ((call = undocumented_call(env, &failed)) >= 0)
		kernel_status_bug(env, call);
	else if (gf_oracle_integrity(&b))
		gf_harness_judge(GF_VERDICT_BUG, &b);
	else
		gf_harness_judge(failed ? GF_VERDICT_REJECTED : GF_VERDICT_OK, NULL);
}

/* ---- setup, once per process (gf_harness_set_setup) --------------------- */

static int setup_failed(char *err, size_t n, const char *why)
{
	snprintf(err, n, "fuzz_device: %s", why);
	return -1;
}

static int device_setup(struct gf_sandbox *sb, char *err, size_t n)
{
	size_t len;
	const uint8_t *image = gf_embedded_image("driver", &len);
	struct gf_fault f;
	int failed;

	if (!image)
		return setup_failed(err, n, "the driver image is not linked in");
	if (gf_sandbox_load(sb, DRIVER_SLOT, image, len, err, n))
		return -1;
	dev.driver = &sb->slot[DRIVER_SLOT];
	dev.window = gf_traced_create("uart0.regs", dev.driver->module,
				      GF_DEV_WINDOW, &device_ops, &dev);
	/* .iso.traced.grant: to the driver's domains only, so the kernel
	 * serving the driver is traced too and every other module faults. */
	if (!dev.window || gf_module_share(&dev.driver->dom, dev.window, GF_PERM_RW))
		return setup_failed(err, n, "cannot create the register window");
	if (run_driver(GF_DRIVER_SETUP, &f) != 0 || dev.bug.what != NONE ||
	    undocumented_call(dev.driver->env, &failed) >= 0 || failed)
		return setup_failed(err, n, "the driver's setup failed");
	memcpy(dev.config_after_setup, dev.config, sizeof dev.config);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	gf_harness_set_setup(device_setup);
	gf_harness_begin(data, len);
	/* The driver's memory and the kernel are back at the snapshot; the
	 * device goes back to where the driver's setup left it. */
	gf_input_init(&dev.answers, data, len);
	unsigned interrupts = 1 + gf_input_u8(&dev.answers) % MAX_INTERRUPTS;
	memcpy(dev.config, dev.config_after_setup, sizeof dev.config);
	dev.bug.what = NONE;
	gf_traced_clear(dev.window);
	for (unsigned i = 0; i < interrupts && gf_harness_running(); i++)
		serve_interrupt();
	return gf_harness_end();
}

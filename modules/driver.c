/* driver.c — a UART driver with a receive DMA ring (sdk/gf_driver.h), the
 * module fuzz_device runs against a hostile device.
 *
 * An echo device: received bytes go into a kernel queue, and when the
 * transmitter is empty the oldest queued byte is sent back.  The device is
 * the attacker, so nothing it reports is trusted: counts are clamped, ring
 * slots are reduced modulo the ring, and every DMA the driver programs
 * points into its own memory.  Register accesses are volatile, so each one
 * is one instruction the tracer sees (`ctrl |= bit` is a read, then a
 * write).
 */
#include "sdk/gf_driver.h"
#include "sdk/gf_module.h"

#define DRV_QUEUE_MESSAGES 4 /* one-word messages                       */
#define DRV_RX_BURST 4       /* bytes taken per interrupt, at most: with
				the transmit, within GF_DRIVER_MAX_CALLS */
#define DRV_RING_SLOTS 4     /* DMA buffers                             */
#define DRV_SLOT_BYTES 64

/* Module memory, after the environment. */
struct drv_memory {
	void *queue;
	uint32_t queue_storage[DRV_QUEUE_MESSAGES];
	uint8_t ring[DRV_RING_SLOTS][DRV_SLOT_BYTES];
	uint32_t msg;
};

/* Reports a kernel call to the harness (gf_driver.h). */
static uintptr_t reported(struct gf_module_env *env, uint32_t request,
			  uintptr_t status)
{
	uintptr_t n = env->results[0]++;
	if (n < GF_DRIVER_MAX_CALLS) {
		env->results[1 + 2 * n] = request;
		env->results[2 + 2 * n] = status;
	}
	return status;
}

static void setup(struct gf_module_env *env, struct drv_memory *m,
		  volatile struct gf_dev_regs *regs)
{
	if (reported(env, GFM_REQ_module_object_allocate,
		     gfm_module_object_allocate(env, &m->queue,
						GF_CB_BYTES_QUEUE)) != GFM_SUCCESS)
		return;
	if (reported(env, GFM_REQ_queue_create,
		     gfm_queue_create(env, m->queue, "uart.rx", 1,
				      m->queue_storage,
				      sizeof m->queue_storage)) != GFM_SUCCESS)
		return;
	regs->ctrl = GF_DEV_CTRL_ENABLE;
}

static void receive(struct gf_module_env *env, struct drv_memory *m,
		    volatile struct gf_dev_regs *regs)
{
	unsigned n = regs->rx_count;
	if (n > DRV_RX_BURST) /* the device may claim any count */
		n = DRV_RX_BURST;
	for (unsigned i = 0; i < n; i++) {
		m->msg = regs->data & 0xff;
		reported(env, GFM_REQ_queue_send,
			 gfm_queue_send(env, m->queue, &m->msg, 0));
	}
}

/* The device asks for its next buffer: the slot it names, in the ring. */
static void next_dma(struct drv_memory *m, volatile struct gf_dev_regs *regs)
{
	unsigned slot = regs->rx_slot % DRV_RING_SLOTS;
	regs->dma_addr = (uintptr_t)m->ring[slot];
	regs->dma_len = DRV_SLOT_BYTES;
	regs->ctrl |= GF_DEV_CTRL_DMA_START;
}

static void transmit(struct gf_module_env *env, struct drv_memory *m,
		     volatile struct gf_dev_regs *regs)
{
	if (reported(env, GFM_REQ_queue_receive,
		     gfm_queue_receive(env, m->queue, &m->msg, 0)) == GFM_SUCCESS)
		regs->data = m->msg;
}

static void interrupt(struct gf_module_env *env, struct drv_memory *m,
		      volatile struct gf_dev_regs *regs)
{
	uint8_t irq = regs->irq;
	if (!irq)
		return; /* not ours */
	regs->irq = irq; /* acknowledge what we serve, now */
	uint32_t status = regs->status;
	if ((irq & GF_DEV_IRQ_ERR) || (status & GF_DEV_ST_ERROR)) {
		regs->ctrl |= GF_DEV_CTRL_RESET;
		regs->ctrl = GF_DEV_CTRL_ENABLE;
		return;
	}
	if ((irq & GF_DEV_IRQ_RX) && (status & GF_DEV_ST_RX_READY))
		receive(env, m, regs);
	if (irq & GF_DEV_IRQ_DMA)
		next_dma(m, regs);
	if ((irq & GF_DEV_IRQ_TX) && (status & GF_DEV_ST_TX_EMPTY))
		transmit(env, m, regs);
}

void gf_module_entry(struct gf_module_env *env)
{
	struct drv_memory *m = (struct drv_memory *)gfm_heap(env);
	volatile struct gf_dev_regs *regs =
		(volatile struct gf_dev_regs *)env->args[1];

	env->results[0] = 0;
	if (env->args[0] == GF_DRIVER_SETUP)
		setup(env, m, regs);
	else
		interrupt(env, m, regs);
}

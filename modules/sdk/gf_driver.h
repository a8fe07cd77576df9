/* gf_driver.h — the device fuzz_device attacks and the driver that serves
 * it: the register window (a UART with a receive DMA engine) and what the
 * driver module (modules/driver.c) and the harness
 * (harnesses/fuzz_device.c) tell each other.  Shared so that neither can
 * drift from the other.
 *
 * The window is a traced region granted to the driver (isolation/traced.h):
 * the harness's register model answers every read the driver makes and
 * checks every write.  Each register has exactly one width; using another,
 * or an offset that is no register, is a driver bug.
 */
#ifndef GATEFUZZ_DRIVER_H
#define GATEFUZZ_DRIVER_H

#include <stddef.h>
#include <stdint.h>

struct gf_dev_regs {
	uint32_t status;   /* 0x00 RO   what the device reports (GF_DEV_ST_*)  */
	uint32_t data;     /* 0x04 RW   read: next received byte (low 8 bits);
			      write: a byte to send                         */
	uint32_t ctrl;     /* 0x08 RW   GF_DEV_CTRL_*; DMA_START and RESET
			      clear themselves                              */
	uint16_t rx_count; /* 0x0c RO   received bytes waiting                */
	uint8_t rx_slot;   /* 0x0e RO   the ring slot the device fills next   */
	uint8_t irq;       /* 0x0f RW1C pending interrupts (GF_DEV_IRQ_*);
			      writing 1s acknowledges them                  */
	uint64_t dma_addr; /* 0x10 RW   where the next DMA writes: must lie in
			      the driver's own memory                       */
	uint32_t dma_len;  /* 0x18 RW   how many bytes it writes (1..4096)    */
};
_Static_assert(offsetof(struct gf_dev_regs, rx_count) == 0x0c &&
		       offsetof(struct gf_dev_regs, irq) == 0x0f &&
		       offsetof(struct gf_dev_regs, dma_addr) == 0x10 &&
		       offsetof(struct gf_dev_regs, dma_len) == 0x18,
	       "the register map");

#define GF_DEV_WINDOW 4096u /* the register window's size */
#define GF_DEV_DMA_MAX 4096u

enum {
	GF_DEV_ST_RX_READY = 1u << 0, /* received bytes are waiting          */
	GF_DEV_ST_TX_EMPTY = 1u << 1, /* the transmitter takes a byte        */
	GF_DEV_ST_ERROR = 1u << 3,    /* the device needs a reset            */
};
enum {
	GF_DEV_CTRL_ENABLE = 1u << 0,
	GF_DEV_CTRL_DMA_START = 1u << 1, /* DMA dma_len bytes to dma_addr    */
	GF_DEV_CTRL_RESET = 1u << 2,
	GF_DEV_CTRL_MASK = 7u,           /* the other bits are reserved      */
};
enum {
	GF_DEV_IRQ_RX = 1u << 0,  /* bytes received                          */
	GF_DEV_IRQ_TX = 1u << 1,  /* the transmitter is empty                */
	GF_DEV_IRQ_DMA = 1u << 2, /* a DMA finished: give it the next buffer  */
	GF_DEV_IRQ_ERR = 1u << 3, /* an error: read status                   */
};

/* The driver's entry: env->args[0] is what to do, env->args[1] the
 * register window's address. */
enum gf_driver_call {
	GF_DRIVER_SETUP = 0, /* create the receive queue, enable the device */
	GF_DRIVER_IRQ = 1,   /* serve one interrupt                         */
};
/* env->results[0]: kernel calls made in this run; the first
 * GF_DRIVER_MAX_CALLS are reported as results[1 + 2i] (the request) and
 * results[2 + 2i] (the status it returned). */
#define GF_DRIVER_MAX_CALLS 7u

#endif

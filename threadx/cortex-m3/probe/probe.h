/* probe.h — what the probe module (probe_module.c) and the firmwares that
 * drive it (isolation/, mpu/) agree on: the application requests it makes
 * (ThreadX passes ids from TXM_APPLICATION_REQUEST_ID_BASE up to the
 * application, board/requests.c) and the actions the firmware answers. */
#ifndef GATEFUZZ_TX_PROBE_H
#define GATEFUZZ_TX_PROBE_H

/* Requests, as the module passes them to txm_module_application_request
 * (ThreadX subtracts nothing on the module side, the base on the
 * manager's). */
#define GF_PROBE_NEXT 1 /* param 1: the module's struct gf_probe_order to fill */
#define GF_PROBE_DONE 2 /* the order ran without a fault */
/* A program's step (program_module.c): param 1 the step, param 2 the
 * status ThreadX returned, param 3 the status its documentation gives. */
#define GF_PROBE_STATUS 3
/* A call sequence's calls (program.h): param 1 the module's layout,
 * param 2 its call buffer, param 3 the buffer's capacity; returns the
 * number of calls written. */
#define GF_PROBE_FETCH 4
/* A sequence's call returned: param 1 its index, param 2 its status. */
#define GF_PROBE_CALLED 5

/* What the firmware orders. */
enum gf_probe_action {
	GF_PROBE_IDLE,      /* sleep for ever (the other module, B)            */
	GF_PROBE_READ,      /* a word load at addr                             */
	GF_PROBE_WRITE,     /* a word store at addr                            */
	GF_PROBE_EXEC,      /* a call to addr (Thumb)                          */
	GF_PROBE_SP_CALL,   /* SP := addr, then the port's kernel entry (SVC)  */
	GF_PROBE_SP_SWITCH, /* SP := addr, then spin until SysTick preempts    */
	GF_PROBE_NOTHING,   /* only the requests (the MPU check runs in NEXT)  */
	GF_PROBE_PROGRAM,   /* program module: run program `arg` on addr       */
};

struct gf_probe_order {
	unsigned long action;
	unsigned long addr;
	unsigned long arg;
};

#endif

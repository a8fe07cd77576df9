/* probe_run.h — one probe, the firmware's side (probe_run.c): a module
 * (probe_module.c, program_module.c) loaded by the module manager as
 * module A, which does what the firmware orders, and one as module B,
 * which idles (the "other module" A
 * may attack); both started, A's outcome awaited, both stopped and
 * unloaded, so every probe starts from fresh instances. */
#ifndef GATEFUZZ_TX_PROBE_RUN_H
#define GATEFUZZ_TX_PROBE_RUN_H

#include "manager.h"
#include "probe.h"

struct gf_probe_run;
/* Called in A's thread when it asks for its order (privileged, A's MPU
 * regions loaded): fills the order. */
typedef void (*gf_probe_next_fn)(struct gf_probe_run *r, struct gf_probe_order *o);

struct gf_probe_run {
	const void *image_a;      /* A's image (its preamble's sizes may differ) */
	const void *image_b;
	unsigned ticks;           /* how long A may take; 0: GF_PROBE_TICKS */
	/* Asked when A's time is up: nonzero gives A as long again (it made
	 * progress, on a machine whose ticks are real time); or NULL */
	int (*progressed)(struct gf_probe_run *r);
	gf_probe_next_fn next;
	void (*loaded)(struct gf_probe_run *r); /* before the start, or NULL */
	/* once A completed or faulted, before the modules stop, or NULL */
	void (*ran)(struct gf_probe_run *r);
	/* A's GF_PROBE_FETCH: fills its buffer, returns what the request
	 * returns to A; or NULL */
	UINT (*fetch)(struct gf_probe_run *r, ALIGN_TYPE p1, ALIGN_TYPE p2, ALIGN_TYPE p3);
	/* A's GF_PROBE_CALLED reports (the call's index and what it
	 * returned), or NULL */
	void (*called)(struct gf_probe_run *r, ULONG index, ULONG status);
	/* A's GF_PROBE_STATUS reports, or NULL */
	void (*status)(struct gf_probe_run *r, ULONG step, ULONG got, ULONG documented);
	void *arg;                /* the caller's */
	TXM_MODULE_INSTANCE a, b;
};

enum gf_probe_outcome { GF_PROBE_RAN, GF_PROBE_FAULTED, GF_PROBE_TIMEOUT };

/* Runs one probe; the fault, when there was one, is gf_tx_last_fault. */
enum gf_probe_outcome gf_probe_run(struct gf_probe_run *r);

#endif

/* probe_run.c — loading, starting and retiring the probe modules for one
 * probe (probe_run.h), and answering their application requests. */
#include "probe_run.h"

#include "tx_thread.h"

/* Long enough for a module start and one order, in ticks. */
#define GF_PROBE_TICKS 50

static struct gf_probe_run *current;
/* Put when A reports DONE or a fault is reported: the end of a probe. */
static TX_SEMAPHORE finished;

static void fault_reported(void)
{
	tx_semaphore_put(&finished);
}

static TXM_MODULE_INSTANCE *caller(void)
{
	return _tx_thread_current_ptr ? _tx_thread_current_ptr->tx_thread_module_instance_ptr : NULL;
}

static UINT request(ULONG id, ALIGN_TYPE p1, ALIGN_TYPE p2, ALIGN_TYPE p3)
{
	struct gf_probe_run *r = current;
	if (!r)
		return TX_NOT_AVAILABLE;
	if (id == GF_PROBE_NEXT) {
		/* The module's own order block (its data, which it may write). */
		struct gf_probe_order *o = (struct gf_probe_order *)p1;
		*o = (struct gf_probe_order){GF_PROBE_IDLE, 0, 0};
		if (caller() == &r->a) {
			r->next(r, o);
		}
		return TX_SUCCESS;
	}
	if (id == GF_PROBE_DONE && caller() == &r->a) {
		tx_semaphore_put(&finished);
		return TX_SUCCESS;
	}
	if (id == GF_PROBE_STATUS && caller() == &r->a && r->status) {
		r->status(r, p1, p2, p3);
		return TX_SUCCESS;
	}
	if (id == GF_PROBE_FETCH && caller() == &r->a && r->fetch)
		return r->fetch(r, p1, p2, p3);
	if (id == GF_PROBE_CALLED && caller() == &r->a && r->called) {
		r->called(r, p1, p2);
		return TX_SUCCESS;
	}
	return TX_NOT_AVAILABLE;
}

enum gf_probe_outcome gf_probe_run(struct gf_probe_run *r)
{
	if (!finished.tx_semaphore_id)
		GF_TX_MUST(tx_semaphore_create(&finished, "probe finished", 0));
	while (tx_semaphore_get(&finished, TX_NO_WAIT) == TX_SUCCESS)
		; /* a fault of the last probe's modules while they stopped */
	gf_tx_fault_hook = fault_reported;
	gf_tx_set_request_handler(request);
	current = r;
	GF_TX_MUST(txm_module_manager_memory_load(&r->a, "A", (VOID *)r->image_a));
	GF_TX_MUST(txm_module_manager_memory_load(&r->b, "B", (VOID *)r->image_b));
	if (r->loaded)
		r->loaded(r);
	unsigned faults = gf_tx_fault_count;
	GF_TX_MUST(txm_module_manager_start(&r->b));
	GF_TX_MUST(txm_module_manager_start(&r->a));
	enum gf_probe_outcome outcome = GF_PROBE_TIMEOUT;
	UINT waited;
	while ((waited = tx_semaphore_get(&finished, r->ticks ? r->ticks : GF_PROBE_TICKS)) != TX_SUCCESS &&
	       r->progressed && r->progressed(r))
		;
	if (waited == TX_SUCCESS)
		outcome = gf_tx_fault_count != faults ? GF_PROBE_FAULTED : GF_PROBE_RAN;
	if (r->ran)
		r->ran(r);
	GF_TX_MUST(txm_module_manager_stop(&r->a));
	GF_TX_MUST(txm_module_manager_stop(&r->b));
	GF_TX_MUST(txm_module_manager_unload(&r->a));
	GF_TX_MUST(txm_module_manager_unload(&r->b));
	current = NULL;
	return outcome;
}

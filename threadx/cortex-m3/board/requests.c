/* requests.c — the application's side of ThreadX's application requests
 * (ids from TXM_APPLICATION_REQUEST_ID_BASE up, which the dispatcher hands
 * to _txm_module_manager_application_request in the calling module's
 * thread, privileged, with that module's MPU regions loaded).  ThreadX's
 * own file for it only answers TX_NOT_AVAILABLE and is meant to be
 * replaced; this one passes each request to the firmware's handler. */
#include "manager.h"

static gf_tx_request_fn handler;

void gf_tx_set_request_handler(gf_tx_request_fn fn)
{
	handler = fn;
}

UINT _txm_module_manager_application_request(ULONG request, ALIGN_TYPE param_1,
					     ALIGN_TYPE param_2, ALIGN_TYPE param_3)
{
	return handler ? handler(request, param_1, param_2, param_3) : TX_NOT_AVAILABLE;
}

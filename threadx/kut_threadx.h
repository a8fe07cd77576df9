/* kut_threadx.h — what the ThreadX adapter's files share (internal to
 * threadx/; they include ThreadX's headers, nothing above them does). */
#ifndef GATEFUZZ_KUT_THREADX_H
#define GATEFUZZ_KUT_THREADX_H

#include <stdint.h>

/* Module slots ThreadX instances exist for (the harness uses three). */
#define GF_TX_MODULES 4

struct TXM_MODULE_INSTANCE_STRUCT;
/* The instance of a loaded module, or NULL. */
struct TXM_MODULE_INSTANCE_STRUCT *gf_tx_instance(int module);

#endif

/* fuzz_resolve.h — a fuzz input of fuzz_threadx_cm3_sequence as calls
 * (fuzz_resolve.c).  An input is records of GF_FUZZ_RECORD bytes:
 *   byte 0      below GF_FUZZ_STORE: a call, TXM request id 1 + (byte % 96);
 *               from GF_FUZZ_STORE: a store, before any call: parameters
 *               1 and 2, resolved, written as two words to A's scratch at
 *               offset value 0 % its size (what a call's buffers, names
 *               and extra-parameter arrays hold: the differential replay,
 *               differential/, writes them so)
 *   bytes 1-3   each parameter's class (enum gf_fuzz_class, byte % count)
 *   bytes 4-15  each parameter's 32-bit value, little-endian
 * The class says what the value is relative to, so an input means the
 * same calls whatever addresses the modules of this run got. */
#ifndef GATEFUZZ_TX_FUZZ_RESOLVE_H
#define GATEFUZZ_TX_FUZZ_RESOLVE_H

#include <stddef.h>
#include <stdint.h>

#include "program.h"
#include "txm_module.h"

#define GF_FUZZ_RECORD 16
#define GF_FUZZ_REQUESTS 96 /* TXM_*_CALL ids 1-96 (txm_module.h) */
#define GF_FUZZ_STORE 192   /* request bytes from here are stores      */
#define GF_FUZZ_MAX_RECORDS 128 /* stores and calls; at most
				   GF_PROGRAM_MAX_CALLS calls */

enum gf_fuzz_class {
	GF_FUZZ_VALUE,    /* the value itself                                */
	GF_FUZZ_SCRATCH,  /* A's scratch + value % its size (offset 0: a name) */
	GF_FUZZ_OBJECT,   /* A's control block value % GF_PROGRAM_OBJECTS       */
	GF_FUZZ_B_OBJECT, /* B's semaphore, block pool or thread (value % 3)   */
	GF_FUZZ_KERNEL,   /* kernel data + value % its size (fuzz_main.c)      */
	GF_FUZZ_NULL,     /* 0                                                 */
	GF_FUZZ_A_CODE,   /* A's code + value % its size                       */
	GF_FUZZ_B_DATA,   /* B's data + value % its size                       */
	GF_FUZZ_A_DATA_END,   /* A's data end + (int32) value                  */
	GF_FUZZ_A_DATA_START, /* A's data start + (int32) value                */
	GF_FUZZ_B_CODE,       /* B's code + value % its size                   */
	GF_FUZZ_OBJECT_AT,    /* A's control block (value & 15) % GF_PROGRAM_OBJECTS,
				 + (int32) value >> 4 bytes                 */
	GF_FUZZ_OBJECT_HEADER, /* the object pool's header before A's block
				  value % GF_PROGRAM_OBJECTS                */
	GF_FUZZ_CB_SIZE,      /* the port's sizeof the control block of
				 enum gf_fuzz_object_type value % count    */
	GF_FUZZ_CLASSES
};

/* The object types GF_FUZZ_CB_SIZE sizes (the differential replay names
 * them as the host port does). */
enum gf_fuzz_object_type {
	GF_FUZZ_BLOCK_POOL, GF_FUZZ_BYTE_POOL, GF_FUZZ_EVENT_FLAGS, GF_FUZZ_MUTEX,
	GF_FUZZ_QUEUE, GF_FUZZ_SEMAPHORE, GF_FUZZ_THREAD, GF_FUZZ_TIMER, GF_FUZZ_OBJECT_TYPES
};

/* What the classes point into, for one run. */
struct gf_fuzz_world {
	struct gf_program_layout a;  /* A's scratch and control blocks */
	const TXM_MODULE_INSTANCE *a_instance, *b_instance;
	unsigned long b_object[3];
	unsigned long kernel, kernel_size;
};

/* Where A's scratch holds extra-parameter arrays (the module library's
 * form for services with more than three parameters), written before
 * the calls: what a well-formed create needs, for the seeds to build on. */
#define GF_FUZZ_EXTRA_SEMAPHORE 64 /* {initial count 1, sizeof(TX_SEMAPHORE)} */
#define GF_FUZZ_EXTRA_MUTEX 72     /* {TX_NO_INHERIT, sizeof(TX_MUTEX)} */
#define GF_FUZZ_EXTRA_QUEUE 80     /* {1 word, scratch + 512, 256, sizeof(TX_QUEUE)} */
#define GF_FUZZ_QUEUE_AREA 512
/* Writes those arrays into A's scratch. */
void gf_fuzz_extras(const struct gf_fuzz_world *w);

/* Resolves at most max calls of in[0..len) into out, and each
 * parameter's class into classes, and makes the input's stores into A's
 * scratch; returns how many calls. */
unsigned gf_fuzz_resolve(const uint8_t *in, size_t len, const struct gf_fuzz_world *w,
			 struct gf_program_call *out, uint8_t (*classes)[3], unsigned max);

/* The service a request id names (threadx/services.def), or "-". */
const char *gf_fuzz_service_name(unsigned long request);

#endif

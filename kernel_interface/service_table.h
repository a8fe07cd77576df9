/* service_table.h — the service table as data (.svc.table), expanded from
 * the services.def of the kernel under test (.kut.describe): kernel/ for the
 * built-in kernel, threadx/ for ThreadX; the build puts that kernel's folder
 * on the include path, so this file and service_table.c serve both.  Everything that needs to know a service's shape — dispatch,
 * validation, the reference rules, input decoding, the dictionary and docs
 * generators — reads gf_services[], never a hand-written list.
 */
#ifndef GATEFUZZ_SERVICE_TABLE_H
#define GATEFUZZ_SERVICE_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "object_abi.h"
#include "status.h"

/* Object types: GF_OBJECT_TYPES(X) in object_abi.h (modules pass them to
 * module_object_pointer_get, so they are part of the module ABI). */
enum gf_object_type {
#define GF_OT_ENUM(name, v) GF_OT_##name = v,
	GF_OBJECT_TYPES(GF_OT_ENUM)
#undef GF_OT_ENUM
	GF_OT_COUNT
};
const char *gf_object_type_name(enum gf_object_type t);

enum gf_param_kind {
	GF_P_OBJ,       /* kernel object block                              */
	GF_P_IN,        /* buffer read by the kernel                        */
	GF_P_OUT,       /* buffer written by the kernel                     */
	GF_P_STR,       /* NUL-terminated name                              */
	GF_P_SCALAR,    /* unsigned value with a range                      */
	GF_P_WAIT,      /* wait option                                      */
	GF_P_CB,        /* callback into the caller's code                  */
	GF_P_SLOT,      /* output slot                                      */
	GF_P_POOLMEM,   /* memory handed out by a pool                      */
};
enum gf_obj_mode { GF_MODE_USE, GF_MODE_OWNED, GF_MODE_CREATE, GF_MODE_DELETE };
enum gf_len_rule { GF_LEN_NONE, GF_LEN_PARAM_RULE, GF_LEN_FIELD_RULE, GF_LEN_FIXED_RULE };
/* Object fields a length rule may name. */
enum gf_obj_field { GF_FIELD_QUEUE_MSG_BYTES };
enum gf_slot_size { GF_SLOT_PTR = sizeof(uintptr_t), GF_SLOT_U32 = 4 };

struct gf_len {
	enum gf_len_rule rule;
	int param;                 /* PARAM and FIELD rules                  */
	enum gf_obj_field field;   /* FIELD rule                             */
	uint32_t bytes;            /* FIXED rule                             */
};

struct gf_param {
	enum gf_param_kind kind;
	enum gf_object_type type;  /* OBJ                                    */
	enum gf_obj_mode mode;     /* OBJ                                    */
	struct gf_len len;         /* IN, OUT                                */
	uint32_t min, max;         /* SCALAR; STR: max = maximum length      */
	uint32_t err;              /* SCALAR, WAIT: the status for a value
				      outside [min, max]                     */
	uint32_t size;             /* SLOT                                   */
	int nullable;              /* SLOT_OPT, CB(0)                        */
	int unbounded;             /* STR: no maximum; max only sizes inputs */
	int user_mode;             /* CB: run by the module's own thread,
				      never by the kernel: any address       */
};

enum gf_returns { GF_RET_STATUS, GF_RET_VALUE };

#define GF_MAX_PARAMS 12

struct gf_service {
	uint32_t id;
	const char *family;
	const char *name;
	const char *full_name;     /* "<family>_<name>"                       */
	enum gf_returns returns;
	uint64_t errors;           /* bit gf_status_bit(status) per status     */
	int nparams;
	struct gf_param params[GF_MAX_PARAMS];
};

extern const struct gf_service gf_services[];
extern const size_t gf_service_count;

/* The service with this request id, or NULL. */
const struct gf_service *gf_service_by_id(uint32_t id);
const struct gf_service *gf_service_by_name(const char *full_name);
/* Whether s is the service of that full name. */
int gf_service_is(const struct gf_service *s, const char *full_name);
/* True when status is SUCCESS or one of the service's documented errors. */
int gf_service_documents(const struct gf_service *s, uint32_t status);
/* The parameter index whose value a length rule needs (or -1). */
int gf_len_dependency(const struct gf_len *len);

/* ---- the expansion macros, for services.def consumers ------------------ */
#define GF_LEN_PARAM(i) {GF_LEN_PARAM_RULE, (i), 0, 0}
#define GF_LEN_FIELD(i, f) {GF_LEN_FIELD_RULE, (i), GF_FIELD_##f, 0}
#define GF_LEN_FIXED(n) {GF_LEN_FIXED_RULE, -1, 0, (n)}
#define GF_OBJ(t, m) {.kind = GF_P_OBJ, .type = GF_OT_##t, .mode = GF_MODE_##m}
#define GF_IN(l) {.kind = GF_P_IN, .len = l}
#define GF_OUT(l) {.kind = GF_P_OUT, .len = l}
#define GF_STR(m) {.kind = GF_P_STR, .max = (m)}
#define GF_SCALAR(lo, hi, e) \
	{.kind = GF_P_SCALAR, .min = (lo), .max = (hi), .err = GF_##e}
#define GF_WAIT {.kind = GF_P_WAIT, .max = 0xffffffffu, .err = GF_WAIT_ERROR}
#define GF_NAME(m) {.kind = GF_P_STR, .max = (m), .unbounded = 1}
#define GF_CB(req) {.kind = GF_P_CB, .nullable = !(req)}
#define GF_CB_USER(req) {.kind = GF_P_CB, .nullable = !(req), .user_mode = 1}
#define GF_SLOT(sz) {.kind = GF_P_SLOT, .size = GF_SLOT_##sz}
#define GF_SLOT_OPT(sz) {.kind = GF_P_SLOT, .size = GF_SLOT_##sz, .nullable = 1}
#define GF_POOLMEM(t) {.kind = GF_P_POOLMEM, .type = GF_OT_##t}

#endif

/* call.h — one service call between validation and implementation
 * (internal to kernel/).
 *
 * dispatch.c fetches the parameters once, validate.c checks every one of
 * them against the service table and fills a struct gf_call; an
 * implementation gf_impl_<family>_<name>() sees only that (.kern.vrfy):
 * objects resolved to their blocks, buffers with their checked length, the
 * name already copied into the kernel.
 */
#ifndef GATEFUZZ_CALL_H
#define GATEFUZZ_CALL_H

#include <stdint.h>

#include "objects.h"
#include "service_table.h"

/* The highest request id of services.def (the dispatch table's size). */
#define GF_SERVICE_MAX_ID 69

struct gf_arg {
	uintptr_t value;        /* as the module passed it (fetched once)     */
	uint32_t len;           /* IN, OUT, SLOT: the bytes validated         */
	struct gf_block *block; /* OBJ: its block; POOLMEM: the pool's block  */
};

struct gf_call {
	const struct gf_service *svc;
	int caller;                  /* module id                            */
	gf_domain_id domain;         /* the caller's module domain           */
	struct gf_arg arg[GF_MAX_PARAMS];
	char name[GF_NAME_MAX];      /* STR: the validated copy              */
	uint32_t name_len;           /* its length without the NUL           */
	uintptr_t params;            /* the module's extra-parameter array,
					0 when the service has none          */
};

/* Word k of a module's extra-parameter array at `array`, read once: one
 * load of one word (volatile, so the compiler neither repeats nor merges
 * it), unaligned allowed. */
uintptr_t gf_fetch_word(uintptr_t array, int k);

/* Parameter i (>= 2) read again from the module's array rather than from
 * the kernel's copy: the double fetch of seeded bugs
 * pool_size_fetched_twice and slot_pointer_fetched_twice. */
uintptr_t gf_refetch(const struct gf_call *c, int i);

/* Checks every parameter of c (c->arg[i].value filled in).  Returns 0, or
 * the documented status of the first parameter that breaks a rule. */
uint32_t gf_validate(struct gf_call *c);

/* The control block of object parameter i. */
static inline void *gf_arg_cb(const struct gf_call *c, int i)
{
	return gf_block_body(c->arg[i].block);
}

static inline uint32_t gf_arg_u32(const struct gf_call *c, int i)
{
	return (uint32_t)c->arg[i].value;
}

/* Writes v into validated slot parameter i (nothing when an optional slot
 * is NULL), at the slot's width. */
void gf_slot_write(const struct gf_call *c, int i, uintptr_t v);

/* The answer of the info_get services of objects threads may wait on
 * (ThreadX's order): slot 1 the name, slots 2.. the n figures of the
 * object's own, then the first suspended thread and the suspended count
 * (0 and 0: there is no scheduler, nothing ever waits), last the next
 * object created.  GF_SUCCESS. */
uintptr_t gf_info_reply(const struct gf_call *c, const struct gf_object *o,
			const uintptr_t *own, int n);

/* Every implementation, declared from services.def. */
#define GF_SERVICE(id, fam, nam, ...) \
	uintptr_t gf_impl_##fam##_##nam(struct gf_call *c);
#include "services.def"
#undef GF_SERVICE

#endif

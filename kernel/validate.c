/* validate.c — the validation layer (.kern.vrfy), Zephyr's z_vrfy_ split:
 * one generic walk checks every parameter by its kind from the service
 * table, so no service can forget a check and no implementation sees a
 * pointer that was not checked.  The rules (docs/kernel.md, "Pointer rules"):
 *
 *   .kern.vrfy.range  the whole range, not its first byte, must be the
 *                     caller's with the access the kernel will make: read
 *                     (data, shared windows, own code) or write (data, the
 *                     read-write window); an empty or wrapping range, and
 *                     one partly outside, is rejected
 *   .kern.vrfy.string every byte up to and including the NUL, within max
 *   .kern.vrfy.exact  objects: the exact address of a block the kernel's
 *                     chain knows, holding a live object of the type, that
 *                     the caller may use (own it for OWNED and DELETE)
 *   .kern.vrfy.create CREATE: a block the caller allocated, empty, large
 *                     enough
 *   .kern.vrfy.order  parameters in order, except that a length's source
 *                     (a scalar, or the object whose field it is) is checked
 *                     just before the buffer it sizes
 *
 * Memory questions go to the isolation core, about the caller's own domain:
 * what the caller could touch itself is what the kernel may touch for it.
 */
#include "call.h"

#include <stddef.h>
#include <string.h>

#include "bugs.h"
#include "control_blocks.h"
#include "kernel.h"
#include "modules.h"
#include "pools.h"

/* module_object_allocate's size bound (services.def): the largest block. */
#define OBJECT_POOL_BLOCK_MAX 512u

static int may(const struct gf_call *c, uintptr_t addr, uint64_t len,
	       gf_perm need)
{
	return (gf_domain_range_perm(c->domain, addr, (size_t)len) & need) == need;
}

/* TXM's inside-data test, by the range's two ends (seeded bug range_wrap):
 * addr + len wraps past the top of the address space to a small end. */
static int inside_data_by_ends(const struct gf_call *c, uintptr_t addr,
			       uint64_t len)
{
	const struct gf_region *data = gf_module_of(c->caller)->data;

	return addr >= data->base && addr + (uintptr_t)len <= data->base + data->size;
}

/* .kern.vrfy.range */
static uint32_t check_range(const struct gf_call *c, uintptr_t addr,
			    uint64_t len, gf_perm need)
{
	if (addr == 0)
		return GF_PTR_ERROR;
	if (len == 0 || len > SIZE_MAX)
		return GF_INVALID_MEMORY;
	if (GF_SEEDED(range_wrap, len - 1 > UINTPTR_MAX - addr &&
				      inside_data_by_ends(c, addr, len)))
		return 0;
	if (len - 1 > UINTPTR_MAX - addr)
		return GF_INVALID_MEMORY;
	if (GF_SEEDED(buffer_first_byte, may(c, addr, 1, need) &&
					     !may(c, addr, len, need)))
		return 0; /* only the first byte asked about */
	if (GF_SEEDED(range_end_off_by_one, len > 1 && may(c, addr, len - 1, need) &&
						!may(c, addr, len, need)))
		len--; /* the last byte, addr + len - 1, taken as the end */
	return may(c, addr, len, need) ? 0 : GF_INVALID_MEMORY;
}

/* .kern.vrfy.string: each byte is checked before it is read, and read
 * once, into the kernel's copy. */
static uint32_t check_string(struct gf_call *c, uintptr_t addr, uint32_t max)
{
	if (addr == 0)
		return GF_PTR_ERROR;
	for (uint32_t i = 0; i < max; i++) {
		int readable;
		char ch;
		if (i > UINTPTR_MAX - addr)
			return GF_INVALID_MEMORY;
		readable = (gf_domain_range_perm(c->domain, addr + i, 1) & GF_PERM_R) != 0;
		/* Seeded bug string_first_byte: TXM's first string check
		 * asked about the first byte only. */
		if (GF_SEEDED(string_first_byte, i > 0 && !readable))
			readable = 1;
		if (!readable)
			return GF_INVALID_MEMORY;
		ch = *(const volatile char *)(addr + i);
		c->name[i] = ch;
		if (ch == 0) {
			c->name_len = i;
			return 0;
		}
	}
	return GF_PTR_ERROR; /* no NUL within max bytes */
}

/* Seeded bugs that forget the caller check for one kind of use: deletion,
 * thread control, and queue use (TXM's queue send took any queue). */
static int forgets_caller(const struct gf_call *c, const struct gf_param *p,
			  const struct gf_block *b)
{
	int theirs = b->owner != c->caller;

	switch (p->mode) {
	case GF_MODE_DELETE:
		return GF_SEEDED(delete_no_owner, theirs);
	case GF_MODE_OWNED:
		return GF_SEEDED(thread_control_no_owner, theirs);
	case GF_MODE_USE:
		return p->type == GF_OT_QUEUE &&
		       GF_SEEDED(queue_send_foreign, !gf_block_may_use(b, c->caller));
	default:
		return 0;
	}
}

/* .kern.vrfy.exact and .kern.vrfy.create */
static uint32_t check_object(struct gf_call *c, int i, const struct gf_param *p)
{
	uint32_t type_error = gf_object_type_status(p->type);
	uintptr_t addr = c->arg[i].value;
	struct gf_block *b;

	if (addr == 0)
		return type_error;
	b = gf_block_at(addr);
	if (p->mode == GF_MODE_CREATE) {
		/* Seeded bug create_outside_data: TXM's creation check refused
		 * only the module's own memory, and took anything else for a
		 * block the kernel made (its header just in front). */
		if (GF_SEEDED(create_outside_data,
			      !b && !gf_domain_range_perm(c->domain, addr, 1))) {
			c->arg[i].block = (struct gf_block *)(addr - GF_BLOCK_HEADER_BYTES);
			return 0;
		}
		if (!b || b->owner != c->caller)
			return GF_INVALID_OBJECT;
		if (b->type != GF_OT_BLOCK)
			return type_error; /* already created */
		if (b->size < gf_kernel_object_size(p->type))
			return GF_INVALID_OBJECT;
	} else {
		if (!b || !gf_block_holds(b, p->type))
			return type_error;
		if (!forgets_caller(c, p, b)) {
			if (!gf_block_may_use(b, c->caller))
				return type_error;
			/* Shared by name is for use, never for control or
			 * deletion. */
			if (p->mode != GF_MODE_USE && b->owner != c->caller)
				return p->mode == GF_MODE_DELETE ? GF_INVALID_OBJECT
								 : type_error;
		}
	}
	c->arg[i].block = b;
	return 0;
}

static int handed_out(struct gf_block *pool, uintptr_t mem)
{
	if (pool->type == GF_OT_BLOCK_POOL)
		return gf_block_pool_find(gf_block_body(pool), mem) >= 0;
	return gf_byte_pool_find(gf_block_body(pool), mem) >= 0;
}

/* Pool memory is identified from the kernel's own bookkeeping, never from
 * bytes in the pool area (.kern.pool-bookkeeping). */
static uint32_t check_poolmem(struct gf_call *c, int i, const struct gf_param *p)
{
	uintptr_t mem = c->arg[i].value;
	struct gf_block *pool, *foreign = NULL;

	if (mem == 0)
		return GF_PTR_ERROR;
	for (pool = gf_objects_next(p->type, NULL); pool;
	     pool = gf_objects_next(p->type, pool)) {
		if (!handed_out(pool, mem))
			continue;
		if (gf_block_may_use(pool, c->caller)) {
			c->arg[i].block = pool;
			return 0;
		}
		foreign = pool;
	}
	return foreign ? GF_POOL_ERROR : GF_PTR_ERROR;
}

static uint64_t object_field(struct gf_block *b, enum gf_obj_field f)
{
	switch (f) {
	case GF_FIELD_QUEUE_MSG_BYTES:
		return ((const struct gf_queue *)gf_block_body(b))->msg_bytes;
	}
	return 0;
}

/* A buffer's length; its source was validated first (.kern.vrfy.order). */
static uint64_t buffer_len(const struct gf_call *c, const struct gf_len *len)
{
	switch (len->rule) {
	case GF_LEN_PARAM_RULE:
		return c->arg[len->param].value;
	case GF_LEN_FIELD_RULE:
		return object_field(c->arg[len->param].block, len->field);
	case GF_LEN_FIXED_RULE:
		return len->bytes;
	case GF_LEN_NONE:
		break;
	}
	return 0;
}

static uint32_t check_param(struct gf_call *c, int i, uint32_t *done)
{
	const struct gf_param *p = &c->svc->params[i];
	struct gf_arg *a = &c->arg[i];
	int dep = gf_len_dependency(&p->len), in_code;
	uint64_t len;
	uint32_t st;

	if (*done & (1u << i))
		return 0;
	if (dep >= 0 && (st = check_param(c, dep, done)) != 0)
		return st;
	*done |= 1u << i;
	switch (p->kind) {
	case GF_P_OBJ:
		return check_object(c, i, p);
	case GF_P_IN:
	case GF_P_OUT:
		len = buffer_len(c, &p->len);
		st = check_range(c, a->value, len,
				 p->kind == GF_P_IN ? GF_PERM_R : GF_PERM_W);
		a->len = (uint32_t)len;
		return st;
	case GF_P_STR:
		return check_string(c, a->value, p->max);
	case GF_P_SCALAR:
	case GF_P_WAIT:
		/* Seeded bug alloc_size_overflow: an object-pool block size
		 * bounded together with its header, in 32 bits. */
		if (p->max == OBJECT_POOL_BLOCK_MAX &&
		    GF_SEEDED(alloc_size_overflow,
			      a->value > p->max && (uint32_t)(a->value + GF_BLOCK_HEADER_BYTES) <=
							   p->max + GF_BLOCK_HEADER_BYTES))
			return 0;
		/* Seeded bug scalar_truncated: the value compared as the 32
		 * bits the implementation uses, not as the module passed it. */
		if (GF_SEEDED(scalar_truncated, a->value > UINT32_MAX &&
						  (uint32_t)a->value >= p->min &&
						  (uint32_t)a->value <= p->max))
			return 0;
		return a->value < p->min || a->value > p->max ? p->err : 0;
	case GF_P_CB:
		if (a->value == 0)
			return p->nullable ? 0 : GF_PTR_ERROR;
		in_code = (gf_domain_range_perm(c->domain, a->value, 1) & GF_PERM_X) != 0;
		/* Seeded bug notify_callback_unchecked: a notification (an
		 * optional callback) is only recorded, so it went unchecked. */
		if (p->nullable && GF_SEEDED(notify_callback_unchecked, !in_code))
			return 0;
		return in_code ? 0 : GF_INVALID_MEMORY;
	case GF_P_SLOT:
		if (a->value == 0)
			return p->nullable ? 0 : GF_PTR_ERROR;
		a->len = p->size;
		return check_range(c, a->value, p->size, GF_PERM_W);
	case GF_P_POOLMEM:
		return check_poolmem(c, i, p);
	}
	return GF_PTR_ERROR;
}

/* The buffer whose length is a field of object parameter *obj, or -1. */
static int sized_by_field(const struct gf_call *c, int *obj)
{
	for (int i = 0; i < c->svc->nparams; i++)
		if (c->svc->params[i].len.rule == GF_LEN_FIELD_RULE) {
			*obj = c->svc->params[i].len.param;
			return i;
		}
	return -1;
}

/* Object parameter i is a live object of its type the caller may use. */
static int usable(const struct gf_call *c, int i)
{
	struct gf_block *b = gf_block_at(c->arg[i].value);

	return b && gf_block_holds(b, c->svc->params[i].type) &&
	       gf_block_may_use(b, c->caller);
}

/* Seeded bug queue_size_unvalidated, TXM's order: the message buffer is
 * checked first, its length read from the queue as the module passed it
 * (the one field a length names: a queue's message size). */
static uint32_t check_buffer_before_object(struct gf_call *c, int i, int obj,
					   uint32_t *done)
{
	const struct gf_param *p = &c->svc->params[i];
	uint32_t len;

	memcpy(&len, (const void *)(c->arg[obj].value + offsetof(struct gf_queue, msg_bytes)),
	       sizeof len);
	*done |= 1u << i;
	c->arg[i].len = len;
	return check_range(c, c->arg[i].value, len,
			   p->kind == GF_P_IN ? GF_PERM_R : GF_PERM_W);
}

uint32_t gf_validate(struct gf_call *c)
{
	uint32_t done = 0, st;
	int buffer, obj = -1;

	if ((buffer = sized_by_field(c, &obj)) >= 0 &&
	    GF_SEEDED(queue_size_unvalidated, !usable(c, obj)) &&
	    (st = check_buffer_before_object(c, buffer, obj, &done)) != 0)
		return st;
	for (int i = 0; i < c->svc->nparams; i++)
		if ((st = check_param(c, i, &done)) != 0)
			return st;
	return 0;
}

/* toy_kernel.c — the toy kernel (instrumented for coverage).
 *
 * Objects live in the arena: a table of 8 and their bytes.  Every service
 * checks its arguments against the caller's domain, except for the seeded
 * bug (.cm.toy.bug): INFO on an object whose first byte is at least 0x40
 * (a "cached" object) takes a fast path that skips the check of the
 * output pointer, so a module can make the kernel write where the module itself
 * may not — another module's data, or anywhere — which the MPU turns into
 * a kernel fault.
 */
#include "toy_kernel.h"

#include <string.h>

#include "toy_proto.h"

#define OBJECTS 8
#define OBJECT_BYTES 256

struct object {
	uint32_t kind; /* 0: free */
	uint32_t size;
	uint8_t bytes[OBJECT_BYTES];
};

static struct object *objects; /* in the arena */

void toy_kernel_reset(const struct gf_region *arena)
{
	objects = (struct object *)arena->base;
	memset(objects, 0, OBJECTS * sizeof *objects);
}

static struct object *lookup(uintptr_t handle)
{
	if (handle < 1 || handle > OBJECTS || objects[handle - 1].kind == 0)
		return NULL;
	return &objects[handle - 1];
}

static bool caller_may(uintptr_t addr, size_t len, gf_perm need)
{
	return (gf_domain_range_perm(gf_gate_caller_domain(), addr, len) & need) == need;
}

static uintptr_t create(uint32_t kind, uint32_t size)
{
	if (kind < 1 || kind > 4 || size < 1 || size > OBJECT_BYTES)
		return TOY_ERROR;
	for (int i = 0; i < OBJECTS; i++)
		if (objects[i].kind == 0) {
			objects[i].kind = kind;
			objects[i].size = size;
			memset(objects[i].bytes, 0, sizeof objects[i].bytes);
			return (uintptr_t)i + 1;
		}
	return TOY_ERROR;
}

static uint32_t checksum(const struct object *o)
{
	uint32_t sum = 0;
	for (uint32_t i = 0; i < o->size; i++)
		sum = sum * 31 + o->bytes[i];
	return sum;
}

static uintptr_t info(struct object *o, uintptr_t out)
{
	bool fast = o->bytes[0] >= 0x40;
	if (!fast && !caller_may(out, sizeof(struct toy_info), GF_PERM_W))
		return TOY_ERROR;
	struct toy_info *i = (struct toy_info *)out;
	i->kind = o->kind;
	i->size = o->size;
	i->checksum = checksum(o);
	i->flags = fast;
	return 0;
}

uintptr_t toy_kernel_dispatch(uint32_t request, uintptr_t p0, uintptr_t p1,
			      uintptr_t p2)
{
	struct object *o = request == TOY_CREATE ? NULL : lookup(p0);
	if (request != TOY_CREATE && !o)
		return TOY_ERROR;
	switch (request) {
	case TOY_CREATE:
		return create((uint32_t)p0, (uint32_t)p1);
	case TOY_WRITE:
		if (p1 >= o->size)
			return TOY_ERROR;
		o->bytes[p1] = (uint8_t)p2;
		return 0;
	case TOY_READ:
		return p1 < o->size ? o->bytes[p1] : TOY_ERROR;
	case TOY_DELETE:
		o->kind = 0;
		return 0;
	case TOY_SEND:
		if (p2 > o->size || !caller_may(p1, p2, GF_PERM_R))
			return TOY_ERROR;
		memcpy(o->bytes, (const void *)p1, p2);
		return 0;
	case TOY_INFO:
		return info(o, p1);
	}
	return TOY_ERROR;
}

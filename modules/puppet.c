/* puppet.c — the harness's module (.harn.puppet): runs the program of
 * operations the harness put in its data region (sdk/gf_puppet.h).
 *
 * Every access is volatile and every copy a plain loop, so the compiler
 * neither drops a load the fuzzer asked for nor calls a memcpy the image
 * does not have.
 */
#include "sdk/gf_module.h"
#include "sdk/gf_puppet.h"

static uintptr_t puppet_call(struct gf_module_env *env,
			     volatile struct gf_puppet_op *op)
{
	/* TXM's convention: more than three parameters travel as an array of
	 * parameters 2..n-1 on the module's stack, its address in p2. */
	volatile uintptr_t extra[GF_PUPPET_MAX_PARAMS];
	uint32_t n = op->nparams;
	uintptr_t p2;

	if (n > GF_PUPPET_MAX_PARAMS)
		n = GF_PUPPET_MAX_PARAMS;
	if (n <= 3)
		return env->dispatch(op->request, op->arg[0], op->arg[1],
				     op->arg[2]);
	for (uint32_t i = 2; i < n; i++)
		extra[i - 2] = op->arg[i];
	p2 = (op->flags & GF_OPF_EXTRA_PTR) ? op->extra_ptr : (uintptr_t)extra;
	return env->dispatch(op->request, op->arg[0], op->arg[1], p2);
}

static uintptr_t puppet_load(uintptr_t addr, uint32_t width)
{
	switch (width) {
	case 1: return *(volatile uint8_t *)addr;
	case 2: return *(volatile uint16_t *)addr;
	case 4: return *(volatile uint32_t *)addr;
	/* 8 bytes on 32-bit cores too: the access the input asked for. */
	default: return (uintptr_t)*(volatile uint64_t *)addr;
	}
}

static void puppet_store(uintptr_t addr, uint32_t width, uintptr_t value)
{
	switch (width) {
	case 1: *(volatile uint8_t *)addr = (uint8_t)value; break;
	case 2: *(volatile uint16_t *)addr = (uint16_t)value; break;
	case 4: *(volatile uint32_t *)addr = (uint32_t)value; break;
	default: *(volatile uint64_t *)addr = value; break;
	}
}

void gf_module_entry(struct gf_module_env *env)
{
	volatile struct gf_puppet_op *ops =
		(volatile struct gf_puppet_op *)env->args[0];
	uintptr_t count = env->args[1];

	env->results[0] = 0;
	for (uintptr_t i = 0; i < count; i++) {
		volatile struct gf_puppet_op *op = &ops[i];
		switch (op->kind) {
		case GF_OP_CALL:
			op->result = puppet_call(env, op);
			break;
		case GF_OP_LOAD:
			op->value = puppet_load(op->addr, op->width);
			break;
		case GF_OP_STORE:
			puppet_store(op->addr, op->width, op->value);
			break;
		case GF_OP_JUMP:
			((void (*)(void))op->addr)();
			break;
		default:
			break;
		}
		op->done = 1;
		env->results[0] = i + 1;
		if (op->kind == GF_OP_CALL && (op->flags & GF_OPF_STOP_UNLESS) &&
		    op->result != op->value)
			break;
	}
}

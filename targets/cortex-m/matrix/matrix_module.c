/* matrix_module.c — the module of the isolation matrix: performs the one
 * access its command block asks for, optionally after a gate call.
 * Unprivileged, copied into each module's code region (.cm.module-template). */
#include "matrix_module.h"

#include "module_load.h"

GF_CM_MODULE_CODE("gf_mod_matrix") void matrix_module_ret(void)
{
	__asm volatile("" ::: "memory");
}

GF_CM_MODULE_CODE("gf_mod_matrix") void matrix_module_entry(struct mx_cmd *c)
{
	volatile uint32_t *p = (volatile uint32_t *)c->addr;
	if (c->gate_first)
		c->ping = (uint32_t)c->gate(MX_SVC_PING, 1, 2, 3);
	switch (c->op) {
	case MX_READ:
		c->result = *p;
		break;
	case MX_WRITE:
		*p = c->value;
		break;
	case MX_EXEC:
		((void (*)(void))(c->addr | 1))();
		break;
	case MX_KREAD:
		c->result = (uint32_t)c->gate(MX_SVC_KREAD, c->addr, 0, 0);
		break;
	case MX_KWRITE:
		c->result = (uint32_t)c->gate(MX_SVC_KWRITE, c->addr, c->value, 0);
		break;
	}
	c->done = 1;
}

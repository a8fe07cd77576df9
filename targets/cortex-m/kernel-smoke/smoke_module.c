/* smoke_module.c — makes the calls of its block, in order (unprivileged,
 * .cm.module-template). */
#include "module_load.h"
#include "smoke_module.h"

GF_CM_MODULE_CODE("gf_mod_smoke") void smoke_module_entry(struct smoke_block *b)
{
	for (int i = 0; i < SMOKE_CALLS; i++) {
		struct smoke_call *c = &b->call[i];
		c->result = b->gate(c->request, c->p0, c->p1, c->p2);
	}
}

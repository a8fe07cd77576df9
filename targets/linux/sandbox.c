/* sandbox.c — setting a sandbox up, running modules, snapshots. */
#include "sandbox.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel.h"
#include "sandbox_internal.h"

int gf_sandbox_fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (err && errlen)
		vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

static int make_slot(struct gf_sandbox *sb, int i, char *err, size_t errlen)
{
	struct gf_slot *s = &sb->slot[i];
	char name[32];

	memset(s, 0, sizeof *s);
	s->module = i;
	snprintf(name, sizeof name, "mod%d.code", i);
	s->code = gf_region_create(name, GF_REGION_CODE, i, GF_SANDBOX_CODE_SIZE,
				   GF_PERM_RX);
	snprintf(name, sizeof name, "mod%d.data", i);
	s->data = gf_region_create(name, GF_REGION_DATA, i, GF_SANDBOX_DATA_SIZE,
				   GF_PERM_RW);
	if (!s->code || !s->data ||
	    gf_module_domains(i, s->code, s->data, sb->arena, &s->dom) ||
	    gf_module_share(&s->dom, sb->shared_ro, GF_PERM_R) ||
	    gf_module_share(&s->dom, sb->shared_rw, GF_PERM_RW))
		return gf_sandbox_fail(err, errlen, "slot %d: cannot create its regions or domains", i);
	s->env = (struct gf_module_env *)s->data->base;
	return 0;
}

int gf_sandbox_init(struct gf_sandbox *sb, const char *backend, int nslots,
		    char *err, size_t errlen)
{
	static bool done;

	if (done)
		return gf_sandbox_fail(err, errlen,
			    "sandbox: already set up in this process (isolation initialises once)");
	if (nslots < 1 || nslots > GF_SANDBOX_MAX_SLOTS)
		return gf_sandbox_fail(err, errlen, "sandbox: %d slots (1..%d)", nslots,
			    GF_SANDBOX_MAX_SLOTS);
	done = true;
	memset(sb, 0, sizeof *sb);
	sb->view = -1;
	if (gf_iso_init(backend))
		return gf_sandbox_fail(err, errlen, "sandbox: isolation backend '%s' unavailable",
			    backend);
	sb->arena = gf_region_create("kernel-arena", GF_REGION_ARENA,
				     GF_PRINCIPAL_KERNEL, GF_SANDBOX_ARENA_SIZE,
				     GF_PERM_RW);
	sb->shared_ro = gf_region_create("shared-ro", GF_REGION_SHARED,
					 GF_PRINCIPAL_KERNEL,
					 GF_SANDBOX_WINDOW_SIZE, GF_PERM_R);
	sb->shared_rw = gf_region_create("shared-rw", GF_REGION_SHARED,
					 GF_PRINCIPAL_KERNEL,
					 GF_SANDBOX_WINDOW_SIZE, GF_PERM_RW);
	if (!sb->arena || !sb->shared_ro || !sb->shared_rw)
		return gf_sandbox_fail(err, errlen, "sandbox: cannot create the kernel regions");
	sb->nslots = nslots;
	for (int i = 0; i < nslots; i++)
		if (make_slot(sb, i, err, errlen))
			return -1;
	if (gf_kernel_init(sb->arena))
		return gf_sandbox_fail(err, errlen, "sandbox: the kernel refused its arena");
	return 0;
}

int gf_sandbox_run(struct gf_sandbox *sb, int slot, struct gf_fault *fault)
{
	struct gf_slot *s;

	if (slot < 0 || slot >= sb->nslots || !sb->slot[slot].loaded)
		return -1;
	s = &sb->slot[slot];
	sb->clean &= ~(1ull << slot); /* its run may write its data */
	return gf_module_run(&s->dom, s->entry, (uintptr_t)s->env, s->stack_top,
			     fault);
}

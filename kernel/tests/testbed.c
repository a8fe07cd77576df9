/* testbed.c — see testbed.h. */
#include "testbed.h"

#include <stdlib.h>
#include <string.h>

#include "embedded_images.h"
#include "kernel.h"
#include "sdk/gf_puppet.h"

struct gf_sandbox tb;

const char *tb_init(int argc, char **argv, int nslots)
{
	const char *backend = argc > 1 ? argv[1] : "none";
	char err[256];

	if (gf_sandbox_init(&tb, backend, nslots, err, sizeof err)) {
		fprintf(stderr, "testbed: %s\n", err);
		exit(2);
	}
	return backend;
}

int tb_enforcing(void)
{
	return strcmp(gf_iso_backend(), "none") != 0;
}

void tb_load(int slot, const char *name)
{
	size_t len;
	const uint8_t *image = gf_embedded_image(name, &len);
	char err[256] = "not embedded";

	if (!image || gf_sandbox_load(&tb, slot, image, len, err, sizeof err)) {
		fprintf(stderr, "testbed: loading %s: %s\n", name, err);
		exit(2);
	}
}

uintptr_t tb_scratch(int slot, uintptr_t offset)
{
	return tb.slot[slot].data->base + TB_SCRATCH + offset;
}

int tb_run(int slot, struct gf_fault *fault)
{
	return gf_sandbox_run(&tb, slot, fault);
}

const char *tb_status(uintptr_t status)
{
	const char *name = status <= UINT32_MAX ? gf_status_name((uint32_t)status) : NULL;
	return name ? name : "(not a status)";
}

void tb_integrity(const char *where)
{
	char why[200];

	CHECK_MSG(gf_kernel_integrity(why, sizeof why) == 0, "%s: %s", where, why);
}

static uintptr_t run_op(int slot, uint32_t request, int nparams,
			const uintptr_t *args, int extra_override, uintptr_t extra,
			const char *what)
{
	struct gf_slot *sl = &tb.slot[slot];
	struct gf_puppet_op *op = (struct gf_puppet_op *)(sl->data->base + TB_PROGRAM);
	struct gf_fault fault;
	int rc;

	memset(op, 0, sizeof *op);
	op->kind = GF_OP_CALL;
	op->request = request;
	op->nparams = (uint32_t)nparams;
	op->flags = extra_override ? GF_OPF_EXTRA_PTR : 0;
	op->extra_ptr = extra;
	memcpy(op->arg, args, (size_t)nparams * sizeof *args);
	sl->env->args[0] = (uintptr_t)op;
	sl->env->args[1] = 1;
	rc = tb_run(slot, &fault);
	CHECK_MSG(rc == 0 && op->done, "%s: the puppet's run did not complete (%d)",
		  what, rc);
	tb_integrity(what);
	return op->result;
}

static const struct gf_service *service(const char *name)
{
	const struct gf_service *s = gf_service_by_name(name);

	if (!s) {
		fprintf(stderr, "testbed: no service %s\n", name);
		exit(2);
	}
	return s;
}

uintptr_t tb_call(int slot, const char *name, const uintptr_t *args)
{
	const struct gf_service *s = service(name);

	return run_op(slot, s->id, s->nparams, args, 0, 0, name);
}

uintptr_t tb_call_extra(int slot, const char *name, const uintptr_t *args,
			uintptr_t extra)
{
	const struct gf_service *s = service(name);

	return run_op(slot, s->id, s->nparams, args, 1, extra, name);
}

uintptr_t tb_call_raw(int slot, uint32_t request, const uintptr_t *args,
		      int nparams)
{
	return run_op(slot, request, nparams, args, 0, 0, "raw request");
}

uintptr_t tb_block(int slot, enum gf_object_type t)
{
	uintptr_t at = tb_scratch(slot, 0xf000);
	uintptr_t st = TB_CALL(slot, "module_object_allocate", at,
			       gf_kernel_object_size(t));

	CHECK_STATUS(st, GF_SUCCESS);
	return *(uintptr_t *)at;
}

uintptr_t tb_string(int slot, uintptr_t offset, const char *s)
{
	uintptr_t at = tb_scratch(slot, offset);

	memcpy((void *)at, s, strlen(s) + 1);
	return at;
}

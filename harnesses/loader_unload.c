/* loader_unload.c — unloading a module that owns objects
 * (.harn.loader.unload, loader_unload.h). */
#include "loader_unload.h"

#include <stdio.h>

#include "embedded_images.h"
#include "fixture.h"
#include "harness.h"
#include "kernel.h"

/* A live object of the unloaded module the kernel still knows, or NULL. */
static const struct gf_ledger_block *left_live(int module)
{
	const struct gf_ledger *l = gf_harness_ledger();

	for (int k = 0; k < l->nblocks; k++) {
		const struct gf_ledger_block *b = &l->block[k];
		enum gf_object_type type;
		int owner;
		if (b->owner == module &&
		    gf_kernel_object_at(b->addr, &type, &owner) == 0)
			return b;
	}
	return NULL;
}

const char *gf_loader_unload_owner(char *why, size_t n)
{
	struct gf_sandbox *sb = gf_harness_sandbox();
	const struct gf_service *put = gf_service_by_name("semaphore_put");
	int module = sb->slot[GF_SLOT_LOADER].module;
	const struct gf_ledger_block *left;
	const uint8_t *image;
	uintptr_t sem, status;
	size_t len;
	int failed;

	image = gf_embedded_image("puppet", &len);
	if (!image || gf_sandbox_load(sb, GF_SLOT_LOADER, image, len, why, n))
		return why;
	failed = gf_fixture_owner(GF_SLOT_LOADER, GF_SLOT_A, &sem, why, n);
	gf_sandbox_unload(sb, GF_SLOT_LOADER);
	if (failed)
		return why;
	if (gf_kernel_integrity(why, n))
		return why;
	if ((left = left_live(module))) {
		snprintf(why, n, "the unloaded module's %s at %#lx is still live",
			 gf_object_type_name(left->type), (unsigned long)left->addr);
		return why;
	}
	if (!put || gf_harness_exec(GF_SLOT_A, put, &sem, &status) ||
	    status == GF_SUCCESS) {
		snprintf(why, n, "a semaphore of the unloaded module, shared by name, "
				 "is still usable at %#lx", (unsigned long)sem);
		return why;
	}
	return NULL;
}

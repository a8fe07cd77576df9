/* loader.c — putting a module image into a sandbox slot.
 *
 * Everything is checked before anything is touched: the image
 * (gf_image_parse), that it fits the slot, that the backend can confine its
 * code.  Only then is the code copied and the kernel told, so a refused
 * image leaves the slot exactly as it was: empty, zeroed, unknown to the
 * kernel.  Messages start with the field at fault.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kernel.h"
#include "pkey_scan.h"
#include "sandbox.h"
#include "sandbox_internal.h"

/* The slot's regions back to zeroes, as after gf_sandbox_init. */
static void clear_slot(struct gf_slot *s)
{
	gf_region_fill(s->code, 0, NULL, s->code->size);
	gf_region_fill(s->data, 0, NULL, s->data->size);
	memset(&s->image, 0, sizeof s->image);
	s->loaded = 0;
	s->entry = s->stack_top = 0;
}

static int check_fits(const struct gf_slot *s, const struct gf_image_info *i,
		      char *err, size_t errlen)
{
	size_t at;
	const char *what;

	if (i->code_size > s->code->size)
		return gf_sandbox_fail(err, errlen,
			    "code_size: %u bytes do not fit the %zu-byte code region",
			    i->code_size, s->code->size);
	if (i->data_size > s->data->size)
		return gf_sandbox_fail(err, errlen,
			    "data_size: %u bytes do not fit the %zu-byte data region",
			    i->data_size, s->data->size);
	/* .iso.pkey.scan: under pkey, code that can rewrite PKRU would undo
	 * its own confinement. */
	if (strcmp(gf_iso_backend(), "pkey") == 0 &&
	    gf_pkey_scan_code(i->code, i->code_size, &at, &what))
		return gf_sandbox_fail(err, errlen, "code: %s at offset %zu (refused under pkey)",
			    what, at);
	return 0;
}

int gf_sandbox_load(struct gf_sandbox *sb, int slot, const uint8_t *image,
		    size_t len, char *err, size_t errlen)
{
	struct gf_image_info info;
	struct gf_slot *s;
	struct gf_module_env env;

	if (slot < 0 || slot >= sb->nslots)
		return gf_sandbox_fail(err, errlen, "slot: %d is not a slot (0..%d)", slot,
			    sb->nslots - 1);
	s = &sb->slot[slot];
	if (s->loaded)
		return gf_sandbox_fail(err, errlen, "slot: %d already holds %s (unload it first)",
			    slot, s->image.name);
	if (gf_image_parse(image, len, &info, err, errlen) ||
	    check_fits(s, &info, err, errlen))
		return -1;
	gf_sandbox_view_host(sb); /* gf_region_fill writes in the host domain */
	if (gf_region_fill(s->code, 0, info.code, info.code_size) ||
	    gf_region_fill(s->code, info.code_size, NULL,
			   s->code->size - info.code_size) ||
	    gf_region_fill(s->data, 0, NULL, s->data->size)) {
		clear_slot(s);
		return gf_sandbox_fail(err, errlen, "slot: %d: cannot fill its regions", slot);
	}
	memset(&env, 0, sizeof env);
	env.dispatch = gf_gate_entry();
	env.data_base = s->data->base;
	env.data_size = s->data->size - info.stack_size;
	memcpy(s->env, &env, sizeof env);
	if (gf_kernel_module_add(&s->dom)) {
		clear_slot(s);
		return gf_sandbox_fail(err, errlen, "slot: %d: the kernel already knows module %d",
			    slot, s->module);
	}
	info.code = (const uint8_t *)s->code->base;
	s->image = info;
	s->entry = s->code->base + info.entry_offset;
	s->stack_top = s->data->base + s->data->size;
	s->loaded = 1;
	return 0;
}

int gf_sandbox_load_file(struct gf_sandbox *sb, int slot, const char *path,
			 char *err, size_t errlen)
{
	const size_t max = GF_IMAGE_HEADER_SIZE + GF_IMAGE_CODE_MAX;
	struct stat st;
	uint8_t *buf;
	FILE *f = fopen(path, "rb");
	int rc;

	if (!f)
		return gf_sandbox_fail(err, errlen, "file: %s: %s", path, strerror(errno));
	if (fstat(fileno(f), &st) || !S_ISREG(st.st_mode)) {
		fclose(f);
		return gf_sandbox_fail(err, errlen, "file: %s: not a regular file", path);
	}
	if ((uintmax_t)st.st_size > max) {
		fclose(f);
		return gf_sandbox_fail(err, errlen,
			    "file: %s: %jd bytes, larger than any image (%zu)", path,
			    (intmax_t)st.st_size, max);
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf || fread(buf, 1, (size_t)st.st_size, f) != (size_t)st.st_size) {
		free(buf);
		fclose(f);
		return gf_sandbox_fail(err, errlen, "file: %s: read failed", path);
	}
	fclose(f);
	rc = gf_sandbox_load(sb, slot, buf, (size_t)st.st_size, err, errlen);
	free(buf);
	return rc;
}

int gf_sandbox_unload(struct gf_sandbox *sb, int slot)
{
	if (slot < 0 || slot >= sb->nslots || !sb->slot[slot].loaded)
		return -1;
	gf_sandbox_view_host(sb);
	gf_kernel_module_remove(sb->slot[slot].module);
	clear_slot(&sb->slot[slot]);
	return 0;
}

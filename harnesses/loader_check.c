/* loader_check.c — every field the loader derives from an accepted image
 * (.harn.loader.fields, loader_check.h). */
#include "loader_check.h"

#include <string.h>

#include "kernel.h"
#include "module_image.h"
#include "sdk/gf_module.h"

static uint32_t le16(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t le32(const uint8_t *p)
{
	return le16(p) | le16(p + 2) << 16;
}

static int all_zero(uintptr_t from, uintptr_t to)
{
	for (const uint8_t *p = (const uint8_t *)from; p < (const uint8_t *)to; p++)
		if (*p)
			return 0;
	return 1;
}

/* The name rule: 1..15 printable characters, a NUL, zero padding. */
static int name_valid(const uint8_t *name)
{
	size_t n = 0;

	while (n < GF_IMAGE_NAME_MAX && name[n] >= 0x20 && name[n] < 0x7f)
		n++;
	if (n == 0 || n == GF_IMAGE_NAME_MAX || name[n] != 0)
		return 0;
	for (size_t i = n; i < GF_IMAGE_NAME_MAX; i++)
		if (name[i])
			return 0;
	return 1;
}

/* The format's rules, on the header as written. */
static const char *header_wrong(const uint8_t *d, size_t len)
{
	uint32_t entry, code_size, data_size, stack_size;

	if (len < GF_IMAGE_HEADER_SIZE || memcmp(d, GF_IMAGE_MAGIC, 4) != 0 ||
	    le16(d + GF_IMG_VERSION) != GF_IMAGE_VERSION ||
	    le16(d + GF_IMG_HEADER_SIZE) != GF_IMAGE_HEADER_SIZE)
		return "accepted an image without a valid header";
	entry = le32(d + GF_IMG_ENTRY_OFFSET);
	code_size = le32(d + GF_IMG_CODE_SIZE);
	data_size = le32(d + GF_IMG_DATA_SIZE);
	stack_size = le32(d + GF_IMG_STACK_SIZE);
	if (code_size == 0 || code_size > GF_IMAGE_CODE_MAX ||
	    code_size != len - GF_IMAGE_HEADER_SIZE)
		return "accepted a code size that is not the bytes after the header";
	if (entry >= code_size)
		return "accepted an entry outside the code";
	if (data_size > GF_IMAGE_DATA_MAX)
		return "accepted a data region above the maximum";
	if (stack_size < GF_IMAGE_STACK_MIN || stack_size % GF_IMAGE_STACK_ALIGN)
		return "accepted a stack below the minimum or not a multiple of 16";
	if (data_size < GF_IMAGE_ENV_RESERVE ||
	    stack_size > data_size - GF_IMAGE_ENV_RESERVE)
		return "accepted a stack that leaves no room for the environment in the data";
	if (le32(d + GF_IMG_PROPERTIES) & ~GF_PROP_KNOWN)
		return "accepted unknown property bits";
	if (!name_valid(d + GF_IMG_NAME))
		return "accepted an invalid name";
	if (le32(d + GF_IMG_CHECKSUM) != gf_crc32(d + GF_IMAGE_HEADER_SIZE, code_size))
		return "accepted a checksum that does not match the code";
	return NULL;
}

/* What the loader made of a valid header: the slot's record, its memory,
 * the module's environment. */
static const char *slot_wrong(const struct gf_slot *sl, const uint8_t *d)
{
	const struct gf_image_info *i = &sl->image;
	const struct gf_region *code = sl->code, *data = sl->data;
	const struct gf_module_env *env = (const struct gf_module_env *)data->base;
	uint32_t code_size = le32(d + GF_IMG_CODE_SIZE);
	uint32_t stack_size = le32(d + GF_IMG_STACK_SIZE);

	if (i->entry_offset != le32(d + GF_IMG_ENTRY_OFFSET) || i->code_size != code_size ||
	    i->data_size != le32(d + GF_IMG_DATA_SIZE) || i->stack_size != stack_size ||
	    i->properties != le32(d + GF_IMG_PROPERTIES) ||
	    memcmp(i->name, d + GF_IMG_NAME, GF_IMAGE_NAME_MAX) != 0)
		return "a field the loader recorded differs from the image";
	if (code_size > code->size ||
	    memcmp((const void *)code->base, d + GF_IMAGE_HEADER_SIZE, code_size) ||
	    !all_zero(code->base + code_size, code->base + code->size))
		return "the code region does not hold the image's code, then zeros";
	if (sl->entry != code->base + i->entry_offset)
		return "the entry is not where the image says";
	if (sl->stack_top != data->base + data->size || sl->stack_top % GF_IMAGE_STACK_ALIGN)
		return "the stack is not at the top of the data region";
	if (env->dispatch != (gfm_dispatch_fn)gf_gate_entry() || env->data_base != data->base ||
	    env->data_size != data->size - stack_size)
		return "the module's environment is not what the image and its slot say";
	if (!all_zero(data->base + sizeof *env, data->base + data->size))
		return "the data region beyond the environment is not zeroed";
	if (!gf_kernel_module_can_run(sl->module))
		return "the kernel does not know the loaded module";
	return NULL;
}

const char *gf_loader_derived_wrong(const struct gf_slot *sl,
				    const uint8_t *image, size_t len)
{
	const char *wrong = header_wrong(image, len);

	return wrong ? wrong : slot_wrong(sl, image);
}

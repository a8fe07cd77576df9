/* fuzz_loader.c — module images from the fuzzer, into the loader's slot.
 * A rejected image must leave the slot empty; an accepted one must be what
 * the format says (docs/module-images.md), checked here by reading the
 * header independently of the loader: the code bytes in the code region,
 * the entry inside the code, the stack and the environment inside the data
 * region. */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "kernel.h"
#include "module_image.h"

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

/* What an accepted image must have produced; NULL when it did. */
static const char *loaded_wrong(const struct gf_slot *sl, const uint8_t *d,
				size_t len)
{
	uint32_t entry, code_size, data_size, stack_size;

	if (len < GF_IMAGE_HEADER_SIZE || memcmp(d, GF_IMAGE_MAGIC, 4) != 0)
		return "accepted an image without a header";
	entry = le32(d + 8);
	code_size = le32(d + 12);
	data_size = le32(d + 16);
	stack_size = le32(d + 20);
	if (data_size < GF_IMAGE_ENV_RESERVE ||
	    stack_size > data_size - GF_IMAGE_ENV_RESERVE)
		return "accepted a stack that leaves no room for the environment in the data";
	if (code_size > len - GF_IMAGE_HEADER_SIZE)
		return "accepted code beyond the end of the image";
	if (entry >= code_size)
		return "accepted an entry outside the code";
	if (code_size > sl->code->size ||
	    memcmp((const void *)sl->code->base, d + GF_IMAGE_HEADER_SIZE, code_size))
		return "the code region does not hold the image's code";
	if (sl->entry != sl->code->base + entry)
		return "the entry is not where the image says";
	if (sl->stack_top <= sl->data->base ||
	    sl->stack_top > sl->data->base + sl->data->size)
		return "the stack is outside the data region";
	return NULL;
}

static void loader_bug(const char *detail)
{
	struct gf_bug b;

	memset(&b, 0, sizeof b);
	b.kind = "integrity";
	b.service = "loader";
	b.param = -1;
	b.cls = "-";
	snprintf(b.owner, sizeof b.owner, "%s", "loader-slot");
	snprintf(b.pc, sizeof b.pc, "kernel:loader");
	snprintf(b.site, sizeof b.site, "loader");
	snprintf(b.detail, sizeof b.detail, "%s", detail);
	gf_harness_judge(GF_VERDICT_BUG, &b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct gf_sandbox *sb;
	struct gf_slot *sl;
	struct gf_bug b;
	const char *wrong;
	char err[256];

	gf_harness_begin(data, len);
	sb = gf_harness_sandbox();
	sl = &sb->slot[GF_SLOT_LOADER];
	if (gf_sandbox_load(sb, GF_SLOT_LOADER, data, len, err, sizeof err) != 0) {
		if (sl->loaded)
			loader_bug("a rejected image left the slot loaded");
		else
			gf_harness_judge(GF_VERDICT_REJECTED, NULL);
	} else {
		wrong = loaded_wrong(sl, data, len);
		if (wrong)
			loader_bug(wrong);
		else
			gf_harness_judge(GF_VERDICT_OK, NULL);
		gf_sandbox_unload(sb, GF_SLOT_LOADER);
	}
	if (gf_oracle_integrity(&b))
		gf_harness_judge(GF_VERDICT_BUG, &b);
	return gf_harness_end();
}

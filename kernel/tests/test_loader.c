/* test_loader.c — gf_sandbox_load refuses every malformed image with a
 * message that names the field at fault, and leaves the slot empty and
 * clean: nothing copied, nothing known to the kernel.  The well-behaved
 * image loads afterwards, into the same slot.
 * Usage: test_loader <backend> */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "embedded_images.h"
#include "kernel.h"
#include "testbed.h"

#define SLOT 0

static uint8_t *base_image;
static size_t base_len;

/* A malformed image: the well-behaved one, then `edit` applied. */
struct forged {
	uint8_t *buf;
	size_t len;
};

static struct forged forge(size_t len)
{
	struct forged f = {calloc(1, len + 1), len};

	memcpy(f.buf, base_image, len < base_len ? len : base_len);
	return f;
}

static void put32(struct forged *f, int off, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		f->buf[off + i] = (uint8_t)(v >> (8 * i));
}

/* Recomputes the checksum so that only the intended field is wrong. */
static void reseal(struct forged *f, uint32_t code_size)
{
	put32(f, GF_IMG_CHECKSUM, gf_crc32(f->buf + GF_IMAGE_HEADER_SIZE, code_size));
}

static int region_zero(const struct gf_region *r)
{
	const uint8_t *p = (const uint8_t *)r->base;

	for (size_t i = 0; i < r->size; i++)
		if (p[i])
			return 0;
	return 1;
}

static void expect_refused(const char *what, const uint8_t *buf, size_t len,
			   const char *field, const char *detail)
{
	char err[256] = "";
	struct gf_slot *s = &tb.slot[SLOT];

	CHECK_MSG(gf_sandbox_load(&tb, SLOT, buf, len, err, sizeof err) != 0,
		  "%s: loaded", what);
	CHECK_MSG(strncmp(err, field, strlen(field)) == 0 && strstr(err, detail),
		  "%s: message \"%s\" does not start with \"%s\" or lacks \"%s\"",
		  what, err, field, detail);
	CHECK_MSG(!s->loaded && region_zero(s->code) && region_zero(s->data),
		  "%s: the slot is not left empty and clean", what);
}

static void refuse(const char *what, struct forged f, const char *field,
		   const char *detail)
{
	expect_refused(what, f.buf, f.len, field, detail);
	free(f.buf);
}

static void malformed_images(void)
{
	uint32_t code = (uint32_t)(base_len - GF_IMAGE_HEADER_SIZE);
	struct forged f;

	expect_refused("empty", base_image, 0, "image:", "empty");
	expect_refused("truncated header", base_image, 20, "header:", "truncated");

	f = forge(base_len);
	f.buf[GF_IMG_MAGIC] = 'X';
	refuse("bad magic", f, "magic:", "GFMI");

	f = forge(base_len);
	f.buf[GF_IMG_VERSION] = 2;
	refuse("version", f, "version:", "not supported");

	f = forge(base_len);
	f.buf[GF_IMG_HEADER_SIZE] = 40;
	refuse("header size", f, "header_size:", "expected 48");

	f = forge(base_len);
	put32(&f, GF_IMG_CODE_SIZE, 0);
	refuse("no code", f, "code_size:", "needs code");

	f = forge(base_len);
	put32(&f, GF_IMG_CODE_SIZE, GF_IMAGE_CODE_MAX + 1);
	refuse("code above the maximum", f, "code_size:", "maximum");

	f = forge(base_len);
	put32(&f, GF_IMG_CODE_SIZE, 0xfffffff0u);
	refuse("code size near 4 GiB", f, "code_size:", "maximum");

	f = forge(base_len);
	put32(&f, GF_IMG_CODE_SIZE, code + 1);
	refuse("code beyond the file", f, "code_size:", "exceeds the image");

	f = forge(base_len + 8);
	refuse("trailing bytes", f, "code_size:", "trailing");

	f = forge(base_len);
	put32(&f, GF_IMG_ENTRY_OFFSET, code);
	refuse("entry outside the code", f, "entry_offset:", "outside the code");

	f = forge(base_len);
	put32(&f, GF_IMG_ENTRY_OFFSET, 0xffffffffu);
	refuse("entry near 4 GiB", f, "entry_offset:", "outside the code");

	f = forge(base_len);
	put32(&f, GF_IMG_DATA_SIZE, GF_IMAGE_DATA_MAX + 16);
	refuse("data above the maximum", f, "data_size:", "maximum");

	f = forge(base_len);
	put32(&f, GF_IMG_DATA_SIZE, 8192);
	refuse("data too small for the stack", f, "data_size:", "too small");

	f = forge(base_len);
	put32(&f, GF_IMG_DATA_SIZE, GF_IMAGE_DATA_MAX);
	put32(&f, GF_IMG_STACK_SIZE, 0xfffffff0u);
	refuse("stack near 4 GiB (no wrap)", f, "data_size:", "too small");

	f = forge(base_len);
	put32(&f, GF_IMG_STACK_SIZE, 512);
	refuse("stack too small", f, "stack_size:", "minimum");

	f = forge(base_len);
	put32(&f, GF_IMG_STACK_SIZE, 4100);
	refuse("stack misaligned", f, "stack_size:", "multiple of 16");

	f = forge(base_len);
	put32(&f, GF_IMG_PROPERTIES, GF_PROP_KNOWN | 0x100);
	refuse("unknown property", f, "properties:", "0x100");

	f = forge(base_len);
	f.buf[GF_IMAGE_HEADER_SIZE + code / 2] ^= 0x40;
	refuse("checksum", f, "checksum:", "CRC-32");

	f = forge(base_len);
	memset(f.buf + GF_IMG_NAME, 'A', GF_IMAGE_NAME_MAX);
	refuse("unterminated name", f, "name:", "NUL");

	f = forge(base_len);
	f.buf[GF_IMG_NAME + 2] = 0x07;
	refuse("non-printable name", f, "name:", "printable");

	f = forge(base_len);
	memset(f.buf + GF_IMG_NAME, 0, GF_IMAGE_NAME_MAX);
	refuse("empty name", f, "name:", "empty");

	f = forge(base_len);
	f.buf[GF_IMG_NAME + GF_IMAGE_NAME_MAX - 1] = 'x';
	refuse("name padding", f, "name:", "padding");

	f = forge(GF_IMAGE_HEADER_SIZE + GF_SANDBOX_CODE_SIZE + 16);
	put32(&f, GF_IMG_CODE_SIZE, GF_SANDBOX_CODE_SIZE + 16);
	reseal(&f, GF_SANDBOX_CODE_SIZE + 16);
	refuse("code too large for the slot", f, "code_size:", "code region");

	f = forge(base_len);
	put32(&f, GF_IMG_DATA_SIZE, 2 * GF_SANDBOX_DATA_SIZE);
	refuse("data too large for the slot", f, "data_size:", "data region");
}

static void bad_files(void)
{
	char path[] = "/tmp/gatefuzz-test-loader-XXXXXX";
	int fd = mkstemp(path);
	char err[256] = "";
	static uint8_t big[GF_IMAGE_HEADER_SIZE + GF_IMAGE_CODE_MAX + 1];

	CHECK(gf_sandbox_load_file(&tb, SLOT, "/nonexistent/x.gfm", err, sizeof err));
	CHECK_MSG(strstr(err, "file:") && strstr(err, "No such file"), "%s", err);
	CHECK(fd >= 0);
	CHECK(gf_sandbox_load_file(&tb, SLOT, path, err, sizeof err));
	CHECK_MSG(strstr(err, "image: empty"), "%s", err);
	CHECK(write(fd, big, sizeof big) == (ssize_t)sizeof big);
	close(fd);
	CHECK(gf_sandbox_load_file(&tb, SLOT, path, err, sizeof err));
	CHECK_MSG(strstr(err, "file:") && strstr(err, "larger than any image"),
		  "%s", err);
	CHECK(gf_sandbox_load_file(&tb, SLOT, "/tmp", err, sizeof err));
	CHECK_MSG(strstr(err, "not a regular file"), "%s", err);
	unlink(path);
	CHECK(!tb.slot[SLOT].loaded);
}

static void good_image(void)
{
	char err[256] = "";
	struct gf_slot *s = &tb.slot[SLOT];

	CHECK(gf_sandbox_load(&tb, -1, base_image, base_len, err, sizeof err));
	CHECK_MSG(strncmp(err, "slot:", 5) == 0, "%s", err);
	CHECK_MSG(gf_sandbox_load(&tb, SLOT, base_image, base_len, err, sizeof err) == 0,
		  "%s", err);
	CHECK(s->loaded && strcmp(s->image.name, "well_behaved") == 0);
	CHECK(memcmp((const void *)s->code->base, base_image + GF_IMAGE_HEADER_SIZE,
		     base_len - GF_IMAGE_HEADER_SIZE) == 0);
	CHECK_EQ(s->entry, s->code->base + s->image.entry_offset);
	CHECK_EQ(s->stack_top, s->data->base + s->data->size);
	CHECK(s->env->dispatch == (gfm_dispatch_fn)gf_gate_entry());
	CHECK_EQ(s->env->data_base, s->data->base);
	CHECK(gf_sandbox_load(&tb, SLOT, base_image, base_len, err, sizeof err));
	CHECK_MSG(strstr(err, "slot:") && strstr(err, "already"), "%s", err);
	CHECK(s->loaded);
	/* Unloading clears the slot for the next image. */
	CHECK(gf_sandbox_unload(&tb, SLOT) == 0);
	CHECK(!s->loaded && region_zero(s->code) && region_zero(s->data));
	CHECK(gf_sandbox_load(&tb, SLOT, base_image, base_len, err, sizeof err) == 0);
}

int main(int argc, char **argv)
{
	tb_init(argc, argv, 1);
	base_image = (uint8_t *)gf_embedded_image("well_behaved", &base_len);
	CHECK(base_image != NULL);
	if (!base_image)
		return check_done("test_loader");
	malformed_images();
	bad_files();
	good_image();
	tb_integrity("test_loader");
	return check_done("test_loader");
}

/* module_image.c — parsing and writing module image headers (.img.format).
 *
 * The parser trusts nothing: every field is checked on its own, sizes with
 * subtraction against what is known to be there (never an addition that
 * could wrap, on 32-bit size_t too), and each failure names its field
 * first, so a loader error says exactly which field to fix.
 */
#include "module_image.h"

#include <string.h>

#include "bugs.h"
#include "text.h"

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static void put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

uint32_t gf_crc32(const uint8_t *p, size_t len)
{
	/* Reflected IEEE polynomial, a nibble at a time: small and quick
	 * enough for images of a few hundred KiB. */
	static const uint32_t nibble[16] = {
		0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac,
		0x76dc4190, 0x6b6b51f4, 0x4db26158, 0x5005713c,
		0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c,
		0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c,
	};
	uint32_t crc = 0xffffffffu;

	for (size_t i = 0; i < len; i++) {
		crc ^= p[i];
		crc = (crc >> 4) ^ nibble[crc & 15];
		crc = (crc >> 4) ^ nibble[crc & 15];
	}
	return ~crc;
}

/* "<field>: <value><what>" */
static int reject(struct gf_text *t, const char *field, uint64_t value,
		  const char *what)
{
	gf_text_str(t, field);
	gf_text_str(t, ": ");
	gf_text_dec(t, value);
	gf_text_str(t, what);
	return -1;
}

static int check_name(const uint8_t *name, struct gf_text *t)
{
	const uint8_t *nul = memchr(name, 0, GF_IMAGE_NAME_MAX);

	if (!nul) {
		gf_text_str(t, "name: not NUL-terminated within 16 bytes");
		return -1;
	}
	if (nul == name) {
		gf_text_str(t, "name: empty");
		return -1;
	}
	for (const uint8_t *c = name; c < nul; c++)
		if (*c < 0x20 || *c > 0x7e) {
			gf_text_str(t, "name: byte ");
			gf_text_dec(t, (uint64_t)(c - name));
			gf_text_str(t, " is ");
			gf_text_hex(t, *c);
			gf_text_str(t, ", not printable ASCII");
			return -1;
		}
	for (const uint8_t *c = nul; c < name + GF_IMAGE_NAME_MAX; c++)
		if (*c) {
			gf_text_str(t, "name: padding after the NUL is not zero");
			return -1;
		}
	return 0;
}

/* Sizes first, so every later check can rely on them. */
static int check_sizes(size_t len, const struct gf_image_info *i,
		       struct gf_text *t)
{
	size_t follow = len - GF_IMAGE_HEADER_SIZE;

	if (i->code_size == 0)
		return reject(t, "code_size", 0, " (a module needs code)");
	if (i->code_size > GF_IMAGE_CODE_MAX)
		return reject(t, "code_size", i->code_size,
			      " exceeds the maximum of 262144 bytes");
	if (i->code_size > follow) {
		reject(t, "code_size", i->code_size, " exceeds the image (");
		gf_text_dec(t, follow);
		gf_text_str(t, " bytes follow the header)");
		return -1;
	}
	if (i->code_size < follow) {
		reject(t, "code_size", i->code_size, " leaves ");
		gf_text_dec(t, follow - i->code_size);
		gf_text_str(t, " trailing bytes in the image");
		return -1;
	}
	if (i->entry_offset >= i->code_size) {
		reject(t, "entry_offset", i->entry_offset, " lies outside the code (");
		gf_text_dec(t, i->code_size);
		gf_text_str(t, " bytes)");
		return -1;
	}
	if (i->data_size > GF_IMAGE_DATA_MAX)
		return reject(t, "data_size", i->data_size,
			      " exceeds the maximum of 1048576 bytes");
	if (i->stack_size < GF_IMAGE_STACK_MIN)
		return reject(t, "stack_size", i->stack_size,
			      " is below the minimum of 1024 bytes");
	if (i->stack_size % GF_IMAGE_STACK_ALIGN)
		return reject(t, "stack_size", i->stack_size,
			      " is not a multiple of 16");
	/* Seeded bug image_size_wrap: the room left for the environment
	 * computed as data_size - stack_size, in 32 bits, which wraps to a huge
	 * room when the stack is the larger (TXM's preamble checks wrapped). */
	if (GF_SEEDED(image_size_wrap, i->stack_size > i->data_size &&
					       i->data_size - i->stack_size >= GF_IMAGE_ENV_RESERVE))
		return 0;
	if (i->data_size < GF_IMAGE_ENV_RESERVE ||
	    i->stack_size > i->data_size - GF_IMAGE_ENV_RESERVE) {
		reject(t, "data_size", i->data_size, " is too small for the ");
		gf_text_dec(t, i->stack_size);
		gf_text_str(t, "-byte stack and the 256-byte environment");
		return -1;
	}
	return 0;
}

int gf_image_parse(const uint8_t *buf, size_t len, struct gf_image_info *info,
		   char *err, size_t errlen)
{
	struct gf_image_info i;
	struct gf_text t;
	uint32_t checksum, crc;

	gf_text_init(&t, err, errlen);
	if (!buf || len == 0) {
		gf_text_str(&t, "image: empty (0 bytes)");
		return -1;
	}
	if (len < GF_IMAGE_HEADER_SIZE)
		return reject(&t, "header", len,
			      " bytes: truncated (the header needs 48)");
	if (memcmp(buf + GF_IMG_MAGIC, GF_IMAGE_MAGIC, 4) != 0) {
		gf_text_str(&t, "magic: not \"GFMI\"");
		return -1;
	}
	if (get16(buf + GF_IMG_VERSION) != GF_IMAGE_VERSION)
		return reject(&t, "version", get16(buf + GF_IMG_VERSION),
			      " is not supported (expected 1)");
	if (get16(buf + GF_IMG_HEADER_SIZE) != GF_IMAGE_HEADER_SIZE)
		return reject(&t, "header_size", get16(buf + GF_IMG_HEADER_SIZE),
			      " (expected 48)");
	memset(&i, 0, sizeof i);
	i.entry_offset = get32(buf + GF_IMG_ENTRY_OFFSET);
	i.code_size = get32(buf + GF_IMG_CODE_SIZE);
	i.data_size = get32(buf + GF_IMG_DATA_SIZE);
	i.stack_size = get32(buf + GF_IMG_STACK_SIZE);
	i.properties = get32(buf + GF_IMG_PROPERTIES);
	/* Seeded bug image_stack_rounded: an unaligned stack size aligned
	 * down and loaded, so the module gets less stack than its image
	 * says. */
	if (GF_SEEDED(image_stack_rounded, i.stack_size % GF_IMAGE_STACK_ALIGN))
		i.stack_size -= i.stack_size % GF_IMAGE_STACK_ALIGN;
	if (check_sizes(len, &i, &t))
		return -1;
	if (i.properties & ~GF_PROP_KNOWN) {
		gf_text_str(&t, "properties: unknown bits ");
		gf_text_hex(&t, i.properties & ~GF_PROP_KNOWN);
		return -1;
	}
	if (check_name(buf + GF_IMG_NAME, &t))
		return -1;
	i.code = buf + GF_IMAGE_HEADER_SIZE;
	checksum = get32(buf + GF_IMG_CHECKSUM);
	crc = gf_crc32(i.code, i.code_size);
	if (checksum != crc) {
		gf_text_str(&t, "checksum: ");
		gf_text_hex(&t, checksum);
		gf_text_str(&t, " does not match the code's CRC-32 ");
		gf_text_hex(&t, crc);
		return -1;
	}
	memcpy(i.name, buf + GF_IMG_NAME, GF_IMAGE_NAME_MAX);
	*info = i;
	return 0;
}

void gf_image_write_header(uint8_t *hdr, const struct gf_image_info *info)
{
	memset(hdr, 0, GF_IMAGE_HEADER_SIZE);
	memcpy(hdr + GF_IMG_MAGIC, GF_IMAGE_MAGIC, 4);
	hdr[GF_IMG_VERSION] = GF_IMAGE_VERSION;
	hdr[GF_IMG_HEADER_SIZE] = GF_IMAGE_HEADER_SIZE;
	put32(hdr + GF_IMG_ENTRY_OFFSET, info->entry_offset);
	put32(hdr + GF_IMG_CODE_SIZE, info->code_size);
	put32(hdr + GF_IMG_DATA_SIZE, info->data_size);
	put32(hdr + GF_IMG_STACK_SIZE, info->stack_size);
	put32(hdr + GF_IMG_PROPERTIES, info->properties);
	put32(hdr + GF_IMG_CHECKSUM, gf_crc32(info->code, info->code_size));
	memcpy(hdr + GF_IMG_NAME, info->name, GF_IMAGE_NAME_MAX);
}

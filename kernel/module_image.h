/* module_image.h — the module image format and its validation
 * (.img.format).  Portable: used by the Linux loader, the firmware and the
 * image packer.  All fields are little-endian.
 *
 *   offset size field
 *        0    4 magic        "GFMI"
 *        4    2 version      GF_IMAGE_VERSION
 *        6    2 header_size  sizeof(struct gf_image_header)
 *        8    4 entry_offset offset of the entry in the code
 *       12    4 code_size    bytes of code that follow the header
 *       16    4 data_size    bytes of data region the module needs
 *       20    4 stack_size   bytes of stack, at the top of the data region
 *       24    4 properties   GF_PROP_* bits
 *       28    4 checksum     CRC-32 (IEEE) of the code bytes
 *       32   16 name         NUL-padded, printable ASCII, NUL-terminated
 *       48 code_size bytes of code
 */
#ifndef GATEFUZZ_MODULE_IMAGE_H
#define GATEFUZZ_MODULE_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#define GF_IMAGE_MAGIC "GFMI"
#define GF_IMAGE_VERSION 1
#define GF_IMAGE_HEADER_SIZE 48
#define GF_IMAGE_NAME_MAX 16
#define GF_IMAGE_CODE_MAX (256u * 1024)
#define GF_IMAGE_DATA_MAX (1024u * 1024)
#define GF_IMAGE_STACK_MIN 1024u
/* Bytes at the base of the data region that hold the module's environment
 * (struct gf_module_env, modules/sdk/gf_module.h): the stack must leave
 * them alone. */
#define GF_IMAGE_ENV_RESERVE 256u
/* Stacks are 16-byte multiples: the top stays ABI-aligned. */
#define GF_IMAGE_STACK_ALIGN 16u

/* Properties. */
#define GF_PROP_MEMORY_PROTECTION (1u << 0) /* checks apply (TXM's property) */
#define GF_PROP_USER_MODE (1u << 1)         /* runs unprivileged            */
#define GF_PROP_KNOWN (GF_PROP_MEMORY_PROTECTION | GF_PROP_USER_MODE)

struct gf_image_info {
	uint32_t entry_offset, code_size, data_size, stack_size, properties;
	char name[GF_IMAGE_NAME_MAX];
	const uint8_t *code; /* points into the validated buffer */
};

/* Validates every field of an image held in buf[0..len) with overflow-safe
 * arithmetic.  Returns 0 and fills *info, or -1 and writes a message naming
 * the field ("code_size: 70000 exceeds the image (60 bytes follow the
 * header)") into err. */
int gf_image_parse(const uint8_t *buf, size_t len, struct gf_image_info *info,
		   char *err, size_t errlen);

uint32_t gf_crc32(const uint8_t *p, size_t len);

/* The field offsets of the table above, for the packer and for tests that
 * forge images. */
enum gf_image_field {
	GF_IMG_MAGIC = 0,
	GF_IMG_VERSION = 4,
	GF_IMG_HEADER_SIZE = 6,
	GF_IMG_ENTRY_OFFSET = 8,
	GF_IMG_CODE_SIZE = 12,
	GF_IMG_DATA_SIZE = 16,
	GF_IMG_STACK_SIZE = 20,
	GF_IMG_PROPERTIES = 24,
	GF_IMG_CHECKSUM = 28,
	GF_IMG_NAME = 32,
};

/* Writes the GF_IMAGE_HEADER_SIZE header bytes for info (whose code and
 * code_size give the checksum): the one writer of the format, used by the
 * packer (targets/linux/mkimage.c). */
void gf_image_write_header(uint8_t *hdr, const struct gf_image_info *info);

#endif

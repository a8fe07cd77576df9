/* embedded_images_cm.c — gf_embedded_image (targets/linux/embedded_images.h)
 * for the firmware: the module images the image's targets use, each built
 * from modules/<name>.c as a Thumb module image for this board and linked
 * in by the generated images.S (.cm.module-images).  images.def lists them,
 * one GF_CM_IMAGE(name) each. */
#include <string.h>

#include "embedded_images.h"

#define GF_CM_IMAGE(name) extern const uint8_t gf_image_##name[], gf_image_##name##_end[];
#include "images.def"
#undef GF_CM_IMAGE

static const struct {
	const char *name;
	const uint8_t *start, *end;
} images[] = {
#define GF_CM_IMAGE(name) {#name, gf_image_##name, gf_image_##name##_end},
#include "images.def"
#undef GF_CM_IMAGE
};

const uint8_t *gf_embedded_image(const char *name, size_t *len)
{
	for (size_t i = 0; i < sizeof images / sizeof images[0]; i++)
		if (strcmp(images[i].name, name) == 0) {
			*len = (size_t)(images[i].end - images[i].start);
			return images[i].start;
		}
	return NULL;
}

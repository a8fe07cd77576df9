/* embedded_images.h — module images linked into a program by
 * gatefuzz_embed_modules() (targets/linux/modules.cmake), so a fuzz target
 * is one self-contained file.  Each image <name> is also visible as
 *     extern const uint8_t gf_image_<name>[], gf_image_<name>_end[];
 */
#ifndef GATEFUZZ_EMBEDDED_IMAGES_H
#define GATEFUZZ_EMBEDDED_IMAGES_H

#include <stddef.h>
#include <stdint.h>

/* The image embedded under `name` and its length, or NULL. */
const uint8_t *gf_embedded_image(const char *name, size_t *len);

#endif

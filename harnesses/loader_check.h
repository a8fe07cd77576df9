/* loader_check.h — what an accepted image must have become
 * (.harn.loader.fields): every field the loader derives, read back from
 * the slot and checked against the image's own bytes and the format's
 * rules (docs/module-images.md), independently of the loader's parser. */
#ifndef GATEFUZZ_LOADER_CHECK_H
#define GATEFUZZ_LOADER_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "sandbox.h"

/* NULL when the slot holds exactly what image[0..len) says; otherwise what
 * is wrong, for the BUG report.  Reads the slot in the host domain. */
const char *gf_loader_derived_wrong(const struct gf_slot *sl,
				    const uint8_t *image, size_t len);

#endif

/* encode.h — the inverse of decode.h: selectors → input bytes
 * (.harn.decode).  Seeds, regression reproducers and tests are written with
 * it, so they stay in step with the decoder. */
#ifndef GATEFUZZ_ENCODE_H
#define GATEFUZZ_ENCODE_H

#include <stddef.h>
#include <stdint.h>

#include "service_table.h"

struct gf_bytes {
	uint8_t b[512];
	size_t n;
};
void gf_put(struct gf_bytes *o, uint8_t v);

/* One call's selectors: class_sel[i] picks the class of pointer parameter i
 * (gf_class_selector(), or 0 for its valid class), mode[i] the mode of
 * scalar parameter i (0: a valid value), extra_sel the class of the
 * extra-parameter array when flags has GF_CALL_EXTRA (race_word and
 * race_sel with GF_CALL_TRACED).  offset_adjust[i] is
 * added to pointer parameter i's offset selector (i * 3 by default), to
 * reach one offset of a class (a boundary straddled by one byte, one
 * object among several). */
struct gf_call_spec {
	uint8_t flags;
	uint8_t mode[GF_MAX_PARAMS];
	uint32_t value[GF_MAX_PARAMS]; /* mode 7: the scalar's 32-bit value */
	/* A string's or input buffer's content, its bytes up to the NUL
	 * (a string gets the NUL too); NULL: a known name, or 16 bytes */
	const char *content[GF_MAX_PARAMS];
	uint8_t class_sel[GF_MAX_PARAMS];
	uint8_t offset_adjust[GF_MAX_PARAMS];
	uint8_t extra_sel;
	/* flags GF_CALL_TRACED: 0, or 1 + the word of the extra-parameter
	 * array a racing thread rewrites, and its new value's class selector
	 * (a pointer) or mode (a scalar). */
	uint8_t race_word, race_sel;
};
void gf_call_spec_valid(struct gf_call_spec *c);

/* Appends the bytes of one call (without the flag byte). */
void gf_encode_call(struct gf_bytes *o, const struct gf_service *s,
		    const struct gf_call_spec *c);

#endif

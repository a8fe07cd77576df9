/* text.h — building one-line messages without stdio (the kernel is
 * freestanding): appends strings and numbers to a fixed buffer, always
 * NUL-terminated, silently truncated when full. */
#ifndef GATEFUZZ_TEXT_H
#define GATEFUZZ_TEXT_H

#include <stddef.h>
#include <stdint.h>

struct gf_text {
	char *buf;
	size_t cap, len;
};

void gf_text_init(struct gf_text *t, char *buf, size_t cap);
void gf_text_str(struct gf_text *t, const char *s);
void gf_text_dec(struct gf_text *t, uint64_t v);
/* "0x" and lowercase hex digits. */
void gf_text_hex(struct gf_text *t, uint64_t v);

#endif

/* input.h — reading a fuzz input as a stream of selectors (.harn.input).
 * Reading past the end yields zeros, so every prefix of an input is an input
 * and the fuzzer never wastes an execution on a "too short" reject. */
#ifndef GATEFUZZ_INPUT_H
#define GATEFUZZ_INPUT_H

#include <stddef.h>
#include <stdint.h>

struct gf_input {
	const uint8_t *data;
	size_t len, pos;
};

static inline void gf_input_init(struct gf_input *in, const uint8_t *d, size_t n)
{
	in->data = d;
	in->len = n;
	in->pos = 0;
}

static inline int gf_input_left(const struct gf_input *in)
{
	return in->pos < in->len;
}

static inline uint8_t gf_input_u8(struct gf_input *in)
{
	return in->pos < in->len ? in->data[in->pos++] : 0;
}

static inline uint32_t gf_input_u32(struct gf_input *in)
{
	uint32_t v = 0;
	for (int i = 0; i < 4; i++)
		v |= (uint32_t)gf_input_u8(in) << (8 * i);
	return v;
}

/* Copies up to n bytes into out, zero-filling past the end of the input. */
static inline void gf_input_bytes(struct gf_input *in, uint8_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = gf_input_u8(in);
}

#endif

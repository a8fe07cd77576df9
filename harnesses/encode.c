/* encode.c — selectors → input bytes, the inverse of decode.c. */
#include "encode.h"

#include <string.h>

#include "decode.h"

void gf_put(struct gf_bytes *o, uint8_t v)
{
	if (o->n < sizeof o->b)
		o->b[o->n++] = v;
}

void gf_call_spec_valid(struct gf_call_spec *c)
{
	memset(c, 0, sizeof *c);
}

static void encode_scalar(struct gf_bytes *o, const struct gf_param *p,
			  uint8_t mode, uint32_t value)
{
	gf_put(o, mode);
	if (p->kind == GF_P_WAIT)
		return;
	/* decode_scalar: modes 0 and 5 take one byte, mode 7 four (the
	 * value, least significant first), and four more with bit 3
	 * (.harn.decode.wide) */
	if (mode % 8 == 0 || mode % 8 == 5)
		gf_put(o, 8);
	else if (mode % 8 == 7)
		for (int k = 0; k < (mode & 8 ? 8 : 4); k++)
			gf_put(o, k < 4 ? (uint8_t)(value >> (8 * k)) : 0x41);
}

/* decode.c string_content's input bytes (mode 128) and buffer_content's
 * raw bytes (mode 200): a length, then the bytes. */
static void encode_content(struct gf_bytes *o, const char *content)
{
	size_t n = strlen(content);

	gf_put(o, 200);
	gf_put(o, (uint8_t)n);
	for (size_t k = 0; k < n; k++)
		gf_put(o, (uint8_t)content[k]);
}

/* decode_race's selectors. */
static void encode_race(struct gf_bytes *o, const struct gf_service *s,
			const struct gf_call_spec *c)
{
	const struct gf_param *p;

	gf_put(o, c->race_word);
	if (c->race_word == 0)
		return;
	p = &s->params[2 + (c->race_word - 1) % (s->nparams - 2)];
	if (!gf_param_is_pointer(p)) {
		encode_scalar(o, p, c->race_sel, 0);
		return;
	}
	gf_put(o, c->race_sel);
	gf_put(o, 0);
}

void gf_encode_call(struct gf_bytes *o, const struct gf_service *s,
			const struct gf_call_spec *c)
{
	for (int i = 0; i < s->nparams; i++)
		if (!gf_param_is_pointer(&s->params[i]))
			encode_scalar(o, &s->params[i], c->mode[i], c->value[i]);
	for (int i = 0; i < s->nparams; i++) {
		const struct gf_param *p = &s->params[i];
		if (!gf_param_is_pointer(p))
			continue;
		gf_put(o, c->class_sel[i]);
		gf_put(o, (uint8_t)(i * 3 + c->offset_adjust[i]));
		if ((p->kind == GF_P_STR || p->kind == GF_P_IN) && c->content[i]) {
			encode_content(o, c->content[i]);
		} else if (p->kind == GF_P_STR) {
			gf_put(o, 0); /* a known name */
			gf_put(o, (uint8_t)i);
		} else if (p->kind == GF_P_IN) {
			gf_put(o, 200); /* raw bytes */
			gf_put(o, 16);
			for (int k = 0; k < 16; k++)
				gf_put(o, (uint8_t)('a' + k));
		}
	}
	if (s->nparams > 3 && gf_call_traced(c->flags)) {
		encode_race(o, s, c);
	} else if (s->nparams > 3 && (c->flags & GF_CALL_EXTRA)) {
		gf_put(o, c->extra_sel);
		gf_put(o, 0);
	}
}


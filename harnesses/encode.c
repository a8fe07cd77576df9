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

void gf_encode_call(struct gf_bytes *o, const struct gf_service *s,
			const struct gf_call_spec *c)
{
	for (int i = 0; i < s->nparams; i++) {
		const struct gf_param *p = &s->params[i];
		if (gf_param_is_pointer(p))
			continue;
		gf_put(o, c->mode[i]);
		if (p->kind == GF_P_WAIT)
			continue;
		/* decode_scalar: modes 0 and 5 take one byte, mode 7 four,
		 * and four more with bit 3 (.harn.decode.wide) */
		if (c->mode[i] % 8 == 0 || c->mode[i] % 8 == 5)
			gf_put(o, 8);
		else if (c->mode[i] % 8 == 7)
			for (int k = 0; k < (c->mode[i] & 8 ? 8 : 4); k++)
				gf_put(o, 0x41);
	}
	for (int i = 0; i < s->nparams; i++) {
		const struct gf_param *p = &s->params[i];
		if (!gf_param_is_pointer(p))
			continue;
		gf_put(o, c->class_sel[i]);
		gf_put(o, (uint8_t)(i * 3 + c->offset_adjust[i]));
		if (p->kind == GF_P_STR) {
			gf_put(o, 0); /* a known name */
			gf_put(o, (uint8_t)i);
		} else if (p->kind == GF_P_IN) {
			gf_put(o, 200); /* raw bytes */
			gf_put(o, 16);
			for (int k = 0; k < 16; k++)
				gf_put(o, (uint8_t)('a' + k));
		}
	}
	if (s->nparams > 3 && (c->flags & GF_CALL_EXTRA)) {
		gf_put(o, c->extra_sel);
		gf_put(o, 0);
	}
}


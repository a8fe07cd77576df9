/* decode.c — one kernel call from input bytes (.harn.decode). */
#include "decode.h"

#include <string.h>

#include "kernel.h"
#include "rules.h"

#define GF_CONTENT_MAX 64 /* input bytes copied into one buffer */

int gf_param_is_pointer(const struct gf_param *p)
{
	return p->kind != GF_P_SCALAR && p->kind != GF_P_WAIT;
}

size_t gf_decode_store(const struct gf_world *w, uintptr_t addr,
		       const void *src, size_t n)
{
	size_t ok = 0;

	/* Byte by byte is fine: content is at most a few dozen bytes. */
	while (ok < n && ok <= UINTPTR_MAX - addr &&
	       (gf_domain_range_perm(w->domain, addr + ok, 1) & GF_PERM_W))
		ok++;
	if (ok)
		memcpy((void *)addr, src, ok);
	return ok;
}

/* The 32-bit value of a scalar's mode (bits 0-2 of its mode byte). */
static uint32_t scalar_low(const struct gf_param *p, uint8_t mode,
			   struct gf_input *in)
{
	uint32_t lo = p->min, hi = p->max, span = hi - lo;
	uint8_t b;

	switch (mode % 8) {
	case 1: return lo;
	case 2: return hi;
	case 3: return lo - 1;
	case 4: return hi + 1;
	case 5: b = gf_input_u8(in); return hi - (b < span ? b : span);
	case 6: return 0xffffffffu;
	case 7: return gf_input_u32(in);
	default: b = gf_input_u8(in); return lo + (b < span ? b : span);
	}
}

/* .harn.decode.wide: bit 3 of a mode byte moves the value above 32 bits
 * (a register and an extra parameter are ALIGN_TYPE, 64 bits here): its
 * low 32 bits as bits 0-2 say, with bit 32 set, so a kernel that checks a
 * truncated value sees a valid one; mode 6 gives all ones, mode 7 eight
 * raw bytes.  A 32-bit target has no bits above: the mode's 32-bit value. */
static uintptr_t widen(uint8_t mode, uint32_t low, struct gf_input *in)
{
#if UINTPTR_MAX > 0xffffffffu
	if (!(mode & 8))
		return low;
	switch (mode % 8) {
	case 6: return UINTPTR_MAX;
	case 7: return (uintptr_t)low | (uintptr_t)gf_input_u32(in) << 32;
	default: return (uintptr_t)low | (uintptr_t)1 << 32;
	}
#else
	(void)mode;
	(void)in;
	return low;
#endif
}

/* .harn.decode.scalar: mode byte first; most modes give a valid value (the
 * all-zero input is a valid call), a few the boundaries just outside. */
static uintptr_t decode_scalar(const struct gf_param *p, struct gf_input *in)
{
	uint8_t mode = gf_input_u8(in);

	if (p->kind == GF_P_WAIT)
		return widen(mode & 8, mode & 1 ? gf_input_u32(in) : 0, in);
	return widen(mode, scalar_low(p, mode, in), in);
}

uint64_t gf_decode_pointer_len(const struct gf_service *s, int i,
			       const uintptr_t *args, const struct gf_world *w)
{
	const struct gf_param *p = &s->params[i];

	switch (p->kind) {
	case GF_P_OBJ:
		return p->type == GF_OT_BLOCK ? 16 : gf_kernel_object_size(p->type);
	case GF_P_IN:
	case GF_P_OUT:
		return gf_rules_buffer_len(s, i, args, w->ledger);
	case GF_P_STR:
		return p->max;
	case GF_P_SLOT:
		return p->size;
	default:
		return 1;
	}
}

/* A name some object in the ledger has, so lookups by name can succeed. */
static const char *ledger_name(const struct gf_world *w, uint8_t sel)
{
	const struct gf_ledger *l = w->ledger;

	for (int k = 0; k < l->nblocks; k++) {
		const char *name = l->block[(sel + k) % l->nblocks].name;
		if (name[0])
			return name;
	}
	return "none";
}

/* .harn.decode.string: a known name, input bytes with a NUL, or a run with
 * no NUL within the maximum (the unterminated-name attack). */
static void string_content(const struct gf_param *p, uintptr_t addr,
			   struct gf_input *in, const struct gf_world *w)
{
	uint8_t mode = gf_input_u8(in);
	uint8_t buf[64 + 16];
	size_t n;

	if (mode < 128) {
		const char *name = ledger_name(w, gf_input_u8(in));
		gf_decode_store(w, addr, name, strlen(name) + 1);
		return;
	}
	if (mode < 224) {
		n = gf_input_u8(in) % (p->max + 8);
		if (n > sizeof buf - 1)
			n = sizeof buf - 1;
		gf_input_bytes(in, buf, n);
		buf[n] = 0;
		gf_decode_store(w, addr, buf, n + 1);
		return;
	}
	n = p->max + (mode & 7) + 1;
	if (n > sizeof buf)
		n = sizeof buf;
	memset(buf, 'N', n);
	gf_decode_store(w, addr, buf, n);
}

static void buffer_content(uintptr_t addr, uint64_t len, struct gf_input *in,
			   const struct gf_world *w)
{
	uint8_t mode = gf_input_u8(in);
	uint8_t buf[GF_CONTENT_MAX];
	size_t n = gf_input_u8(in) % (GF_CONTENT_MAX + 1);

	if (n > len)
		n = (size_t)len;
	if (mode < 64) {
		/* A known name: pointer_get_extended takes names as buffers. */
		const char *name = ledger_name(w, mode);
		gf_decode_store(w, addr, name, strlen(name) < n ? strlen(name) : n);
		return;
	}
	gf_input_bytes(in, buf, n);
	gf_decode_store(w, addr, buf, n);
}

/* .harn.fetch: what a racing thread of the caller writes into the
 * extra-parameter array after the kernel's first read of one word. */
static void decode_race(struct gf_plan *p, struct gf_input *in,
			const struct gf_world *w)
{
	const struct gf_service *s = p->s;
	uint8_t word = gf_input_u8(in);
	const struct gf_param *prm;
	int k;

	p->traced = 1;
	memcpy(p->race, p->args, sizeof p->race);
	if (word == 0)
		return;
	k = 2 + (word - 1) % (s->nparams - 2);
	prm = &s->params[k];
	if (gf_param_is_pointer(prm)) {
		enum gf_class used, c = gf_class_pick(prm, gf_input_u8(in));
		uint8_t offsel = gf_input_u8(in);
		p->race[k] = gf_pointer_make(w, c, offsel, gf_decode_pointer_len(s, k, p->args, w),
					     prm->type, &used);
	} else {
		p->race[k] = decode_scalar(prm, in);
	}
}

void gf_decode_call(struct gf_plan *p, const struct gf_service *s,
		    struct gf_input *in, const struct gf_world *w,
		    uint8_t flags)
{
	memset(p, 0, sizeof *p);
	p->s = s;
	for (int i = 0; i < s->nparams; i++)
		if (!gf_param_is_pointer(&s->params[i]))
			p->args[i] = decode_scalar(&s->params[i], in);
	for (int i = 0; i < s->nparams; i++) {
		const struct gf_param *prm = &s->params[i];
		uint64_t len;
		enum gf_class c;
		uint8_t offsel;

		if (!gf_param_is_pointer(prm))
			continue;
		c = gf_class_pick(prm, gf_input_u8(in));
		offsel = gf_input_u8(in);
		len = gf_decode_pointer_len(s, i, p->args, w);
		p->args[i] = gf_pointer_make(w, c, offsel, len, prm->type, &p->cls[i]);
		if (prm->kind == GF_P_STR)
			string_content(prm, p->args[i], in, w);
		else if (prm->kind == GF_P_IN)
			buffer_content(p->args[i], len, in, w);
	}
	if (s->nparams > 3 && gf_call_traced(flags)) {
		decode_race(p, in, w);
	} else if (s->nparams > 3 && (flags & GF_CALL_EXTRA)) {
		size_t bytes = (size_t)(s->nparams - 2) * sizeof(uintptr_t);
		enum gf_class c = gf_class_pick(&(struct gf_param){.kind = GF_P_IN},
						gf_input_u8(in));
		uint8_t offsel = gf_input_u8(in);

		p->extra_override = 1;
		p->extra_ptr = gf_pointer_make(w, c, offsel, bytes, GF_OT_BLOCK,
					       &p->extra_cls);
		gf_decode_store(w, p->extra_ptr, &p->args[2], bytes);
		/* Where the caller could read but not write (its code, a
		 * read-only window) the kernel will read what is there, not
		 * what the input chose: judge those values. */
		if (gf_domain_range_perm(w->domain, p->extra_ptr, bytes) & GF_PERM_R)
			memcpy(&p->args[2], (const void *)p->extra_ptr, bytes);
	}
}

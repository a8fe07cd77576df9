/* text.c — one-line messages without stdio. */
#include "text.h"

void gf_text_init(struct gf_text *t, char *buf, size_t cap)
{
	t->buf = buf;
	t->cap = buf ? cap : 0;
	t->len = 0;
	if (t->cap)
		buf[0] = 0;
}

static void put(struct gf_text *t, char ch)
{
	if (t->len + 1 < t->cap) {
		t->buf[t->len++] = ch;
		t->buf[t->len] = 0;
	}
}

void gf_text_str(struct gf_text *t, const char *s)
{
	while (*s)
		put(t, *s++);
}

static void digits(struct gf_text *t, uint64_t v, unsigned base)
{
	char tmp[20];
	int n = 0;

	do {
		tmp[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	while (n)
		put(t, tmp[--n]);
}

void gf_text_dec(struct gf_text *t, uint64_t v)
{
	digits(t, v, 10);
}

void gf_text_hex(struct gf_text *t, uint64_t v)
{
	gf_text_str(t, "0x");
	digits(t, v, 16);
}

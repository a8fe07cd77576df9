/* fetch_window.c — double fetches through traced regions (.harn.fetch,
 * fetch_window.h). */
#include "fetch_window.h"

#include <stdio.h>
#include <string.h>

#ifdef GF_HAVE_TRACED_REGIONS
#include "traced.h"

/* One page: the largest extra-parameter array is a few dozen bytes. */
#define WINDOW_BYTES 4096u
#define ARRAY_MAX ((GF_MAX_PARAMS - 2) * sizeof(uintptr_t))

/* A slot's window and its device model.  The model is written between
 * runs and read by the SIGSEGV handler's read callback during one, on the
 * same thread (.iso.traced.step). */
struct window {
	const struct gf_region *region;
	int armed;
	size_t bytes;                 /* of the armed array               */
	uint8_t first[ARRAY_MAX];     /* what the module passed           */
	uint8_t race[ARRAY_MAX];      /* what a racing thread wrote after */
	uint8_t fetched[ARRAY_MAX];   /* the byte was read already        */
};
static struct window windows[GF_SANDBOX_MAX_SLOTS];

/* The value a read returns: a byte read before has been rewritten by the
 * racing thread.  Async-signal-safe. */
static uint64_t model_read(void *ctx, size_t off, unsigned width)
{
	struct window *w = ctx;
	uint64_t v = 0;

	for (unsigned i = 0; i < width; i++) {
		size_t b = off + i;
		uint8_t byte = 0;
		if (b < w->bytes) {
			byte = w->fetched[b] ? w->race[b] : w->first[b];
			w->fetched[b] = 1;
		}
		v |= (uint64_t)byte << (8 * i);
	}
	return v;
}

/* Plain memory but for the reads: what a write stores stays. */
static const struct gf_traced_ops model = {model_read, NULL, false};

int gf_fetch_init(struct gf_sandbox *sb, int nslots, char *err, size_t errlen)
{
	for (int i = 0; i < nslots; i++) {
		const struct gf_slot *sl = &sb->slot[i];
		char name[32];

		snprintf(name, sizeof name, "mod%d.fetch", sl->module);
		windows[i].region = gf_traced_create(name, sl->module, WINDOW_BYTES,
						     &model, &windows[i]);
		/* .iso.traced.grant: the module's domains, so the kernel
		 * serving it is traced and every other module faults. */
		if (!windows[i].region ||
		    gf_module_share(&sl->dom, windows[i].region, GF_PERM_RW)) {
			snprintf(err, errlen, "cannot create %s", name);
			return -1;
		}
	}
	return 0;
}

uintptr_t gf_fetch_arm(int slot, const struct gf_plan *p)
{
	struct window *w = &windows[slot];

	if (!w->region || p->s->nparams <= 3)
		return 0;
	w->bytes = (size_t)(p->s->nparams - 2) * sizeof(uintptr_t);
	memcpy(w->first, &p->args[2], w->bytes);
	memcpy(w->race, &p->race[2], w->bytes);
	memset(w->fetched, 0, sizeof w->fetched);
	gf_traced_clear(w->region);
	w->armed = 1;
	return w->region->base;
}

int gf_fetch_untraceable(int slot, const struct gf_fault *f)
{
	struct window *w = &windows[slot];
	struct gf_traced_access a;
	uint64_t n;

	if (!w->armed || f->region != w->region)
		return 0;
	w->armed = 0;
	n = gf_traced_count(w->region);
	return n > 0 && gf_traced_entry(w->region, n - 1, &a) == 0 &&
	       (a.flags & GF_TRACED_REFUSED) && a.context == GF_CTX_KERNEL;
}

/* Entry i of w's log, when it is a read by the kernel. */
static int kernel_read(const struct window *w, uint64_t i,
		       struct gf_traced_access *a)
{
	return gf_traced_entry(w->region, i, a) == 0 &&
	       (a->flags & GF_TRACED_READ) && !(a->flags & GF_TRACED_REFUSED) &&
	       a->context == GF_CTX_KERNEL;
}

int gf_fetch_twice(int slot, struct gf_fetch_twice *out)
{
	struct window *w = &windows[slot];
	uint64_t n, from;

	if (!w->armed)
		return 0;
	w->armed = 0;
	n = gf_traced_count(w->region);
	from = n > GF_TRACED_LOG ? n - GF_TRACED_LOG : 0;
	for (uint64_t i = from; i < n; i++) {
		struct gf_traced_access again, first;
		if (!kernel_read(w, i, &again))
			continue;
		for (uint64_t j = from; j < i; j++) {
			size_t lo;
			if (!kernel_read(w, j, &first) ||
			    first.offset >= again.offset + again.width ||
			    again.offset >= first.offset + first.width)
				continue;
			lo = first.offset > again.offset ? first.offset : again.offset;
			*out = (struct gf_fetch_twice){2 + (int)(lo / sizeof(uintptr_t)),
						       w->region->base + lo, first.pc,
						       again.pc, ""};
			snprintf(out->detail, sizeof out->detail,
				 "read byte %zu of the extra-parameter array twice "
				 "(pc %#lx, then %#lx)",
				 lo, (unsigned long)first.pc, (unsigned long)again.pc);
			return 1;
		}
	}
	return 0;
}

#else /* no traced regions on this platform: every call runs untraced */

int gf_fetch_init(struct gf_sandbox *sb, int nslots, char *err, size_t errlen)
{
	(void)sb, (void)nslots, (void)err, (void)errlen;
	return 0;
}

uintptr_t gf_fetch_arm(int slot, const struct gf_plan *p)
{
	(void)slot, (void)p;
	return 0;
}

int gf_fetch_untraceable(int slot, const struct gf_fault *f)
{
	(void)slot, (void)f;
	return 0;
}

int gf_fetch_twice(int slot, struct gf_fetch_twice *out)
{
	(void)slot, (void)out;
	return 0;
}

#endif

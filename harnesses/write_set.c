/* write_set.c — the kernel's writes into its caller's memory, accounted for
 * and checked for leaks (.harn.oracle.writes, .harn.oracle.leak).
 *
 * .harn.oracle.writes: the caller's writable memory (its data region, the
 * read-write window) is copied before each call and compared after it, a
 * page at a time, bytes only inside a page that differs.  An
 * enforcing backend stops the kernel only at the caller's memory's edge,
 * and the `none` comparison of protected memory leaves the caller's own
 * memory out, so this is the only check that sees a kernel write past an
 * output into the caller's own data.
 *
 * The copies are kept, one per slot, and brought up to date before a call
 * a page at a time (gf_bytes_update): most pages did not change since the
 * slot's last call, and a comparison costs two thirds of a copy.  A call
 * thus costs two comparisons of 132 KiB, at memory speed
 * (docs/performance.md).  Tracking the written pages costs more: on Linux
 * 6.18, userfaultfd's asynchronous write protection read back with
 * PAGEMAP_SCAN takes 6.1 us per call to name one page written, against
 * 5.5 us for both comparisons, and would be needed twice per call, for
 * the harness's writes and for the call's (isolation/bench/bench_dirty.c,
 * run by `./gatefuzz bench isolation`).
 */
#include "write_set.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "kernel.h"
#include "oracle.h"
#include "rules.h"

/* Longer than any memory a module owns: a longer range is none of its. */
#define GF_WS_LONGEST (1u << 20)

enum { AREAS = 2 }; /* the caller's data region, the read-write window */

struct copy {
	uint8_t *bytes;
	size_t cap;
};

static struct {
	struct copy data[GF_SANDBOX_MAX_SLOTS]; /* each slot's data region */
	struct copy window;                     /* the read-write window    */
	const uint8_t *input;
	size_t input_len;
} W;

static const struct gf_ws_range *range_holding(const struct gf_ws_range *r, int n,
					       uintptr_t a)
{
	for (int i = 0; i < n; i++)
		if (a >= r[i].lo && a < r[i].hi)
			return &r[i];
	return NULL;
}

/* The output nearest to a, and how far a lies outside it. */
static const struct gf_ws_range *nearest(const struct gf_ws_facts *f, uintptr_t a,
					 uintptr_t *distance)
{
	const struct gf_ws_range *best = NULL;

	*distance = UINTPTR_MAX;
	for (int i = 0; i < f->nout; i++) {
		const struct gf_ws_range *r = &f->out[i];
		uintptr_t d = a < r->lo ? r->lo - a : a - r->hi + 1;
		if (d < *distance) {
			*distance = d;
			best = r;
		}
	}
	return best;
}

static int unaccounted(const struct gf_ws_facts *f, uintptr_t a,
		       struct gf_ws_finding *out)
{
	uintptr_t d;
	const struct gf_ws_range *r = nearest(f, a, &d);

	out->addr = a;
	out->param = -1;
	if (r && d <= GF_WS_OVERFLOW_REACH) {
		out->kind = "overflow";
		out->param = r->param;
		snprintf(out->detail, sizeof out->detail,
			 "the kernel wrote %#lx, %lu byte(s) %s %s [%#lx, %#lx)",
			 (unsigned long)a, (unsigned long)d,
			 a < r->lo ? "before" : "past",
			 r->param >= 0 ? "the output" : "the storage handed over at",
			 (unsigned long)r->lo, (unsigned long)r->hi);
	} else {
		out->kind = "stray-write";
		snprintf(out->detail, sizeof out->detail,
			 "the kernel wrote %#lx, in the caller's memory but in no "
			 "output of the call and no storage it handed over",
			 (unsigned long)a);
	}
	return 1;
}

/* Whether haystack [h, h + len) holds the n bytes of value: memchr and
 * memcmp, not memmem, which Windows' C library lacks; it runs only for a
 * word that looks like a leak. */
static int holds(const uint8_t *h, size_t len, const void *value, size_t n)
{
	const uint8_t *end = h + len;

	while (h && h + n <= end &&
	       (h = memchr(h, *(const uint8_t *)value, (size_t)(end - h) - n + 1))) {
		if (memcmp(h, value, n) == 0)
			return 1;
		h++;
	}
	return 0;
}

/* Whether the caller's memory held these bytes before the call, or the
 * input holds them: then the module had the value and may have handed it
 * to the kernel itself (a message it sent, a count it set). */
static int module_had(const struct gf_ws_facts *f, const void *value, size_t n)
{
	for (int i = 0; i < f->nareas; i++)
		if (holds(f->area[i].before, f->area[i].size, value, n))
			return 1;
	return f->input && holds(f->input, f->input_len, value, n);
}

static int secret_address(const struct gf_ws_facts *f, uintptr_t v)
{
	for (int i = 0; i < f->nsecret; i++)
		if (v >= f->secret[i].base && v < f->secret[i].end)
			return 1;
	return 0;
}

/* Whether a pointer-size slot is exactly the word at `at` (outputs may
 * overlap: two slots of one call can name the same memory). */
static int returned_as_address(const struct gf_ws_facts *f, uintptr_t at)
{
	for (int i = 0; i < f->nout; i++)
		if (f->out[i].returns_address && f->out[i].lo == at &&
		    f->out[i].hi == at + sizeof(uintptr_t))
			return 1;
	return 0;
}

static int leak(struct gf_ws_finding *out, const char *kind, uintptr_t at,
		const struct gf_ws_facts *f, const char *what)
{
	const struct gf_ws_range *r = range_holding(f->out, f->nout, at);

	out->kind = kind;
	out->addr = at;
	out->param = r ? r->param : -1;
	snprintf(out->detail, sizeof out->detail,
		 "the kernel wrote %s at %#lx, a value the caller's memory did "
		 "not hold before the call", what, (unsigned long)at);
	return 1;
}

static int address_leak(struct gf_ws_finding *out, uintptr_t at, uintptr_t v,
			const struct gf_ws_facts *f)
{
	char owner[48], what[96];

	gf_oracle_owner(v, owner, sizeof owner);
	snprintf(what, sizeof what, "%#lx, an address in %s,", (unsigned long)v, owner);
	return leak(out, "address-leak", at, f, what);
}

/* Whether the changed bytes of the word [s, s + n) (those in the run
 * [a, b)) are bytes the module supplied: a word that is part old bytes,
 * part a copy of the module's own (a message it sent), can look like
 * anything without the kernel having made it. */
static int supplied(const struct gf_ws_facts *f, const uint8_t *now, size_t s,
		    size_t n, size_t a, size_t b)
{
	size_t lo = s > a ? s : a, hi = s + n < b ? s + n : b;

	return module_had(f, now + lo, hi - lo);
}

/* .harn.oracle.leak: every 4-byte and pointer-size word overlapping the
 * changed bytes [a, b) of an area, at any alignment (a slot need not be
 * aligned).  Words reach up to a word beyond the run on either side,
 * within the output holding its first byte when there is one: a slot the
 * kernel rewrote keeps the bytes that did not change, and its whole word
 * is what the kernel wrote. */
static int leaks_in_run(const struct gf_ws_facts *f, const struct gf_ws_area *ar,
			size_t a, size_t b, struct gf_ws_finding *out)
{
	const uint8_t *now = (const uint8_t *)ar->base;
	const struct gf_ws_range *r = range_holding(f->out, f->nout, ar->base + a);
	size_t lo = a >= 7 ? a - 7 : 0, hi = b + 7 < ar->size ? b + 7 : ar->size;

	if (r) {
		if (r->lo > ar->base + lo)
			lo = r->lo - ar->base;
		if (r->hi < ar->base + hi)
			hi = r->hi - ar->base;
	}
	for (size_t s = lo; s + 4 <= hi; s++) {
		uintptr_t v;
		if (s + 4 > a && s < b && gf_poison_match(now + s, 4) >= 0 &&
		    !supplied(f, now, s, 4, a, b))
			return leak(out, "info-leak", ar->base + s, f,
				    "a word of the kernel arena's poison");
		if (s + sizeof v > hi || s + sizeof v <= a || s >= b)
			continue;
		memcpy(&v, now + s, sizeof v);
		if (secret_address(f, v) && !returned_as_address(f, ar->base + s) &&
		    !supplied(f, now, s, sizeof v, a, b))
			return address_leak(out, ar->base + s, v, f);
	}
	return 0;
}

static int word_same(const uint8_t *p, const uint8_t *q)
{
	uint64_t a, b;

	memcpy(&a, p, 8);
	memcpy(&b, q, 8);
	return a == b;
}

/* Where the unchanged bytes from i on end: 64 at a time by the C
 * library's comparison, then 8 at a time; most of a page that differs is
 * equal, and a loop of ours over it was a twentieth of an execution. */
__attribute__((no_sanitize("address", "undefined")))
static size_t past_equal(const uint8_t *now, const uint8_t *before, size_t i,
			 size_t end)
{
	for (;;) {
		if (i % 64 == 0 && i + 64 <= end && gf_bytes_equal(now + i, before + i, 64))
			i += 64;
		else if (i % 8 == 0 && i + 8 <= end && word_same(now + i, before + i))
			i += 8;
		else
			return i;
	}
}

/* Whether a range of r[0..n) holds a, asking `hint` first: a run of
 * changed bytes mostly lies in one range, and a thread's stack filled by
 * its create is thousands of bytes, each looked up. */
static const struct gf_ws_range *held(const struct gf_ws_range *hint,
				      const struct gf_ws_range *r, int n, uintptr_t a)
{
	return hint && a >= hint->lo && a < hint->hi ? hint : range_holding(r, n, a);
}

/* Whether byte i changed and the module's own writes do not cover it;
 * *own: the own range that held the last byte asked about, or NULL. */
static int byte_changed(const struct gf_ws_facts *f, const struct gf_ws_area *ar,
			size_t i, const struct gf_ws_range **own)
{
	if (i >= ar->size || ((const uint8_t *)ar->base)[i] == ar->before[i])
		return 0;
	*own = held(*own, f->own, f->nown, ar->base + i);
	return !*own;
}

/* The changed bytes of one page: each accounted for, then their words. */
__attribute__((no_sanitize("address", "undefined")))
static int check_page(const struct gf_ws_facts *f, const struct gf_ws_area *ar,
		      size_t off, size_t n, struct gf_ws_finding *out)
{
	const uint8_t *now = (const uint8_t *)ar->base;
	const struct gf_ws_range *own = NULL, *output = NULL;
	size_t run = SIZE_MAX, i = off;

	while (i <= off + n) {
		int changed;
		size_t next = run == SIZE_MAX ? past_equal(now, ar->before, i, off + n) : i;
		if (next != i) {
			i = next;
			continue;
		}
		changed = i < off + n && byte_changed(f, ar, i, &own);
		if (changed && !(output = held(output, f->out, f->nout, ar->base + i)))
			return unaccounted(f, ar->base + i, out);
		if (changed && run == SIZE_MAX)
			run = i;
		if (!changed && run != SIZE_MAX) {
			if (leaks_in_run(f, ar, run, i, out))
				return 1;
			run = SIZE_MAX;
		}
		i++;
	}
	return 0;
}



/* A page the module's own writes cover whole (its live frames). */
static int own_page(const struct gf_ws_facts *f, uintptr_t lo, size_t n)
{
	for (int i = 0; i < f->nown; i++)
		if (f->own[i].lo <= lo && lo + n <= f->own[i].hi)
			return 1;
	return 0;
}

int gf_ws_check(const struct gf_ws_facts *f, struct gf_ws_finding *out)
{
	for (int k = 0; k < f->nareas; k++) {
		const struct gf_ws_area *ar = &f->area[k];
		for (size_t off = 0; off < ar->size; off += GF_BYTES_PAGE) {
			size_t n = ar->size - off < GF_BYTES_PAGE ? ar->size - off : GF_BYTES_PAGE;
			if (!own_page(f, ar->base + off, n) &&
			    !gf_bytes_equal((const uint8_t *)ar->base + off, ar->before + off, n) &&
			    check_page(f, ar, off, n, out))
				return 1;
		}
	}
	return 0;
}

/* Makes c equal to region r's live bytes; the first time, a whole copy. */
static void refresh(struct copy *c, const struct gf_region *r)
{
	if (c->cap >= r->size) {
		gf_bytes_update(c->bytes, (const void *)r->base, r->size);
		return;
	}
	free(c->bytes);
	c->bytes = malloc(r->size);
	if (!c->bytes)
		abort(); /* 132 KiB, once: nothing sensible to go on with */
	c->cap = r->size;
	gf_bytes_copy(c->bytes, (const void *)r->base, r->size);
}

void gf_write_set_input(const uint8_t *data, size_t len)
{
	W.input = data;
	W.input_len = len;
}

void gf_write_set_before(const struct gf_sandbox *sb, int slot)
{
	refresh(&W.data[slot], sb->slot[slot].data);
	refresh(&W.window, sb->shared_rw);
}

static void add(struct gf_ws_range *r, int *n, uintptr_t lo, uint64_t len,
		int param, int returns_address)
{
	/* A range the rules reject (empty, wrapping, vast) is no output: the
	 * kernel had to refuse it, and the verdict on that is the rules'. */
	if (lo == 0 || len == 0 || len > GF_WS_LONGEST || lo + len < lo)
		return;
	r[(*n)++] = (struct gf_ws_range){lo, lo + (uintptr_t)len, param,
					 returns_address};
}

/* The outputs the arguments args name: buffers and slots. */
static void add_outputs(struct gf_ws_range *r, int *n, const struct gf_service *s,
			const uintptr_t *args, struct gf_ledger *l)
{
	for (int i = 0; i < s->nparams; i++) {
		const struct gf_param *prm = &s->params[i];
		if (prm->kind == GF_P_OUT)
			add(r, n, args[i], gf_rules_buffer_len(s, i, args, l), i, 0);
		else if (prm->kind == GF_P_SLOT)
			add(r, n, args[i], prm->size, i,
			    prm->size == sizeof(uintptr_t));
	}
}

int gf_write_set_judge(const struct gf_sandbox *sb, int slot,
		       const struct gf_plan *p, const struct gf_world *w,
		       struct gf_ledger *l, struct gf_ws_finding *out)
{
	const struct gf_slot *me = &sb->slot[slot];
	const struct gf_puppet_op *op =
		(const struct gf_puppet_op *)(me->data->base + GF_DATA_PROGRAM);
	struct gf_ws_area area[AREAS] = {
		{me->data->base, me->data->size, W.data[slot].bytes},
		{sb->shared_rw->base, sb->shared_rw->size, W.window.bytes},
	};
	struct gf_ws_range outs[2 * GF_MAX_PARAMS + GF_LEDGER_BLOCKS], own[3];
	struct gf_bounds secret[] = {w->arena, w->other_data, w->other_code};
	int nout = 0, nown = 0;

	add_outputs(outs, &nout, p->s, p->args, l);
	/* A traced call's racing thread handed the kernel a second value of
	 * one array word (.harn.fetch): a kernel that fetched the word twice
	 * writes where the second value points, memory the caller named too.
	 * Reading it twice is the finding (double-fetch), not the write. */
	if (p->traced && memcmp(p->race, p->args, sizeof p->args) != 0)
		add_outputs(outs, &nout, p->s, p->race, l);
	for (int i = 0; i < l->nblocks; i++)
		if (l->block[i].state == GF_OBJ_LIVE)
			add(outs, &nout, l->block[i].storage,
			    l->block[i].storage_len, -1, 0);
	/* The puppet's own writes during its run (modules/puppet.c): its live
	 * frames, the op's completion and result, the env's op count. */
	add(own, &nown, me->data->base + GF_DATA_STACK_TOP - GF_LIVE_FRAMES,
	    GF_LIVE_FRAMES, -1, 0);
	add(own, &nown, (uintptr_t)&op->done,
	    sizeof *op - offsetof(struct gf_puppet_op, done), -1, 0);
	add(own, &nown, (uintptr_t)&me->env->results[0], sizeof me->env->results[0],
	    -1, 0);
	return gf_ws_check(&(struct gf_ws_facts){area, AREAS, outs, nout, own, nown,
						 secret, 3, W.input, W.input_len},
			   out);
}

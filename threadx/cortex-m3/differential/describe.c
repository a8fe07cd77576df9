/* describe.c — gf-tx-describe: the host port's ThreadX targets replayed by
 * the replay build's harness, unchanged, and each input printed as its
 * calls in terms of what every parameter points at rather than where
 * (.txcm3.differential), for run-differential to translate into the
 * Cortex-M3 port's input format:
 *
 *   gf-tx-describe TARGET FILE|DIR...
 *
 * One JSON object per input on standard output: the target, the file, the
 * host's verdict and BUG title, the caller's and the other module's
 * regions, and per call the caller, the service, its status (or its
 * fault), and per parameter its value or, for a pointer, its class, its
 * address, its length, the object block it lies in (owner, type, state)
 * and the bytes the decoder put there (names, input buffers), and the word
 * a traced call's racing thread rewrote, if any.
 *
 * The calls are observed by wrapping the harness's entry points at link
 * time (-Wl,--wrap): the replay and fuzzing builds are not touched. */
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "describe_entry.h"
#include "fixture.h"
#include "harness.h"
#include "kernel.h"

#define GF_MAX_INPUT 4096
#define GF_CONTENT_MAX 96 /* bytes of a name or buffer shown */

uint32_t gf_describe_service;

void __real_gf_decode_call(struct gf_plan *p, const struct gf_service *s, struct gf_input *in,
			   const struct gf_world *w, uint8_t flags);
void __real_gf_harness_call(int slot, const struct gf_service *s, struct gf_input *in,
			    uint8_t flags);
void __real_gf_harness_raw(int slot, enum gf_puppet_kind kind, struct gf_input *in);
void __real_gf_harness_request(int slot, const struct gf_service *s, struct gf_input *in,
			       uint8_t flags);
int __real_gf_fixture_fill_pool(struct gf_fault *f);

/* This input's description, written as its calls are decoded and run. */
static char out[1 << 20];
static size_t used;
static int ncalls, nraw, nrequests, nfills;
static const struct gf_world *world; /* the last call's caller */

static void put(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void put(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(out + used, sizeof out - used, fmt, ap);
	va_end(ap);
	if (n > 0)
		used = used + (size_t)n < sizeof out ? used + (size_t)n : sizeof out - 1;
}

static void put_hex(const char *key, const uint8_t *p, size_t n)
{
	put(",\"%s\":\"", key);
	for (size_t i = 0; i < n; i++)
		put("%02x", p[i]);
	put("\"");
}

/* Bytes at addr the caller may read, up to n (a name: up to its NUL). */
static void put_content(uintptr_t addr, size_t n, int name)
{
	size_t ok = 0;
	if (!addr)
		return;
	while (ok < n && (gf_domain_range_perm(world->domain, addr + ok, 1) & GF_PERM_R)) {
		ok++;
		if (name && ((const uint8_t *)addr)[ok - 1] == 0)
			break;
	}
	put_hex("content", (const uint8_t *)addr, ok);
}

static const char *state_name(enum gf_obj_state s)
{
	return s == GF_OBJ_LIVE ? "live" : s == GF_OBJ_DELETED ? "deleted" : "empty";
}

/* The object block addr lies in (or just before: a header), if any. */
static void put_block(uintptr_t addr)
{
	const struct gf_ledger *l = gf_harness_ledger();
	for (int i = 0; i < l->nblocks; i++) {
		const struct gf_ledger_block *b = &l->block[i];
		if (addr + 64 < b->addr || addr >= b->addr + b->size)
			continue;
		put(",\"block\":{\"index\":%d,\"owner\":\"%s\",\"type\":\"%s\",\"state\":\"%s\","
		    "\"offset\":%lld,\"size\":%u,\"name\":\"%s\"}",
		    i, b->owner == world->caller ? "own" : "other",
		    b->state == GF_OBJ_NONE ? "-" : gf_object_type_name(b->type),
		    state_name(b->state), (long long)(addr - b->addr), (unsigned)b->size, b->name);
		return;
	}
}

static const char *const kind_names[] = {
	[GF_P_OBJ] = "obj", [GF_P_IN] = "in",   [GF_P_OUT] = "out",           [GF_P_STR] = "str",
	[GF_P_CB] = "cb",   [GF_P_SLOT] = "slot", [GF_P_POOLMEM] = "poolmem",
};

static void put_pointer(const struct gf_param *prm, enum gf_class c, uintptr_t addr, uint64_t len)
{
	put("{\"kind\":\"%s\",\"class\":\"%s\",\"addr\":%llu,\"len\":%llu", kind_names[prm->kind],
	    gf_class_name(c), (unsigned long long)addr, (unsigned long long)len);
	if (prm->kind == GF_P_OBJ)
		put(",\"type\":\"%s\"", gf_object_type_name(prm->type));
	put_block(addr);
	/* a name up to its NUL, which may lie past the maximum the decoder
	 * sized the range for (the unterminated-name attack) */
	if (prm->kind == GF_P_STR)
		put_content(addr, GF_CONTENT_MAX, 1);
	else if (prm->kind == GF_P_IN)
		put_content(addr, len < GF_CONTENT_MAX ? (size_t)len : GF_CONTENT_MAX, 0);
	put("}");
}

void __wrap_gf_decode_call(struct gf_plan *p, const struct gf_service *s, struct gf_input *in,
			   const struct gf_world *w, uint8_t flags)
{
	__real_gf_decode_call(p, s, in, w, flags);
	world = w;
	put("%s{\"caller\":\"%s\",\"service\":\"%s\",\"request\":%u,\"returns\":\"%s\",\"params\":[",
	    ncalls++ ? "," : "", w->caller == gf_harness_sandbox()->slot[GF_SLOT_A].module ? "A" : "B",
	    s->full_name, s->id, s->returns == GF_RET_STATUS ? "status" : "value");
	for (int i = 0; i < s->nparams; i++) {
		const struct gf_param *prm = &s->params[i];
		if (i)
			put(",");
		if (gf_param_is_pointer(prm))
			put_pointer(prm, p->cls[i], p->args[i], gf_decode_pointer_len(s, i, p->args, w));
		else
			put("{\"kind\":\"%s\",\"value\":%llu,\"min\":%u,\"max\":%u}",
			    prm->kind == GF_P_WAIT ? "wait" : "scalar", (unsigned long long)p->args[i],
			    prm->min, prm->max);
	}
	put("]");
	if (p->extra_override) {
		size_t bytes = (size_t)(s->nparams - 2) * sizeof(uintptr_t);
		put(",\"extra\":{\"class\":\"%s\",\"addr\":%llu,\"len\":%zu", gf_class_name(p->extra_cls),
		    (unsigned long long)p->extra_ptr, bytes);
		put_block(p->extra_ptr);
		put("}");
	}
	/* .harn.fetch: the word a racing thread of the caller rewrote after
	 * the kernel's first read of it (one at most) */
	for (int i = 2; p->traced && i < s->nparams; i++)
		if (p->race[i] != p->args[i])
			put(",\"race\":{\"param\":%d,\"value\":%llu}", i,
			    (unsigned long long)p->race[i]);
}

void __wrap_gf_harness_call(int slot, const struct gf_service *s, struct gf_input *in,
			    uint8_t flags)
{
	size_t mark = used;
	int before = ncalls;
	__real_gf_harness_call(slot, s, in, flags);
	if (ncalls == before) { /* nothing decoded: nothing to say */
		used = mark;
		return;
	}
	const struct gf_call_record *r = gf_harness_last_call();
	put(",\"faulted\":%d,\"status\":%llu,\"verdict\":\"%s\"}", r->faulted,
	    (unsigned long long)r->status, gf_verdict_name(gf_harness_last(NULL, 0)));
}

void __wrap_gf_harness_raw(int slot, enum gf_puppet_kind kind, struct gf_input *in)
{
	nraw++;
	__real_gf_harness_raw(slot, kind, in);
}

/* A raw request (.harn.raw-request): counted, its decoded call left out
 * (no service's id goes out). */
void __wrap_gf_harness_request(int slot, const struct gf_service *s, struct gf_input *in,
			       uint8_t flags)
{
	size_t mark = used;
	int before = ncalls;
	nrequests++;
	__real_gf_harness_request(slot, s, in, flags);
	used = mark;
	ncalls = before;
}

/* The object pool filled before a call (.harn.fixture.full): counted. */
int __wrap_gf_fixture_fill_pool(struct gf_fault *f)
{
	nfills++;
	return __real_gf_fixture_fill_pool(f);
}

static int (*entry_of(const char *target))(const uint8_t *, size_t)
{
	static const char prefix[] = "fuzz_threadx_";
	const struct gf_service *s;
	if (strncmp(target, prefix, sizeof prefix - 1))
		return NULL;
	target += sizeof prefix - 1;
	if (!strcmp(target, "sequence"))
		return gf_describe_sequence_input;
	if (!strcmp(target, "puppet"))
		return gf_describe_puppet_input;
	if (!(s = gf_service_by_name(target)))
		return NULL;
	gf_describe_service = s->id;
	return gf_describe_service_input;
}

static int describe(const char *target, int (*entry)(const uint8_t *, size_t), const char *path)
{
	static uint8_t buf[GF_MAX_INPUT + 1];
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "gf-tx-describe: %s: cannot read\n", path);
		return 2;
	}
	size_t n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	if (n > GF_MAX_INPUT) {
		fprintf(stderr, "gf-tx-describe: %s: larger than %d bytes\n", path, GF_MAX_INPUT);
		return 2;
	}
	used = 0;
	ncalls = nraw = nrequests = nfills = 0;
	world = NULL;
	put("\"calls\":[");
	entry(buf, n);
	put("]");
	char title[160];
	enum gf_verdict v = gf_harness_last(title, sizeof title);
	printf("{\"target\":\"%s\",\"file\":\"%s\",\"verdict\":\"%s\",\"title\":\"%s\",\"raw\":%d,"
	       "\"requests\":%d,\"full_pool\":%d,", target, path, gf_verdict_name(v),
	       v == GF_VERDICT_BUG ? title : "", nraw, nrequests, nfills);
	if (world) {
		const struct {
			const char *key;
			const struct gf_bounds *b;
		} bounds[] = {{"own_code", &world->own_code},     {"own_data", &world->own_data},
			      {"own_scratch", &world->own_scratch}, {"other_code", &world->other_code},
			      {"other_data", &world->other_data}, {"arena", &world->arena}};
		put(",\"world\":{");
		for (size_t i = 0; i < sizeof bounds / sizeof bounds[0]; i++)
			put("%s\"%s\":[%llu,%llu]", i ? "," : "", bounds[i].key,
			    (unsigned long long)bounds[i].b->base, (unsigned long long)bounds[i].b->end);
		put("}");
	}
	printf("%s}\n", out);
	fflush(stdout); /* after the BUG line the harness printed on stderr */
	return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

int main(int argc, char **argv)
{
	int (*entry)(const uint8_t *, size_t) = argc > 2 ? entry_of(argv[1]) : NULL;
	int status = 0;
	if (!entry) {
		fprintf(stderr, "usage: gf-tx-describe fuzz_threadx_<service>|sequence|puppet FILE|DIR...%s%s\n",
			argc > 2 ? ": no such target " : "", argc > 2 ? argv[1] : "");
		return 2;
	}
	gf_harness_set_replay(1);
	for (int i = 2; i < argc; i++) {
		struct dirent **list;
		int n = scandir(argv[i], &list, NULL, by_name);
		if (n < 0) {
			status |= describe(argv[1], entry, argv[i]);
			continue;
		}
		for (int k = 0; k < n; k++) {
			char path[4096];
			if (list[k]->d_name[0] != '.') {
				snprintf(path, sizeof path, "%s/%s", argv[i], list[k]->d_name);
				status |= describe(argv[1], entry, path);
			}
			free(list[k]);
		}
		free(list);
	}
	return status;
}

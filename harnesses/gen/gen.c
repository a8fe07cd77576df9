/* gen.c — everything derived from the service table that is checked in:
 * seed inputs, dictionaries and the services page of the docs
 * (.harn.gen).  `gf_gen seeds DIR`, `gf_gen dict DIR`, `gf_gen docs FILE`,
 * `gf_gen regressions DIR` (the seeded bugs' reproducers, regressions.c).
 * The layout of an input is decode.h's; seeds are written by the inverse of
 * that decoder, one per (parameter, pointer class), plus a valid call and
 * the scalar boundaries, so the corpus covers every class of every pointer.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "decode.h"
#include "encode.h"
#include "pointer_gen.h"
#include "regressions.h"
#include "service_table.h"

/* Which kernel's description this generator was built for (CMake sets
 * both per kernel): the built-in one by default. */
#ifndef GF_TARGET_PREFIX
#define GF_TARGET_PREFIX "fuzz_"
#endif
#ifndef GF_SERVICES_DEF
#define GF_SERVICES_DEF "kernel/services.def"
#endif

static int write_seed(const char *dir, const char *name, const struct gf_bytes *o)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(o->b, 1, o->n, f) != o->n || fclose(f)) {
		fprintf(stderr, "gf_gen: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

static int service_seeds(const char *root, const struct gf_service *s,
			 int sequence)
{
	char dir[4096], name[128];
	struct gf_call_spec c;
	struct gf_bytes o;
	int rc = 0;

	snprintf(dir, sizeof dir, "%s/" GF_TARGET_PREFIX "%s", root, s->full_name);
	if (sequence)
		snprintf(dir, sizeof dir, "%s/" GF_TARGET_PREFIX "sequence", root);
	mkdir(dir, 0755);
#define EMIT(fmt, ...)                                                    \
	do {                                                              \
		o.n = 0;                                                  \
		if (sequence)                                             \
			gf_put(&o, (uint8_t)(s - gf_services));              \
		gf_put(&o, c.flags);                                         \
		gf_encode_call(&o, s, &c);                                   \
		snprintf(name, sizeof name, "%s" fmt,                     \
			 sequence ? s->full_name : "", __VA_ARGS__);      \
		rc |= write_seed(dir, name, &o);                          \
	} while (0)

	gf_call_spec_valid(&c);
	EMIT("%svalid", sequence ? "-" : "");
	if (sequence)
		return rc;
	for (int i = 0; i < s->nparams; i++) {
		const struct gf_param *p = &s->params[i];
		if (!gf_param_is_pointer(p)) {
			if (p->kind == GF_P_WAIT)
				continue;
			for (uint8_t m = 1; m <= 4; m++) {
				gf_call_spec_valid(&c);
				c.mode[i] = m;
				EMIT("p%d-scalar-%s", i,
				     (const char *[]){"", "min", "max", "below", "above"}[m]);
			}
			/* above 32 bits (.harn.decode.wide): a valid value
			 * with bit 32 set, and all ones */
			for (uint8_t m = 8; m <= 14; m += 6) {
				gf_call_spec_valid(&c);
				c.mode[i] = m;
				EMIT("p%d-scalar-%s", i, m == 8 ? "wide" : "wide-ones");
			}
			continue;
		}
		for (int k = 0; k < GF_CLASS_COUNT; k++) {
			gf_call_spec_valid(&c);
			c.class_sel[i] = gf_class_selector((enum gf_class)k);
			EMIT("p%d-%s", i, gf_class_name((enum gf_class)k));
		}
		/* the caller's further objects of the type: the fixture's
		 * objects in other states (.harn.fixture.states) */
		for (uint8_t n = 1; p->kind == GF_P_OBJ && p->mode != GF_MODE_CREATE &&
				    p->type != GF_OT_BLOCK && n <= 2; n++) {
			gf_call_spec_valid(&c);
			c.class_sel[i] = gf_class_selector(GF_CLASS_OBJ_OWN);
			c.offset_adjust[i] = n;
			EMIT("p%d-OBJ_OWN-%d", i, n + 1);
		}
		/* the second object shared with the caller (the fixture's
		 * held mutex of the other module) */
		if (p->kind == GF_P_OBJ && p->mode == GF_MODE_USE) {
			gf_call_spec_valid(&c);
			c.class_sel[i] = gf_class_selector(GF_CLASS_OBJ_SHARED);
			c.offset_adjust[i] = 1;
			EMIT("p%d-OBJ_SHARED-2", i);
		}
	}
	if (s->nparams > 3) {
		static const enum gf_class extra[] = {
			GF_CLASS_OWN_DATA, GF_CLASS_KERNEL_ARENA, GF_CLASS_OTHER_DATA,
			GF_CLASS_OWN_DATA_STRADDLE_END, GF_CLASS_NULL_PTR, GF_CLASS_WRAP};
		for (size_t k = 0; k < sizeof extra / sizeof extra[0]; k++) {
			gf_call_spec_valid(&c);
			c.flags = GF_CALL_EXTRA;
			c.extra_sel = gf_class_selector(extra[k]);
			EMIT("extra-%s", gf_class_name(extra[k]));
		}
		/* .harn.fetch: the array traced, then with each of its words
		 * rewritten by a racing thread after the kernel's first read
		 * (to another valid value). */
		gf_call_spec_valid(&c);
		c.flags = GF_CALL_TRACED;
		EMIT("%s", "traced");
		for (int k = 2; k < s->nparams; k++) {
			c.race_word = (uint8_t)(k - 1);
			EMIT("traced-race-p%d", k);
		}
	}
#undef EMIT
	return rc;
}

/* .harn.fixture.full: the largest allocation module_object_allocate
 * takes (its scalar at the maximum), from a full object pool, by
 * fuzz_module_object_allocate and by fuzz_sequence. */
static int full_pool_seeds(const char *root)
{
	const struct gf_service *s = gf_service_by_name("module_object_allocate");
	char dir[4096];
	struct gf_call_spec c;
	struct gf_bytes o;
	int rc = 0;

	gf_call_spec_valid(&c);
	c.flags = GF_CALL_FULL_POOL;
	for (int i = 0; i < s->nparams; i++)
		if (s->params[i].kind == GF_P_SCALAR)
			c.mode[i] = 2;
	for (int sequence = 0; sequence <= 1; sequence++) {
		o.n = 0;
		if (sequence)
			gf_put(&o, (uint8_t)(s - gf_services));
		gf_put(&o, c.flags);
		gf_encode_call(&o, s, &c);
		snprintf(dir, sizeof dir, "%s/" GF_TARGET_PREFIX "%s", root,
			 sequence ? "sequence" : s->full_name);
		rc |= write_seed(dir, sequence ? "module_object_allocate-full-pool" : "full-pool", &o);
	}
	return rc;
}

/* .harn.raw-request: fuzz_sequence's first service, sent with the request
 * ids 0, one above the largest a service has, and 0xffffffff. */
static int raw_request_seeds(const char *root)
{
	uint32_t top = 0;
	char dir[4096], name[64];
	struct gf_call_spec c;
	struct gf_bytes o;
	int rc = 0;

	for (size_t i = 0; i < gf_service_count; i++)
		if (gf_services[i].id > top)
			top = gf_services[i].id;
	const uint32_t ids[] = {0, top + 1, 0xffffffffu};
	snprintf(dir, sizeof dir, "%s/" GF_TARGET_PREFIX "sequence", root);
	gf_call_spec_valid(&c);
	for (size_t k = 0; k < sizeof ids / sizeof ids[0]; k++) {
		o.n = 0;
		gf_put(&o, 0);
		gf_put(&o, GF_CALL_RAW_REQUEST);
		for (int b = 0; b < 4; b++)
			gf_put(&o, (uint8_t)(ids[k] >> (8 * b)));
		gf_encode_call(&o, &gf_services[0], &c);
		snprintf(name, sizeof name, "raw-request-%#x", ids[k]);
		rc |= write_seed(dir, name, &o);
	}
	return rc;
}

static int puppet_seeds(const char *root)
{
	char dir[4096], name[64];
	struct gf_bytes o;
	int rc = 0;

	snprintf(dir, sizeof dir, "%s/" GF_TARGET_PREFIX "puppet", root);
	mkdir(dir, 0755);
	/* op (1 load, 2 store, 3 jump), class (one of the original ones:
	 * gf_harness_raw), offset, width, value */
	for (int op = 1; op <= 3; op++)
		for (int k = 0; k < GF_CLASS_ORIGINAL_COUNT; k++) {
			o.n = 0;
			gf_put(&o, (uint8_t)op);
			gf_put(&o, (uint8_t)((k + GF_CLASS_ORIGINAL_COUNT - GF_CLASS_ORIGINAL_FROM % GF_CLASS_ORIGINAL_COUNT) %
					  GF_CLASS_ORIGINAL_COUNT));
			gf_put(&o, 5);
			gf_put(&o, 3);
			for (int v = 0; v < 4; v++)
				gf_put(&o, 0x41);
			snprintf(name, sizeof name, "%s-%s",
				 (const char *[]){"", "load", "store", "jump"}[op],
				 gf_class_name((enum gf_class)k));
			rc |= write_seed(dir, name, &o);
		}
	return rc;
}

/* One step of a state seed: a call, valid but for what it sets (NULL:
 * nothing). */
struct state_step {
	const char *service;
	void (*set)(struct gf_call_spec *c);
};

/* .harn.model.seeds: calls whose verdict the object-state model decides
 * from a state no per-parameter seed reaches. */
static void count_at_max(struct gf_call_spec *c)
{
	c->mode[2] = 2; /* semaphore_create's count: its maximum, 0xffffffff */
}

static void new_semaphore(struct gf_call_spec *c)
{
	/* the caller's second semaphore: the one created in its empty block */
	c->class_sel[0] = gf_class_selector(GF_CLASS_OBJ_OWN);
	c->offset_adjust[0] = 1;
}

static void semaphore_type(struct gf_call_spec *c)
{
	c->mode[0] = 7;
	c->value[0] = GF_OT_SEMAPHORE;
}

static void empty_name(struct gf_call_spec *c)
{
	semaphore_type(c);
	c->content[1] = "";
}

/* A proper prefix of the other module's (slot B, module 1) semaphore's
 * name, "m1.SEMAPHORE" (fixture.c). */
static void name_prefix(struct gf_call_spec *c)
{
	semaphore_type(c);
	c->content[1] = "m1.SEM";
}

/* The caller's (module 0) semaphore by its exact name and length. */
static void exact_name(struct gf_call_spec *c)
{
	semaphore_type(c);
	c->content[1] = "m0.SEMAPHORE";
	c->mode[2] = 7;
	c->value[2] = 12;
}

/* module_object_allocate's size: its maximum, room for any object. */
static void largest_block(struct gf_call_spec *c)
{
	c->mode[1] = 2;
}

/* The block the step before allocated or emptied, the last of the
 * caller's blocks holding no live object: with the fixture's empty and
 * stale blocks before it the third (5 % 3), the second where a delete
 * frees the block and the stale one is gone (5 % 2). */
static void new_block(struct gf_call_spec *c)
{
	c->offset_adjust[0] = 5;
}

/* The new block given back once the pool around it is full
 * (.harn.fixture.full): what is left is smaller than the largest
 * control block, so only the new block's gap fits one of its size. */
static void new_block_full_pool(struct gf_call_spec *c)
{
	new_block(c);
	c->flags = GF_CALL_FULL_POOL;
}

/* The semaphore created in the new block: the caller's third (its first,
 * the fixture's empty one, and that one). */
static void newest_semaphore(struct gf_call_spec *c)
{
	c->offset_adjust[0] = 2;
}

#define STATE_STEPS 4

static const struct state_seed {
	const char *target, *name; /* fuzz_<target>/<name> */
	struct state_step steps[STATE_STEPS];
} state_seeds[] = {
	{"sequence", "semaphore_put-at-maximum",
	 {{"semaphore_create", count_at_max},
	  {"semaphore_put", new_semaphore},
	  {"semaphore_info_get", new_semaphore}}},
	{"sequence", "module_object_deallocate-after-delete",
	 {{"module_object_allocate", largest_block},
	  {"semaphore_create", new_block},
	  {"semaphore_delete", newest_semaphore},
	  {"module_object_deallocate", new_block}}},
	{"sequence", "module_object_allocate-exact-gap",
	 {{"module_object_allocate", largest_block},
	  {"module_object_deallocate", new_block_full_pool},
	  {"module_object_allocate", largest_block}}},
	{"sequence", "byte_pool_info_get-adjacent-pieces",
	 {{"byte_pool_allocate", NULL},
	  {"byte_pool_allocate", NULL},
	  {"byte_pool_info_get", NULL}}},
	{"module_object_pointer_get", "name-empty",
	 {{"module_object_pointer_get", empty_name}}},
	{"module_object_pointer_get", "name-prefix",
	 {{"module_object_pointer_get", name_prefix}}},
	{"module_object_pointer_get_extended", "name-exact",
	 {{"module_object_pointer_get_extended", exact_name}}},
};

static int state_seed(const char *root, const struct state_seed *seed)
{
	int sequence = strcmp(seed->target, "sequence") == 0;
	char dir[4096];
	struct gf_bytes o = {.n = 0};

	snprintf(dir, sizeof dir, "%s/" GF_TARGET_PREFIX "%s", root, seed->target);
	for (int k = 0; k < STATE_STEPS && seed->steps[k].service; k++) {
		const struct gf_service *s = gf_service_by_name(seed->steps[k].service);
		struct gf_call_spec c;
		if (!s) {
			fprintf(stderr, "gf_gen: no service %s\n", seed->steps[k].service);
			return -1;
		}
		gf_call_spec_valid(&c);
		if (seed->steps[k].set)
			seed->steps[k].set(&c);
		if (sequence)
			gf_put(&o, (uint8_t)(s - gf_services));
		gf_put(&o, c.flags);
		gf_encode_call(&o, s, &c);
	}
	return write_seed(dir, seed->name, &o);
}

static int seeds(const char *root)
{
	int rc = 0;

	mkdir(root, 0755);
	for (size_t i = 0; i < gf_service_count; i++) {
		rc |= service_seeds(root, &gf_services[i], 0);
		rc |= service_seeds(root, &gf_services[i], 1);
	}
	for (size_t i = 0; i < sizeof state_seeds / sizeof state_seeds[0]; i++)
		rc |= state_seed(root, &state_seeds[i]);
	return rc | full_pool_seeds(root) | raw_request_seeds(root) | puppet_seeds(root);
}

static void dict_entry(FILE *f, const char *what, const uint8_t *b, size_t n)
{
	fprintf(f, "%s=\"", what);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "\\x%02x", b[i]);
	fprintf(f, "\"\n");
}

static void dict_u32(FILE *f, const char *what, uint32_t v)
{
	uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16),
			(uint8_t)(v >> 24)};
	dict_entry(f, what, b, 4);
}

static void dict_common(FILE *f)
{
	for (int k = 0; k < GF_CLASS_COUNT; k++) {
		uint8_t sel = gf_class_selector((enum gf_class)k);
		char what[64];
		snprintf(what, sizeof what, "class_%s", gf_class_name((enum gf_class)k));
		dict_entry(f, what, &sel, 1);
	}
	for (int m = 0; m < 2; m++)
		for (int t = 1; t < GF_OT_COUNT; t++)
			fprintf(f, "name_m%d_%s=\"m%d.%s\"\n", m,
				gf_object_type_name((enum gf_object_type)t), m,
				gf_object_type_name((enum gf_object_type)t));
}

static void dict_service(FILE *f, const struct gf_service *s)
{
	for (int i = 0; i < s->nparams; i++) {
		const struct gf_param *p = &s->params[i];
		char what[64];
		if (p->kind != GF_P_SCALAR)
			continue;
		snprintf(what, sizeof what, "%s_p%d_min", s->full_name, i);
		dict_u32(f, what, p->min);
		snprintf(what, sizeof what, "%s_p%d_max", s->full_name, i);
		dict_u32(f, what, p->max);
		snprintf(what, sizeof what, "%s_p%d_above", s->full_name, i);
		dict_u32(f, what, p->max + 1);
	}
}

static FILE *open_dict(const char *dir, const char *target)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s.dict", dir, target);
	f = fopen(path, "w");
	if (f)
		fprintf(f, "# generated from " GF_SERVICES_DEF " by gf_gen; do not edit\n");
	else
		fprintf(stderr, "gf_gen: %s: %s\n", path, strerror(errno));
	return f;
}

static int dicts(const char *dir)
{
	FILE *seq, *f;

	mkdir(dir, 0755);
	seq = open_dict(dir, GF_TARGET_PREFIX "sequence");
	if (!seq)
		return -1;
	dict_common(seq);
	for (size_t i = 0; i < gf_service_count; i++) {
		char target[96], what[96];
		uint8_t sel = (uint8_t)i;

		snprintf(target, sizeof target, GF_TARGET_PREFIX "%s", gf_services[i].full_name);
		f = open_dict(dir, target);
		if (!f)
			return -1;
		dict_common(f);
		dict_service(f, &gf_services[i]);
		fclose(f);
		snprintf(what, sizeof what, "service_%s", gf_services[i].full_name);
		dict_entry(seq, what, &sel, 1);
	}
	fclose(seq);
	if (!(f = open_dict(dir, GF_TARGET_PREFIX "puppet")))
		return -1;
	dict_common(f);
	fclose(f);
#ifdef GF_GEN_BUILTIN
	if (!(f = open_dict(dir, "fuzz_loader")))
		return -1;
	fprintf(f, "magic=\"GFMI\"\nversion=\"\\x01\\x00\"\nheader_size=\"\\x30\\x00\"\n");
	fclose(f);
#endif
	return 0;
}

static const char *kind_text(const struct gf_param *p, char *buf, size_t n)
{
	static const char *const modes[] = {"use", "owned", "create", "delete"};
	switch (p->kind) {
	case GF_P_OBJ: snprintf(buf, n, "object %s (%s)", gf_object_type_name(p->type), modes[p->mode]); break;
	case GF_P_IN: snprintf(buf, n, "buffer in"); break;
	case GF_P_OUT: snprintf(buf, n, "buffer out"); break;
	case GF_P_STR:
		if (p->unbounded)
			snprintf(buf, n, "name (no maximum)");
		else
			snprintf(buf, n, "string ≤ %u", p->max);
		break;
	case GF_P_SCALAR: snprintf(buf, n, "scalar [%u, %u]", p->min, p->max); break;
	case GF_P_WAIT: snprintf(buf, n, "wait option"); break;
	case GF_P_CB:
		snprintf(buf, n, "callback%s%s", p->user_mode ? " run by the module" : "",
			 p->nullable ? " (or NULL)" : "");
		break;
	case GF_P_SLOT: snprintf(buf, n, "slot of %u bytes%s", p->size, p->nullable ? " (or NULL)" : ""); break;
	case GF_P_POOLMEM: snprintf(buf, n, "pool memory"); break;
	}
	if ((p->kind == GF_P_IN || p->kind == GF_P_OUT) && p->len.rule == GF_LEN_PARAM_RULE) {
		size_t l = strlen(buf);
		snprintf(buf + l, n - l, ", length = param %d", p->len.param);
	} else if ((p->kind == GF_P_IN || p->kind == GF_P_OUT) && p->len.rule == GF_LEN_FIELD_RULE) {
		size_t l = strlen(buf);
		snprintf(buf + l, n - l, ", length = message size of param %d", p->len.param);
	}
	return buf;
}

static int docs(const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f) {
		fprintf(stderr, "gf_gen: %s: %s\n", path, strerror(errno));
		return -1;
	}
	fprintf(f, "# Services\n\nGenerated from `" GF_SERVICES_DEF "` by `gf_gen docs`; "
		   "do not edit. Each service has the fuzz target `" GF_TARGET_PREFIX "<service>`.\n\n"
		   "| id | service | parameters | documented errors |\n|---|---|---|---|\n");
	for (size_t i = 0; i < gf_service_count; i++) {
		const struct gf_service *s = &gf_services[i];
		fprintf(f, "| %u | `%s` | ", s->id, s->full_name);
		for (int k = 0; k < s->nparams; k++) {
			char buf[128];
			fprintf(f, "%s%d: %s", k ? "<br>" : "", k, kind_text(&s->params[k], buf, sizeof buf));
		}
		fprintf(f, "%s | ", s->nparams ? "" : "—");
		for (int e = 1, first = 1; e < 256; e++)
			if (gf_status_name((uint32_t)e) && gf_service_documents(s, (uint32_t)e)) {
				fprintf(f, "%s%s", first ? "" : ", ", gf_status_name((uint32_t)e));
				first = 0;
			}
		fprintf(f, " |\n");
	}
	fprintf(f, "\n## Pointer classes\n\n| selector | class | meaning |\n|---|---|---|\n");
	for (int k = 0; k < GF_CLASS_COUNT; k++)
		fprintf(f, "| %u | `%s` | %s |\n", gf_class_selector((enum gf_class)k),
			gf_class_name((enum gf_class)k), gf_class_description((enum gf_class)k));
	return fclose(f);
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "seeds") == 0)
		return seeds(argv[2]) ? 1 : 0;
	if (argc == 3 && strcmp(argv[1], "dict") == 0)
		return dicts(argv[2]) ? 1 : 0;
	if (argc == 3 && strcmp(argv[1], "docs") == 0)
		return docs(argv[2]) ? 1 : 0;
#ifdef GF_GEN_BUILTIN
	if (argc == 3 && strcmp(argv[1], "regressions") == 0)
		return gf_gen_regressions(argv[2]) ? 1 : 0;
#endif
	fprintf(stderr, "usage: gf_gen seeds DIR | dict DIR | docs FILE | regressions DIR\n");
	return 2;
}

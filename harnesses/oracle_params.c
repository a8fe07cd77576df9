/* oracle_params.c — reading the oracle's statement of the services'
 * parameters (.harn.independent). */
#include "oracle_params.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef GF_ORACLE_PARAMS
struct statement {
	const char *service, *params;
};
static const struct statement statements[] = {
#define GF_ORACLE(service, params) {#service, params},
#define GF_ORACLE_REFUSAL(kind, status)
#include GF_ORACLE_PARAMS
#undef GF_ORACLE_REFUSAL
#undef GF_ORACLE
};

int gf_oracle_refusal_status(enum gf_refusal r, uint32_t *status)
{
	switch (r) {
#define GF_ORACLE(service, params)
#define GF_ORACLE_REFUSAL(kind, st) \
	case GF_REFUSE_##kind:     \
		*status = GF_##st; \
		return 1;
#include GF_ORACLE_PARAMS
#undef GF_ORACLE_REFUSAL
#undef GF_ORACLE
	default:
		return 0;
	}
}

int gf_oracle_scalar_status(const struct gf_param *p, uint32_t *status)
{
	*status = p->err;
	return p->err != GF_SUCCESS; /* word() leaves it 0 unless stated */
}

static int type_named(const char *name, size_t n, enum gf_object_type *t)
{
	for (int k = 0; k < GF_OT_COUNT; k++) {
		const char *known = gf_object_type_name((enum gf_object_type)k);
		if (strlen(known) == n && strncmp(known, name, n) == 0) {
			*t = (enum gf_object_type)k;
			return 0;
		}
	}
	return -1;
}

/* L of in:L / out:L */
static int length(const char *v, struct gf_len *len)
{
	char *end;

	if (v[0] == 'p')
		*len = (struct gf_len)GF_LEN_PARAM((int)strtol(v + 1, &end, 10));
	else if (strncmp(v, "msg", 3) == 0)
		*len = (struct gf_len)GF_LEN_FIELD((int)strtol(v + 3, &end, 10),
						    QUEUE_MSG_BYTES);
	else
		*len = (struct gf_len)GF_LEN_FIXED((uint32_t)strtoul(v, &end, 0));
	return end == v || *end ? -1 : 0;
}

/* /S after a value's range or a wait: the status named S in status.def;
 * none leaves err 0 (no status stated). */
static int value_status(const char *v, struct gf_param *p)
{
	static const struct {
		const char *name;
		uint32_t value;
	} statuses[] = {
#define GF_STATUS(name, value, meaning) {#name, value},
#include "status.def"
#undef GF_STATUS
	};

	if (!*v)
		return 0;
	if (*v != '/')
		return -1;
	for (size_t k = 0; k < sizeof statuses / sizeof statuses[0]; k++)
		if (strcmp(statuses[k].name, v + 1) == 0 && statuses[k].value != GF_SUCCESS) {
			p->err = statuses[k].value;
			return 0;
		}
	return -1;
}

static int word(const char *w, struct gf_param *p)
{
	static const struct {
		const char *prefix;
		enum gf_obj_mode mode;
	} modes[] = {{"use:", GF_MODE_USE}, {"owned:", GF_MODE_OWNED},
		     {"create:", GF_MODE_CREATE}, {"delete:", GF_MODE_DELETE}};
	char *end;

	memset(p, 0, sizeof *p);
	for (unsigned k = 0; k < sizeof modes / sizeof modes[0]; k++)
		if (strncmp(w, modes[k].prefix, strlen(modes[k].prefix)) == 0) {
			const char *t = w + strlen(modes[k].prefix);
			p->kind = GF_P_OBJ;
			p->mode = modes[k].mode;
			return type_named(t, strlen(t), &p->type);
		}
	if (strncmp(w, "mem:", 4) == 0) {
		p->kind = GF_P_POOLMEM;
		return type_named(w + 4, strlen(w + 4), &p->type);
	}
	if (strncmp(w, "in:", 3) == 0 || strncmp(w, "out:", 4) == 0) {
		p->kind = w[0] == 'i' ? GF_P_IN : GF_P_OUT;
		return length(strchr(w, ':') + 1, &p->len);
	}
	if (strncmp(w, "str:", 4) == 0) {
		p->kind = GF_P_STR;
		p->max = (uint32_t)strtoul(w + 4, &end, 0);
		return *end ? -1 : 0;
	}
	if (strncmp(w, "val:", 4) == 0) {
		p->kind = GF_P_SCALAR;
		p->min = (uint32_t)strtoul(w + 4, &end, 0);
		if (*end != '-')
			return -1;
		p->max = (uint32_t)strtoul(end + 1, &end, 0);
		return value_status(end, p);
	}
	if (strncmp(w, "wait", 4) == 0) {
		p->kind = GF_P_WAIT;
		p->max = 0xffffffffu;
		return value_status(w + 4, p);
	}
	if (strcmp(w, "cb") == 0 || strcmp(w, "cb?") == 0) {
		p->kind = GF_P_CB;
		p->nullable = w[2] == '?';
		return 0;
	}
	if (strncmp(w, "slot", 4) == 0) {
		const char *size = w + 4;
		p->kind = GF_P_SLOT;
		p->nullable = *size == '?';
		size += p->nullable;
		p->size = strcmp(size, ":ptr") == 0 ? GF_SLOT_PTR : GF_SLOT_U32;
		return strcmp(size, ":ptr") && strcmp(size, ":u32") ? -1 : 0;
	}
	return -1;
}

int gf_oracle_params_parse(const char *full_name, struct gf_service *out,
			   char *err, size_t errlen)
{
	const struct statement *st = NULL;
	char words[256], *w, *next;

	for (size_t k = 0; k < sizeof statements / sizeof statements[0]; k++)
		if (strcmp(statements[k].service, full_name) == 0)
			st = &statements[k];
	if (!st) {
		snprintf(err, errlen, "%s: no entry in the oracle's parameter statement",
			 full_name);
		return -1;
	}
	snprintf(words, sizeof words, "%s", st->params);
	out->nparams = 0;
	/* Words split by single spaces (no strtok_r: the Windows build). */
	for (w = words; *w; w = next) {
		next = strchr(w, ' ');
		next = next ? (*next = 0, next + 1) : w + strlen(w);
		if (out->nparams == GF_MAX_PARAMS ||
		    word(w, &out->params[out->nparams])) {
			snprintf(err, errlen, "%s: cannot read parameter %d, \"%s\"",
				 full_name, out->nparams, w);
			return -1;
		}
		out->nparams++;
	}
	return 0;
}

/* Parsed once, on first use; the firmware builds have no heap. */
#define GF_ORACLE_SERVICES_MAX 128

const struct gf_service *gf_oracle_service(const struct gf_service *s)
{
	static struct gf_service stated[GF_ORACLE_SERVICES_MAX];
	static int parsed;
	char err[200];

	if (!parsed) {
		if (gf_service_count > GF_ORACLE_SERVICES_MAX) {
			fprintf(stderr, "gatefuzz: more services than the oracle's statement holds\n");
			exit(2);
		}
		for (size_t k = 0; k < gf_service_count; k++) {
			stated[k] = gf_services[k];
			if (gf_oracle_params_parse(gf_services[k].full_name, &stated[k],
						   err, sizeof err)) {
				fprintf(stderr, "gatefuzz: %s\n", err);
				exit(2);
			}
		}
		parsed = 1;
	}
	if (s >= stated && s < stated + gf_service_count)
		return s; /* already the oracle's */
	return &stated[s - gf_services];
}
#else
int gf_oracle_refusal_status(enum gf_refusal r, uint32_t *status)
{
	(void)r;
	(void)status;
	return 0;
}

/* A kernel whose services.def is the oracle's statement: its err is what
 * that kernel's documentation reads, not a status the oracle holds it to
 * (.harn.rules.status). */
int gf_oracle_scalar_status(const struct gf_param *p, uint32_t *status)
{
	(void)p;
	(void)status;
	return 0;
}

int gf_oracle_params_parse(const char *full_name, struct gf_service *out,
			   char *err, size_t errlen)
{
	(void)out;
	snprintf(err, errlen, "%s: this kernel's services.def is the oracle's statement",
		 full_name);
	return -1;
}

const struct gf_service *gf_oracle_service(const struct gf_service *s)
{
	return s;
}
#endif

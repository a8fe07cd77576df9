/* service_table.c — gf_services[], expanded from services.def (.svc.table).
 * The only place the table is turned into data; everything else looks
 * services up here. */
#include "service_table.h"

#include "kernel.h"

#define E(x) (1ull << GF_SI_##x)
#define GF_NPARAMS(...) \
	((int)(sizeof((struct gf_param[]){__VA_ARGS__}) / sizeof(struct gf_param)))
#define GF_SERVICE(id_, fam, nam, ret, errs, ...)                          \
	{.id = (id_), .family = #fam, .name = #nam, .full_name = #fam "_" #nam, \
	 .returns = GF_RET_##ret, .errors = (errs),                          \
	 .nparams = GF_NPARAMS(__VA_ARGS__), .params = {__VA_ARGS__}},

const struct gf_service gf_services[] = {
#include "services.def"
};
#undef GF_SERVICE
#undef GF_NPARAMS
#undef E

const size_t gf_service_count = sizeof gf_services / sizeof gf_services[0];

static const char *const object_type_names[] = {
#define GF_OT_NAME(name, v) [v] = #name,
	GF_OBJECT_TYPES(GF_OT_NAME)
#undef GF_OT_NAME
};

const char *gf_object_type_name(enum gf_object_type t)
{
	return (unsigned)t < GF_OT_COUNT ? object_type_names[t] : "?";
}

/* A kernel's control-block sizes are part of its description
 * (object_abi.h). */
size_t gf_kernel_object_size(enum gf_object_type t)
{
	static const uint32_t bytes[GF_OT_COUNT] = {
#define GF_OT_BYTES(name, v) [v] = GF_CB_BYTES_##name,
		GF_OBJECT_TYPES(GF_OT_BYTES)
#undef GF_OT_BYTES
	};
	return (unsigned)t < GF_OT_COUNT ? bytes[t] : 0;
}

/* Both kernels number their services 1, 2, 3... in table order, so a
 * request's id is its row: every dispatch looks its service up, and a
 * search of the table under the fuzzer's comparison tracing cost a tenth
 * of a pool fill (docs/performance.md).  A table numbered otherwise is
 * searched. */
const struct gf_service *gf_service_by_id(uint32_t id)
{
	if (id - 1 < gf_service_count && gf_services[id - 1].id == id)
		return &gf_services[id - 1];
	for (size_t i = 0; i < gf_service_count; i++)
		if (gf_services[i].id == id)
			return &gf_services[i];
	return NULL;
}

/* A loop of ours, not strcmp: under libFuzzer strcmp is the sanitizer's,
 * which hands both strings to the fuzzer as if the input had compared
 * them, and the harness names services on every call (the ledger) and
 * every pool fill. */
int gf_service_is(const struct gf_service *s, const char *full_name)
{
	const char *n = s->full_name;

	while (*n && *n == *full_name)
		n++, full_name++;
	return *n == *full_name;
}

const struct gf_service *gf_service_by_name(const char *full_name)
{
	for (size_t i = 0; i < gf_service_count; i++)
		if (gf_service_is(&gf_services[i], full_name))
			return &gf_services[i];
	return NULL;
}

int gf_service_documents(const struct gf_service *s, uint32_t status)
{
	if (status == GF_SUCCESS)
		return 1;
	return (s->errors & gf_status_bit(status)) != 0;
}

int gf_len_dependency(const struct gf_len *len)
{
	switch (len->rule) {
	case GF_LEN_PARAM_RULE:
	case GF_LEN_FIELD_RULE:
		return len->param;
	default:
		return -1;
	}
}

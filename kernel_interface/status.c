/* status.c — names and mask bits of status codes, from status.def. */
#include "status.h"

#include <stddef.h>

static const struct {
	uint32_t value;
	const char *name, *meaning;
} statuses[] = {
#define GF_STATUS(name, value, meaning) {(value), #name, meaning},
#include "status.def"
#undef GF_STATUS
};

static int status_index(uint32_t status)
{
	for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
		if (statuses[i].value == status)
			return (int)i;
	return -1;
}

const char *gf_status_name(uint32_t status)
{
	int i = status_index(status);
	return i < 0 ? NULL : statuses[i].name;
}

const char *gf_status_meaning(uint32_t status)
{
	int i = status_index(status);
	return i < 0 ? NULL : statuses[i].meaning;
}

uint64_t gf_status_bit(uint32_t status)
{
	int i = status_index(status);
	return i < 0 ? 0 : 1ull << i;
}

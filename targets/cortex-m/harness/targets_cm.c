/* targets_cm.c — finding a target of the image by name (.cm.one-image). */
#include <string.h>

#include "targets_cm.h"

const struct gf_cm_target *gf_cm_target_find(const char *name)
{
	for (size_t i = 0; i < gf_cm_target_count; i++)
		if (strcmp(gf_cm_targets[i].name, name) == 0)
			return &gf_cm_targets[i];
	return NULL;
}

/* fuzz_loader.c — module images from the fuzzer, into the loader's slot.
 * A rejected image must leave the slot empty; an accepted one must be what
 * the format says, every field the loader derives checked against the
 * image's own bytes (loader_check.c, .harn.loader.fields).  After an
 * accepted image a module that owns objects is unloaded, and nothing of it
 * may remain (loader_unload.c, .harn.loader.unload). */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "kernel.h"
#include "loader_check.h"
#include "loader_unload.h"

static void loader_bug(const char *detail)
{
	struct gf_bug b;

	memset(&b, 0, sizeof b);
	b.kind = "integrity";
	b.service = "loader";
	b.param = -1;
	b.cls = "-";
	snprintf(b.owner, sizeof b.owner, "%s", "loader-slot");
	snprintf(b.pc, sizeof b.pc, "kernel:loader");
	snprintf(b.site, sizeof b.site, "loader");
	snprintf(b.detail, sizeof b.detail, "%s", detail);
	gf_harness_judge(GF_VERDICT_BUG, &b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct gf_sandbox *sb;
	struct gf_slot *sl;
	struct gf_bug b;
	const char *wrong;
	char err[256];

	gf_harness_begin(data, len);
	sb = gf_harness_sandbox();
	sl = &sb->slot[GF_SLOT_LOADER];
	if (gf_sandbox_load(sb, GF_SLOT_LOADER, data, len, err, sizeof err) != 0) {
		if (sl->loaded)
			loader_bug("a rejected image left the slot loaded");
		else
			gf_harness_judge(GF_VERDICT_REJECTED, NULL);
	} else {
		wrong = gf_loader_derived_wrong(sl, data, len);
		gf_sandbox_unload(sb, GF_SLOT_LOADER);
		if (!wrong)
			wrong = gf_loader_unload_owner(err, sizeof err);
		if (wrong)
			loader_bug(wrong);
		else
			gf_harness_judge(GF_VERDICT_OK, NULL);
	}
	if (gf_oracle_integrity(&b))
		gf_harness_judge(GF_VERDICT_BUG, &b);
	return gf_harness_end();
}

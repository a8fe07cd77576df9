/* test_oracle.c — each verdict and each BUG kind, from a constructed case
 * (label oracle).  Usage: test_oracle BACKEND. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "one_call.h"
#include "encode.h"
#include "harness.h"
#include "kernel.h"
#include "rules.h"

static enum gf_verdict raw_load(enum gf_class c)
{
	/* fuzz_puppet's encoding: class byte, offset, width, value */
	uint8_t b[8] = {(uint8_t)((c + GF_CLASS_ORIGINAL_COUNT - GF_CLASS_ORIGINAL_FROM % GF_CLASS_ORIGINAL_COUNT) %
				  GF_CLASS_ORIGINAL_COUNT), 1, 3, 0, 0, 0, 0};
	struct gf_input in;

	gf_input_init(&in, b, sizeof b);
	gf_harness_begin(b, sizeof b);
	gf_harness_raw(GF_SLOT_A, GF_OP_LOAD, &in);
	gf_harness_end();
	return gf_harness_last(NULL, 0);
}

static const char *fault_kind(gf_context ctx, gf_access a, uintptr_t addr,
			      int pc_in_module, enum gf_verdict *v)
{
	static struct gf_bug b;
	struct gf_fault f;
	const struct gf_region *guard_of = NULL;

	memset(&f, 0, sizeof f);
	f.context = ctx;
	f.access = a;
	f.addr = addr;
	f.pc = pc_in_module ? gf_harness_sandbox()->slot[GF_SLOT_A].entry : 0x1234;
	f.pc_in_module = pc_in_module;
	f.pc_region = pc_in_module ? gf_harness_sandbox()->slot[GF_SLOT_A].code : NULL;
	f.region = gf_region_lookup(addr, &guard_of);
	f.guard_of = guard_of;
	f.owner = f.region ? f.region->owner : guard_of ? guard_of->owner : GF_PRINCIPAL_NONE;
	*v = gf_oracle_fault(&f, gf_harness_sandbox()->slot[GF_SLOT_A].module, &b);
	return *v == GF_VERDICT_BUG ? b.kind : "-";
}

int main(int argc, char **argv)
{
	const char *backend = argc > 1 ? argv[1] : "mprotect";
	struct gf_sandbox *sb;
	enum gf_verdict v;
	struct gf_bug b;
	uint8_t buf[64];
	char line[512];

	setenv("GATEFUZZ_BACKEND", backend, 1);
	gf_harness_set_replay(1);
	/* OK and REJECTED: a valid call; a kernel-arena buffer. */
	CHECK(one_call("semaphore_get", -1, 0) == GF_VERDICT_OK, "valid semaphore_get");
	CHECK(one_call("queue_send", 1, GF_CLASS_KERNEL_ARENA) == GF_VERDICT_REJECTED,
	      "queue_send from the kernel arena");
	CHECK(one_call("queue_create", 3, GF_CLASS_OWN_CODE) == GF_VERDICT_REJECTED,
	      "queue storage in the caller's code");
	sb = gf_harness_sandbox();

	/* CONTAINED: the module reads the kernel arena itself. */
	if (strcmp(gf_iso_backend(), "none") != 0) {
		CHECK(raw_load(GF_CLASS_KERNEL_ARENA) == GF_VERDICT_CONTAINED, "load of the arena");
		CHECK(raw_load(GF_CLASS_OTHER_DATA) == GF_VERDICT_CONTAINED, "load of another module");
	}
	CHECK(raw_load(GF_CLASS_OWN_DATA) == GF_VERDICT_OK, "load of its own data");

	/* Fault classification, from constructed fault records. */
	CHECK(!strcmp(fault_kind(GF_CTX_MODULE, GF_ACCESS_READ, sb->arena->base, 1, &v), "-") &&
	      v == GF_VERDICT_CONTAINED, "module fault in module code");
	CHECK(!strcmp(fault_kind(GF_CTX_MODULE, GF_ACCESS_EXEC, sb->arena->base, 0, &v), "-") &&
	      v == GF_VERDICT_CONTAINED, "module jumped into the arena");
	CHECK(!strcmp(fault_kind(GF_CTX_MODULE, GF_ACCESS_READ, sb->arena->base, 0, &v),
		      "kernel-fault"), "fault in the gate, not module code");
	CHECK(!strcmp(fault_kind(GF_CTX_KERNEL, GF_ACCESS_WRITE,
				 sb->slot[GF_SLOT_B].data->base + 64, 0, &v), "deputy-write"),
	      "kernel wrote another module's data");
	CHECK(!strcmp(fault_kind(GF_CTX_KERNEL, GF_ACCESS_READ,
				 sb->slot[GF_SLOT_B].code->base, 0, &v), "deputy-read"),
	      "kernel read another module's code");
	CHECK(!strcmp(fault_kind(GF_CTX_KERNEL, GF_ACCESS_WRITE,
				 sb->slot[GF_SLOT_A].code->base, 0, &v), "deputy-write"),
	      "kernel wrote the caller's code");
	CHECK(!strcmp(fault_kind(GF_CTX_KERNEL, GF_ACCESS_READ,
				 sb->arena->base - 8, 0, &v), "deputy-read"),
	      "kernel read a guard page");
	CHECK(!strcmp(fault_kind(GF_CTX_KERNEL, GF_ACCESS_READ, 8, 0, &v), "kernel-fault"),
	      "kernel followed NULL");

	/* integrity: a smashed kernel global. */
	gf_harness_begin(buf, 0);
	CHECK(gf_oracle_integrity(&b) == 0, "clean arena");
	memset((void *)sb->arena->base, 0xa5, 64);
	CHECK(gf_oracle_integrity(&b) == 1 && !strcmp(b.kind, "integrity"),
	      "smashed system state");
	gf_harness_begin(buf, 0);
	CHECK(gf_oracle_integrity(&b) == 0, "restored arena");

	/* The kind a kernel earns by accepting what the rules reject. */
	{
		const struct gf_service *send = gf_service_by_name("queue_send");
		const struct gf_service *recv = gf_service_by_name("queue_receive");
		const struct gf_service *create = gf_service_by_name("thread_create");
		struct gf_rule_result r = {1, 1, "x", 0, 0, 0, 0};
		CHECK(!strcmp(gf_rules_bug_kind(send, &r), "deputy-read"), "send source");
		CHECK(!strcmp(gf_rules_bug_kind(recv, &r), "deputy-write"), "receive dest");
		r.param = 0;
		CHECK(!strcmp(gf_rules_bug_kind(send, &r), "integrity"), "object in use");
		CHECK(!strcmp(gf_rules_bug_kind(create, &r), "deputy-write"), "creation");
		r.param = 2;
		r.extra = 1;
		CHECK(!strcmp(gf_rules_bug_kind(create, &r), "deputy-read"), "extra array");
	}

	/* The BUG line the triage parses. */
	memset(&b, 0, sizeof b);
	b = (struct gf_bug){.kind = "deputy-write", .service = "queue_receive", .param = 1,
			    .cls = "KERNEL_ARENA", .addr = 0x1000};
	strcpy(b.owner, "kernel-arena");
	strcpy(b.pc, "kernel:queue_receive/impl");
	strcpy(b.site, "queue_receive/impl");
	gf_bug_line(&b, line, sizeof line);
	CHECK(!strcmp(line, "GATEFUZZ-BUG: deputy-write service=queue_receive param=1 "
			    "class=KERNEL_ARENA addr=0x1000 owner=kernel-arena "
			    "pc=kernel:queue_receive/impl site=queue_receive/impl"),
	      "line: %s", line);
	gf_bug_title(&b, line, sizeof line);
	CHECK(!strcmp(line, "deputy-write queue_receive queue_receive/impl"), "title: %s", line);

	printf("oracle (%s): %s\n", gf_iso_backend(), check_failures ? "FAILED" : "all verdicts and kinds as expected");
	return check_failures ? 1 : 0;
}

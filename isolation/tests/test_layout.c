/* test_layout.c — the span, the region table, domains and their range
 * query, minimal switches, and misuse.
 *
 * usage: test_layout <backend>
 *        test_layout --print-layout   (the same setup in a fresh process,
 *                                      printing where the regions went)
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "testmod.h"

#define NMOD 3

static struct gf_module_domains mods[NMOD];
static const struct gf_region *arena, *window;

static int setup(const char *backend)
{
	if (gf_iso_init(backend) != 0)
		return -1;
	arena = gf_region_create("kernel-arena", GF_REGION_ARENA, GF_PRINCIPAL_KERNEL,
				 16 * 1024, GF_PERM_RW);
	for (int i = 0; i < NMOD; i++)
		if (tm_module_create(i + 1, 100, 16 * 1024, arena, &mods[i]) != 0)
			return -1;
	window = gf_region_create("window", GF_REGION_SHARED, GF_PRINCIPAL_KERNEL,
				  4096, GF_PERM_RW);
	if (!arena || !window || gf_module_share(&mods[0], window, GF_PERM_RW) != 0)
		return -1;
	return 0;
}

static void print_layout(FILE *out)
{
	for (int id = 0; id < gf_region_count(); id++) {
		const struct gf_region *r = gf_region_get(id);
		fprintf(out, "%s %#lx %zu\n", r->name, (unsigned long)r->base, r->size);
	}
}

static void perms(void)
{
	char buf[4];
	static const char *const text[] = {"---", "r--", "-w-", "rw-", "--x", "r-x", "-wx", "rwx"};
	for (unsigned p = 0; p < 8; p++)
		CHECK(strcmp(gf_perm_str((gf_perm)p, buf), text[p]) == 0, "perm %u: %s", p, buf);
	tc_cases++;
	printf("gf_perm_str: all 8 permissions\n");
}

static void layout_is_fixed(const char *self)
{
	uintptr_t lo, hi;
	gf_span(&lo, &hi);
	size_t page = 4096;
	CHECK(lo == 0x200000000000ull && hi - lo == 1ull << 30, "span %#lx-%#lx",
	      (unsigned long)lo, (unsigned long)hi);
	CHECK(arena->base == lo + page && arena->size == 16 * 1024, "first region after one guard");
	CHECK(mods[0].code->size == page, "sizes are page rounded: %zu", mods[0].code->size);
	for (int id = 1; id < gf_region_count(); id++) {
		const struct gf_region *prev = gf_region_get(id - 1), *r = gf_region_get(id);
		CHECK(r->id == id && r->base == prev->base + prev->size + 2 * page,
		      "%s follows %s after two guard pages", r->name, prev->name);
	}
	tc_cases++;

	/* The same setup in a fresh process gives the same addresses. */
	char cmd[4200], mine[4096] = "", theirs[4096] = "";
	snprintf(cmd, sizeof cmd, "%s --print-layout", self);
	FILE *child = popen(cmd, "r");
	CHECK(child != NULL, "popen");
	size_t n = fread(theirs, 1, sizeof theirs - 1, child);
	theirs[n] = '\0';
	CHECK(pclose(child) == 0, "child status");
	FILE *own = fmemopen(mine, sizeof mine, "w");
	print_layout(own);
	fclose(own);
	tc_cases++;
	CHECK(strcmp(mine, theirs) == 0, "layouts differ:\n%s---\n%s", mine, theirs);
	printf("layout: %d regions at fixed, page-rounded addresses, the same in a fresh process\n",
	       gf_region_count());
}

static void lookup(void)
{
	const struct gf_region *d = mods[1].data, *g, *last = window;
	size_t page = 4096;
	struct {
		uintptr_t addr;
		const struct gf_region *region, *guard_of;
	} cases[] = {
		{d->base, d, NULL},
		{d->base + d->size - 1, d, NULL},
		{d->base - 1, NULL, d},
		{d->base - page, NULL, d},
		{d->base + d->size, NULL, d},
		{d->base + d->size + page - 1, NULL, d},
		{arena->base - page - 1, NULL, NULL},          /* below the span */
		{last->base + last->size + page, NULL, NULL},  /* a hole */
		{0, NULL, NULL},
		{UINTPTR_MAX, NULL, NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct gf_region *r = gf_region_lookup(cases[i].addr, &g);
		tc_cases++;
		CHECK(r == cases[i].region && g == cases[i].guard_of,
		      "lookup %#lx: %s / guard of %s", (unsigned long)cases[i].addr,
		      r ? r->name : "-", g ? g->name : "-");
	}
	CHECK(gf_region_lookup(d->base + 1, NULL) == d, "guard_of may be NULL");
	CHECK(!gf_region_get(-1) && !gf_region_get(gf_region_count()), "get out of range");
	printf("lookup: interiors, guards before and after, holes, outside the span\n");
}

static void range_perm(void)
{
	const struct gf_module_domains *m = &mods[0];
	const struct gf_region *data = m->data;
	struct {
		gf_domain_id d;
		uintptr_t addr;
		size_t len;
		gf_perm want;
		const char *what;
	} cases[] = {
		{GF_DOMAIN_HOST, arena->base, arena->size, GF_PERM_RW, "host: the whole arena"},
		{GF_DOMAIN_HOST, m->code->base, 1, GF_PERM_RX, "host: code at its natural permission"},
		{m->self, data->base, data->size, GF_PERM_RW, "module: its data"},
		{m->self, m->code->base + 10, 20, GF_PERM_RX, "module: its code"},
		{m->self, arena->base, 1, GF_PERM_NONE, "module: the arena"},
		{m->self, mods[1].data->base, 1, GF_PERM_NONE, "module: another's data"},
		{m->self, window->base, window->size, GF_PERM_RW, "module: a shared window"},
		{m->kernel_for, arena->base + 5, 100, GF_PERM_RW, "kernel-for: the arena"},
		{m->kernel_for, data->base, 8, GF_PERM_RW, "kernel-for: the caller's data"},
		{m->kernel_for, m->code->base, 8, GF_PERM_RX, "kernel-for: the caller's code"},
		{m->kernel_for, window->base, 8, GF_PERM_RW, "kernel-for: the window"},
		{mods[1].kernel_for, data->base, 8, GF_PERM_NONE, "kernel-for-2: module 1's data"},
		{m->self, data->base, 0, GF_PERM_NONE, "len 0"},
		{m->self, data->base + data->size - 1, 2, GF_PERM_NONE, "into the guard after"},
		{m->self, data->base - 1, 2, GF_PERM_NONE, "from the guard before"},
		{m->self, data->base, data->size + 1, GF_PERM_NONE, "one byte too long"},
		{GF_DOMAIN_HOST, arena->base, (size_t)(mods[0].code->base - arena->base + 1),
		 GF_PERM_NONE, "across two regions and their guards"},
		{m->self, UINTPTR_MAX - 1, 4, GF_PERM_NONE, "wraps"},
		{m->self, data->base, SIZE_MAX, GF_PERM_NONE, "wraps, huge len"},
		{m->self, 0x1000, 8, GF_PERM_NONE, "outside the span"},
		{-1, data->base, 8, GF_PERM_NONE, "invalid domain"},
		{GF_MAX_DOMAINS, data->base, 8, GF_PERM_NONE, "unknown domain"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		gf_perm got = gf_domain_range_perm(cases[i].d, cases[i].addr, cases[i].len);
		char g[4], w[4];
		tc_cases++;
		CHECK(got == cases[i].want, "%s: %s, expected %s", cases[i].what,
		      gf_perm_str(got, g), gf_perm_str(cases[i].want, w));
	}
	/* The intersection: a read-only grant narrows a window range. */
	gf_domain_id reader = gf_domain_create("reader", 7);
	CHECK(gf_domain_grant(reader, window, GF_PERM_R) == 0 &&
		      gf_domain_range_perm(reader, window->base, 16) == GF_PERM_R,
	      "read-only grant");
	CHECK(gf_domain_perm(reader, window) == GF_PERM_R &&
		      gf_domain_perm(reader, arena) == GF_PERM_NONE &&
		      gf_domain_principal(reader) == 7 &&
		      strcmp(gf_domain_name(reader), "reader") == 0,
	      "domain queries");
	CHECK(gf_domain_grant(reader, window, (gf_perm)8) == -1 &&
		      gf_domain_grant(-1, window, GF_PERM_R) == -1,
	      "bad grants refused");
	tc_cases++;
	printf("gf_domain_range_perm: %zu ranges (whole regions, guards, len 0, wrap, "
	       "foreign domains)\n", sizeof cases / sizeof cases[0]);
}

static void module_domains(void)
{
	const struct gf_module_domains *m = &mods[0];
	struct gf_module_domains bad;
	CHECK(gf_domain_perm(m->self, m->code) == GF_PERM_RX &&
		      gf_domain_perm(m->self, m->data) == GF_PERM_RW &&
		      gf_domain_perm(m->self, arena) == GF_PERM_NONE &&
		      gf_domain_perm(m->kernel_for, arena) == GF_PERM_RW &&
		      gf_domain_perm(m->kernel_for, m->code) == GF_PERM_RX &&
		      gf_domain_perm(m->kernel_for, m->data) == GF_PERM_RW &&
		      gf_domain_perm(m->kernel_for, mods[1].data) == GF_PERM_NONE,
	      "module and kernel-for grants");
	CHECK(gf_domain_principal(m->self) == 1 &&
		      gf_domain_principal(m->kernel_for) == GF_PRINCIPAL_KERNEL &&
		      gf_domain_principal(GF_DOMAIN_HOST) == GF_PRINCIPAL_NONE,
	      "principals");
	CHECK(gf_module_domains(1, mods[0].data, mods[0].data, arena, &bad) == -1 &&
		      gf_module_domains(2, mods[0].code, mods[0].data, arena, &bad) == -1 &&
		      gf_module_domains(1, mods[0].code, mods[0].data, window, &bad) == -1,
	      "wrong kinds or owners refused");
	tc_cases++;
	printf("gf_module_domains: module r-x/rw-, kernel-for arena rw- + caller's code/data\n");
}

/* Regions changed by one switch: only those whose protection differs. */
static void minimal_switches(bool enforcing)
{
	struct {
		gf_domain_id to;
		unsigned changed;
		const char *what;
	} steps[] = {
		{mods[0].self, 5, "host -> mod1: arena, mod2 and mod3 code and data close"},
		{mods[0].kernel_for, 1, "mod1 -> kernel-for-mod1: the arena alone"},
		{mods[0].self, 1, "kernel-for-mod1 -> mod1: the arena alone"},
		{mods[1].self, 5, "mod1 -> mod2: both modules' code and data, the window"},
		{mods[1].self, 0, "mod2 -> mod2: nothing"},
		{GF_DOMAIN_HOST, 6, "mod2 -> host: arena, mod1, mod3, the window"},
	};
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		struct gf_iso_counters before, after;
		gf_iso_counters(&before);
		gf_domain_id prev = gf_domain_current();
		CHECK(gf_domain_switch(steps[i].to) == prev, "switch returns the previous domain");
		gf_iso_counters(&after);
		unsigned want = enforcing ? steps[i].changed : 0;
		tc_cases++;
		CHECK(after.regions_changed - before.regions_changed == want &&
			      after.switches - before.switches == (prev != steps[i].to),
		      "%s: %lu regions changed, expected %u", steps[i].what,
		      (unsigned long)(after.regions_changed - before.regions_changed), want);
		printf("switch %s: %u changed\n", steps[i].what, want);
	}
	CHECK(gf_domain_switch(-1) == -1 && gf_domain_current() == GF_DOMAIN_HOST,
	      "invalid switch refused");
}

static int nested_rc;

static uintptr_t kernel(uint32_t request, uintptr_t p0, uintptr_t p1, uintptr_t p2)
{
	struct gf_fault f;
	nested_rc = tm_run(&mods[1], TM_RET, 0, &f); /* no runs inside runs */
	return request + p0 + p1 + p2;
}

static void misuse(void)
{
	const struct gf_module_domains *m = &mods[0];
	struct gf_fault f;
	struct tm_gate_block *blk = (struct tm_gate_block *)m->data->base;
	uintptr_t top = tm_stack_top(m);

	*blk = (struct tm_gate_block){.gate = (uintptr_t)gf_gate_entry(), .request = 1};
	CHECK(tm_run(m, TM_GATE_THEN, (uintptr_t)blk, &f) == 0 && blk->result == UINTPTR_MAX,
	      "without a handler the gate answers UINTPTR_MAX");
	gf_gate_set_handler(kernel);
	*blk = (struct tm_gate_block){.gate = (uintptr_t)gf_gate_entry(), .request = 1,
				      .p0 = 2, .p1 = 3, .p2 = 4};
	CHECK(tm_run(m, TM_GATE_THEN, (uintptr_t)blk, &f) == 0 && blk->result == 10,
	      "the handler's value reaches the module: %lu", (unsigned long)blk->result);
	CHECK(nested_rc == -1, "a run inside a gate call is refused");
	CHECK(gf_module_run(m, mods[1].code->base, 0, top, &f) == -1,
	      "entry outside the module's code refused");
	CHECK(gf_module_run(m, tm_entry(m, TM_RET), 0, mods[1].data->base + 4096, &f) == -1 &&
		      gf_module_run(m, tm_entry(m, TM_RET), 0, m->data->base, &f) == -1,
	      "stack outside the module's data refused");
	CHECK(gf_module_run(NULL, 0, 0, 0, &f) == -1 &&
		      gf_module_run(m, tm_entry(m, TM_RET), 0, top, NULL) == -1,
	      "NULL refused");
	CHECK(gf_gate_entry()(1, 2, 3, 4) == UINTPTR_MAX,
	      "the gate called from host context refuses");
	CHECK(gf_gate_caller() == GF_PRINCIPAL_NONE && gf_gate_caller_domain() == -1 &&
		      gf_context_current() == GF_CTX_HOST,
	      "no caller outside a gate call");
	uint8_t bytes[16] = {1, 2, 3};
	CHECK(gf_region_fill(m->code, m->code->size - 8, bytes, 16) == -1 &&
		      gf_region_fill(m->code, m->code->size + 1, NULL, 0) == -1 &&
		      gf_region_fill(NULL, 0, bytes, 1) == -1,
	      "fill outside the region refused");
	CHECK(gf_region_fill(m->code, m->code->size - 16, bytes, 16) == 0 &&
		      memcmp((void *)(m->code->base + m->code->size - 16), bytes, 16) == 0 &&
		      gf_region_fill(m->code, m->code->size - 16, NULL, 16) == 0 &&
		      *(uint8_t *)(m->code->base + m->code->size - 16) == 0,
	      "fill of code copies and zeroes");
	CHECK(gf_iso_init("mprotect") == -1, "a second init is refused");
	tc_cases += 10;
	printf("misuse: refused runs, gate outside runs, fills, second init\n");
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--print-layout") == 0) {
		if (setup("none") != 0)
			return 1;
		print_layout(stdout);
		return 0;
	}
	const char *backend = argc > 1 ? argv[1] : "mprotect";
	char name[64];
	snprintf(name, sizeof name, "isolation_layout_%s", backend);

	CHECK(gf_region_create("early", GF_REGION_DATA, 1, 4096, GF_PERM_RW) == NULL &&
		      gf_domain_switch(GF_DOMAIN_HOST) == -1,
	      "nothing works before gf_iso_init");
	CHECK(gf_iso_init("bogus") == -1, "unknown backend refused");
	const char *const *names = gf_iso_backends();
	bool none = false, mprotect = false;
	for (; *names; names++)
		none |= strcmp(*names, "none") == 0, mprotect |= strcmp(*names, "mprotect") == 0;
	CHECK(none && mprotect, "none and mprotect are compiled in");
	if (setup(backend) != 0) {
		printf("%s: FAIL: setup with backend %s\n", name, backend);
		return 1;
	}
	bool enforcing = strcmp(backend, "none") != 0;
	CHECK(strcmp(gf_iso_backend(), backend) == 0, "backend %s", gf_iso_backend());
	CHECK(gf_iso_process_wide() == (strcmp(backend, "mprotect") == 0), "process wide");

	perms();
	layout_is_fixed(argv[0]);
	lookup();
	range_perm();
	module_domains();
	minimal_switches(enforcing);
	misuse();
	return tc_finish(name, 40);
}

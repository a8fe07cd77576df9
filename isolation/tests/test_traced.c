/* test_traced.c — traced regions (isolation/traced.h).
 *
 * usage: test_traced <backend>
 *
 * Module 1 is granted three traced regions: "dev", registers whose reads
 * a device model emulates, "dev-ro", the same read-only, and "mem", plain
 * memory.  Module 2 is granted none.  Checked, with the scripted module
 * code of tracedmod.S:
 *   - every access is recorded exactly once, with its kind, width, offset,
 *     value, PC and instruction length, and execution continues;
 *   - reads return the model's value, writes reach the model with the
 *     value written, read-modify-writes are both; register content is the
 *     same after every access, memory keeps what was written;
 *   - the kernel serving module 1 is traced too (kernel context);
 *   - module 2, and the kernel serving it, fault as in any region they
 *     lack, and nothing is recorded; so does a write to "dev-ro" and an
 *     instruction fetch from "dev";
 *   - a refused instruction (a string instruction) and an access crossing
 *     the region's end fault as usual and are logged as refused;
 *   - a SIGTRAP that is no step (raise, int3) reaches the handler that was
 *     there before;
 *   - the decoder, on encodings the snippets do not cover.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "testmod.h"
#include "traced.h"
#include "traced_internal.h"
#include "tracedmod.h"

#define R GF_TRACED_READ
#define W GF_TRACED_WRITE
#define RW (GF_TRACED_READ | GF_TRACED_WRITE)
#define EMU GF_TRACED_EMULATED

static struct gf_module_domains m1, m2;
static const struct gf_region *arena, *dev, *dev_ro, *mem;

/* ---- the device model ---------------------------------------------------- */

static struct model {
	uint64_t next;    /* what every read returns                 */
	int reads, writes;
	size_t read_offset, write_offset;
	unsigned read_width, write_width;
	uint64_t written; /* the last write's value                  */
} model;

static uint64_t model_read(void *ctx, size_t offset, unsigned width)
{
	struct model *m = ctx;
	m->reads++;
	m->read_offset = offset;
	m->read_width = width;
	return m->next;
}

static void model_write(void *ctx, size_t offset, unsigned width, uint64_t v)
{
	struct model *m = ctx;
	m->writes++;
	m->write_offset = offset;
	m->write_width = width;
	m->written = v;
}

static const struct gf_traced_ops registers = {model_read, model_write, true};

/* Every read returns NEXT; every byte of a register region holds FILL. */
#define NEXT 0x8899aabbccddeeffull
#define VALUE 0x0123456789abcdefull
#define FILL 0xee

static uint64_t mask(uint64_t v, unsigned width)
{
	return width == 8 ? v : v & ((1ull << (8 * width)) - 1);
}

static void reset(const struct gf_region *r, uint8_t byte)
{
	static uint8_t pattern[8192];
	memset(pattern, byte, sizeof pattern);
	CHECK(gf_region_fill(r, 0, pattern, r->size) == 0, "fill %s", r->name);
	gf_traced_clear(r);
	model = (struct model){.next = NEXT};
}

/* ---- the kernel ---------------------------------------------------------- */

enum { REQ_LOAD32 = 1, REQ_STORE32 = 2 };

static uintptr_t kernel(uint32_t request, uintptr_t p0, uintptr_t p1, uintptr_t p2)
{
	(void)p2;
	if (request == REQ_LOAD32)
		return *(volatile uint32_t *)p0;
	*(volatile uint32_t *)p0 = (uint32_t)p1;
	return 0;
}

/* Module m asks the kernel for `request` on addr (tm_gate_then, its block
 * past the tr_block at the data region's base). */
static int kernel_does(const struct gf_module_domains *m, uint32_t request,
		       uintptr_t addr, uint32_t value, uintptr_t *result,
		       struct gf_fault *f)
{
	struct tm_gate_block *blk = (struct tm_gate_block *)(m->data->base + 256);
	*blk = (struct tm_gate_block){.gate = (uintptr_t)gf_gate_entry(),
				      .request = request, .p0 = addr, .p1 = value};
	int rc = tm_run(m, TM_GATE_THEN, (uintptr_t)blk, f);
	*result = blk->result;
	return rc;
}

/* ---- checks -------------------------------------------------------------- */

/* The log of r holds exactly n entries; entry i into *e. */
static bool logged(const char *what, const struct gf_region *r, uint64_t n,
		   uint64_t i, struct gf_traced_access *e)
{
	uint64_t count = gf_traced_count(r);
	CHECK(count == n, "%s: %llu accesses recorded, expected %llu", what,
	      (unsigned long long)count, (unsigned long long)n);
	return count == n && gf_traced_entry(r, i, e) == 0;
}

static void check_entry(const char *what, const struct gf_traced_access *e,
			unsigned flags, unsigned width, size_t offset,
			struct tr_site site, gf_context ctx, gf_domain_id dom)
{
	CHECK(e->flags == flags, "%s: flags %#x, expected %#x", what, e->flags, flags);
	CHECK(e->width == width, "%s: width %u, expected %u", what, e->width, width);
	CHECK(e->offset == offset, "%s: offset %#zx, expected %#zx", what,
	      e->offset, offset);
	CHECK(site.pc == 0 || e->pc == site.pc, "%s: pc %#lx, expected %#lx", what,
	      (unsigned long)e->pc, (unsigned long)site.pc);
	CHECK(site.length == 0 || e->length == site.length,
	      "%s: length %u, expected %u", what, e->length, site.length);
	CHECK(e->context == ctx && e->domain == dom, "%s: context %d domain %s",
	      what, e->context, gf_domain_name(e->domain));
}

/* r's bytes at [off, off + width) all hold `byte`. */
static bool unchanged(const struct gf_region *r, size_t off, unsigned width,
		      uint8_t byte)
{
	uint8_t now[8];
	if (gf_traced_peek(r, off, now, width) != 0)
		return false;
	for (unsigned i = 0; i < width; i++)
		if (now[i] != byte)
			return false;
	return true;
}

/* ---- one access per snippet, on registers --------------------------------- */

static const struct single {
	enum tr_snippet s;
	const char *name;
	unsigned access, width;
	size_t extra; /* displacement in the instruction */
} singles[] = {
	{TR_LOAD8, "movzbl", R, 1, 0},     {TR_LOAD16, "movzwl", R, 2, 0},
	{TR_LOAD32, "movl load", R, 4, 0}, {TR_LOAD64, "movq load", R, 8, 0},
	{TR_SLOAD8, "movsbq", R, 1, 0},    {TR_STORE8, "movb store", W, 1, 0},
	{TR_STORE16, "movw store", W, 2, 0}, {TR_STORE32, "movl store", W, 4, 0},
	{TR_STORE64, "movq store", W, 8, 0}, {TR_STORE_IMM, "movl $imm, 16()", W, 4, 16},
	{TR_ADD, "addl $1", RW, 4, 0},     {TR_OR8, "orb", RW, 1, 0},
	{TR_XCHG, "xchgq", RW, 8, 0},
};

/* What the snippet leaves in block->result, after reading `got`. */
static uint64_t expected_result(enum tr_snippet s, uint64_t got)
{
	return s == TR_SLOAD8 ? (uint64_t)(int64_t)(int8_t)got : got;
}

/* What the snippet writes, after reading `got`. */
static uint64_t expected_write(enum tr_snippet s, uint64_t got, unsigned width)
{
	switch (s) {
	case TR_STORE_IMM: return TR_IMM;
	case TR_ADD: return mask(got + 1, width);
	case TR_OR8: return mask(got | VALUE, width);
	default: return mask(VALUE, width);
	}
}

static void one_access(const struct single *c)
{
	const size_t at = 0x40;
	char what[96];
	snprintf(what, sizeof what, "%s on registers", c->name);
	reset(dev, FILL);
	struct tr_block *b = tr_block_of(&m1);
	*b = (struct tr_block){.addr = dev->base + at, .value = VALUE};
	struct gf_fault f;
	tc_expect_ok(what, tr_run(&m1, c->s, &f), &f);
	tc_cases++;
	struct gf_traced_access e;
	if (!logged(what, dev, 1, 0, &e))
		return;
	size_t off = at + c->extra;
	uint64_t got = mask(NEXT, c->width);
	check_entry(what, &e, c->access | (c->access & R ? EMU : 0), c->width, off,
		    tr_site(&m1, c->s, 0), GF_CTX_MODULE, m1.self);
	if (c->access & R) {
		CHECK(e.read == got, "%s: read %#llx, expected %#llx", what,
		      (unsigned long long)e.read, (unsigned long long)got);
		CHECK(model.reads == 1 && model.read_offset == off &&
			      model.read_width == c->width,
		      "%s: %d model reads", what, model.reads);
	} else {
		CHECK(model.reads == 0, "%s: %d model reads", what, model.reads);
	}
	if (c->s <= TR_SLOAD8 || c->s == TR_XCHG)
		CHECK(b->result == expected_result(c->s, got),
		      "%s: the module read %#llx", what, (unsigned long long)b->result);
	if (c->access & W) {
		uint64_t want = expected_write(c->s, got, c->width);
		CHECK(e.written == want, "%s: wrote %#llx, expected %#llx", what,
		      (unsigned long long)e.written, (unsigned long long)want);
		CHECK(model.writes == 1 && model.written == want &&
			      model.write_offset == off && model.write_width == c->width,
		      "%s: %d model writes, last %#llx", what, model.writes,
		      (unsigned long long)model.written);
	} else {
		CHECK(model.writes == 0, "%s: %d model writes", what, model.writes);
	}
	CHECK(unchanged(dev, off, c->width, FILL),
	      "%s: register content changed", what);
}

/* ---- several accesses in one run, memory, grants ------------------------- */

static void script(void)
{
	const char *what = "four-access script";
	reset(dev, FILL);
	model.next = 0x11223344;
	struct tr_block *b = tr_block_of(&m1);
	*b = (struct tr_block){.addr = dev->base};
	struct gf_fault f;
	tc_expect_ok(what, tr_run(&m1, TR_SCRIPT, &f), &f);
	tc_cases++;
	static const struct {
		unsigned flags, width;
		size_t offset;
	} want[TR_SCRIPT_ACCESSES] = {
		{R | EMU, 4, 0}, {W, 4, 4}, {RW | EMU, 4, 8}, {R | EMU, 1, 12}};
	struct gf_traced_access e[TR_SCRIPT_ACCESSES];
	for (int i = 0; i < TR_SCRIPT_ACCESSES; i++) {
		char name[64];
		snprintf(name, sizeof name, "%s, access %d", what, i);
		if (!logged(name, dev, TR_SCRIPT_ACCESSES, (uint64_t)i, &e[i]))
			return;
		check_entry(name, &e[i], want[i].flags, want[i].width, want[i].offset,
			    tr_site(&m1, TR_SCRIPT, i), GF_CTX_MODULE, m1.self);
	}
	CHECK(e[0].read == 0x11223344 && e[1].written == 0x11223344 &&
		      e[2].read == 0x11223344 && e[2].written == 0x11223345 &&
		      e[3].read == 0x44 && b->result == 0x44,
	      "%s: values %#llx %#llx %#llx %#llx %#llx", what,
	      (unsigned long long)e[0].read, (unsigned long long)e[1].written,
	      (unsigned long long)e[2].written, (unsigned long long)e[3].read,
	      (unsigned long long)b->result);
	CHECK(model.reads == 3 && model.writes == 2, "%s: %d reads, %d writes",
	      what, model.reads, model.writes);
}

/* "mem" has no model: reads see the content, writes stay, and an access
 * crossing a page inside the region runs. */
static void memory(void)
{
	static const struct {
		enum tr_snippet s;
		size_t at;
		unsigned flags, width;
		uint64_t read, written, content;
	} steps[] = {
		{TR_STORE32, 0x20, W, 4, 0, 0x89abcdef, 0x89abcdef},
		{TR_LOAD32, 0x20, R, 4, 0x89abcdef, 0, 0x89abcdef},
		{TR_ADD, 0x20, RW, 4, 0x89abcdef, 0x89abcdf0, 0x89abcdf0},
		{TR_STORE64, 4096 - 4, W, 8, 0, VALUE, VALUE},
		{TR_LOAD64, 4096 - 4, R, 8, VALUE, 0, VALUE},
	};
	reset(mem, 0);
	struct tr_block *b = tr_block_of(&m1);
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		char what[64];
		snprintf(what, sizeof what, "memory, step %zu", i);
		*b = (struct tr_block){.addr = mem->base + steps[i].at, .value = VALUE};
		struct gf_fault f;
		tc_expect_ok(what, tr_run(&m1, steps[i].s, &f), &f);
		tc_cases++;
		struct gf_traced_access e;
		if (!logged(what, mem, i + 1, i, &e))
			continue;
		check_entry(what, &e, steps[i].flags, steps[i].width, steps[i].at,
			    tr_site(&m1, steps[i].s, 0), GF_CTX_MODULE, m1.self);
		uint64_t content = 0;
		CHECK(gf_traced_peek(mem, steps[i].at, &content, steps[i].width) == 0 &&
			      content == steps[i].content &&
			      e.read == steps[i].read && e.written == steps[i].written,
		      "%s: content %#llx read %#llx written %#llx", what,
		      (unsigned long long)content, (unsigned long long)e.read,
		      (unsigned long long)e.written);
	}
	CHECK(b->result == VALUE, "memory: the module read %#llx",
	      (unsigned long long)b->result);
}

/* Runs s by m on addr, which must fault like an access to a region m lacks
 * (at addr, by access k) and leave r's log as `logged_after` says. */
static void faults(const char *what, const struct gf_module_domains *m,
		   enum tr_snippet s, uintptr_t addr, gf_access k,
		   const struct gf_region *r, uint64_t logged_after)
{
	reset(r, FILL);
	*tr_block_of(m) = (struct tr_block){.addr = addr, .value = VALUE};
	struct gf_fault f;
	int rc = tr_run(m, s, &f);
	struct tc_expect e = {addr, k, r, NULL, r->owner, GF_CTX_MODULE, m->self,
			      m->module};
	tc_expect_fault(what, rc, &f, &e);
	tc_cases++;
	CHECK(gf_traced_count(r) == logged_after && model.reads == 0 &&
		      model.writes == 0,
	      "%s: %llu recorded, %d model reads, %d writes", what,
	      (unsigned long long)gf_traced_count(r), model.reads, model.writes);
}

static void refused(void)
{
	struct gf_traced_access e;
	faults("lodsb (string instruction)", &m1, TR_STRING, dev->base + 0x40,
	       GF_ACCESS_READ, dev, 1);
	if (gf_traced_entry(dev, 0, &e) == 0)
		check_entry("lodsb", &e, GF_TRACED_REFUSED | R, 0, 0x40,
			    (struct tr_site){tr_site(&m1, TR_STRING, 0).pc, 0},
			    GF_CTX_MODULE, m1.self);
	uintptr_t end = dev->base + dev->size - 2;
	faults("movl across the region's end", &m1, TR_STORE32, end,
	       GF_ACCESS_WRITE, dev, 1);
	if (gf_traced_entry(dev, 0, &e) == 0)
		check_entry("across the end", &e, GF_TRACED_REFUSED | W, 0,
			    dev->size - 2,
			    (struct tr_site){tr_site(&m1, TR_STORE32, 0).pc, 0},
			    GF_CTX_MODULE, m1.self);
	CHECK(unchanged(dev, dev->size - 2, 2, FILL), "across the end: content");
}

static void not_granted(void)
{
	faults("module 2 loads from dev", &m2, TR_LOAD32, dev->base + 0x40,
	       GF_ACCESS_READ, dev, 0);
	faults("module 2 stores to dev", &m2, TR_STORE32, dev->base + 0x40,
	       GF_ACCESS_WRITE, dev, 0);
	faults("module 1 stores to dev-ro", &m1, TR_STORE32, dev_ro->base + 0x40,
	       GF_ACCESS_WRITE, dev_ro, 0);
	/* a read-modify-write needs write too; the CPU reports it as either */
	reset(dev_ro, FILL);
	*tr_block_of(&m1) = (struct tr_block){.addr = dev_ro->base + 0x40};
	struct gf_fault f;
	int rc = tr_run(&m1, TR_ADD, &f);
	tc_cases++;
	CHECK(rc == 1 && f.region == dev_ro && gf_traced_count(dev_ro) == 0 &&
		      model.reads == 0,
	      "module 1 addl on dev-ro: rc %d, %llu recorded", rc,
	      (unsigned long long)gf_traced_count(dev_ro));
	/* ... while a read of dev-ro is traced */
	reset(dev_ro, FILL);
	tc_expect_ok("module 1 loads from dev-ro", tr_run(&m1, TR_LOAD32, &f), &f);
	tc_cases++;
	CHECK(gf_traced_count(dev_ro) == 1 && tr_block_of(&m1)->result == mask(NEXT, 4),
	      "dev-ro load: %llu recorded", (unsigned long long)gf_traced_count(dev_ro));
	/* granted read-write, but never executable */
	reset(dev, FILL);
	uintptr_t at = dev->base + 0x40;
	struct tc_expect e = {at, GF_ACCESS_EXEC, dev, NULL, 1, GF_CTX_MODULE,
			      m1.self, 1};
	tc_expect_fault("module 1 jumps into dev", tm_run(&m1, TM_EXEC, at, &f), &f, &e);
	tc_cases++;
	CHECK(gf_traced_count(dev) == 0, "jump: nothing recorded");
}

/* The kernel serving module 1 is traced; serving module 2 it faults. */
static void kernel_side(void)
{
	uintptr_t result, at = dev->base + 0x80;
	struct gf_fault f;
	struct gf_traced_access e;
	reset(dev, FILL);
	tc_expect_ok("kernel loads for module 1",
		     kernel_does(&m1, REQ_LOAD32, at, 0, &result, &f), &f);
	tc_cases++;
	if (logged("kernel load", dev, 1, 0, &e)) {
		check_entry("kernel load", &e, R | EMU, 4, 0x80, (struct tr_site){0, 0},
			    GF_CTX_KERNEL, m1.kernel_for);
		CHECK(result == mask(NEXT, 4) &&
			      !(e.pc >= m1.code->base && e.pc < m1.code->base + m1.code->size),
		      "kernel load: returned %#lx, pc %#lx", (unsigned long)result,
		      (unsigned long)e.pc);
	}
	reset(dev, FILL);
	tc_expect_ok("kernel stores for module 1",
		     kernel_does(&m1, REQ_STORE32, at, 0xfeedbeef, &result, &f), &f);
	tc_cases++;
	if (logged("kernel store", dev, 1, 0, &e))
		check_entry("kernel store", &e, W, 4, 0x80, (struct tr_site){0, 0},
			    GF_CTX_KERNEL, m1.kernel_for);
	CHECK(model.writes == 1 && model.written == 0xfeedbeef &&
		      unchanged(dev, 0x80, 4, FILL),
	      "kernel store: %d model writes, %#llx", model.writes,
	      (unsigned long long)model.written);

	reset(dev, FILL);
	struct tc_expect x = {at, GF_ACCESS_READ, dev, NULL, 1, GF_CTX_KERNEL,
			      m2.kernel_for, 2};
	tc_expect_fault("kernel loads for module 2",
			kernel_does(&m2, REQ_LOAD32, at, 0, &result, &f), &f, &x);
	tc_cases++;
	CHECK(gf_traced_count(dev) == 0 && model.reads == 0,
	      "kernel for module 2: nothing recorded");
}

/* ---- SIGTRAPs that are not ours ------------------------------------------ */

static volatile sig_atomic_t earlier_traps;

static void earlier_trap_handler(int sig)
{
	(void)sig;
	earlier_traps++;
}

/* Installed before gf_iso_init, as a debugger's or a sanitizer's would be. */
static void install_earlier_trap_handler(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = earlier_trap_handler;
	sigaction(SIGTRAP, &sa, NULL);
}

static void foreign_traps(void)
{
	raise(SIGTRAP);
	tc_cases++;
	CHECK(earlier_traps == 1, "raise(SIGTRAP) passed on: %d", (int)earlier_traps);
	__asm__ volatile("int3" ::: "memory");
	tc_cases++;
	CHECK(earlier_traps == 2, "int3 passed on: %d", (int)earlier_traps);
}

/* ---- the decoder ---------------------------------------------------------- */

static void decoder(void)
{
	static const struct {
		const char *what;
		uint8_t code[GF_INSN_MAX];
		int ok;
		unsigned access, width, length;
	} cases[] = {
		{"mov r32, [rip+d32]", {0x8b, 0x05, 1, 2, 3, 4}, 0, R, 4, 6},
		{"mov r32, [rsp+d8]", {0x8b, 0x44, 0x24, 0x08}, 0, R, 4, 4},
		{"mov r32, [d32] (SIB, no base)", {0x8b, 0x04, 0x25, 1, 2, 3, 4}, 0, R, 4, 7},
		{"mov r32, [rbp+d32]", {0x8b, 0x85, 1, 2, 3, 4}, 0, R, 4, 6},
		{"mov m16, imm16", {0x66, 0xc7, 0x40, 0x10, 0x34, 0x12}, 0, W, 2, 6},
		{"mov m64, imm32", {0x48, 0xc7, 0x00, 1, 2, 3, 4}, 0, W, 8, 7},
		{"mov m8, imm8", {0xc6, 0x00, 0x01}, 0, W, 1, 3},
		{"mov m32 with 67", {0x67, 0x89, 0x10}, 0, W, 4, 3},
		{"lock xadd m32", {0xf0, 0x0f, 0xc1, 0x10}, 0, RW, 4, 4},
		{"lock cmpxchg m64", {0xf0, 0x48, 0x0f, 0xb1, 0x11}, 0, RW, 8, 5},
		{"cmp m8, imm8", {0x80, 0x78, 0x05, 0x07}, 0, R, 1, 4},
		{"sub m16, imm8", {0x66, 0x83, 0x28, 0x01}, 0, RW, 2, 4},
		{"test m32, imm32", {0xf7, 0x00, 1, 2, 3, 4}, 0, R, 4, 6},
		{"test m8, r8", {0x84, 0x10}, 0, R, 1, 2},
		{"not m16", {0x66, 0xf7, 0x10}, 0, RW, 2, 3},
		{"div m64", {0x48, 0xf7, 0x30}, 0, R, 8, 3},
		{"shl m32, 3", {0xc1, 0x20, 0x03}, 0, RW, 4, 3},
		{"cmovz r64, m64", {0x48, 0x0f, 0x44, 0x00}, 0, R, 8, 4},
		{"imul r32, m32, imm32", {0x69, 0x00, 1, 2, 3, 4}, 0, R, 4, 6},
		{"movsxd r64, m32", {0x48, 0x63, 0x00}, 0, R, 4, 3},
		{"movzwl fs:m16", {0x64, 0x0f, 0xb7, 0x00}, 0, R, 2, 4},
		{"dec m8", {0xfe, 0x08}, 0, RW, 1, 2},
		{"rep movsb", {0xf3, 0xa4}, -1, 0, 0, 0},
		{"movsb", {0xa4}, -1, 0, 0, 0},
		{"push m64", {0xff, 0x30}, -1, 0, 0, 0},
		{"call m64", {0xff, 0x10}, -1, 0, 0, 0},
		{"movaps (SSE)", {0x0f, 0x28, 0x00}, -1, 0, 0, 0},
		{"vmovdqu (VEX)", {0xc5, 0xfa, 0x6f, 0x00}, -1, 0, 0, 0},
		{"mov eax, moffs", {0xa1, 1, 2, 3, 4, 5, 6, 7, 8}, -1, 0, 0, 0},
		{"bts m32, r32", {0x0f, 0xab, 0x00}, -1, 0, 0, 0},
		{"mov r32, r32", {0x89, 0xc0}, -1, 0, 0, 0},
		{"f6 /1 (undefined)", {0xf6, 0x08, 0x01}, -1, 0, 0, 0},
		{"mov m32, imm32 /1 (undefined)", {0xc7, 0x08, 1, 2, 3, 4}, -1, 0, 0, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct gf_insn in = {0};
		int rc = gf_traced_decode(cases[i].code, &in);
		tc_cases++;
		CHECK(rc == cases[i].ok, "decode %s: %d", cases[i].what, rc);
		if (rc == 0 && cases[i].ok == 0)
			CHECK(in.access == cases[i].access && in.width == cases[i].width &&
				      in.length == cases[i].length,
			      "decode %s: access %u width %u length %u", cases[i].what,
			      in.access, in.width, in.length);
	}
}

int main(int argc, char **argv)
{
	const char *backend = argc > 1 ? argv[1] : "mprotect";
	char name[64];
	snprintf(name, sizeof name, "isolation_traced_%s", backend);
	install_earlier_trap_handler();
	if (gf_iso_init(backend) != 0) {
		printf("%s: FAIL: backend %s unavailable\n", name, backend);
		return 1;
	}
	arena = gf_region_create("kernel-arena", GF_REGION_ARENA, GF_PRINCIPAL_KERNEL,
				 16 * 1024, GF_PERM_RW);
	CHECK(arena && tm_module_create(1, 4096, 16 * 1024, arena, &m1) == 0 &&
		      tm_module_create(2, 4096, 16 * 1024, arena, &m2) == 0 &&
		      tr_load(&m1) == 0 && tr_load(&m2) == 0,
	      "modules");
	dev = gf_traced_create("dev", 1, 4096, &registers, &model);
	dev_ro = gf_traced_create("dev-ro", 1, 4096, &registers, &model);
	mem = gf_traced_create("mem", 1, 8192, NULL, NULL);
	CHECK(dev && dev_ro && mem && gf_module_share(&m1, dev, GF_PERM_RW) == 0 &&
		      gf_module_share(&m1, dev_ro, GF_PERM_R) == 0 &&
		      gf_module_share(&m1, mem, GF_PERM_RW) == 0,
	      "traced regions");
	gf_gate_set_handler(kernel);
	if (tc_failures)
		return tc_finish(name, 0);

	decoder();
	for (size_t i = 0; i < sizeof singles / sizeof singles[0]; i++)
		one_access(&singles[i]);
	script();
	memory();
	kernel_side();
	not_granted();
	refused();
	foreign_traps();
	printf("%s: decoder, %zu single accesses, a script, memory, the kernel side, "
	       "grants, refusals, foreign traps\n",
	       name, sizeof singles / sizeof singles[0]);
	return tc_finish(name, 60);
}

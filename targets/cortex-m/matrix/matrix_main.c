/* matrix_main.c — the isolation matrix (.cm.matrix).
 *
 * Three modules, each in its own code and data regions, and a kernel arena.
 * Every module tries every access (read, write, exec) on every target (its
 * own code and data, the other modules' code and data, the arena, kernel
 * RAM, kernel code, address 0) after every transition (first thing after entry, after
 * a gate call returned, after its own previous run faulted, after another
 * module ran).  The expected outcome comes from the portable semantics
 * (gf_domain_range_perm of the module's domain); a refused access must be a
 * MemManage fault attributed to the right region (MMFAR), with the PC in
 * the module's code, contained.  Then the kernel side: inside a gate call
 * the kernel reads and writes the same targets in the kernel-for domain;
 * a refused access ends the run as a kernel fault (BUG) and the kernel
 * goes on with the next case.
 *
 * Output: a line per failure, the case count and "N passed, N failed";
 * exit code 0 when every case passed.  Argument "-v" lists every case.
 */
#include <string.h>

#include "cm_iso.h"
#include "console.h"
#include "matrix_module.h"
#include "module_load.h"
#include "semihost.h"

#define NMOD 3
#define DATA_TARGET_OFFSET 256

static struct gf_cm_module mods[NMOD];
static const struct gf_region *arena;
static volatile uint32_t kernel_word = 0x4b524e4cu;
static int passed, failed;
static bool verbose;

static uint32_t control_reg(void)
{
	uint32_t v;
	__asm volatile("mrs %0, control" : "=r"(v));
	return v;
}

static uint32_t ipsr_reg(void)
{
	uint32_t v;
	__asm volatile("mrs %0, ipsr" : "=r"(v));
	return v & 0x1ff;
}

/* ---- the matrix kernel ------------------------------------------------- */

static bool gate_state_right(int caller)
{
	if (caller < 1 || caller > NMOD)
		return false;
	const struct gf_module_domains *m = &mods[caller - 1].domains;
	return gf_context_current() == GF_CTX_KERNEL &&
	       gf_gate_caller_domain() == m->self &&
	       gf_domain_current() == m->kernel_for && ipsr_reg() == 11;
}

static uintptr_t matrix_dispatch(uint32_t request, uintptr_t p0, uintptr_t p1,
				 uintptr_t p2)
{
	int caller = gf_gate_caller();
	switch (request) {
	case MX_SVC_PING:
		return p0 == 1 && p1 == 2 && p2 == 3 && gate_state_right(caller)
			       ? MX_PING_OK | (uint32_t)caller
			       : 0;
	case MX_SVC_KREAD:
		return *(volatile uint32_t *)p0;
	case MX_SVC_KWRITE:
		*(volatile uint32_t *)p0 = (uint32_t)p1;
		return 0;
	}
	return (uintptr_t)-1;
}

/* ---- targets ----------------------------------------------------------- */

struct target {
	char name[24];
	uintptr_t addr;
};

/* The targets as seen from module i; returns their count. */
static int targets_of(int i, struct target *t)
{
	int n = 0;
	for (int k = 0; k < NMOD; k++) {
		int j = (i + k) % NMOD; /* own module first */
		const char *who = k == 0 ? "own" : mods[j].domains.data->name;
		strcpy(t[n].name, k == 0 ? "own.code" : mods[j].domains.code->name);
		t[n++].addr = gf_cm_module_addr(&mods[j], matrix_module_ret) & ~1u;
		strcpy(t[n].name, k == 0 ? "own.data" : who);
		t[n++].addr = mods[j].domains.data->base + DATA_TARGET_OFFSET;
	}
	strcpy(t[n].name, "kernel-arena");
	t[n++].addr = arena->base + 64;
	strcpy(t[n].name, "kernel.ram");
	t[n++].addr = (uintptr_t)&kernel_word;
	strcpy(t[n].name, "kernel.code");
	t[n++].addr = (uintptr_t)matrix_dispatch & ~1u;
	strcpy(t[n].name, "null");
	t[n++].addr = 0;
	return n;
}

static bool in_span(uintptr_t a)
{
	uintptr_t lo, hi;
	gf_span(&lo, &hi);
	return a >= lo && a < hi;
}

/* What the kernel may do in module i's kernel-for domain.  The null guard
 * is read-only; elsewhere outside the span the background map gives it
 * everything; inside, its domain's grants, and on PMSAv8-M, which cannot
 * deny privileged reads, at least read. */
static gf_perm kernel_perm(int i, uintptr_t a)
{
	if (a < GF_CM_NULL_GUARD)
		return GF_PERM_R;
	if (!in_span(a))
		return GF_PERM_R | GF_PERM_W;
	gf_perm p = gf_domain_range_perm(mods[i].domains.kernel_for, a, 4);
	if (gf_cm_mpu_arch() == GF_MPU_PMSAV8M)
		p |= GF_PERM_R;
	return p;
}

/* ---- running one access ------------------------------------------------ */

static int run(int i, enum mx_op op, uintptr_t addr, bool gate_first,
	       struct mx_cmd *out, struct gf_fault *f)
{
	struct mx_cmd *c = (struct mx_cmd *)mods[i].domains.data->base;
	*c = (struct mx_cmd){.op = op, .addr = addr, .value = 0xa5a50000u | (uint32_t)i,
			     .gate_first = gate_first, .gate = gf_gate_entry()};
	memset(f, 0, sizeof *f);
	int r = gf_module_run(&mods[i].domains, gf_cm_module_addr(&mods[i], matrix_module_entry),
			      (uintptr_t)c, mods[i].stack_top, f);
	*out = *c;
	return r;
}

/* The kernel is back: host context, host domain, privileged Thread mode. */
static bool kernel_restored(void)
{
	return gf_context_current() == GF_CTX_HOST && gf_domain_current() == GF_DOMAIN_HOST &&
	       (control_reg() & 1) == 0 && ipsr_reg() == 0;
}

static const char *op_name(enum mx_op op)
{
	static const char *const names[] = {"?", "read", "write", "exec", "kread", "kwrite"};
	return names[op];
}

static gf_access access_of(enum mx_op op)
{
	return op == MX_WRITE || op == MX_KWRITE ? GF_ACCESS_WRITE
	       : op == MX_EXEC                   ? GF_ACCESS_EXEC
						 : GF_ACCESS_READ;
}

/* A refused access: MemManage, the right fault status, address, region,
 * owner and access, in the expected context. */
static bool fault_right(const struct gf_fault *f, enum mx_op op, uintptr_t addr,
			int module, gf_context ctx)
{
	const struct gf_cm_fault_regs *regs = gf_cm_last_fault();
	const struct gf_region *guard, *region = gf_region_lookup(addr, &guard);
	bool exec = op == MX_EXEC;
	bool status = exec ? (regs->cfsr & 0xff) == 0x01
			   : (regs->cfsr & 0xff) == 0x82 && regs->mmfar == addr;
	return regs->exception == 4 && status && f->addr == addr && f->region == region &&
	       f->owner == (region ? region->owner : GF_PRINCIPAL_NONE) &&
	       f->access == access_of(op) && f->context == ctx && f->caller == module;
}

static void report(bool ok, int i, enum mx_op op, const char *target,
		   const char *when, int r, const struct gf_fault *f)
{
	char line[200] = "";
	ok ? passed++ : failed++;
	if (ok && !verbose)
		return;
	if (r == 1)
		gf_fault_format(f, line, sizeof line);
	gf_console_printf("%s mod%d %-6s %-14s %-13s r=%d %s\n", ok ? "ok  " : "FAIL",
			  i + 1, op_name(op), target, when, r, line);
}

/* ---- the module side --------------------------------------------------- */

enum transition { T_ENTRY, T_GATE_RETURN, T_AFTER_FAULT, T_AFTER_OTHER, T_COUNT };
static const char *const transition_names[] = {"entry", "after-gate", "after-fault",
						"after-other"};

/* Brings module i into the transition's state; false when that failed. */
static bool prepare(int i, enum transition t)
{
	struct mx_cmd c;
	struct gf_fault f;
	if (t == T_AFTER_FAULT)
		return run(i, MX_READ, arena->base, false, &c, &f) == 1 && kernel_restored();
	if (t == T_AFTER_OTHER) {
		int j = (i + 1) % NMOD;
		return run(j, MX_WRITE, mods[j].domains.data->base + DATA_TARGET_OFFSET, false,
			   &c, &f) == 0 && kernel_restored();
	}
	return true;
}

static void module_case(int i, const struct target *t, enum mx_op op, enum transition tr)
{
	static const gf_perm need[] = {[MX_READ] = GF_PERM_R, [MX_WRITE] = GF_PERM_W,
				       [MX_EXEC] = GF_PERM_X};
	int module = i + 1;
	bool allowed = gf_domain_range_perm(mods[i].domains.self, t->addr, 4) & need[op];
	struct mx_cmd c;
	struct gf_fault f;
	bool ok = prepare(i, tr);
	int r = run(i, op, t->addr, tr == T_GATE_RETURN, &c, &f);
	ok = ok && kernel_restored();
	if (tr == T_GATE_RETURN)
		ok = ok && c.ping == (MX_PING_OK | (uint32_t)module);
	if (allowed) {
		ok = ok && r == 0 && c.done;
		if (op == MX_READ)
			ok = ok && c.result == *(volatile uint32_t *)t->addr;
		if (op == MX_WRITE)
			ok = ok && *(volatile uint32_t *)t->addr == c.value;
	} else {
		ok = ok && r == 1 && !c.done && fault_right(&f, op, t->addr, module, GF_CTX_MODULE) &&
		     gf_cm_verdict(r, &f) == GF_CM_CONTAINED &&
		     (op == MX_EXEC || (f.pc_in_module && f.pc_region == mods[i].domains.code));
	}
	report(ok, i, op, t->name, transition_names[tr], r, &f);
}

/* ---- the kernel side --------------------------------------------------- */

static void kernel_case(int i, const struct target *t, enum mx_op op)
{
	int module = i + 1;
	gf_perm p = kernel_perm(i, t->addr);
	bool allowed = op == MX_KREAD ? (p & GF_PERM_R) : (p & GF_PERM_W);
	struct mx_cmd c;
	struct gf_fault f;
	int r = run(i, op, t->addr, false, &c, &f);
	bool ok = kernel_restored();
	if (allowed) {
		ok = ok && r == 0 && c.done;
		if (op == MX_KREAD)
			ok = ok && c.result == *(volatile uint32_t *)t->addr;
		else
			ok = ok && *(volatile uint32_t *)t->addr == c.value;
	} else {
		ok = ok && r == 1 && !c.done && fault_right(&f, op, t->addr, module, GF_CTX_KERNEL) &&
		     gf_cm_verdict(r, &f) == GF_CM_BUG && !f.pc_in_module;
	}
	report(ok, i, op, t->name, "in-gate", r, &f);
}

/* ---- setup ------------------------------------------------------------- */

static int setup(void)
{
	if (gf_iso_init("mpu") < 0)
		return -1;
	arena = gf_region_create("kernel-arena", GF_REGION_ARENA, GF_PRINCIPAL_KERNEL, 4096,
				 GF_PERM_RW);
	if (!arena)
		return -1;
	for (int i = 0; i < NMOD; i++)
		if (gf_cm_module_load(i + 1, __start_gf_mod_matrix, __stop_gf_mod_matrix, 2048,
				      arena, &mods[i]) < 0)
			return -1;
	gf_gate_set_handler(matrix_dispatch);
	return 0;
}

static void print_layout(void)
{
	gf_console_printf("board MPU: %s, %u regions\n",
			  gf_cm_mpu_arch() == GF_MPU_PMSAV7 ? "PMSAv7" : "PMSAv8-M",
			  gf_cm_mpu_slots());
	for (int id = 0; id < gf_region_count(); id++) {
		const struct gf_region *r = gf_region_get(id);
		gf_console_printf("  region %-13s 0x%08lx +0x%05lx\n", r->name,
				  (unsigned long)r->base, (unsigned long)r->size);
	}
	if (!verbose)
		return;
	for (int i = 0; i < NMOD; i++) {
		gf_domain_id ds[2] = {mods[i].domains.self, mods[i].domains.kernel_for};
		for (int k = 0; k < 2; k++) {
			struct gf_mpu_program p;
			struct gf_mpu_error e;
			if (gf_cm_domain_program(ds[k], &p, &e) < 0) {
				gf_console_printf("  %s: %s\n", gf_domain_name(ds[k]), e.message);
				continue;
			}
			gf_console_printf("  domain %s:\n", gf_domain_name(ds[k]));
			for (unsigned n = 0; n < p.count; n++)
				gf_console_printf("    %u rbar=0x%08lx %s=0x%08lx\n", n,
						  (unsigned long)p.region[n].rbar,
						  p.arch == GF_MPU_PMSAV7 ? "rasr" : "rlar",
						  (unsigned long)p.region[n].rasr_rlar);
		}
	}
}

int main(void)
{
	static char cmdline[2048];
	if (gf_sh_cmdline(cmdline, sizeof cmdline) == 0)
		verbose = strstr(cmdline, " -v") != NULL;
	if (setup() < 0) {
		gf_console_printf("matrix: setup failed\n");
		return 2;
	}
	print_layout();

	struct target t[2 * NMOD + 4];
	for (int i = 0; i < NMOD; i++) {
		int n = targets_of(i, t);
		for (int k = 0; k < n; k++)
			for (enum mx_op op = MX_READ; op <= MX_EXEC; op++)
				for (enum transition tr = T_ENTRY; tr < T_COUNT; tr++)
					module_case(i, &t[k], op, tr);
		for (int k = 0; k < n; k++)
			if (strcmp(t[k].name, "kernel.code") != 0) /* the kernel may write its own code */
				for (enum mx_op op = MX_KREAD; op <= MX_KWRITE; op++)
					kernel_case(i, &t[k], op);
	}
	gf_console_printf("cases: %d\n", passed + failed);
	gf_console_printf("matrix: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}

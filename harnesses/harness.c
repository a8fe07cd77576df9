/* harness.c — the engine-independent driver (.harn.driver). */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "embedded_images.h"
#include "fetch_window.h"
#include "fixture.h"
#include "kernel.h"
#include "protected_memory.h"
#include "rules.h"
#include "stats.h"
#include "write_set.h"

static struct {
	int ready, replay, enforcing;
	gf_harness_setup_fn setup; /* the target's extra setup, or NULL */
	struct gf_sandbox sb;
	struct gf_ledger ledger, fixture_ledger;
	struct gf_world world[GF_HARNESS_SLOTS]; /* the puppets'; not the loader's */
	/* the input being judged */
	int running;
	int pool_full; /* .harn.fixture.full: filled in this input */
	enum gf_verdict verdict;
	struct gf_bug bug;
	char title[160];
	struct gf_call_record last;
	unsigned long long calls; /* judged since the process started */
} H;

static void die(const char *what, const char *err)
{
	fprintf(stderr, "gatefuzz: %s: %s\n", what, err);
	exit(2);
}

static struct gf_bounds bounds(const struct gf_region *r)
{
	return (struct gf_bounds){r->base, r->base + r->size};
}

static void world_init(struct gf_world *w, int caller, int other)
{
	const struct gf_slot *me = &H.sb.slot[caller], *them = &H.sb.slot[other];
	uintptr_t data = me->data->base;
	uintptr_t lo, hi;

	gf_span(&lo, &hi);
	w->ledger = &H.ledger;
	w->caller = me->module;
	w->other = them->module;
	w->domain = me->dom.self;
	w->own_code = bounds(me->code);
	w->own_data = bounds(me->data);
	w->own_scratch = (struct gf_bounds){data + GF_DATA_SCRATCH,
					    data + me->data->size};
	w->own_stack = (struct gf_bounds){data + GF_DATA_STACK,
					  data + GF_DATA_STACK_TOP - GF_LIVE_FRAMES};
	w->own_names = (struct gf_bounds){data + GF_DATA_SLOTS, data + GF_DATA_FIXTURE};
	w->other_code = bounds(them->code);
	w->other_data = bounds(them->data);
	w->arena = bounds(H.sb.arena);
	w->shared_ro = bounds(H.sb.shared_ro);
	w->shared_rw = bounds(H.sb.shared_rw);
	/* The span's last megabyte is never handed to a region. */
	w->hole = hi - (1u << 20);
}

static void keep_filled_pool(void);

static void harness_init(void)
{
	const char *backend = getenv("GATEFUZZ_BACKEND");
	const uint8_t *image;
	size_t len;
	char err[256];

	if (gf_sandbox_init(&H.sb, backend ? backend : "auto", GF_HARNESS_SLOTS,
			    err, sizeof err))
		die("sandbox", err);
	image = gf_embedded_image("puppet", &len);
	if (!image)
		die("puppet", "image not linked in");
	for (int slot = GF_SLOT_A; slot < GF_HARNESS_SLOTS; slot++)
		if (slot != GF_SLOT_LOADER &&
		    gf_sandbox_load(&H.sb, slot, image, len, err, sizeof err))
			die("puppet", err);
	if (H.sb.slot[GF_SLOT_A].data->size <= GF_DATA_SCRATCH + 4096)
		die("puppet", "data region too small for the harness layout");
	H.enforcing = gf_iso_enforces();
	world_init(&H.world[GF_SLOT_A], GF_SLOT_A, GF_SLOT_B);
	world_init(&H.world[GF_SLOT_B], GF_SLOT_B, GF_SLOT_A);
	/* The third module never calls, but the fixture creates its objects
	 * through gf_harness_exec, which the model follows in its world. */
	world_init(&H.world[GF_SLOT_C], GF_SLOT_C, GF_SLOT_B);
	if (gf_fixture_build(err, sizeof err))
		die("fixture", err);
	if (gf_fetch_init(&H.sb, GF_SLOT_B + 1, err, sizeof err))
		die("fetch window", err);
	if (H.setup && H.setup(&H.sb, err, sizeof err))
		die("setup", err);
	gf_sandbox_snapshot(&H.sb);
	H.fixture_ledger = H.ledger;
	keep_filled_pool();
	if (!H.enforcing)
		gf_protected_init(&H.sb);
	gf_stats_init(gf_iso_backend());
	H.ready = 1;
}

struct gf_sandbox *gf_harness_sandbox(void)
{
	return &H.sb;
}

struct gf_ledger *gf_harness_ledger(void)
{
	return &H.ledger;
}

const struct gf_world *gf_harness_world(int slot)
{
	return &H.world[slot];
}

void gf_harness_set_setup(gf_harness_setup_fn setup)
{
	H.setup = setup;
}

void gf_harness_set_replay(int on)
{
	H.replay = on;
}

void gf_harness_begin(const uint8_t *data, size_t len)
{
	if (!H.ready)
		harness_init();
	if (!H.enforcing)
		gf_sandbox_data_unchanged(&H.sb, gf_protected_verified());
	gf_sandbox_restore(&H.sb);
	H.ledger = H.fixture_ledger;
	gf_write_set_input(data, len); /* values the module supplies (.harn.oracle.leak) */
	H.running = 1;
	H.pool_full = 0;
	gf_protected_begin();
	H.verdict = GF_VERDICT_OK;
	H.title[0] = 0;
}

int gf_harness_running(void)
{
	return H.running;
}

void gf_harness_judge(enum gf_verdict v, const struct gf_bug *bug)
{
	if (v == GF_VERDICT_BUG && H.verdict != GF_VERDICT_BUG)
		H.bug = *bug;
	H.verdict = gf_verdict_merge(H.verdict, v);
	if (v >= GF_VERDICT_CONTAINED)
		H.running = 0;
}

/* Puts a puppet program of n operations in `slot`'s program area and
 * points its env at it, rewriting the env's kernel entry too: the module may
 * have overwritten its own env (it is its memory), and the puppet must still
 * reach the gate rather than whatever the bytes now say.  Done before the
 * reference rules look at memory, so they judge exactly what the kernel
 * will see. */
static struct gf_puppet_op *prepare_program(int slot, const struct gf_puppet_op *ops, int n)
{
	struct gf_slot *sl = &H.sb.slot[slot];
	struct gf_puppet_op *prog =
		(struct gf_puppet_op *)(sl->data->base + GF_DATA_PROGRAM);

	gf_sandbox_view_slot(&H.sb, slot); /* .harn.view */
	memcpy(prog, ops, (size_t)n * sizeof *ops);
	sl->env->dispatch = (gfm_dispatch_fn)gf_gate_entry();
	sl->env->args[0] = (uintptr_t)prog;
	sl->env->args[1] = (uintptr_t)n;
	return prog;
}

/* .harn.view.calls: the view the puppet runs a program in.  A program
 * of calls runs in the view of the kernel serving the slot wherever module
 * code can run there (gf_domain_runs_modules: under page protection and
 * keys; not on an MPU, where a module runs unprivileged and the kernel's
 * view is privileged), through gf_module_run_in: the kernel still serves
 * the call as the slot's module and checks its pointers against the
 * module's own domain, but no call changes the view, where each changed it
 * four times (closing the arena to run the module, opening and closing it
 * at the gate, opening it again for the oracle).  The puppet is the
 * harness's own code: between the gate's return and the end of its run it
 * stores the status and returns, and it touches nothing else.  A program
 * with a raw access tests the isolation itself and runs in the module's own
 * domain (.harn.raw). */
static gf_domain_id view_for(int slot, const struct gf_puppet_op *ops, int n)
{
	const struct gf_module_domains *dom = &H.sb.slot[slot].dom;

	for (int i = 0; i < n; i++)
		if (ops[i].kind != GF_OP_CALL)
			return dom->self;
	return gf_domain_runs_modules(dom->kernel_for) ? dom->kernel_for : dom->self;
}

/* Runs the prepared program on the harness's stack for the puppet
 * (.harn.layout), in view_for's view, and reads the ops back. */
static int execute_program(int slot, struct gf_puppet_op *prog, struct gf_puppet_op *ops,
			   int n, struct gf_fault *f)
{
	struct gf_slot *sl = &H.sb.slot[slot];
	int r;

	if (!H.enforcing)
		gf_protected_before_run(slot);
	r = gf_module_run_in(&sl->dom, view_for(slot, ops, n), sl->entry, (uintptr_t)sl->env,
			     sl->data->base + GF_DATA_STACK_TOP, f);

	memcpy(ops, prog, (size_t)n * sizeof *ops);
	return r;
}

static int execute_op(int slot, struct gf_puppet_op *prog,
		      struct gf_puppet_op *op, struct gf_fault *f)
{
	return execute_program(slot, prog, op, 1, f);
}

static int run_op(int slot, struct gf_puppet_op *op, struct gf_fault *f)
{
	return execute_op(slot, prepare_program(slot, op, 1), op, f);
}

static void call_op(struct gf_puppet_op *op, const struct gf_service *s,
		    const uintptr_t *args, int extra, uintptr_t extra_ptr)
{
	memset(op, 0, sizeof *op);
	op->kind = GF_OP_CALL;
	op->request = s->id;
	op->nparams = (uint32_t)s->nparams;
	for (int i = 0; i < s->nparams; i++)
		op->arg[i] = args[i];
	if (extra) {
		op->flags = GF_OPF_EXTRA_PTR;
		op->extra_ptr = extra_ptr;
	}
}

/* One call with arguments already made, neither judged nor recorded. */
static int run_call(int slot, const struct gf_service *s, const uintptr_t *args,
		    uintptr_t *status, struct gf_fault *f)
{
	struct gf_puppet_op op;

	call_op(&op, s, args, 0, 0);
	if (run_op(slot, &op, f))
		return 1;
	*status = op.result;
	return 0;
}

/* .harn.fixture.held: the calls run as one program of the slot's puppet,
 * one run for a pool's worth of calls, in the view of the kernel serving
 * the slot (.harn.view.calls).  A pool's worth of calls one at a time took
 * most of a campaign's time (docs/performance.md). */
int gf_harness_run_until_refused(int slot, const struct gf_service *s, const uintptr_t *args,
				 int n, int *made, uintptr_t *last, struct gf_fault *f)
{
	struct gf_puppet_op ops[GF_HARNESS_HELD_CALLS];
	int faulted;

	if (n > GF_HARNESS_HELD_CALLS)
		n = GF_HARNESS_HELD_CALLS;
	for (int i = 0; i < n; i++) {
		call_op(&ops[i], s, args, 0, 0);
		ops[i].flags = GF_OPF_STOP_UNLESS;
		ops[i].value = GF_SUCCESS;
	}
	faulted = execute_program(slot, prepare_program(slot, ops, n), ops, n, f);
	*made = (int)H.sb.slot[slot].env->results[0];
	*last = *made ? ops[*made - 1].result : GF_SUCCESS;
	return faulted;
}

int gf_harness_exec(int slot, const struct gf_service *s,
		    const uintptr_t *args, uintptr_t *status)
{
	struct gf_fault f;

	if (run_call(slot, s, args, status, &f))
		return 1;
	if (*status == GF_SUCCESS && s->returns == GF_RET_STATUS) {
		gf_ledger_apply(&H.ledger, s, args, H.sb.slot[slot].module);
		/* The loader's slot holds no puppet at start, so it has no
		 * world: what a module made there (fuzz_loader's unload check)
		 * stays out of the model, which then says EITHER about it. */
		if (slot != GF_SLOT_LOADER)
			gf_model_apply(&H.ledger.model, s, args, &H.world[slot]);
	}
	return 0;
}

static void bug_for_call(struct gf_bug *b, const char *kind,
			 const struct gf_plan *p, int param, uintptr_t addr,
			 const char *detail)
{
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->service = p->s->full_name;
	b->param = param;
	b->cls = param < 0 ? "-"
		 : (param == 2 && p->extra_override) ? gf_class_name(p->extra_cls)
		 : gf_param_is_pointer(&p->s->params[param]) ? gf_class_name(p->cls[param])
		 : "scalar";
	b->addr = addr;
	gf_oracle_owner(addr, b->owner, sizeof b->owner);
	snprintf(b->pc, sizeof b->pc, "kernel:%s", gf_kernel_site());
	snprintf(b->site, sizeof b->site, "%s", gf_kernel_site());
	snprintf(b->detail, sizeof b->detail, "%s", detail);
}

/* The parameter whose range holds addr, for a kernel fault's report. */
static int param_holding(const struct gf_plan *p, uintptr_t addr)
{
	for (int i = 0; i < p->s->nparams; i++) {
		const struct gf_param *prm = &p->s->params[i];
		uint64_t len;
		if (!gf_param_is_pointer(prm))
			continue;
		len = prm->kind == GF_P_STR ? prm->max
		      : prm->kind == GF_P_SLOT ? prm->size
		      : prm->kind == GF_P_OBJ ? gf_kernel_object_size(prm->type)
		      : gf_rules_buffer_len(p->s, i, p->args, &H.ledger);
		if (len < 16)
			len = 16;
		if (addr >= p->args[i] && addr - p->args[i] < len)
			return i;
	}
	return -1;
}

/* A call that faulted: contained in the module's own code, or the
 * kernel's BUG. */
static void judge_fault(int slot, const struct gf_plan *p, const struct gf_fault *f)
{
	const struct gf_world *w = &H.world[slot];
	struct gf_bug b;
	enum gf_verdict v = gf_oracle_fault(f, w->caller, &b);

	if (v == GF_VERDICT_CONTAINED)
		gf_kernel_module_fault(w->caller, f);
	if (v == GF_VERDICT_BUG) {
		b.service = p->s->full_name;
		/* no address, no parameter: a general protection fault's
		 * si_addr 0 is not a NULL parameter's */
		b.param = f->addr_unknown ? -1 : param_holding(p, f->addr);
		if (b.param >= 0)
			b.cls = gf_class_name(p->cls[b.param]);
	}
	gf_harness_judge(v, &b);
}

static int judge_effects(int slot, const struct gf_plan *p);

static void judge_call(int slot, const struct gf_plan *p,
		       const struct gf_rule_result *expect,
		       const struct gf_expect *state,
		       const struct gf_puppet_op *op, const struct gf_fault *f,
		       int faulted)
{
	const struct gf_world *w = &H.world[slot];
	struct gf_bug b;
	const char *kind;
	char detail[200];

	if (faulted && p->traced && gf_fetch_untraceable(slot, f)) {
		H.running = 0; /* the kernel stopped mid-call: .harn.fetch */
		gf_harness_judge(GF_VERDICT_REJECTED, NULL);
		return;
	}
	if (faulted) {
		judge_fault(slot, p, f);
		return;
	}
	if (p->s->returns == GF_RET_STATUS && !gf_service_documents(p->s, (uint32_t)op->result)) {
		snprintf(detail, sizeof detail, "status %#lx is not documented for %s",
			 (unsigned long)op->result, p->s->full_name);
		bug_for_call(&b, "wrong-status", p, -1, 0, detail);
		gf_harness_judge(GF_VERDICT_BUG, &b);
		return;
	}
	if (p->s->returns == GF_RET_STATUS && op->result == GF_SUCCESS &&
	    expect->must_reject) {
		snprintf(detail, sizeof detail, "accepted an argument the rules reject: rule %s",
			 expect->rule);
		bug_for_call(&b, gf_rules_bug_kind(p->s, expect), p, expect->param,
			     expect->addr, detail);
		gf_harness_judge(GF_VERDICT_BUG, &b);
		return;
	}
	/* .harn.rules.status: a refusal the kernel's statement fixes the
	 * status of (rules.h) */
	if (p->s->returns == GF_RET_STATUS && expect->must_reject && expect->status_due &&
	    op->result != expect->status) {
		snprintf(detail, sizeof detail, "refused with %s where the rules broken (first %s) fix %s",
			 gf_status_name((uint32_t)op->result), expect->rule,
			 gf_status_name(expect->status));
		bug_for_call(&b, "wrong-status", p, expect->param, expect->addr, detail);
		gf_harness_judge(GF_VERDICT_BUG, &b);
		return;
	}
	/* The model judges a call the rules accept; of one they refuse, only
	 * the status, where the state it read is what they refuse it for. */
	if ((!expect->must_reject || state->covers_rules) &&
	    gf_model_judge(&H.ledger.model, p->s, p->args, w, op->result, state,
			   &kind, detail, sizeof detail)) {
		bug_for_call(&b, kind, p, -1, 0, detail);
		gf_harness_judge(GF_VERDICT_BUG, &b);
		return;
	}
	if (judge_effects(slot, p))
		return;
	if (op->result == GF_SUCCESS || p->s->returns == GF_RET_VALUE) {
		gf_ledger_apply(&H.ledger, p->s, p->args, w->caller);
		gf_harness_judge(GF_VERDICT_OK, NULL);
	} else {
		gf_harness_judge(GF_VERDICT_REJECTED, NULL);
	}
}

/* What a call that returned did to the kernel and to memory; 1 when that
 * was a BUG (judged). */
static int judge_effects(int slot, const struct gf_plan *p)
{
	const struct gf_world *w = &H.world[slot];
	struct gf_bug b;
	struct gf_fetch_twice twice;
	struct gf_ws_finding ws;

	if (gf_oracle_integrity(&b)) {
		b.service = p->s->full_name;
		gf_harness_judge(GF_VERDICT_BUG, &b);
		return 1;
	}
	/* Memory effects are judged before a double fetch, on purpose: when a
	 * traced call has both, the report says what the second read cost (a
	 * write the caller could not have asked for: deputy-write, a stray
	 * write or overflow outside what either value named).  A kernel that
	 * only wrote where the racing value points did what the caller could
	 * have asked with that value alone; the write set counts it as an
	 * output (write_set.c), and the double fetch is then the finding:
	 * the window answers with the racing value only on a second read. */
	if (gf_write_set_judge(&H.sb, slot, p, w, &H.ledger, &ws)) {
		bug_for_call(&b, ws.kind, p, ws.param, ws.addr, ws.detail);
		gf_harness_judge(GF_VERDICT_BUG, &b);
		return 1;
	}
	if (!H.enforcing && gf_protected_changed(slot)) {
		bug_for_call(&b, "deputy-write", p, -1, 0,
			     "memory the caller may not write changed during the call");
		gf_harness_judge(GF_VERDICT_BUG, &b);
		return 1;
	}
	if (p->traced && gf_fetch_twice(slot, &twice)) { /* .harn.fetch */
		bug_for_call(&b, "double-fetch", p, twice.param, twice.addr, twice.detail);
		gf_harness_judge(GF_VERDICT_BUG, &b);
		return 1;
	}
	return 0;
}

/* .harn.fixture.full: the pool filled before a call asks for it, once per
 * input.  The fill's calls are ordinary ones by the third module: a fault
 * in one is the kernel's.  Their statuses are not judged: the fill asks for
 * sizes no input would, to find the pool's end.
 *
 * .harn.fixture.full.clean: what the fill leaves in the third module's
 * own memory (its program, its stack, the last block's address in its
 * scratch) nothing reads afterwards: the module runs no more in the input,
 * and no input names its blocks.  Its data goes back to the snapshot at
 * once, in its view, so the next restore needs not come back to that view
 * (a view change closes and opens two modules' code and data).
 *
 * .harn.fixture.full.kept: about a third of the inputs that ask for the
 * fill ask before anything changed the kernel, and a fill from the
 * snapshot always leaves the kernel in the same state; that state was made
 * once at start-up and kept (keep_filled_pool), and is loaded instead of
 * making the pool's 120-odd allocations again, in the view the host side
 * is in (docs/performance.md).  Whether an input gets the copy depends on
 * the input alone, so its coverage does not change from one run to the
 * next: the kept fill's kernel edges are simply not the input's. */
static int fill_pool_once(struct gf_fault *f)
{
	int faulted = gf_fixture_fill_pool(f);

	gf_sandbox_reset_data(&H.sb, GF_SLOT_C);
	return faulted;
}

static void fill_pool(void)
{
	struct gf_fault f;

	if (H.pool_full)
		return;
	H.pool_full = 1;
	gf_model_pool_taken(&H.ledger.model);
	if (gf_sandbox_matches(&H.sb, GF_KERNEL_SNAPSHOT)) {
		gf_sandbox_load_kept(&H.sb);
	} else if (fill_pool_once(&f)) {
		struct gf_plan plan = {.s = gf_service_by_name("module_object_allocate")};
		judge_fault(GF_SLOT_C, &plan, &f);
	}
}

/* Fills the pool from the snapshot twice, and keeps the kernel's state if
 * both fills left it the same without a fault and changed no module's
 * memory or window (gf_sandbox_keep); then back to the snapshot, in the
 * host view the snapshot left (a target's own runs, fuzz_device's, start
 * there). */
static void keep_filled_pool(void)
{
	struct gf_fault f;
	int kept = !fill_pool_once(&f) && !gf_sandbox_keep(&H.sb);

	gf_sandbox_restore(&H.sb);
	if (kept && (fill_pool_once(&f) || !gf_sandbox_matches(&H.sb, GF_KERNEL_KEPT)))
		gf_sandbox_drop_kept(&H.sb);
	gf_sandbox_restore(&H.sb);
	gf_sandbox_view_host(&H.sb);
}

void gf_harness_call(int slot, const struct gf_service *s, struct gf_input *in,
		     uint8_t flags)
{
	const struct gf_world *w = &H.world[slot];
	struct gf_plan plan;
	struct gf_rule_ctx ctx;
	struct gf_rule_result expect;
	struct gf_expect state;
	struct gf_puppet_op op, *prog;
	struct gf_fault f;
	int faulted;

	if (gf_call_step(flags, GF_CALL_FULL_POOL)) {
		fill_pool();
		if (!H.running)
			return;
	}
	H.calls++;
	/* .harn.view: the decoder writes the input's content into the
	 * caller's memory, which the slot's view holds. */
	gf_sandbox_view_slot(&H.sb, slot);
	gf_decode_call(&plan, s, in, w, flags);
	if (plan.traced && !(plan.extra_ptr = gf_fetch_arm(slot, &plan)))
		plan.traced = 0;
	call_op(&op, s, plan.args, plan.extra_override || plan.traced, plan.extra_ptr);
	prog = prepare_program(slot, &op, 1);
	ctx = (struct gf_rule_ctx){&H.ledger, w->caller, w, plan.extra_override,
				   plan.extra_ptr};
	gf_rules_judge(s, plan.args, &ctx, &expect);
	gf_model_expect(&H.ledger.model, s, plan.args,
			plan.extra_override ? plan.extra_ptr : 0, w, &state);
	gf_write_set_before(&H.sb, slot);
	faulted = execute_op(slot, prog, &op, &f);
	H.last = (struct gf_call_record){s, plan, expect.must_reject,
					 expect.must_reject ? expect.param : -1,
					 expect.rule, op.result, faulted};
	judge_call(slot, &plan, &expect, &state, &op, &f, faulted);
	/* A module whose thread ended in the call runs no further code. */
	if (!gf_kernel_module_can_run(w->caller))
		H.running = 0;
}

/* .harn.raw-request: what a raw request is judged as; no service has its
 * id, so it has no parameters, no outputs and one status. */
static const struct gf_service unknown_request = {
	.family = "unknown",
	.name = "request",
	.full_name = "unknown_request",
	.returns = GF_RET_STATUS,
};

void gf_harness_request(int slot, const struct gf_service *s, struct gf_input *in,
			uint8_t flags)
{
	const struct gf_world *w = &H.world[slot];
	uint32_t id = gf_input_u32(in);
	struct gf_plan plan;
	struct gf_puppet_op op, *prog;
	struct gf_bug b;
	struct gf_fault f;
	char detail[200];
	int faulted;

	/* Ids are small (services.def), so the complement of one is none. */
	if (gf_service_by_id(id))
		id = ~id;
	H.calls++;
	gf_sandbox_view_slot(&H.sb, slot); /* .harn.view, as for a call */
	/* The call's own arguments, so that the words the kernel gets are
	 * those of a real call: only the id says no service. */
	gf_decode_call(&plan, s, in, w, flags);
	call_op(&op, s, plan.args, plan.extra_override, plan.extra_ptr);
	op.request = id;
	prog = prepare_program(slot, &op, 1);
	gf_write_set_before(&H.sb, slot);
	faulted = execute_op(slot, prog, &op, &f);
	plan.s = &unknown_request;
	H.last = (struct gf_call_record){&unknown_request, plan, 1, -1, "unknown request id",
					 op.result, faulted};
	if (faulted) {
		judge_fault(slot, &plan, &f);
	} else if (op.result != GF_UNKNOWN_REQUEST_STATUS) {
		snprintf(detail, sizeof detail, "request id %#x answered %#lx, not %s", id,
			 (unsigned long)op.result, gf_status_name(GF_UNKNOWN_REQUEST_STATUS));
		bug_for_call(&b, "wrong-status", &plan, -1, 0, detail);
		gf_harness_judge(GF_VERDICT_BUG, &b);
	} else if (!judge_effects(slot, &plan)) {
		gf_harness_judge(GF_VERDICT_REJECTED, NULL);
	}
	if (!gf_kernel_module_can_run(w->caller))
		H.running = 0;
}

unsigned long long gf_harness_calls(void)
{
	return H.calls;
}

const struct gf_call_record *gf_harness_last_call(void)
{
	return &H.last;
}

/* .harn.raw: a raw access is the module's own business.  Under a backend
 * that enforces, one outside the module's memory must fault in module code
 * (CONTAINED).  Under "none" nothing would stop it corrupting the kernel, so
 * only accesses to the module's own memory run there.  Never run: jumps
 * into the puppet's own code (that tests the puppet, not the isolation)
 * and stores over its live frames. */
void gf_harness_raw(int slot, enum gf_puppet_kind kind, struct gf_input *in)
{
	const struct gf_world *w = &H.world[slot];
	struct gf_param any = {.kind = GF_P_IN};
	/* One of the original classes: raw accesses kept their encoding. */
	enum gf_class c = gf_class_pick(&any, (uint8_t)(GF_CLASS_ORIGINAL_FROM +
							 gf_input_u8(in) % 96));
	uint8_t offsel = gf_input_u8(in);
	uint32_t width = 1u << (gf_input_u8(in) % 4);
	struct gf_puppet_op op = {.kind = kind, .width = width};
	const struct gf_slot *me = &H.sb.slot[slot];
	struct gf_fault f;
	gf_perm own;

	op.addr = gf_pointer_make(w, c, offsel, width, GF_OT_BLOCK, &c);
	op.value = gf_input_u32(in);
	own = gf_domain_range_perm(w->domain, op.addr, width);
	if (kind == GF_OP_JUMP && (!H.enforcing || (own & GF_PERM_X)))
		return;
	if (!H.enforcing && !(own & (kind == GF_OP_STORE ? GF_PERM_W : GF_PERM_R)))
		return;
	if (kind == GF_OP_STORE &&
	    op.addr >= me->data->base + GF_DATA_STACK_TOP - GF_LIVE_FRAMES &&
	    op.addr < me->data->base + GF_DATA_STACK_TOP)
		return;
	if (run_op(slot, &op, &f)) {
		struct gf_bug b;
		enum gf_verdict v = gf_oracle_fault(&f, w->caller, &b);
		if (v == GF_VERDICT_CONTAINED)
			gf_kernel_module_fault(w->caller, &f);
		gf_harness_judge(v, &b);
	}
}

int gf_harness_end(void)
{
	char line[512];

	gf_stats_count(H.verdict);
	if (H.verdict != GF_VERDICT_BUG)
		return 0;
	gf_bug_title(&H.bug, H.title, sizeof H.title);
	gf_bug_line(&H.bug, line, sizeof line);
	fprintf(stderr, "%s\n  title: %s\n  detail: %s\n  backend: %s\n", line,
		H.title, H.bug.detail, gf_iso_backend());
	if (!H.replay) {
		gf_stats_flush();
		abort();
	}
	return 0;
}

enum gf_verdict gf_harness_last(char *title, size_t n)
{
	if (title && n)
		snprintf(title, n, "%s", H.title);
	return H.verdict;
}

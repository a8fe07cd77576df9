/* kut_kernel.c — ThreadX's module manager as the kernel under test
 * (kernel_interface/kernel.h, .kut.interface): bringing ThreadX up in the
 * sandbox's arena, loading each sandbox module as a ThreadX module, and
 * the gate's handler, which enters ThreadX's own dispatcher as the calling
 * module's thread.
 *
 * .tx.arena — The arena holds everything ThreadX allocates: the module
 * instances and their preambles, the module manager's pool (where a loader
 * puts module data; here only its bookkeeping, the data being gatefuzz's
 * regions) and the object pool that modules allocate control blocks and
 * their threads' kernel stacks from.  Everything else ThreadX keeps is in
 * its globals (kut_state.c).
 */
#define TX_SOURCE_CODE
#include "tx_api.h"
#include "tx_initialize.h"
#include "tx_thread.h"
#include "txm_module.h"

#include <stdio.h>
#include <string.h>

#include "kernel.h"
#include "kut_threadx.h"
#include "port.h"
#include "service_table.h"

/* The port's control-block sizes (object_abi.h) are ThreadX's. */
_Static_assert(GF_CB_BYTES_BLOCK_POOL == sizeof(TX_BLOCK_POOL), "TX_BLOCK_POOL");
_Static_assert(GF_CB_BYTES_BYTE_POOL == sizeof(TX_BYTE_POOL), "TX_BYTE_POOL");
_Static_assert(GF_CB_BYTES_EVENT_FLAGS == sizeof(TX_EVENT_FLAGS_GROUP), "TX_EVENT_FLAGS_GROUP");
_Static_assert(GF_CB_BYTES_MUTEX == sizeof(TX_MUTEX), "TX_MUTEX");
_Static_assert(GF_CB_BYTES_QUEUE == sizeof(TX_QUEUE), "TX_QUEUE");
_Static_assert(GF_CB_BYTES_SEMAPHORE == sizeof(TX_SEMAPHORE), "TX_SEMAPHORE");
_Static_assert(GF_CB_BYTES_THREAD == sizeof(TX_THREAD), "TX_THREAD");
_Static_assert(GF_CB_BYTES_TIMER == sizeof(TX_TIMER), "TX_TIMER");
_Static_assert(GF_BLOCK_HEADER_BYTES == sizeof(TXM_MODULE_ALLOCATED_OBJECT), "object header");

/* What the preamble declares: small stacks for the module manager's two
 * threads of each module (they never run here), a token data size. */
#define GF_TX_MANAGER_STACK 512u
#define GF_TX_MANAGER_POOL (8u * 1024)

struct tx_arena {
	TXM_MODULE_INSTANCE instance[GF_TX_MODULES];
	TXM_MODULE_PREAMBLE preamble[GF_TX_MODULES];
	CHAR name[GF_TX_MODULES][16];
	int loaded[GF_TX_MODULES];
	struct gf_module_domains dom[GF_TX_MODULES];
};

static const struct gf_region *arena_region;
static char site[64] = "init";
/* The request being served, named in gf_kernel_site() only when a report
 * asks: formatting it on every call would cost each execution. */
static uint32_t serving;

static struct tx_arena *arena(void)
{
	return (struct tx_arena *)arena_region->base;
}

const struct gf_region *gf_kernel_arena(void)
{
	return arena_region;
}

const char *gf_kernel_site(void)
{
	const struct gf_service *s = serving ? gf_service_by_id(serving) : NULL;

	if (serving)
		snprintf(site, sizeof site, "%s/txm", s ? s->full_name : "dispatch");
	return site;
}

TXM_MODULE_INSTANCE *gf_tx_instance(int module)
{
	if (module < 0 || module >= GF_TX_MODULES || !arena()->loaded[module])
		return NULL;
	return &arena()->instance[module];
}

static uintptr_t object_pool_base(void)
{
	return arena_region->base + ((sizeof(struct tx_arena) + 63) & ~(uintptr_t)63) +
	       GF_TX_MANAGER_POOL;
}

static void fault_notified(TX_THREAD *thread, TXM_MODULE_INSTANCE *mi)
{
	(void)thread;
	(void)mi;
}

/* ThreadX's application hook, run by tx_kernel_enter during
 * initialisation: the module manager and its object pool, as an
 * application sets them up. */
VOID tx_application_define(VOID *first_unused_memory)
{
	uintptr_t manager = arena_region->base + ((sizeof(struct tx_arena) + 63) & ~(uintptr_t)63);
	uintptr_t pool = object_pool_base();

	(void)first_unused_memory;
	_txm_module_manager_initialize((VOID *)manager, GF_TX_MANAGER_POOL);
	_txm_module_manager_object_pool_create((VOID *)pool,
					       (ULONG)(arena_region->base + arena_region->size - pool));
	_txm_module_manager_memory_fault_notify(fault_notified);
}

int gf_kernel_init(const struct gf_region *arena_r)
{
	if (!arena_r || arena_r->size < sizeof(struct tx_arena) + GF_TX_MANAGER_POOL + 16384)
		return -1;
	arena_region = arena_r;
	/* .kern.poison: every arena byte ThreadX has not written is poison. */
	gf_poison_span((uint8_t *)arena_r->base, 0, arena_r->size);
	memset(arena(), 0, sizeof *arena());
	_tx_initialize_kernel_enter();
	/* Initialisation done and nothing scheduled: from here on, ThreadX
	 * runs only inside a module's call, as that module's thread. */
	_tx_thread_system_state = 0;
	gf_gate_set_handler(gf_kernel_dispatch);
	return 0;
}

/* The window the module's domain may read and write besides its data: the
 * shared memory the port gives a module instance. */
static const struct gf_region *shared_window(const struct gf_module_domains *d)
{
	for (int i = 0; i < gf_region_count(); i++) {
		const struct gf_region *r = gf_region_get(i);
		if (r && r->kind == GF_REGION_SHARED && gf_domain_perm(d->self, r) == GF_PERM_RW)
			return r;
	}
	return NULL;
}

/* .tx.peers — ThreadX lets every module use every object (looked up by
 * name), and an object's storage is where its creator put it: a queue's
 * messages, a pool's blocks and an object's name live in the creating
 * module's data.  So the kernel serving one module reads and writes the
 * others' data by design, and each module's kernel-for domain may touch
 * every other module's data region (never its code).  What a module may
 * hand the kernel is still judged by the reference rules against the
 * caller's own domain: a buffer in another module stays a BUG. */
static void grant_peers(int module)
{
	const struct gf_module_domains *me = &arena()->dom[module];

	for (int m = 0; m < GF_TX_MODULES; m++) {
		const struct gf_module_domains *o = &arena()->dom[m];
		if (m == module || !arena()->loaded[m])
			continue;
		gf_domain_grant(me->kernel_for, o->data, GF_PERM_RW);
		gf_domain_grant(o->kernel_for, me->data, GF_PERM_RW);
	}
}

/* Loads and starts module d as a memory-protected user-mode ThreadX
 * module, the way an application does during initialisation: a preamble,
 * _txm_module_manager_in_place_load, _txm_module_manager_start.  The
 * port's module setup hook places the instance on d's regions. */
int gf_kernel_module_add(const struct gf_module_domains *d)
{
	const struct gf_region *shared;
	struct gf_txport_placement where;
	TXM_MODULE_PREAMBLE *pre;
	TXM_MODULE_INSTANCE *mi;
	UINT st;

	if (!d || d->module < 0 || d->module >= GF_TX_MODULES || arena()->loaded[d->module])
		return -1;
	shared = shared_window(d);
	pre = &arena()->preamble[d->module];
	mi = &arena()->instance[d->module];
	memset(pre, 0, sizeof *pre);
	pre->txm_module_preamble_id = TXM_MODULE_ID;
	pre->txm_module_preamble_version_major = 6;
	pre->txm_module_preamble_preamble_size = sizeof *pre / 4;
	pre->txm_module_preamble_application_module_id = (ULONG)d->module;
	pre->txm_module_preamble_property_flags = TXM_MODULE_USER_MODE | TXM_MODULE_MEMORY_PROTECTION;
	/* Offsets into the code; the port's setup hook points them at d's
	 * code, where nothing runs them (no scheduler). */
	pre->txm_module_preamble_shell_entry_function = 1;
	pre->txm_module_preamble_start_function = 1;
	pre->txm_module_preamble_callback_function = 1;
	pre->txm_module_preamble_start_stop_priority = 16;
	pre->txm_module_preamble_start_stop_stack_size = GF_TX_MANAGER_STACK;
	pre->txm_module_preamble_callback_priority = 16;
	pre->txm_module_preamble_callback_stack_size = GF_TX_MANAGER_STACK;
	pre->txm_module_preamble_code_size = (ULONG)d->code->size;
	pre->txm_module_preamble_data_size = 64;
	snprintf(arena()->name[d->module], sizeof arena()->name[0], "module%d", d->module);
	where = (struct gf_txport_placement){
		d->code->base, d->code->size, d->data->base, d->data->size,
		shared ? shared->base : 0, shared ? shared->size : 0, d->code->base};
	gf_txport_place_next(&where);
	_tx_thread_system_state = TX_INITIALIZE_IN_PROGRESS;
	st = _txm_module_manager_in_place_load(mi, arena()->name[d->module], pre);
	if (st == TX_SUCCESS)
		st = _txm_module_manager_start(mi);
	_tx_thread_system_state = 0;
	if (st != TX_SUCCESS) {
		serving = 0;
		snprintf(site, sizeof site, "module %d load: status %#x", d->module, st);
		return -1;
	}
	arena()->loaded[d->module] = 1;
	arena()->dom[d->module] = *d;
	grant_peers(d->module);
	return 0;
}

int gf_kernel_module_remove(int module)
{
	TXM_MODULE_INSTANCE *mi = gf_tx_instance(module);
	UINT st;

	if (!mi)
		return -1;
	_tx_thread_system_state = TX_INITIALIZE_IN_PROGRESS;
	st = _txm_module_manager_stop(mi);
	if (st == TX_SUCCESS)
		st = _txm_module_manager_unload(mi);
	_tx_thread_system_state = 0;
	if (st != TX_SUCCESS)
		return -1;
	arena()->loaded[module] = 0;
	return 0;
}

/* The gate's handler: the call enters ThreadX's own dispatcher as the
 * calling module's thread (the manager's start thread of its instance). */
uintptr_t gf_kernel_dispatch(uint32_t request, uintptr_t p0, uintptr_t p1, uintptr_t p2)
{
	TXM_MODULE_INSTANCE *mi = gf_tx_instance(gf_gate_caller());

	serving = request;
	if (!mi)
		return TXM_MODULE_INVALID;
	_tx_thread_current_ptr = &mi->txm_module_instance_start_stop_thread;
	return (uintptr_t)_txm_module_manager_kernel_dispatch((ULONG)request, p0, p1, p2);
}

int gf_kernel_module_can_run(int module)
{
	TXM_MODULE_INSTANCE *mi = gf_tx_instance(module);
	UINT state;

	if (!mi)
		return 0;
	state = mi->txm_module_instance_start_stop_thread.tx_thread_state;
	return state != TX_TERMINATED && state != TX_COMPLETED;
}

/* .tx.port.fault: a module's own fault reaches ThreadX as the port's
 * memory-fault handler reports it: its thread is terminated and the
 * application's notification runs. */
void gf_kernel_module_fault(int module, const struct gf_fault *f)
{
	TXM_MODULE_INSTANCE *mi = gf_tx_instance(module);

	if (!mi)
		return;
	_tx_thread_current_ptr = &mi->txm_module_instance_start_stop_thread;
	gf_txport_memory_fault(f->pc, f->addr, f->access == GF_ACCESS_WRITE);
}

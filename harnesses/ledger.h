/* ledger.h — the harness's own record of kernel resources (.harn.ledger).
 *
 * The oracle does not ask the kernel which objects exist: it keeps a ledger
 * of what successful calls created, shared, deleted, allocated and released,
 * the way syzkaller tracks resources, and judges object arguments against
 * it.  A kernel that believes something else than the ledger is caught by
 * the reference rules (rules.c).  The objects' state (counts, holders,
 * messages, pieces handed out) is the model's (model.h), kept here so that
 * it is restored with the ledger before each input.
 */
#ifndef GATEFUZZ_LEDGER_H
#define GATEFUZZ_LEDGER_H

#include <stdint.h>

#include "model.h"
#include "service_table.h"

#define GF_LEDGER_BLOCKS 96
#define GF_LEDGER_MEMS 64
#define GF_LEDGER_NAME 32

enum gf_obj_state { GF_OBJ_NONE, GF_OBJ_LIVE, GF_OBJ_DELETED };

/* An object-pool block, and the object living (or having lived) in it. */
struct gf_ledger_block {
	uintptr_t addr;           /* the control block: the object's address */
	uint32_t size;
	int owner;                /* module that allocated it                */
	enum gf_object_type type; /* of the object, when state != NONE       */
	enum gf_obj_state state;
	uint64_t shared;          /* modules the object is shared with       */
	uint32_t msg_bytes;       /* queues: bytes per message               */
	uintptr_t storage;        /* module memory handed over at create (a  */
	uint64_t storage_len;     /* pool area, queue storage, thread stack) */
	char name[GF_LEDGER_NAME];
};

/* Memory a module got from a block or byte pool. */
struct gf_ledger_mem {
	uintptr_t addr;
	uintptr_t pool;
	int owner;
};

struct gf_ledger {
	int nblocks, nmems, nreleased;
	int missed; /* a block allocated that the ledger had no room for */
	struct gf_ledger_block block[GF_LEDGER_BLOCKS];
	struct gf_ledger_mem mem[GF_LEDGER_MEMS];
	/* Pool memory released and not handed out again since: what a second
	 * release of it names (pointer class POOLMEM_RELEASED). */
	struct gf_ledger_mem released[GF_LEDGER_MEMS];
	struct gf_model model; /* the objects' state (.harn.model)           */
};

struct gf_ledger_block *gf_ledger_block_at(struct gf_ledger *l, uintptr_t addr);
const struct gf_ledger_mem *gf_ledger_mem_at(const struct gf_ledger *l,
					     uintptr_t addr);

/* May `caller` use (USE) the live object of type t at addr? */
int gf_ledger_may_use(struct gf_ledger *l, uintptr_t addr,
		      enum gf_object_type t, int caller);

/* Picks the n-th (modulo the matches) block satisfying pred, or NULL. */
typedef int (*gf_ledger_pred)(const struct gf_ledger_block *b, int caller,
			      enum gf_object_type t);
struct gf_ledger_block *gf_ledger_pick(struct gf_ledger *l, gf_ledger_pred pred,
				       int caller, enum gf_object_type t,
				       unsigned n);
/* Picks the n-th (modulo) piece of pool memory whose owner is (want_owner)
 * or is not (!want_owner) `owner`, from a pool of type pool_type. */
const struct gf_ledger_mem *gf_ledger_pick_mem(struct gf_ledger *l, int owner,
					       int want_owner,
					       enum gf_object_type pool_type,
					       unsigned n);

/* Picks the n-th (modulo) piece of pool memory `owner` released from a
 * pool of type pool_type, or NULL. */
const struct gf_ledger_mem *gf_ledger_pick_released(struct gf_ledger *l, int owner,
						    enum gf_object_type pool_type,
						    unsigned n);

/* Records the effect of a call that returned SUCCESS: objects created,
 * deleted and shared, blocks allocated and freed, pool memory handed out and
 * returned.  Slot results are read from module memory (host context). */
void gf_ledger_apply(struct gf_ledger *l, const struct gf_service *s,
		     const uintptr_t *args, int caller);

#endif

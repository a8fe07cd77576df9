/* pointer_gen.h — turning a class selector and an offset selector into an
 * address (.harn.classes).  The same selectors give the same argument on
 * every backend, and on the Cortex-M build, because every class is defined
 * relative to the sandbox's regions and the ledger, never as an address. */
#ifndef GATEFUZZ_POINTER_GEN_H
#define GATEFUZZ_POINTER_GEN_H

#include <stdint.h>

#include "isolation.h"
#include "ledger.h"
#include "service_table.h"

enum gf_class {
#define GF_CLASS(name, desc) GF_CLASS_##name,
#include "pointer_classes.def"
#undef GF_CLASS
	GF_CLASS_COUNT
};
const char *gf_class_name(enum gf_class c);
const char *gf_class_description(enum gf_class c);

/* What the generator needs to know of the sandbox: region bounds of the
 * caller, of another module, of the kernel, and where the caller's free
 * scratch memory is. */
struct gf_bounds {
	uintptr_t base, end;
};
struct gf_world {
	struct gf_ledger *ledger;
	int caller, other;                 /* module ids                      */
	gf_domain_id domain;               /* the caller's module domain      */
	struct gf_bounds own_code, own_data, own_scratch, own_stack;
	struct gf_bounds other_code, other_data;
	struct gf_bounds arena, shared_ro, shared_rw;
	uintptr_t hole;                    /* an unmapped address in the span */
};

/* Selector bytes below this pick the parameter's valid class, so most
 * inputs reach deep code (.harn.classes.bias); the rest pick any class. */
#define GF_CLASS_VALID_BELOW 160

/* The class a selector picks for parameter p. */
enum gf_class gf_class_pick(const struct gf_param *p, uint8_t selector);
/* A selector byte that picks class c for any parameter (for seeds). */
uint8_t gf_class_selector(enum gf_class c);

/* The address of class c for a range of len bytes; want is the object type
 * an object parameter expects.  Falls back to a plain caller-data address
 * when the ledger has no candidate (and says so in *used). */
uintptr_t gf_pointer_make(const struct gf_world *w, enum gf_class c,
			  uint8_t offsel, uint64_t len,
			  enum gf_object_type want, enum gf_class *used);

#endif

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
	struct gf_bounds own_names;        /* its fixture's names and slots   */
	struct gf_bounds other_code, other_data;
	struct gf_bounds arena, shared_ro, shared_rw;
	uintptr_t hole;                    /* an unmapped address in the span */
};

/* Selector bytes below GF_CLASS_VALID_BELOW pick the parameter's valid
 * class, so most inputs reach deep code (.harn.classes.bias); those from
 * GF_CLASS_ORIGINAL_FROM pick one of the first GF_CLASS_ORIGINAL_COUNT
 * classes (selector % 31, their encoding since the start), and the band
 * between picks the classes added later: a class added never re-maps a
 * stored input's selector above the band. */
#define GF_CLASS_VALID_BELOW 144
#define GF_CLASS_ORIGINAL_FROM 160
#define GF_CLASS_ORIGINAL_COUNT (GF_CLASS_WRAP + 1)
_Static_assert(GF_CLASS_COUNT - GF_CLASS_ORIGINAL_COUNT <=
		       GF_CLASS_ORIGINAL_FROM - GF_CLASS_VALID_BELOW,
	       "every later class has a selector of its own in the band");

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

/* backend_pkey.h — what tests and the bench may ask the pkey backend. */
#ifndef GATEFUZZ_BACKEND_PKEY_H
#define GATEFUZZ_BACKEND_PKEY_H

#include <stdint.h>

#include "isolation.h"

struct gf_pkey_stats {
	int keys;              /* keys allocated, the parking key included  */
	int park_key;          /* the key of classes that hold none         */
	int classes;           /* key classes (.iso.pkey.classes)           */
	uint64_t evictions;    /* classes parked to free a key              */
	uint64_t retags;       /* pkey_mprotect calls after creation        */
	uint64_t exec_changes; /* code regions opened or closed for fetch   */
};

/* Counters since gf_iso_init("pkey"); all zero under another backend. */
void gf_pkey_stats(struct gf_pkey_stats *out);

/* The protection key region r's pages carry now (the parking key while its
 * class holds none), or -1 when r is NULL or pkey is not the backend. */
int gf_pkey_region_key(const struct gf_region *r);

#endif

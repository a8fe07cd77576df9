/* status.h — service status codes, expanded from status.def (.svc.status). */
#ifndef GATEFUZZ_STATUS_H
#define GATEFUZZ_STATUS_H

#include <stdint.h>

enum gf_status {
#define GF_STATUS(name, value, meaning) GF_##name = (value),
#include "status.def"
#undef GF_STATUS
};

/* A dense index per status, so that a service's documented errors fit in
 * one 64-bit mask (E(x) in services.def). */
enum gf_status_index {
#define GF_STATUS(name, value, meaning) GF_SI_##name,
#include "status.def"
#undef GF_STATUS
	GF_STATUS_COUNT
};

/* "QUEUE_ERROR", or NULL for a value no status has. */
const char *gf_status_name(uint32_t status);
const char *gf_status_meaning(uint32_t status);
/* The mask bit of a status value (0 for an unknown value). */
uint64_t gf_status_bit(uint32_t status);

#endif

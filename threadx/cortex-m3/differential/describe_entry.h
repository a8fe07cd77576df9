/* describe_entry.h — forced into the host harness's target sources when
 * gf-tx-describe compiles them (differential.cmake): each target's
 * LLVMFuzzerTestOneInput under its own name, and the per-service target's
 * service chosen at run time, so that one program holds every ThreadX
 * target, unchanged. */
#ifndef GATEFUZZ_TX_DESCRIBE_ENTRY_H
#define GATEFUZZ_TX_DESCRIBE_ENTRY_H

#include <stddef.h>
#include <stdint.h>

extern uint32_t gf_describe_service;
int gf_describe_service_input(const uint8_t *data, size_t len);
int gf_describe_sequence_input(const uint8_t *data, size_t len);
int gf_describe_puppet_input(const uint8_t *data, size_t len);

#endif

/* toy_proto.h — the toy kernel's services and the block its fuzzed module
 * finds at the base of its data region (.cm.toy).
 *
 * The input is a list of 4-byte records [op a b c] the module turns into
 * gate calls:
 *   op%8 = 1 CREATE kind=a, size=b+1        -> handle into slot c%4
 *          2 WRITE  slot a%4, offset b, byte c
 *          3 READ   slot a%4, offset b
 *          4 DELETE slot a%4
 *          5 SEND   slot a%4, buffer sel(b), length c
 *          6 INFO   slot a%4, out sel(b)
 *          7 the module itself reads kernel memory when a == 0xff (a
 *            contained fault), else its own data
 *          0 nothing
 *   sel(x), x%4: 0 the module's scratch buffer, 1 NULL, 2 the other
 *                module's data, 3 the kernel arena.
 */
#ifndef GATEFUZZ_CM_TOY_PROTO_H
#define GATEFUZZ_CM_TOY_PROTO_H

#include <stdint.h>

#include "isolation.h"

enum toy_service {
	TOY_CREATE = 1,
	TOY_WRITE,
	TOY_READ,
	TOY_DELETE,
	TOY_SEND,
	TOY_INFO,
};
#define TOY_ERROR 0xffffffffu

struct toy_info {
	uint32_t kind, size, checksum, flags;
};

#define TOY_INPUT_MAX 1024
#define TOY_SCRATCH 64

struct toy_block {
	gf_dispatch_fn gate;
	uintptr_t other_data;  /* hints the module cannot know itself */
	uintptr_t arena;
	uint32_t slot[4];
	uint32_t len;
	uint8_t scratch[TOY_SCRATCH];
	uint8_t input[TOY_INPUT_MAX];
};

void toy_module_entry(struct toy_block *b);
extern const uint8_t __start_gf_mod_toy[], __stop_gf_mod_toy[];

#endif

/* toy_module.c — the fuzzed module: turns the input records into gate
 * calls (toy_proto.h).  Unprivileged and copied into its code region
 * (.cm.module-template). */
#include "module_load.h"
#include "toy_proto.h"

GF_CM_MODULE_CODE("gf_mod_toy") static uintptr_t select_buffer(struct toy_block *b, uint8_t x)
{
	switch (x & 3) {
	case 0: return (uintptr_t)b->scratch;
	case 1: return 0;
	case 2: return b->other_data;
	default: return b->arena;
	}
}

GF_CM_MODULE_CODE("gf_mod_toy") void toy_module_entry(struct toy_block *b)
{
	for (uint32_t i = 0; i + 4 <= b->len; i += 4) {
		const uint8_t *r = &b->input[i];
		uint32_t *slot = &b->slot[r[1] & 3];
		switch (r[0] & 7) {
		case 1:
			b->slot[r[3] & 3] = (uint32_t)b->gate(TOY_CREATE, r[1], r[2] + 1u, 0);
			break;
		case 2:
			b->gate(TOY_WRITE, *slot, r[2], r[3]);
			break;
		case 3:
			b->scratch[0] = (uint8_t)b->gate(TOY_READ, *slot, r[2], 0);
			break;
		case 4:
			b->gate(TOY_DELETE, *slot, 0, 0);
			break;
		case 5:
			b->gate(TOY_SEND, *slot, select_buffer(b, r[2]), r[3]);
			break;
		case 6:
			b->gate(TOY_INFO, *slot, select_buffer(b, r[2]), 0);
			break;
		case 7:
			b->scratch[1] = *(volatile uint8_t *)(r[1] == 0xff ? b->arena : (uintptr_t)b->scratch);
			break;
		}
	}
}

/* matrix_module.h — what the isolation matrix's kernel and its module
 * agree on: the command block at the base of the module's data region. */
#ifndef GATEFUZZ_CM_MATRIX_MODULE_H
#define GATEFUZZ_CM_MATRIX_MODULE_H

#include <stdint.h>

#include "isolation.h"

enum mx_op {
	MX_READ = 1,    /* the module loads a word from addr           */
	MX_WRITE,       /* the module stores value at addr             */
	MX_EXEC,        /* the module calls addr                       */
	MX_KREAD,       /* the kernel loads from addr inside a gate call */
	MX_KWRITE,      /* the kernel stores at addr inside a gate call  */
};

/* Gate services of the matrix kernel. */
enum mx_service {
	MX_SVC_PING = 1, /* returns MX_PING_OK | caller when the gate state is right */
	MX_SVC_KREAD,
	MX_SVC_KWRITE,
};
#define MX_PING_OK 0x600d0000u

struct mx_cmd {
	uint32_t op;
	uintptr_t addr;
	uint32_t value;
	uint32_t gate_first;  /* call PING before the access          */
	gf_dispatch_fn gate;
	uint32_t result;      /* the loaded word, or the gate's answer */
	uint32_t ping;        /* PING's answer                         */
	uint32_t done;        /* set when the access completed         */
};

void matrix_module_entry(struct mx_cmd *c);
void matrix_module_ret(void);
extern const uint8_t __start_gf_mod_matrix[], __stop_gf_mod_matrix[];

#endif

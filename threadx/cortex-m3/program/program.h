/* program.h — the program module's programs (program_module.c), as the
 * firmware (program_main.c) orders them: a well-behaved module's calls
 * with ThreadX's documented statuses, and calls that re-enact the host
 * port's bug classes (docs/threadx.md) on the real port. */
#ifndef GATEFUZZ_TX_PROGRAM_H
#define GATEFUZZ_TX_PROGRAM_H

enum gf_program {
	GF_PROGRAM_WELL_BEHAVED, /* every call its documented status           */
	GF_PROGRAM_TX_USE,       /* info_get on kernel memory (target)         */
	GF_PROGRAM_TX_CREATE,    /* semaphore_create at a kernel address       */
	GF_PROGRAM_TX_DELETE,    /* delete module B's semaphore                */
	GF_PROGRAMS
};

/* What the firmware passes: the program's target address (kernel memory
 * for TX-USE and TX-CREATE), in the order's addr after the program
 * number's byte: addr = target | program (targets are 4-byte aligned). */
#define GF_PROGRAM_OF(addr) ((addr) & 3ul)
#define GF_PROGRAM_TARGET(addr) ((addr) & ~3ul)

/* A documented status that is any error (not TX_SUCCESS). */
#define GF_PROGRAM_ANY_ERROR 0xFFFFFFFFul

/* Module B's semaphore, which every program module creates while idle. */
#define GF_PROGRAM_B_SEMAPHORE "B semaphore"
/* What TX-USE's fake semaphore in kernel memory holds as its count. */
#define GF_PROGRAM_SECRET 0x5EC2E7ul

#endif

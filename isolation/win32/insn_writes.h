/* insn_writes.h — does a faulting x86-64 instruction write the address it
 * faulted at? (.iso.win32.access)
 *
 * Pure: no state, no Windows API, safe in an exception handler.  Reads
 * only bytes of the instruction itself, and only once the bytes before say
 * there is more: the CPU fetched them all, so none lies in unreadable
 * memory.
 */
#ifndef GATEFUZZ_INSN_WRITES_H
#define GATEFUZZ_INSN_WRITES_H

#include <stdbool.h>
#include <stdint.h>

/* True when the instruction at code, which faulted on a data access at
 * addr with the stack pointer rsp and destination index rdi, writes addr:
 * a store or read-modify-write of its ModRM memory operand, a push or call
 * (writes just below rsp), a string store (at rdi).  False for loads and
 * for every form it does not know (EVEX, 3DNow!, ...). */
bool gf_insn_writes(const uint8_t *code, uintptr_t addr, uintptr_t rsp,
		    uintptr_t rdi);

#endif

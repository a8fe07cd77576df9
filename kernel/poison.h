/* poison.h — filling and checking the arena's poison (internal to kernel/;
 * the pattern itself is in kernel.h).  Every arena byte that holds no live
 * kernel data is poison (.kern.poison): free pool space, empty blocks,
 * ended objects.  A kernel that copies arena bytes into module memory thus
 * leaks a recognisable pattern, and one that scribbles on free space breaks
 * the pattern that integrity checks.
 */
#ifndef GATEFUZZ_POISON_H
#define GATEFUZZ_POISON_H

#include <stdint.h>

/* Poisons arena bytes [offset, offset + len). */
void gf_poison_fill(uint32_t offset, uint32_t len);
/* The first arena offset in [offset, offset + len) that is not poison, or
 * offset + len when all are. */
uint32_t gf_poison_first_clean(uint32_t offset, uint32_t len);

#endif

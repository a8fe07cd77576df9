/* poison.c — the arena's poison (.kern.poison): filling free space with the
 * pattern of kernel_interface/poison_pattern.c and checking it is intact.
 *
 * Both go through a poisoned image of a chunk's length: the poison of a
 * span at arena offset o is the image from o % 8, so a fill is a copy and
 * a check a comparison by the C library (gf_bytes_copy, gf_bytes_equal),
 * vectorised for the CPU at hand.  The integrity walk checks all free
 * space after every call (.kern.integrity); as a loop of ours, compiled
 * with UBSan's pointer checks in every iteration, the check was 14 % of
 * an execution (docs/performance.md).
 */
#include "poison.h"

#include "arena.h"
#include "isolation.h"
#include "kernel.h"

#define CHUNK 1024u

/* Arena offsets 0 .. CHUNK + 7, poisoned at first use: no poison byte is
 * zero (poison_pattern.c), so a zero first byte means not yet. */
static uint8_t image[CHUNK + 8];

static const uint8_t *poison_at(uint32_t offset)
{
	if (image[0] == 0)
		gf_poison_span(image, 0, sizeof image);
	return image + (offset & 7);
}

static uint32_t chunk(uint32_t at, uint32_t end)
{
	return end - at < CHUNK ? end - at : CHUNK;
}

void gf_poison_fill(uint32_t offset, uint32_t len)
{
	uint8_t *a = gf_arena_base();

	for (uint32_t at = offset, end = offset + len; at < end; at += chunk(at, end))
		gf_bytes_copy(a + at, poison_at(at), chunk(at, end));
}

uint32_t gf_poison_first_clean(uint32_t offset, uint32_t len)
{
	const uint8_t *a = gf_arena_base();
	uint32_t at = offset, end = offset + len;

	while (at < end && gf_bytes_equal(a + at, poison_at(at), chunk(at, end)))
		at += chunk(at, end);
	/* The first byte that differs lies in the chunk at `at`. */
	for (; at < end; at++)
		if (a[at] != gf_poison_byte(at))
			return at;
	return end;
}

/* pkey_scan.c — the loader's WRPKRU/XRSTOR scan (.iso.pkey.scan).
 *
 * Encodings refused, looked for at every byte offset:
 *   WRPKRU            0F 01 EF
 *   XRSTOR  m         0F AE /5, ModRM.mod != 11 (any legacy prefixes)
 *   XRSTOR64 m        REX.W 0F AE /5, ModRM.mod != 11
 * 0F AE with ModRM.reg == 5 and mod == 11 is LFENCE (or, with F3,
 * INCSSP): neither touches PKRU, so it is allowed — compilers emit LFENCE.
 * XRSTORS (0F C7 /3) also loads PKRU but faults outside ring 0, so it needs
 * no rule.  A forbidden encoding cut off by the end of the code cannot be
 * completed by what follows it: the rest of the code region is zero-filled
 * and followed by a guard page.
 */
#include "pkey_scan.h"

#include <stdbool.h>

static bool is_wrpkru(const uint8_t *p, size_t left)
{
	return left >= 3 && p[0] == 0x0f && p[1] == 0x01 && p[2] == 0xef;
}

static bool is_xrstor(const uint8_t *p, size_t left)
{
	if (left < 3 || p[0] != 0x0f || p[1] != 0xae)
		return false;
	uint8_t modrm = p[2];
	bool memory_operand = (modrm >> 6) != 3;
	bool reg_is_5 = ((modrm >> 3) & 7) == 5;
	return memory_operand && reg_is_5;
}

/* REX prefixes are 0x40..0x4F; W is bit 3. */
static bool is_rex_w(uint8_t b)
{
	return (b & 0xf8) == 0x48;
}

int gf_pkey_scan_code(const uint8_t *code, size_t len, size_t *offset,
		      const char **what)
{
	for (size_t i = 0; i < len; i++) {
		const uint8_t *p = code + i;
		size_t left = len - i;
		const char *found = NULL;

		if (is_wrpkru(p, left))
			found = "WRPKRU";
		else if (is_rex_w(p[0]) && is_xrstor(p + 1, left - 1))
			found = "XRSTOR64";
		else if (is_xrstor(p, left))
			found = "XRSTOR";
		if (found) {
			if (offset)
				*offset = i;
			if (what)
				*what = found;
			return -1;
		}
	}
	return 0;
}

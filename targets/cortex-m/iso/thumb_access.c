/* thumb_access.c — is the faulting instruction a load or a store?
 *
 * The MPU reports that a data access was refused (DACCVIOL) and where
 * (MMFAR), not its direction; gf_fault.access needs it, so the stacked PC's
 * instruction is decoded.  Only the load/store encoding classes are told
 * apart (ARMv7-M ARM A5.2/A5.3): enough for every compiler-generated data
 * access. */
#include "cm_internal.h"

static gf_access load_if(int bit)
{
	return bit ? GF_ACCESS_READ : GF_ACCESS_WRITE;
}

gf_access gf_cm_thumb_access(const uint16_t *pc)
{
	uint16_t hw = pc[0];
	unsigned top5 = hw >> 11;
	/* 32-bit encodings start with 0b11101, 0b11110 or 0b11111. */
	if (top5 >= 0x1d) {
		/* 1111 100x: load/store single; bit 4 of hw1 is L. */
		if ((hw & 0xfe00) == 0xf800)
			return load_if(hw & 0x0010);
		/* 1110 100x: LDM/STM, LDRD/STRD, LDREX/STREX; bit 4 is L. */
		if ((hw & 0xfe00) == 0xe800)
			return load_if(hw & 0x0010);
		/* 1110 110x / 1110 1101: VLDR/VSTR, VLDM/VSTM, LDC/STC. */
		if ((hw & 0xfe00) == 0xec00 || (hw & 0xff00) == 0xed00)
			return load_if(hw & 0x0010);
		return 0;
	}
	switch (hw >> 12) {
	case 0x5: /* register offset: opB 000-010 store, 011-111 load */
		return load_if(((hw >> 9) & 7) >= 3);
	case 0x6: /* STR/LDR imm */
	case 0x7: /* STRB/LDRB imm */
	case 0x8: /* STRH/LDRH imm */
	case 0x9: /* STR/LDR SP-relative */
	case 0xc: /* STM/LDM */
		return load_if(hw & 0x0800);
	case 0x4: /* 01001: LDR literal */
		return (hw & 0xf800) == 0x4800 ? GF_ACCESS_READ : 0;
	case 0xb: /* 1011 x10x: PUSH (x=0) / POP (x=1) */
		if ((hw & 0x0600) == 0x0400)
			return load_if(hw & 0x0800);
		return 0;
	}
	return 0;
}

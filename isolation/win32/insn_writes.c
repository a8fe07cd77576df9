/* insn_writes.c — store or load? from the faulting instruction's bytes
 * (.iso.win32.access).
 *
 * A fault record's access comes from the hardware's page-fault error
 * code, which Windows passes on as ExceptionInformation[0] (0 read, 1
 * write, 8 execute).  Wine derives it from the Linux signal context and
 * has been seen to report a write to a PAGE_NOACCESS page as a read, so a
 * "read" is checked here against the instruction itself.  Only the
 * direction is wanted, so forms are known by opcode and ModRM.reg alone:
 * no operand sizes, no effective addresses, except where one instruction
 * has two memory operands (push and call through memory, pop to memory,
 * MOVS), which the fault address and rsp/rdi tell apart.
 *
 * Read-modify-writes count as writes: the hardware reports them so on
 * Linux (the page-fault error code of their first access has W set).
 */
#include "insn_writes.h"

#include <stddef.h>

/* A table row: the ModRM.reg values (bit r for /r) whose memory operand
 * the opcode writes; ANY for every /r; 0 for opcodes that write no ModRM
 * operand (or take none). */
enum { ANY = 0xff };

/* One-byte opcodes. */
static const uint8_t one_byte[256] = {
	/* ADD OR ADC SBB AND SUB XOR into r/m (CMP, 38/39, only reads) */
	[0x00] = ANY, [0x01] = ANY, [0x08] = ANY, [0x09] = ANY,
	[0x10] = ANY, [0x11] = ANY, [0x18] = ANY, [0x19] = ANY,
	[0x20] = ANY, [0x21] = ANY, [0x28] = ANY, [0x29] = ANY,
	[0x30] = ANY, [0x31] = ANY,
	[0x80] = 0x7f, [0x81] = 0x7f, [0x83] = 0x7f, /* all but /7 CMP   */
	[0x86] = ANY, [0x87] = ANY,                  /* XCHG             */
	[0x88] = ANY, [0x89] = ANY, [0x8c] = ANY,    /* MOV r/m, r|Sreg  */
	[0xc0] = ANY, [0xc1] = ANY, [0xd0] = ANY,    /* shifts, rotates  */
	[0xd1] = ANY, [0xd2] = ANY, [0xd3] = ANY,
	[0xc6] = 0x01, [0xc7] = 0x01,                /* MOV r/m, imm     */
	[0xd9] = 0xcc, /* FST FSTP m32, FNSTENV, FNSTCW                  */
	[0xdb] = 0x8e, /* FISTTP FIST FISTP m32, FSTP m80                */
	[0xdd] = 0xce, /* FISTTP FST FSTP m64, FNSAVE, FNSTSW            */
	[0xdf] = 0xce, /* FISTTP FIST FISTP m16, FBSTP, FISTP m64        */
	[0xf6] = 0x0c, [0xf7] = 0x0c,                /* NOT NEG          */
	[0xfe] = 0x03, [0xff] = 0x03,                /* INC DEC          */
};

/* 0F xx. */
static const uint8_t two_byte[256] = {
	[0x00] = 0x03, /* SLDT STR                                       */
	[0x01] = 0x13, /* SGDT SIDT SMSW                                 */
	[0x11] = ANY,  /* MOVUPS MOVUPD MOVSS MOVSD store                */
	[0x13] = ANY, [0x17] = ANY, /* MOVLPS/D MOVHPS/D store           */
	[0x29] = ANY, [0x2b] = ANY, /* MOVAPS/D, MOVNTPS/D               */
	[0x7f] = ANY,  /* MOVQ MOVDQA MOVDQU store                       */
	[0x90] = ANY, [0x91] = ANY, [0x92] = ANY, [0x93] = ANY, /* SETcc */
	[0x94] = ANY, [0x95] = ANY, [0x96] = ANY, [0x97] = ANY,
	[0x98] = ANY, [0x99] = ANY, [0x9a] = ANY, [0x9b] = ANY,
	[0x9c] = ANY, [0x9d] = ANY, [0x9e] = ANY, [0x9f] = ANY,
	[0xa4] = ANY, [0xa5] = ANY, [0xac] = ANY, [0xad] = ANY, /* SHLD SHRD */
	[0xab] = ANY, [0xb3] = ANY, [0xbb] = ANY,   /* BTS BTR BTC        */
	[0xba] = 0xe0,                              /* BTS BTR BTC imm    */
	[0xae] = 0x59, /* FXSAVE STMXCSR XSAVE XSAVEOPT                  */
	[0xb0] = ANY, [0xb1] = ANY,                 /* CMPXCHG            */
	[0xc0] = ANY, [0xc1] = ANY,                 /* XADD               */
	[0xc3] = ANY,                               /* MOVNTI             */
	[0xc7] = 0x32, /* CMPXCHG8B/16B, XSAVEC, XSAVES                  */
	[0xd6] = ANY,  /* MOVQ xmm store (66; the F2/F3 forms are reg-reg) */
	[0xe7] = ANY,  /* MOVNTQ MOVNTDQ                                 */
};

/* 0F 3A xx: PEXTRB PEXTRW PEXTRD/Q EXTRACTPS into r/m. */
static const uint8_t three_byte_3a[256] = {
	[0x14] = ANY, [0x15] = ANY, [0x16] = ANY, [0x17] = ANY,
};

/* VEX maps 1 (0F), 2 (0F 38), 3 (0F 3A). */
static const uint8_t vex_map1[256] = {
	[0x11] = ANY, [0x13] = ANY, [0x17] = ANY, [0x29] = ANY, [0x2b] = ANY,
	[0x7f] = ANY, [0xd6] = ANY, [0xe7] = ANY,
	[0xae] = 0x08, /* VSTMXCSR */
};
static const uint8_t vex_map2[256] = {
	[0x2e] = ANY, [0x2f] = ANY, [0x8e] = ANY, /* VMASKMOV, VPMASKMOV store */
};
static const uint8_t vex_map3[256] = {
	[0x14] = ANY, [0x15] = ANY, [0x16] = ANY, [0x17] = ANY,
	[0x19] = ANY, [0x1d] = ANY, [0x39] = ANY, /* VEXTRACT*, VCVTPS2PH */
};

/* What the prefixes said. */
struct prefixes {
	uint8_t rep;     /* the last F2/F3, or 0                           */
	bool opsize;     /* 66                                             */
	uint8_t rex;     /* REX byte, or 0                                 */
};

/* mask: a table row.  Read only when the row is not empty, so only for
 * opcodes that take a ModRM byte (every one in the tables does). */
static bool writes_rm(uint8_t mask, const uint8_t *modrm)
{
	if (!mask || (*modrm >> 6) == 3) /* a register operand */
		return false;
	return (mask >> ((*modrm >> 3) & 7)) & 1;
}

/* addr lies in [lo, lo + len) (wrapping arithmetic). */
static bool at(uintptr_t addr, uintptr_t lo, uintptr_t len)
{
	return addr - lo < len;
}

/* p: the byte after C4/C5. */
static bool vex_writes(const uint8_t *p, bool three)
{
	unsigned map = three ? (p[0] & 0x1f) : 1;
	unsigned pp = three ? (p[1] & 3) : (p[0] & 3);
	const uint8_t *op = p + (three ? 2 : 1);
	if (map == 1 && op[0] == 0x7e) /* VMOVD/Q r/m, xmm only with 66 */
		return pp == 1 && writes_rm(ANY, op + 1);
	const uint8_t *table = map == 1 ? vex_map1 : map == 2 ? vex_map2
				: map == 3 ? vex_map3 : NULL;
	return table && writes_rm(table[op[0]], op + 1);
}

/* op: the byte after 0F. */
static bool two_byte_writes(const uint8_t *op, const struct prefixes *px)
{
	switch (op[0]) {
	case 0x7e: /* MOVD/Q r/m, (x)mm; F3 0F 7E is MOVQ xmm, m64 (a load) */
		return px->rep != 0xf3 && writes_rm(ANY, op + 1);
	case 0x38: /* MOVBE m, r; F2 0F 38 F1 is CRC32 (a load) */
		return op[1] == 0xf1 && px->rep != 0xf2 && writes_rm(ANY, op + 2);
	case 0x3a:
		return writes_rm(three_byte_3a[op[1]], op + 2);
	case 0xa0: case 0xa8: /* PUSH FS, PUSH GS */
		return true;
	}
	return writes_rm(two_byte[op[0]], op + 1);
}

bool gf_insn_writes(const uint8_t *code, uintptr_t addr, uintptr_t rsp,
		    uintptr_t rdi)
{
	struct prefixes px = {0, false, 0};
	const uint8_t *p = code;
	/* Legacy prefixes (at most 14 fit in 15 bytes), then REX. */
	for (int n = 0; n < 14; n++, p++) {
		if (*p == 0xf2 || *p == 0xf3)
			px.rep = *p;
		else if (*p == 0x66)
			px.opsize = true;
		else if (*p != 0xf0 && *p != 0x67 && *p != 0x26 && *p != 0x2e &&
			 *p != 0x36 && *p != 0x3e && *p != 0x64 && *p != 0x65)
			break;
	}
	if ((*p & 0xf0) == 0x40)
		px.rex = *p++;
	uint8_t op = *p++;
	switch (op) {
	case 0x0f:
		return two_byte_writes(p, &px);
	case 0xc4: case 0xc5: /* VEX, always in 64-bit mode */
		return vex_writes(p, op == 0xc4);
	case 0x50: case 0x51: case 0x52: case 0x53: /* PUSH r */
	case 0x54: case 0x55: case 0x56: case 0x57:
	case 0x68: case 0x6a: case 0x9c: /* PUSH imm, PUSHF */
	case 0xc8: case 0xe8:            /* ENTER, CALL rel32 */
		return true;
	case 0xaa: case 0xab:            /* STOS: writes [rdi] only */
		return true;
	case 0xa4: case 0xa5: {          /* MOVS: reads [rsi], writes [rdi] */
		uintptr_t width = op == 0xa4 ? 1 : (px.rex & 8) ? 8 : px.opsize ? 2 : 4;
		return at(addr, rdi, width);
	}
	case 0x8f:                       /* POP r/m: reads [rsp] */
		return !at(addr, rsp, 8);
	case 0xff: {
		unsigned reg = (*p >> 3) & 7;
		if (reg == 2 || reg == 6) /* CALL, PUSH r/m: write [rsp - 8] */
			return at(addr, rsp - 8, 8);
		break;
	}
	}
	return writes_rm(one_byte[op], p);
}

/* traced_decode.c — what one x86-64 instruction does to its memory operand.
 *
 * .iso.traced.decode: a traced access is emulated only when its width and
 * direction are known for certain, so this decoder accepts a closed list
 * of forms — what compilers emit for volatile 1/2/4/8-byte loads, stores
 * and read-modify-writes — and refuses everything else:
 *   88-8B        MOV r/m, r and r, r/m
 *   C6/0, C7/0   MOV r/m, imm
 *   0F B6/B7     MOVZX r, r/m8 / r/m16
 *   0F BE/BF     MOVSX r, r/m8 / r/m16
 *   63           MOVSXD r, r/m32
 *   00-3B        ADD OR ADC SBB AND SUB XOR (read-modify-write into r/m,
 *                read into r) and CMP (read), the four ModRM forms each
 *   80, 81, 83   the same eight with an immediate
 *   84/85, F6/0, F7/0  TEST (read)
 *   F6/F7 /2-/7  NOT NEG (read-modify-write), MUL IMUL DIV IDIV (read)
 *   FE/FF /0-/1  INC DEC (read-modify-write)
 *   C0 C1 D0-D3  shifts and rotates (read-modify-write)
 *   86/87        XCHG (read-modify-write)
 *   0F B0/B1     CMPXCHG (read-modify-write: it writes even on mismatch)
 *   0F C0/C1     XADD (read-modify-write)
 *   0F 40-4F     CMOVcc (read: the load happens whatever the condition)
 *   0F AF, 69, 6B  IMUL r, r/m [, imm] (read)
 * with the prefixes 66 (operand size), 67 (address size), LOCK, segment
 * overrides and REX.  Refused: string instructions (REP/REPNE prefixes,
 * A4-AF), SIMD and x87 (other 0F forms, VEX, EVEX), moffs MOVs (A0-A3),
 * PUSH/POP of memory and calls or jumps through memory (a second, implicit
 * memory operand), BT/BTS/BTR/BTC (a register bit offset reaches beyond
 * the operand), register operands (no memory access at all).
 *
 * Reads only bytes of the instruction itself, one at a time and only once
 * the bytes before say there is more: the CPU fetched them all, so none
 * lies in unreadable memory.
 */
#include "traced_internal.h"

#define R GF_TRACED_READ
#define W GF_TRACED_WRITE
#define RW (GF_TRACED_READ | GF_TRACED_WRITE)

/* An opcode's memory operand.  width 0: the operand size; imm: bytes of
 * immediate, IMM_Z for 2 or 4 by operand size; group: ModRM.reg picks the
 * operation, and access/imm are settled by group_form(). */
enum { IMM_Z = 0xff };
enum group { NO_GROUP, ALU_IMM, UNARY, INC_DEC, SHIFT, MOV_IMM };
struct form {
	unsigned access, width, imm;
	enum group group;
};

/* The one-byte opcodes that take a ModRM memory operand. */
static bool one_byte_form(uint8_t op, struct form *f)
{
	static const unsigned alu[4] = {RW, RW, R, R}; /* r/m,r ; r,r/m */
	if (op < 0x40 && (op & 7) < 4) { /* ADD .. CMP: 8 ops x 4 forms */
		bool cmp = (op & 0xf8) == 0x38;
		*f = (struct form){cmp ? R : alu[op & 3], (op & 1) ? 0 : 1, 0, NO_GROUP};
		return true;
	}
	switch (op) {
	case 0x63: *f = (struct form){R, 4, 0, NO_GROUP}; return true;
	case 0x69: *f = (struct form){R, 0, IMM_Z, NO_GROUP}; return true;
	case 0x6b: *f = (struct form){R, 0, 1, NO_GROUP}; return true;
	case 0x80: *f = (struct form){0, 1, 1, ALU_IMM}; return true;
	case 0x81: *f = (struct form){0, 0, IMM_Z, ALU_IMM}; return true;
	case 0x83: *f = (struct form){0, 0, 1, ALU_IMM}; return true;
	case 0x84: *f = (struct form){R, 1, 0, NO_GROUP}; return true;
	case 0x85: *f = (struct form){R, 0, 0, NO_GROUP}; return true;
	case 0x86: *f = (struct form){RW, 1, 0, NO_GROUP}; return true;
	case 0x87: *f = (struct form){RW, 0, 0, NO_GROUP}; return true;
	case 0x88: *f = (struct form){W, 1, 0, NO_GROUP}; return true;
	case 0x89: *f = (struct form){W, 0, 0, NO_GROUP}; return true;
	case 0x8a: *f = (struct form){R, 1, 0, NO_GROUP}; return true;
	case 0x8b: *f = (struct form){R, 0, 0, NO_GROUP}; return true;
	case 0xc0: *f = (struct form){RW, 1, 1, SHIFT}; return true;
	case 0xc1: *f = (struct form){RW, 0, 1, SHIFT}; return true;
	case 0xc6: *f = (struct form){W, 1, 1, MOV_IMM}; return true;
	case 0xc7: *f = (struct form){W, 0, IMM_Z, MOV_IMM}; return true;
	case 0xd0: case 0xd2: *f = (struct form){RW, 1, 0, SHIFT}; return true;
	case 0xd1: case 0xd3: *f = (struct form){RW, 0, 0, SHIFT}; return true;
	case 0xf6: *f = (struct form){0, 1, 1, UNARY}; return true;
	case 0xf7: *f = (struct form){0, 0, IMM_Z, UNARY}; return true;
	case 0xfe: *f = (struct form){RW, 1, 0, INC_DEC}; return true;
	case 0xff: *f = (struct form){RW, 0, 0, INC_DEC}; return true;
	default: return false;
	}
}

/* The two-byte opcodes (after 0F) that take a ModRM memory operand. */
static bool two_byte_form(uint8_t op, struct form *f)
{
	if (op >= 0x40 && op <= 0x4f) { /* CMOVcc */
		*f = (struct form){R, 0, 0, NO_GROUP};
		return true;
	}
	switch (op) {
	case 0xaf: *f = (struct form){R, 0, 0, NO_GROUP}; return true;
	case 0xb0: case 0xc0: *f = (struct form){RW, 1, 0, NO_GROUP}; return true;
	case 0xb1: case 0xc1: *f = (struct form){RW, 0, 0, NO_GROUP}; return true;
	case 0xb6: case 0xbe: *f = (struct form){R, 1, 0, NO_GROUP}; return true;
	case 0xb7: case 0xbf: *f = (struct form){R, 2, 0, NO_GROUP}; return true;
	default: return false;
	}
}

/* Settles a group opcode by ModRM.reg; false when reg names a form that
 * is refused or undefined. */
static bool group_form(unsigned reg, struct form *f)
{
	switch (f->group) {
	case NO_GROUP:
		return true;
	case ALU_IMM: /* /7 is CMP */
		f->access = reg == 7 ? R : RW;
		return true;
	case UNARY: /* /0 TEST imm, /1 undefined, /2 NOT, /3 NEG, /4-/7 MUL.. */
		f->access = reg == 2 || reg == 3 ? RW : R;
		if (reg != 0)
			f->imm = 0;
		return reg != 1;
	case INC_DEC: /* FF /2-/6 are CALL, JMP and PUSH through memory */
		return reg <= 1;
	case SHIFT: /* /6 is undefined */
		return reg != 6;
	case MOV_IMM: /* only /0 is MOV */
		return reg == 0;
	}
	return false;
}

/* Bytes of ModRM, SIB and displacement, from the ModRM byte at m.  In
 * 64-bit mode the layout is the same with and without 67. */
static unsigned address_bytes(const uint8_t *m)
{
	unsigned mod = m[0] >> 6, rm = m[0] & 7, n = 1;
	if (rm == 4) /* a SIB byte follows */
		n++;
	if (mod == 1)
		return n + 1;
	if (mod == 2)
		return n + 4;
	/* mod 0: disp32 for RIP-relative (rm 5), or a SIB without base */
	if (rm == 5 || (rm == 4 && (m[1] & 7) == 5))
		return n + 4;
	return n;
}

static bool is_ignored_prefix(uint8_t b)
{
	/* 67 address size (layout unchanged), F0 LOCK, and segment overrides
	 * (the fault address already is the linear address). */
	return b == 0x67 || b == 0xf0 || b == 0x26 || b == 0x2e || b == 0x36 ||
	       b == 0x3e || b == 0x64 || b == 0x65;
}

int gf_traced_decode(const uint8_t *code, struct gf_insn *out)
{
	unsigned i = 0;
	bool size16 = false;
	for (; code[i] == 0x66 || is_ignored_prefix(code[i]); i++) {
		if (i + 1 == GF_INSN_MAX)
			return -1;
		size16 |= code[i] == 0x66;
	}
	bool wide = false; /* REX.W */
	if ((code[i] & 0xf0) == 0x40) /* REX: only right before the opcode */
		wide = (code[i++] & 8) != 0;
	struct form f;
	if (code[i] == 0x0f) {
		if (!two_byte_form(code[i + 1], &f))
			return -1;
		i += 2;
	} else if (one_byte_form(code[i], &f)) {
		i++;
	} else {
		return -1;
	}
	if (code[i] >> 6 == 3 || !group_form((code[i] >> 3) & 7, &f))
		return -1; /* a register operand, or a refused group member */
	unsigned opsize = wide ? 8 : size16 ? 2 : 4;
	unsigned width = f.width ? f.width : opsize;
	if (f.width == 4 && size16 && !wide) /* MOVSXD with 66: r/m16 */
		width = 2;
	unsigned imm = f.imm == IMM_Z ? (opsize == 2 ? 2 : 4) : f.imm;
	i += address_bytes(&code[i]) + imm;
	if (i > GF_INSN_MAX)
		return -1;
	*out = (struct gf_insn){.access = f.access, .width = width, .length = i};
	return 0;
}

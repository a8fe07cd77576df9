/* test_insn_writes.c — gf_insn_writes against encodings: stores and
 * read-modify-writes through every table and special case, and loads
 * that look like them (.iso.win32.access).
 *
 * usage: test_insn_writes
 */
#include <stdio.h>

#include "check.h"
#include "insn_writes.h"

#define RSP 0x7000u
#define RDI 0x9000u
#define FAR 0x5000u /* neither near rsp nor rdi */

static const struct {
	const char *what;
	uint8_t code[15];
	uintptr_t addr;
	bool writes;
} cases[] = {
	{"mov [rdi], al", {0x88, 0x07}, FAR, true},
	{"mov byte [rdi], imm", {0xc6, 0x07, 0x5a}, FAR, true},
	{"mov word [rdi], imm (66)", {0x66, 0xc7, 0x07, 1, 0}, FAR, true},
	{"mov [rax+8], rcx (REX.W)", {0x48, 0x89, 0x48, 0x08}, FAR, true},
	{"mov rcx, [rax] (a load)", {0x48, 0x8b, 0x08}, FAR, false},
	{"movzx eax, byte [rdi]", {0x0f, 0xb6, 0x07}, FAR, false},
	{"add [rdi], eax", {0x01, 0x07}, FAR, true},
	{"add eax, [rdi] (a load)", {0x03, 0x07}, FAR, false},
	{"cmp [rdi], eax (a load)", {0x39, 0x07}, FAR, false},
	{"lock add [rdi], imm8", {0xf0, 0x83, 0x07, 0x01}, FAR, true},
	{"cmp byte [rdi], 0 (80 /7)", {0x80, 0x3f, 0x00}, FAR, false},
	{"test [rdi], eax", {0x85, 0x07}, FAR, false},
	{"inc byte [rdi]", {0xfe, 0x07}, FAR, true},
	{"neg dword [rdi]", {0xf7, 0x1f}, FAR, true},
	{"mul dword [rdi] (a load)", {0xf7, 0x27}, FAR, false},
	{"shl dword [rdi], 1", {0xd1, 0x27}, FAR, true},
	{"xchg [rdi], al", {0x86, 0x07}, FAR, true},
	{"mov eax, ecx (no memory)", {0x89, 0xc8}, FAR, false},
	{"fstp qword [rdi]", {0xdd, 0x1f}, FAR, true},
	{"fld qword [rdi] (a load)", {0xdd, 0x07}, FAR, false},
	{"fnstcw [rdi]", {0xd9, 0x3f}, FAR, true},
	{"movups [rdi], xmm0", {0x0f, 0x11, 0x07}, FAR, true},
	{"movups xmm0, [rdi] (a load)", {0x0f, 0x10, 0x07}, FAR, false},
	{"movdqu [rdi], xmm0 (F3)", {0xf3, 0x0f, 0x7f, 0x07}, FAR, true},
	{"movdqu xmm0, [rdi] (a load)", {0xf3, 0x0f, 0x6f, 0x07}, FAR, false},
	{"movq [rdi], xmm0 (66 0F D6)", {0x66, 0x0f, 0xd6, 0x07}, FAR, true},
	{"movd [rdi], xmm0 (66 0F 7E)", {0x66, 0x0f, 0x7e, 0x07}, FAR, true},
	{"movq xmm0, [rdi] (F3 0F 7E, a load)", {0xf3, 0x0f, 0x7e, 0x07}, FAR, false},
	{"movntdq [rdi], xmm0", {0x66, 0x0f, 0xe7, 0x07}, FAR, true},
	{"movnti [rdi], eax", {0x0f, 0xc3, 0x07}, FAR, true},
	{"sete [rdi]", {0x0f, 0x94, 0x07}, FAR, true},
	{"bts [rdi], eax", {0x0f, 0xab, 0x07}, FAR, true},
	{"bt [rdi], eax (a load)", {0x0f, 0xa3, 0x07}, FAR, false},
	{"bts dword [rdi], 3 (0F BA /5)", {0x0f, 0xba, 0x2f, 0x03}, FAR, true},
	{"bt dword [rdi], 3 (0F BA /4, a load)", {0x0f, 0xba, 0x27, 0x03}, FAR, false},
	{"cmpxchg [rdi], ecx", {0x0f, 0xb1, 0x0f}, FAR, true},
	{"cmpxchg16b [rdi]", {0x48, 0x0f, 0xc7, 0x0f}, FAR, true},
	{"xadd [rdi], eax", {0x0f, 0xc1, 0x07}, FAR, true},
	{"stmxcsr [rdi]", {0x0f, 0xae, 0x1f}, FAR, true},
	{"ldmxcsr [rdi] (a load)", {0x0f, 0xae, 0x17}, FAR, false},
	{"pextrd [rdi], xmm0, 1", {0x66, 0x0f, 0x3a, 0x16, 0x07, 0x01}, FAR, true},
	{"pinsrd xmm0, [rdi], 1 (a load)", {0x66, 0x0f, 0x3a, 0x22, 0x07, 0x01}, FAR, false},
	{"movbe [rdi], eax", {0x0f, 0x38, 0xf1, 0x07}, FAR, true},
	{"crc32 eax, dword [rdi] (F2, a load)", {0xf2, 0x0f, 0x38, 0xf1, 0x07}, FAR, false},
	{"vmovdqu [rdi], xmm0 (VEX2)", {0xc5, 0xfa, 0x7f, 0x07}, FAR, true},
	{"vmovdqu xmm0, [rdi] (VEX2, a load)", {0xc5, 0xfa, 0x6f, 0x07}, FAR, false},
	{"vmovups [rdi], ymm0 (VEX3)", {0xc4, 0xe1, 0x7c, 0x11, 0x07}, FAR, true},
	{"vextracti128 [rdi], ymm0, 1", {0xc4, 0xe3, 0x7d, 0x39, 0x07, 0x01}, FAR, true},
	{"vmovd [rdi], xmm0 (VEX 66 7E)", {0xc5, 0xf9, 0x7e, 0x07}, FAR, true},
	{"vmovq xmm0, [rdi] (VEX F3 7E, a load)", {0xc5, 0xfa, 0x7e, 0x07}, FAR, false},
	{"EVEX store: unknown, keeps the report", {0x62, 0xf1, 0x7e, 0x48, 0x7f, 0x07}, FAR, false},
	{"push rax", {0x50}, RSP - 8, true},
	{"push imm32", {0x68, 1, 2, 3, 4}, RSP - 8, true},
	{"call rel32", {0xe8, 0, 0, 0, 0}, RSP - 8, true},
	{"push [rdi]: the operand", {0xff, 0x37}, FAR, false},
	{"push [rdi]: the stack", {0xff, 0x37}, RSP - 8, true},
	{"call [rdi]: the target", {0xff, 0x17}, FAR, false},
	{"call [rdi]: the stack", {0xff, 0x17}, RSP - 8, true},
	{"pop [rdi]: the stack", {0x8f, 0x07}, RSP, false},
	{"pop [rdi]: the operand", {0x8f, 0x07}, FAR, true},
	{"ret (a load)", {0xc3}, RSP, false},
	{"rep stosb", {0xf3, 0xaa}, RDI, true},
	{"movsb: the destination", {0xa4}, RDI, true},
	{"movsb: the source", {0xa4}, FAR, false},
	{"movsq: the destination's last byte", {0x48, 0xa5}, RDI + 7, true},
	{"rep movsd: past the destination element", {0xf3, 0xa5}, RDI + 4, false},
	{"lodsb (a load)", {0xac}, FAR, false},
	{"fs: segment prefix, mov [rdi], eax", {0x64, 0x89, 0x07}, FAR, true},
};

int main(void)
{
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		bool got = gf_insn_writes(cases[i].code, cases[i].addr, RSP, RDI);
		CHECK(got == cases[i].writes, "%s: %s expected", cases[i].what,
		      cases[i].writes ? "write" : "read");
		tc_cases++;
	}
	return tc_finish("windows_insn_writes", 60);
}

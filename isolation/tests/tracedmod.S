/* tracedmod.S — module code that touches a traced region, for the traced
 * region tests and the bench (tracedmod.c loads it next to testmod.S).
 *
 * Each snippet is an entry called with a struct tr_block in the module's
 * data in rdi: { addr, value, result } at 0, 8, 16.  Every access to
 * block->addr is wrapped in ACCESS, which labels the instruction
 * (<name>_at) and the one after it (<name>_next): the tests expect that
 * PC and that length from the tracer.  Position independent.
 */
	.macro	ACCESS name, insn:vararg
	.globl	\name\()_at, \name\()_next
	.hidden	\name\()_at, \name\()_next
\name\()_at:
	\insn
\name\()_next:
	.endm

	.macro	SNIPPET name
	.p2align 4
	.globl	\name
	.hidden	\name
\name:
	.endm

	.section .rodata, "a"
	.globl	tr_blob_begin, tr_blob_end
	.hidden	tr_blob_begin, tr_blob_end
	.p2align 4
tr_blob_begin:

/* block->result = *(width *)block->addr, zero or sign extended */
SNIPPET tr_load8
	movq	(%rdi), %rax
	ACCESS	tr_load8, movzbl (%rax), %edx
	movq	%rdx, 16(%rdi)
	ret
SNIPPET tr_load16
	movq	(%rdi), %rax
	ACCESS	tr_load16, movzwl (%rax), %edx
	movq	%rdx, 16(%rdi)
	ret
SNIPPET tr_load32
	movq	(%rdi), %rax
	ACCESS	tr_load32, movl (%rax), %edx
	movq	%rdx, 16(%rdi)
	ret
SNIPPET tr_load64
	movq	(%rdi), %rax
	ACCESS	tr_load64, movq (%rax), %rdx
	movq	%rdx, 16(%rdi)
	ret
SNIPPET tr_sload8
	movq	(%rdi), %rax
	ACCESS	tr_sload8, movsbq (%rax), %rdx
	movq	%rdx, 16(%rdi)
	ret

/* *(width *)block->addr = block->value */
SNIPPET tr_store8
	movq	(%rdi), %rax
	movq	8(%rdi), %rdx
	ACCESS	tr_store8, movb %dl, (%rax)
	ret
SNIPPET tr_store16
	movq	(%rdi), %rax
	movq	8(%rdi), %rdx
	ACCESS	tr_store16, movw %dx, (%rax)
	ret
SNIPPET tr_store32
	movq	(%rdi), %rax
	movq	8(%rdi), %rdx
	ACCESS	tr_store32, movl %edx, (%rax)
	ret
SNIPPET tr_store64
	movq	(%rdi), %rax
	movq	8(%rdi), %rdx
	ACCESS	tr_store64, movq %rdx, (%rax)
	ret
/* *(uint32_t *)(block->addr + 16) = TR_IMM: displacement and immediate */
SNIPPET tr_store_imm
	movq	(%rdi), %rax
	ACCESS	tr_store_imm, movl $0x5aa5c33c, 16(%rax)
	ret

/* read-modify-write: *(uint32_t *)addr += 1; *(uint8_t *)addr |= value;
 * result = exchange *(uint64_t *)addr with value */
SNIPPET tr_add
	movq	(%rdi), %rax
	ACCESS	tr_add, addl $1, (%rax)
	ret
SNIPPET tr_or8
	movq	(%rdi), %rax
	movq	8(%rdi), %rdx
	ACCESS	tr_or8, orb %dl, (%rax)
	ret
SNIPPET tr_xchg
	movq	(%rdi), %rax
	movq	8(%rdi), %rdx
	ACCESS	tr_xchg, xchgq %rdx, (%rax)
	movq	%rdx, 16(%rdi)
	ret

/* a driver's script: status = reg[0]; reg[4] = status; reg[8] += 1;
 * result = (uint8_t)reg[12] */
SNIPPET tr_script
	movq	(%rdi), %rax
	ACCESS	tr_script0, movl (%rax), %edx
	ACCESS	tr_script1, movl %edx, 4(%rax)
	ACCESS	tr_script2, addl $1, 8(%rax)
	ACCESS	tr_script3, movzbl 12(%rax), %ecx
	movq	%rcx, 16(%rdi)
	ret

/* a string instruction: refused by the tracer, so it faults */
SNIPPET tr_string
	movq	(%rdi), %rsi
	ACCESS	tr_string, lodsb
	ret

/* block->value loads of block->addr (the bench) */
SNIPPET tr_poll
	movq	(%rdi), %rax
	movq	8(%rdi), %rcx
	testq	%rcx, %rcx
	jz	2f
1:
	ACCESS	tr_poll, movl (%rax), %edx
	decq	%rcx
	jnz	1b
2:	ret

tr_blob_end:

	.section .note.GNU-stack, "", @progbits

/* testmod.S — module code for the isolation tests and the bench.
 *
 * Position-independent x86-64 snippets, copied as one blob into a module's
 * code region (testmod.c).  Each is an entry: called with one argument in
 * rdi on the module stack.  Keep them free of absolute addresses.
 */
	.section .rodata, "a"
	.globl	tm_blob_begin, tm_blob_end
	.globl	tm_read, tm_write, tm_exec, tm_ret, tm_gate_then, tm_gate_loop, tm_stamp_read, tm_recurse
#ifdef __ELF__ /* visibility and the stack note are ELF's; the code is the same on Windows */
	.hidden	tm_blob_begin, tm_blob_end
	.hidden	tm_read, tm_write, tm_exec, tm_ret, tm_gate_then, tm_gate_loop, tm_stamp_read, tm_recurse
#endif
	.p2align 4
tm_blob_begin:

/* uint8_t tm_read(const uint8_t *p): one byte load */
tm_read:
	movzbl	(%rdi), %eax
	ret

/* void tm_write(uint8_t *p): stores TM_WRITE_BYTE (0x5a) */
	.p2align 4
tm_write:
	movb	$0x5a, (%rdi)
	ret

/* tm_exec(void *p): jumps to p; returns through p's ret if p is code */
	.p2align 4
tm_exec:
	jmp	*%rdi

/* a lone ret: the executable target of tm_exec */
	.p2align 4
tm_ret:
	ret

/* tm_gate_then(struct tm_gate_block *b):
 *	b->result = b->gate(b->request, b->p0, b->p1, b->p2);
 *	if (b->then_fn) tail-call b->then_fn(b->then_arg); */
	.p2align 4
tm_gate_then:
	pushq	%rbx			/* and realigns rsp for the call */
	movq	%rdi, %rbx
	movq	8(%rbx), %rdi
	movq	16(%rbx), %rsi
	movq	24(%rbx), %rdx
	movq	32(%rbx), %rcx
	callq	*(%rbx)
	movq	%rax, 56(%rbx)
	movq	48(%rbx), %rdi
	movq	40(%rbx), %rax
	popq	%rbx
	testq	%rax, %rax
	jz	1f
	jmp	*%rax
1:	ret

/* tm_gate_loop(struct tm_loop_block *b): b->count calls of b->gate(0,0,0,0) */
	.p2align 4
tm_gate_loop:
	pushq	%rbx
	pushq	%r12
	subq	$8, %rsp		/* 16-byte alignment at each call */
	movq	(%rdi), %r12
	movq	8(%rdi), %rbx
	testq	%rbx, %rbx
	jz	2f
1:	xorl	%edi, %edi
	xorl	%esi, %esi
	xorl	%edx, %edx
	xorl	%ecx, %ecx
	callq	*%r12
	decq	%rbx
	jnz	1b
2:	addq	$8, %rsp
	popq	%r12
	popq	%rbx
	ret

/* tm_stamp_read(struct tm_stamp_block *b): b->tsc = rdtsc; then loads a
 * byte at b->target (the bench's fault) */
	.p2align 4
tm_stamp_read:
	movq	%rdi, %rsi
	rdtsc
	shlq	$32, %rdx
	orq	%rdx, %rax
	movq	%rax, (%rsi)
	movq	8(%rsi), %rsi
	movzbl	(%rsi), %eax
	ret

/* tm_recurse: calls itself until the module stack runs into the guard
 * page below the data region */
	.p2align 4
tm_recurse:
1:	callq	1b

tm_blob_end:

#ifdef __ELF__
	.section .note.GNU-stack, "", @progbits
#endif

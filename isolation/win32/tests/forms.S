/* forms.S — module snippets that access memory through instruction forms
 * other than a plain MOV, for test_attribution_win32.c: which ones write
 * is decided by the fault handler from the instruction's bytes when the
 * system reports a read (.iso.win32.access).  SysV entries like testmod.S's
 * (the argument in rdi), position independent, copied as one blob into a
 * module's code region.
 */
	.section .rodata, "a"
	.globl	fm_blob_begin, fm_blob_end
	.globl	fm_rep_stosb, fm_movdqu_store, fm_inc, fm_xchg, fm_setcc
	.globl	fm_movs_into, fm_movs_from, fm_cmp, fm_push_from, fm_call_through
	.p2align 4
fm_blob_begin:

fm_rep_stosb:			/* writes 4 bytes at rdi (F3 AA) */
	movl	$4, %ecx
	movb	$0x5a, %al
	rep stosb
	ret

fm_movdqu_store:		/* writes 16 bytes at rdi (F3 0F 7F) */
	pxor	%xmm0, %xmm0
	movdqu	%xmm0, (%rdi)
	ret

fm_inc:				/* read-modify-write (FE /0) */
	incb	(%rdi)
	ret

fm_xchg:			/* read-modify-write (86) */
	movb	$1, %al
	xchgb	%al, (%rdi)
	ret

fm_setcc:			/* writes a byte (0F 94) */
	sete	(%rdi)
	ret

fm_movs_into:			/* reads the stack, writes rdi (A4) */
	leaq	-16(%rsp), %rsi
	movsb
	ret

fm_movs_from:			/* reads rdi, writes the stack (A4) */
	movq	%rdi, %rsi
	leaq	-16(%rsp), %rdi
	movsb
	ret

fm_cmp:				/* reads only (80 /7) */
	cmpb	$0, (%rdi)
	ret

fm_push_from:			/* reads rdi, writes the stack (FF /6) */
	pushq	(%rdi)
	popq	%rax
	ret

fm_call_through:		/* reads a target at rdi (FF /2) */
	callq	*(%rdi)
	ret

fm_blob_end:

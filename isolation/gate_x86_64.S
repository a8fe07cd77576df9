/* gate_x86_64.S — the two stack switches of the gate (.iso.gate), Linux
 * (SysV ABI, ELF; the Windows gate is win32/gate_win64.S).
 *
 * gf_gate_run_on_stack(entry, arg, stack_top)
 *	saves the host stack (rsp, rbp) in the thread's state, calls
 *	entry(arg) on the module stack, restores every callee-saved register
 *	from the host stack (module code is not trusted to preserve them) and
 *	returns.
 *
 * gf_gate_trampoline(request, p0, p1, p2) — what modules call
 *	saves the module rsp/rbp, moves to the host stack below the run's
 *	frame, calls gf_gate_serve (C, kernel side) with the same arguments,
 *	moves back and returns its value to the module.  Called outside
 *	module context it returns UINTPTR_MAX and touches no stack but the
 *	caller's.
 *
 * gf_gate_leave_altstack() — recovery, from the fault handler
 *	moves to the host stack below the run's frame, as the trampoline does,
 *	and calls gf_gate_land there (gate_linux.c), which jumps to the
 *	recovery point.
 *
 * Per-thread state is reached through initial-exec TLS (gf_self), so no
 * path calls anything before the stacks are right.
 */
#include "iso_internal.h"

	/* gate.c's kernel side, called directly: not for other objects */
	.hidden	gf_gate_serve

	.text

	.globl	gf_gate_run_on_stack
	.hidden	gf_gate_run_on_stack
	.type	gf_gate_run_on_stack, @function
	.p2align 4
gf_gate_run_on_stack:
	.cfi_startproc
	pushq	%rbp
	.cfi_def_cfa_offset 16
	.cfi_offset %rbp, -16
	movq	%rsp, %rbp
	.cfi_def_cfa_register %rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	.cfi_offset %rbx, -24
	.cfi_offset %r12, -32
	.cfi_offset %r13, -40
	.cfi_offset %r14, -48
	.cfi_offset %r15, -56
	/* Six pushes after the call's return address: 8 more bytes make the
	 * host rsp 16-byte aligned, as the kernel frames built on it need. */
	subq	$8, %rsp
	movq	gf_self@gottpoff(%rip), %r11
	movq	%rsp, %fs:GF_THREAD_HOST_SP(%r11)
	movq	%rbp, %fs:GF_THREAD_HOST_FP(%r11)
	movq	%rdi, %rax
	movq	%rsi, %rdi
	andq	$-16, %rdx		/* the ABI's alignment at a call */
	movq	%rdx, %rsp
	xorl	%ebp, %ebp		/* module frames end the frame chain */
	callq	*%rax
	movq	gf_self@gottpoff(%rip), %r11
	movq	%fs:GF_THREAD_HOST_FP(%r11), %rbp
	leaq	-40(%rbp), %rsp
	cld				/* the ABI's direction flag, whatever the module did */
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	.cfi_def_cfa %rsp, 8
	ret
	.cfi_endproc
	.size	gf_gate_run_on_stack, .-gf_gate_run_on_stack

	.globl	gf_gate_trampoline
	.hidden	gf_gate_trampoline
	.type	gf_gate_trampoline, @function
	.p2align 4
gf_gate_trampoline:
	.cfi_startproc
	/* r11 is the only scratch register that carries no argument. */
	movq	gf_self@gottpoff(%rip), %r11
	cmpl	$1, %fs:GF_THREAD_CONTEXT(%r11)		/* GF_CTX_MODULE */
	jne	.Lnot_in_module
	movq	%rsp, %fs:GF_THREAD_MODULE_SP(%r11)
	movq	%rbp, %fs:GF_THREAD_MODULE_FP(%r11)
	/* From here the frame is the run's: rbp is gf_gate_run_on_stack's
	 * frame pointer, so unwinders (ASan's frame-pointer walk, gdb's CFI)
	 * go from the kernel through this trampoline into gf_module_run and
	 * the harness, skipping the module stack. */
	movq	%fs:GF_THREAD_HOST_FP(%r11), %rbp
	.cfi_remember_state
	.cfi_def_cfa %rbp, 16
	.cfi_offset %rbp, -16
	.cfi_offset %rbx, -24
	.cfi_offset %r12, -32
	.cfi_offset %r13, -40
	.cfi_offset %r14, -48
	.cfi_offset %r15, -56
	/* Below the run's frame, past a 128-byte red zone, 16-byte aligned
	 * (host_sp already is; the mask keeps it so if that changes). */
	movq	%fs:GF_THREAD_HOST_SP(%r11), %rsp
	subq	$128, %rsp
	andq	$-16, %rsp
	cld
	callq	gf_gate_serve		/* rdi, rsi, rdx, rcx are untouched */
	movq	gf_self@gottpoff(%rip), %r11
	movq	%fs:GF_THREAD_MODULE_FP(%r11), %rbp
	movq	%fs:GF_THREAD_MODULE_SP(%r11), %rsp
	.cfi_restore_state
	ret
.Lnot_in_module:
	movq	$-1, %rax
	ret
	.cfi_endproc
	.size	gf_gate_trampoline, .-gf_gate_trampoline

	.globl	gf_gate_leave_altstack
	.hidden	gf_gate_leave_altstack
	.type	gf_gate_leave_altstack, @function
	.p2align 4
gf_gate_leave_altstack:
	.cfi_startproc
	movq	gf_self@gottpoff(%rip), %r11
	/* Unwind as the run's frame, as in the trampoline. */
	movq	%fs:GF_THREAD_HOST_FP(%r11), %rbp
	.cfi_def_cfa %rbp, 16
	.cfi_offset %rbp, -16
	movq	%fs:GF_THREAD_HOST_SP(%r11), %rsp
	subq	$128, %rsp
	andq	$-16, %rsp
	callq	gf_gate_land		/* does not return */
	ud2
	.cfi_endproc
	.size	gf_gate_leave_altstack, .-gf_gate_leave_altstack

	.section .note.GNU-stack, "", @progbits

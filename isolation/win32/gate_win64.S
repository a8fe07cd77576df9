/* gate_win64.S — the stack switches of the gate on Windows x64 (.iso.gate).
 *
 * .iso.win32.abi: module code is the same SysV x86-64 code on every
 * platform (the images are built once, by the host's gcc, and must give
 * the same verdicts everywhere), while the host is Microsoft x64 code.
 * The gate bridges the two conventions, so neither modules nor kernel
 * need to know:
 *   - a module entry is called with its argument in rdi (SysV);
 *   - modules call the trampoline with request, p0, p1, p2 in rdi, rsi,
 *     rdx, rcx (SysV), which calls gf_gate_serve with rcx, rdx, r8, r9 and
 *     32 bytes of shadow space (Microsoft).  Microsoft callees preserve
 *     rbx, rbp, rdi, rsi, r12-r15: a superset of what the SysV caller
 *     expects, so the module's registers survive its kernel call;
 *   - SysV code may clobber rdi, rsi and xmm6-xmm15, which Microsoft
 *     callers expect preserved: gf_gate_run saves and restores them with
 *     the other callee-saved registers (module code is not trusted to
 *     preserve any register anyway).
 *
 * int gf_gate_run(entry, arg, stack_top)            rcx, rdx, r8
 *	saves every callee-saved register on the host stack and the frame in
 *	the thread's state, calls entry(arg) on the module stack, and
 *	returns 0 through the restoring epilogue.
 *
 * gf_gate_recovered — not called: the exception handler (fault_veh.c)
 *	resumes a thread whose run a fault ended here, with rsp and rbp set
 *	to the run's frame (.iso.win32.recover); returns 1 from gf_gate_run
 *	through the same epilogue.
 *
 * gf_gate_trampoline(request, p0, p1, p2) — what modules call (SysV)
 *	saves the module rsp, moves to the host stack below the run's frame,
 *	calls gf_gate_serve, moves back and returns its value.  Outside
 *	module context it returns UINTPTR_MAX and reads no argument, so host
 *	code may call it with either convention.
 *
 * The thread's state is found through the TEB (.iso.win32.tls), so no
 * path calls anything before the stacks are right.  No unwind data: no
 * exception unwinds through the gate (ours are redirected by the handler;
 * any other ends the process, as on Linux).
 */
#include "iso_internal.h"
#include "iso_platform.h"

/* r = this thread's struct gf_thread *, from its TLS slot in the TEB */
.macro	load_thread r, r32
	movl	gf_win32_slot(%rip), \r32
	movq	%gs:GF_WIN32_TEB_TLS_SLOTS(,\r,8), \r
.endm

/* Callee-saved registers below the saved rbp: rbx rdi rsi r12-r15 (7 x 8
 * bytes), then xmm6-xmm15 (10 x 16) and 8 bytes that realign rsp to 16. */
#define SAVED_GPRS (7 * 8)
#define SAVED_XMM_AREA (10 * 16 + 8)
#define FRAME (SAVED_GPRS + SAVED_XMM_AREA)

	.text

	.globl	gf_gate_run
	.def	gf_gate_run; .scl 2; .type 32; .endef
	.p2align 4
gf_gate_run:
	pushq	%rbp
	movq	%rsp, %rbp
	pushq	%rbx
	pushq	%rdi
	pushq	%rsi
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	subq	$SAVED_XMM_AREA, %rsp
	movdqa	%xmm6, 0(%rsp)
	movdqa	%xmm7, 16(%rsp)
	movdqa	%xmm8, 32(%rsp)
	movdqa	%xmm9, 48(%rsp)
	movdqa	%xmm10, 64(%rsp)
	movdqa	%xmm11, 80(%rsp)
	movdqa	%xmm12, 96(%rsp)
	movdqa	%xmm13, 112(%rsp)
	movdqa	%xmm14, 128(%rsp)
	movdqa	%xmm15, 144(%rsp)
	/* rsp = rbp - FRAME, 16-byte aligned: the kernel frames built below
	 * it by the trampoline need that. */
	load_thread %r11, %r11d
	movq	%rsp, GF_THREAD_HOST_SP(%r11)
	movq	%rbp, GF_THREAD_HOST_FP(%r11)
	movq	%rcx, %rax
	movq	%rdx, %rdi		/* SysV: the entry's argument */
	andq	$-16, %r8		/* the ABI's alignment at a call */
	movq	%r8, %rsp
	xorl	%ebp, %ebp		/* module frames end the frame chain */
	callq	*%rax
	xorl	%eax, %eax
	load_thread %r11, %r11d
	movq	GF_THREAD_HOST_FP(%r11), %rbp
.Lrestore:
	leaq	-FRAME(%rbp), %rsp
	movdqa	0(%rsp), %xmm6
	movdqa	16(%rsp), %xmm7
	movdqa	32(%rsp), %xmm8
	movdqa	48(%rsp), %xmm9
	movdqa	64(%rsp), %xmm10
	movdqa	80(%rsp), %xmm11
	movdqa	96(%rsp), %xmm12
	movdqa	112(%rsp), %xmm13
	movdqa	128(%rsp), %xmm14
	movdqa	144(%rsp), %xmm15
	addq	$SAVED_XMM_AREA, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rsi
	popq	%rdi
	popq	%rbx
	popq	%rbp
	cld				/* the ABI's direction flag, whatever the module did */
	ret

	.globl	gf_gate_recovered
	.def	gf_gate_recovered; .scl 2; .type 32; .endef
	.p2align 4
gf_gate_recovered:
	movl	$1, %eax
	jmp	.Lrestore		/* rbp is the run's frame (fault_veh.c) */

	.globl	gf_gate_trampoline
	.def	gf_gate_trampoline; .scl 2; .type 32; .endef
	.p2align 4
gf_gate_trampoline:
	/* r11 carries no argument in either convention. */
	load_thread %r11, %r11d
	testq	%r11, %r11		/* a thread that never ran a module */
	jz	.Lnot_in_module
	cmpl	$1, GF_THREAD_CONTEXT(%r11)	/* GF_CTX_MODULE */
	jne	.Lnot_in_module
	movq	%rsp, GF_THREAD_MODULE_SP(%r11)
	/* Below the run's frame (host_sp is 16-byte aligned), after the
	 * Microsoft ABI's 32-byte shadow space for the callee. */
	movq	GF_THREAD_HOST_SP(%r11), %rsp
	subq	$32, %rsp
	cld
	movq	%rcx, %r9		/* p2 */
	movq	%rdx, %r8		/* p1 */
	movq	%rsi, %rdx		/* p0 */
	movl	%edi, %ecx		/* request */
	callq	gf_gate_serve
	load_thread %r11, %r11d
	movq	GF_THREAD_MODULE_SP(%r11), %rsp
	ret
.Lnot_in_module:
	movq	$-1, %rax
	ret

/* gate_cm.S — the privilege transitions (.cm.gate).
 *
 * The kernel runs in privileged Thread mode on MSP; a module runs in
 * unprivileged Thread mode on PSP.  The only ways between them are
 * exceptions:
 *   launch  the kernel saves its callee-saved registers and MSP
 *           (gf_cm_enter_module), then SVC #2; the SVC handler drops Thread
 *           mode to unprivileged and returns into the frame prepared on
 *           the module's stack (EXC_RETURN thread/PSP);
 *   call    the module calls the gate stub (SVC #0); the handler passes
 *           the stacked r0-r3 to the dispatcher and writes the result into
 *           the stacked r0;
 *   exit    the module returns into the exit stub (SVC #1);
 *   fault   MemManage/BusFault/UsageFault/HardFault/SecureFault.
 * Exit and faults end in gf_cm_resume_kernel: an exception return into the
 * kernel thread just after its SVC #2, with the run's result in r0, as if
 * that SVC had returned.
 */
	.syntax unified
	.thumb

#define GF_SVC_CALL 0
#define GF_SVC_EXIT 1
#define GF_SVC_LAUNCH 2

/* ---- the gate stubs: executable by modules (.cm.gate-stub) ----------- */
	.section .gf_gate, "ax", %progbits
	.balign 32
	.global gf_cm_gate_call
	.type gf_cm_gate_call, %function
	.thumb_func
gf_cm_gate_call:
	svc	#GF_SVC_CALL
	bx	lr
	.size gf_cm_gate_call, . - gf_cm_gate_call

	.global gf_cm_gate_exit
	.type gf_cm_gate_exit, %function
	.thumb_func
gf_cm_gate_exit:
	svc	#GF_SVC_EXIT
	b	gf_cm_gate_exit		/* never resumed */
	.size gf_cm_gate_exit, . - gf_cm_gate_exit

	.text
/* uint32_t gf_cm_enter_module(uint32_t *frame) — privileged Thread mode,
 * MSP.  Ten registers keep MSP 8-byte aligned, so the SVC frame lands
 * exactly 32 bytes below the saved MSP. */
	.global gf_cm_enter_module
	.type gf_cm_enter_module, %function
	.thumb_func
gf_cm_enter_module:
	push	{r4-r11, ip, lr}
	ldr	r1, =gf_cm_kernel_sp
	mov	r2, sp
	str	r2, [r1]
	msr	psp, r0
	isb
	svc	#GF_SVC_LAUNCH
gf_cm_module_done:
	pop	{r4-r11, ip, pc}
	.size gf_cm_enter_module, . - gf_cm_enter_module

/* SVCall.  gf_cm_svc_dispatch(frame, exc_return) returns the EXC_RETURN
 * to leave with, or 0 when the run is over. */
	.global gf_cm_svc
	.type gf_cm_svc, %function
	.thumb_func
gf_cm_svc:
	mov	r1, lr
	tst	lr, #4
	ite	eq
	mrseq	r0, msp
	mrsne	r0, psp
	push	{r1, lr}
	bl	gf_cm_svc_dispatch
	pop	{r1, lr}
	cmp	r0, #0
	beq	gf_cm_resume_kernel
	bx	r0
	.size gf_cm_svc, . - gf_cm_svc

/* The fault exceptions share one path: gf_cm_fault_dispatch(frame,
 * exc_return) records the fault and returns the EXC_RETURN to leave with
 * (a retry, or a return into gf_cm_abort_gate), or 0 to resume the kernel
 * now. */
	.macro fault_entry name
	.global \name
	.type \name, %function
	.thumb_func
\name:
	mov	r1, lr
	tst	lr, #4
	ite	eq
	mrseq	r0, msp
	mrsne	r0, psp
	push	{r1, lr}
	bl	gf_cm_fault_dispatch
	pop	{r1, lr}
	cbz	r0, 1f
	bx	r0
1:	b	gf_cm_resume_kernel
	.size \name, . - \name
	.endm

	fault_entry gf_cm_hardfault
	fault_entry gf_cm_memmanage
	fault_entry gf_cm_busfault
	fault_entry gf_cm_usagefault
	fault_entry gf_cm_securefault

/* Where a fault inside a gate call returns to: still in the SVC handler's
 * context (Handler mode), which it abandons. */
	.global gf_cm_abort_gate
	.type gf_cm_abort_gate, %function
	.thumb_func
gf_cm_abort_gate:
	b	gf_cm_resume_kernel
	.size gf_cm_abort_gate, . - gf_cm_abort_gate

/* Handler mode, the only active exception (an SVC or a fault taken from
 * the module): drop every handler frame, build a fresh frame for the
 * kernel thread returning from its SVC #2 with r0 = gf_cm_run_result, make
 * Thread mode privileged again and return to it on MSP. */
	.type gf_cm_resume_kernel, %function
	.thumb_func
gf_cm_resume_kernel:
	ldr	r0, =gf_cm_kernel_sp
	ldr	r0, [r0]
	subs	r0, r0, #32
	msr	msp, r0
	ldr	r1, =gf_cm_run_result
	ldr	r1, [r1]
	str	r1, [r0, #0]		/* r0 */
	movs	r1, #0
	str	r1, [r0, #4]		/* r1 */
	str	r1, [r0, #8]		/* r2 */
	str	r1, [r0, #12]		/* r3 */
	str	r1, [r0, #16]		/* r12 */
	str	r1, [r0, #20]		/* lr */
	ldr	r1, =gf_cm_module_done
	bic	r1, r1, #1
	str	r1, [r0, #24]		/* pc */
	mov	r1, #0x01000000
	str	r1, [r0, #28]		/* xPSR: Thumb */
	mrs	r1, control
	bic	r1, r1, #1		/* nPRIV = 0 */
	msr	control, r1
	isb
	ldr	lr, =0xFFFFFFF9		/* Thread mode, MSP */
	bx	lr
	.size gf_cm_resume_kernel, . - gf_cm_resume_kernel

/* void gf_cm_set_unprivileged(bool on) — CONTROL.nPRIV, for the Thread
 * mode the next exception return enters. */
	.global gf_cm_set_unprivileged
	.type gf_cm_set_unprivileged, %function
	.thumb_func
gf_cm_set_unprivileged:
	mrs	r1, control
	bic	r1, r1, #1
	orr	r1, r1, r0
	msr	control, r1
	isb
	bx	lr
	.size gf_cm_set_unprivileged, . - gf_cm_set_unprivileged

/* module_entry.c — the module side of gatefuzz's ThreadX port
 * (.tx.port.module): what a module built with ThreadX's own module library
 * (common_modules/module_lib) links besides it on this port.  A real
 * port's module side is the preamble and the thread shell
 * (txm_module_thread_shell_entry), which receive the kernel's dispatcher
 * from the thread entry info and then run the module's start function.
 * Here the sandbox runs the module's code directly, on its stack in its
 * data region, and hands it the gate as the dispatcher.
 */
#define TXM_MODULE
#include "txm_module.h"

#include "sdk/gf_module.h"

/* The dispatcher every module-library call goes through. */
ALIGN_TYPE (*_txm_module_kernel_call_dispatcher)(ULONG type, ALIGN_TYPE param_1,
						 ALIGN_TYPE param_2, ALIGN_TYPE param3);

/* The module's start function (the preamble's), e.g. demo_module_start of
 * ThreadX's sample module. */
extern VOID GF_TXM_START_FUNCTION(ULONG id);

/* The sandbox's module entry: env->dispatch is the gate into the kernel. */
void gf_module_entry(struct gf_module_env *env)
{
	_txm_module_kernel_call_dispatcher =
		(ALIGN_TYPE(*)(ULONG, ALIGN_TYPE, ALIGN_TYPE, ALIGN_TYPE))env->dispatch;
	GF_TXM_START_FUNCTION((ULONG)env->args[0]);
	env->results[0] = 1; /* the start function returned */
}

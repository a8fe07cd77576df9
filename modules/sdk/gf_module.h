/* gf_module.h — the module SDK: what a module sees of the kernel.
 *
 * A module is freestanding C (no libc, no globals, no relocations: see
 * docs/module-images.md).  The loader puts a struct gf_module_env at the
 * base of its data region and calls
 *
 *     void gf_module_entry(struct gf_module_env *env);
 *
 * on a stack at the top of that region.  The module reaches the kernel only
 * through env->dispatch, TXM's shape: a request id, two parameters and a
 * third that is a parameter or, for services with more than three, the
 * address of an array of parameters 2..n-1 on the module's stack.
 *
 * Everything below is derived from kernel/services.def, kernel/status.def
 * and kernel/object_abi.h, so the SDK cannot drift from the kernel:
 *   GFM_REQ_<family>_<name>   request ids
 *   GFM_<STATUS>              status codes (GFM_SUCCESS, GFM_QUEUE_ERROR...)
 *   GFM_OT_<TYPE>             object types (module_object_pointer_get)
 *   gfm_<family>_<name>(env, params...)   one call wrapper per service
 * Parameter types by kind: objects, buffers, slots and pool memory are
 * pointers, strings const char *, callbacks gfm_callback, scalars and wait
 * options uintptr_t (so a test can pass any value).
 */
#ifndef GATEFUZZ_MODULE_SDK_H
#define GATEFUZZ_MODULE_SDK_H

#include <stdint.h>

#include "module_image.h"
#include "object_abi.h"

typedef uintptr_t (*gfm_dispatch_fn)(uint32_t request, uintptr_t p0,
				     uintptr_t p1, uintptr_t p2);

struct gf_module_env {
	gfm_dispatch_fn dispatch;  /* the gate entry                         */
	uintptr_t data_base;       /* the data region (this struct is there) */
	uintptr_t data_size;       /* bytes below the stack                  */
	uintptr_t args[8];         /* set by the host before a run           */
	uintptr_t results[16];     /* written by the module                  */
};
_Static_assert(sizeof(struct gf_module_env) <= GF_IMAGE_ENV_RESERVE,
	       "the environment fits the space images reserve for it");

/* The first byte of the data region a module may use for itself. */
static inline uintptr_t gfm_heap(const struct gf_module_env *env)
{
	return env->data_base + GF_IMAGE_ENV_RESERVE;
}

/* A callback the kernel records (timers, notifications, thread entries). */
typedef void (*gfm_callback)(void);

/* ---- constants --------------------------------------------------------- */
enum gfm_status {
#define GF_STATUS(name, value, meaning) GFM_##name = (value),
#include "status.def"
#undef GF_STATUS
};

enum gfm_object_type {
#define GFM_OT(name, value) GFM_OT_##name = (value),
	GF_OBJECT_TYPES(GFM_OT)
#undef GFM_OT
};

enum gfm_request {
#define GF_SERVICE(id, fam, nam, ...) GFM_REQ_##fam##_##nam = (id),
#include "services.def"
#undef GF_SERVICE
};

/* ---- raw calls --------------------------------------------------------- */
#define GFM_MAX_PARAMS 12

/* Calls request with n parameters, packing those past the second into an
 * array on this stack frame when there are more than three. */
static inline uintptr_t gfm_call_n(const struct gf_module_env *env,
				   uint32_t request, const uintptr_t *p,
				   unsigned n)
{
	uintptr_t extra[GFM_MAX_PARAMS - 2];

	if (n <= 3)
		return env->dispatch(request, n > 0 ? p[0] : 0, n > 1 ? p[1] : 0,
				     n > 2 ? p[2] : 0);
	for (unsigned i = 2; i < n && i < GFM_MAX_PARAMS; i++)
		extra[i - 2] = p[i];
	return env->dispatch(request, p[0], p[1], (uintptr_t)extra);
}

/* ---- one wrapper per service, from services.def ------------------------ */
/* Parameter kinds as C types.  The host includes this header next to
 * kernel/service_table.h, which gives the same names other meanings: save
 * them, and put them back after. */
#pragma push_macro("GF_OBJ")
#pragma push_macro("GF_IN")
#pragma push_macro("GF_OUT")
#pragma push_macro("GF_STR")
#pragma push_macro("GF_SCALAR")
#pragma push_macro("GF_WAIT")
#pragma push_macro("GF_CB")
#pragma push_macro("GF_NAME")
#pragma push_macro("GF_CB_USER")
#pragma push_macro("GF_SLOT")
#pragma push_macro("GF_SLOT_OPT")
#pragma push_macro("GF_POOLMEM")
#undef GF_OBJ
#undef GF_IN
#undef GF_OUT
#undef GF_STR
#undef GF_SCALAR
#undef GF_WAIT
#undef GF_CB
#undef GF_NAME
#undef GF_CB_USER
#undef GF_SLOT
#undef GF_SLOT_OPT
#undef GF_POOLMEM
#define GF_OBJ(type, mode) void *
#define GF_IN(len) const void *
#define GF_OUT(len) void *
#define GF_STR(max) const char *
#define GF_SCALAR(lo, hi, err) uintptr_t
#define GF_WAIT uintptr_t
#define GF_CB(required) gfm_callback
#define GF_NAME(max) const char *
#define GF_CB_USER(required) gfm_callback
#define GF_SLOT(size) void *
#define GF_SLOT_OPT(size) void *
#define GF_POOLMEM(type) void *

#define GFM_CAT(a, b) GFM_CAT_(a, b)
#define GFM_CAT_(a, b) a##b
/* The number of parameters, 0..12 (GNU comma elision for none). */
#define GFM_NARGS(...) GFM_NARGS_(x, ##__VA_ARGS__, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#define GFM_NARGS_(x, a, b, c, d, e, f, g, h, i, j, k, l, n, ...) n

/* ", type0 p0, type1 p1, ..." */
#define GFM_DECL_0()
#define GFM_DECL_1(a) , a p0
#define GFM_DECL_2(a, b) GFM_DECL_1(a), b p1
#define GFM_DECL_3(a, b, c) GFM_DECL_2(a, b), c p2
#define GFM_DECL_4(a, b, c, d) GFM_DECL_3(a, b, c), d p3
#define GFM_DECL_5(a, b, c, d, e) GFM_DECL_4(a, b, c, d), e p4
#define GFM_DECL_6(a, b, c, d, e, f) GFM_DECL_5(a, b, c, d, e), f p5
#define GFM_DECL_7(a, b, c, d, e, f, g) GFM_DECL_6(a, b, c, d, e, f), g p6
#define GFM_DECL_8(a, b, c, d, e, f, g, h) GFM_DECL_7(a, b, c, d, e, f, g), h p7
#define GFM_DECL_9(a, b, c, d, e, f, g, h, i) GFM_DECL_8(a, b, c, d, e, f, g, h), i p8
#define GFM_DECL_10(a, b, c, d, e, f, g, h, i, j) GFM_DECL_9(a, b, c, d, e, f, g, h, i), j p9
#define GFM_DECL_11(a, b, c, d, e, f, g, h, i, j, k) GFM_DECL_10(a, b, c, d, e, f, g, h, i, j), k p10
#define GFM_DECL_12(a, b, c, d, e, f, g, h, i, j, k, l) GFM_DECL_11(a, b, c, d, e, f, g, h, i, j, k), l p11

/* The parameters as words: "(uintptr_t)p0, (uintptr_t)p1, ..." */
#define GFM_W(k) (uintptr_t)(p##k)
#define GFM_WORDS_1 GFM_W(0)
#define GFM_WORDS_2 GFM_WORDS_1, GFM_W(1)
#define GFM_WORDS_3 GFM_WORDS_2, GFM_W(2)
#define GFM_WORDS_4 GFM_WORDS_3, GFM_W(3)
#define GFM_WORDS_5 GFM_WORDS_4, GFM_W(4)
#define GFM_WORDS_6 GFM_WORDS_5, GFM_W(5)
#define GFM_WORDS_7 GFM_WORDS_6, GFM_W(6)
#define GFM_WORDS_8 GFM_WORDS_7, GFM_W(7)
#define GFM_WORDS_9 GFM_WORDS_8, GFM_W(8)
#define GFM_WORDS_10 GFM_WORDS_9, GFM_W(9)
#define GFM_WORDS_11 GFM_WORDS_10, GFM_W(10)
#define GFM_WORDS_12 GFM_WORDS_11, GFM_W(11)

/* The body: every parameter into a word array, then gfm_call_n packs the
 * extra parameters on this stack as TXM does. */
#define GFM_BODY_0(id) return env->dispatch((id), 0, 0, 0);
#define GFM_BODY_N(id, n)                                                   \
	const uintptr_t p[] = {GFM_CAT(GFM_WORDS_, n)};                     \
	return gfm_call_n(env, (id), p, (n));

#define GFM_BODY(id, n) GFM_CAT(GFM_BODY_SEL_, n)(id, n)
#define GFM_BODY_SEL_0(id, n) GFM_BODY_0(id)
#define GFM_BODY_SEL_1 GFM_BODY_N
#define GFM_BODY_SEL_2 GFM_BODY_N
#define GFM_BODY_SEL_3 GFM_BODY_N
#define GFM_BODY_SEL_4 GFM_BODY_N
#define GFM_BODY_SEL_5 GFM_BODY_N
#define GFM_BODY_SEL_6 GFM_BODY_N
#define GFM_BODY_SEL_7 GFM_BODY_N
#define GFM_BODY_SEL_8 GFM_BODY_N
#define GFM_BODY_SEL_9 GFM_BODY_N
#define GFM_BODY_SEL_10 GFM_BODY_N
#define GFM_BODY_SEL_11 GFM_BODY_N
#define GFM_BODY_SEL_12 GFM_BODY_N

#define GF_SERVICE(id, fam, nam, ret, errs, ...)                             \
	static inline uintptr_t gfm_##fam##_##nam(                          \
		const struct gf_module_env *env                             \
			GFM_CAT(GFM_DECL_, GFM_NARGS(__VA_ARGS__))(__VA_ARGS__)) \
	{                                                                   \
		GFM_BODY(id, GFM_NARGS(__VA_ARGS__))                        \
	}
#include "services.def"
#undef GF_SERVICE

#undef GF_OBJ
#undef GF_IN
#undef GF_OUT
#undef GF_STR
#undef GF_SCALAR
#undef GF_WAIT
#undef GF_CB
#undef GF_NAME
#undef GF_CB_USER
#undef GF_SLOT
#undef GF_SLOT_OPT
#undef GF_POOLMEM
#pragma pop_macro("GF_OBJ")
#pragma pop_macro("GF_IN")
#pragma pop_macro("GF_OUT")
#pragma pop_macro("GF_STR")
#pragma pop_macro("GF_SCALAR")
#pragma pop_macro("GF_WAIT")
#pragma pop_macro("GF_CB")
#pragma pop_macro("GF_NAME")
#pragma pop_macro("GF_CB_USER")
#pragma pop_macro("GF_SLOT")
#pragma pop_macro("GF_SLOT_OPT")
#pragma pop_macro("GF_POOLMEM")

#endif

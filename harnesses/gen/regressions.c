/* regressions.c — the seeded bugs' reproducers, corpus/regressions/<bug>/
 * (docs/seeded-bugs.md): each an input of the bug's input class, written
 * with the encoder like the seeds, and its expect: the BUG the bugged
 * kernel earns and the verdict the correct one gives (clean=). */
#include "regressions.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "bugs.h"
#include "decode.h"
#include "encode.h"
#include "module_image.h"
#include "pointer_gen.h"
#include "service_table.h"

/* One call: valid, but for one parameter given a class (pointers) or a
 * mode (scalars) and an offset adjustment. */
struct step {
	const char *service;
	int param; /* -1: every parameter valid */
	enum gf_class cls;
	uint8_t mode, offset_adjust;
};

/* The double fetches' reproducers: their call is traced (GF_CALL_TRACED,
 * .harn.fetch), with this race (encode.h: race_word 0 for none). */
static const struct race {
	const char *bug;
	uint8_t word;
	enum gf_class cls;
} races[] = {
	{"pool_size_fetched_twice", 0, GF_CLASS_NULL_PTR},
	/* a racing thread points the array's first word, the slot of
	 * parameter 2, into the other module after the kernel's first read:
	 * the memory oracle sees the second read used */
	{"slot_pointer_fetched_twice", 1, GF_CLASS_OTHER_DATA},
};

static const struct race *race_of(const char *bug)
{
	for (size_t i = 0; i < sizeof races / sizeof races[0]; i++)
		if (strcmp(races[i].bug, bug) == 0)
			return &races[i];
	return NULL;
}

/* Reproducers whose step's string parameter gets these bytes (encode.h),
 * not a known name. */
static const struct content {
	const char *bug, *bytes;
} contents[] = {
	{"lookup_by_prefix", ""},
};

static const char *content_of(const char *bug)
{
	for (size_t i = 0; i < sizeof contents / sizeof contents[0]; i++)
		if (strcmp(contents[i].bug, bug) == 0)
			return contents[i].bytes;
	return NULL;
}

struct reproducer {
	const char *bug, *target, *kind, *clean;
	void (*image)(struct gf_bytes *o); /* fuzz_loader: the input, or NULL */
	struct step calls[3]; /* one for fuzz_<service>, up to three for
				 fuzz_sequence */
};

/* An image of 16 bytes of code with these data and stack sizes. */
static void image(struct gf_bytes *o, uint32_t data_size, uint32_t stack_size,
		  const char *name)
{
	static const uint8_t code[16] = {0xc3};
	struct gf_image_info info = {.entry_offset = 0,
				     .code_size = sizeof code,
				     .data_size = data_size,
				     .stack_size = stack_size,
				     .code = code};

	snprintf(info.name, sizeof info.name, "%s", name);
	gf_image_write_header(o->b, &info);
	memcpy(o->b + GF_IMAGE_HEADER_SIZE, code, sizeof code);
	o->n = GF_IMAGE_HEADER_SIZE + sizeof code;
}

/* An image whose stack is larger than its data region. */
static void stack_beyond_data_image(struct gf_bytes *o)
{
	image(o, 4096, 8192, "big-stack");
}

/* A sound image (fuzz_loader then unloads a module that owns objects). */
static void sound_image(struct gf_bytes *o)
{
	image(o, 8192, 4096, "sound");
}

/* An image whose stack size is no multiple of 16. */
static void unaligned_stack_image(struct gf_bytes *o)
{
	image(o, 8192, 4096 + 8, "odd-stack");
}

#define CLASS(c) GF_CLASS_##c
static const struct reproducer reproducers[] = {
	{"string_first_byte", "fuzz_semaphore_create", "deputy-read", "REJECTED", NULL,
	 {{"semaphore_create", 1, CLASS(OWN_DATA_STRADDLE_END), 0, 0}}},
	{"buffer_first_byte", "fuzz_thread_preemption_change", "deputy-write", "REJECTED", NULL,
	 {{"thread_preemption_change", 2, CLASS(OWN_DATA_STRADDLE_END), 0, 0}}},
	{"create_outside_data", "fuzz_mutex_create", "deputy-read", "REJECTED", NULL,
	 {{"mutex_create", 0, CLASS(KERNEL_GLOBAL), 0, 0}}},
	/* the sixth of the caller's objects (its semaphore), shifted by +6 */
	{"object_by_header", "fuzz_semaphore_put", "integrity", "REJECTED", NULL,
	 {{"semaphore_put", 0, CLASS(OBJ_SHIFTED), 0, 5}}},
	{"delete_no_owner", "fuzz_mutex_delete", "integrity", "REJECTED", NULL,
	 {{"mutex_delete", 0, CLASS(OBJ_OTHER), 0, 0}}},
	{"thread_control_no_owner", "fuzz_thread_suspend", "integrity", "REJECTED", NULL,
	 {{"thread_suspend", 0, CLASS(OBJ_OTHER), 0, 0}}},
	{"dealloc_live_object", "fuzz_module_object_deallocate", "integrity", "REJECTED", NULL,
	 {{"module_object_deallocate", 0, CLASS(OBJ_WRONG_TYPE), 0, 0}}},
	/* mode 6: a size of 0xffffffff */
	{"alloc_size_overflow", "fuzz_module_object_allocate", "integrity", "REJECTED", NULL,
	 {{"module_object_allocate", 1, 0, 6, 0}}},
	{"kstack_leak", "fuzz_sequence", "info-leak", "OK", NULL,
	 {{"thread_terminate", -1, 0, 0, 0},
	  {"thread_create", -1, 0, 0, 0}}},
	{"notify_callback_unchecked", "fuzz_queue_send_notify", "integrity", "REJECTED", NULL,
	 {{"queue_send_notify", 1, CLASS(OWN_DATA), 0, 0}}},
	{"queue_send_foreign", "fuzz_queue_send", "deputy-write", "REJECTED", NULL,
	 {{"queue_send", 0, CLASS(OBJ_OTHER), 0, 0}}},
	{"image_size_wrap", "fuzz_loader", "integrity", "REJECTED",
	 stack_beyond_data_image, {{0}}},
	{"queue_size_unvalidated", "fuzz_queue_send", "kernel-fault", "REJECTED", NULL,
	 {{"queue_send", 0, CLASS(NULL_PTR), 0, 0}}},
	/* offset selector 8: a 4-byte slot whose last byte alone is outside */
	{"range_end_off_by_one", "fuzz_semaphore_info_get", "deputy-write", "REJECTED", NULL,
	 {{"semaphore_info_get", 2, CLASS(OWN_DATA_STRADDLE_END), 0, 2}}},
	{"range_wrap", "fuzz_mutex_info_get", "kernel-fault", "REJECTED", NULL,
	 {{"mutex_info_get", 1, CLASS(WRAP), 0, 0}}},
	/* double fetches, traced calls (races[]) */
	{"pool_size_fetched_twice", "fuzz_byte_pool_create", "double-fetch", "OK", NULL,
	 {{"byte_pool_create", -1, 0, 0, 0}}},
	{"slot_pointer_fetched_twice", "fuzz_queue_info_get", "deputy-write", "OK", NULL,
	 {{"queue_info_get", -1, 0, 0, 0}}},
	{"unload_keeps_objects", "fuzz_loader", "integrity", "OK", sound_image, {{0}}},
	{"image_stack_rounded", "fuzz_loader", "integrity", "REJECTED",
	 unaligned_stack_image, {{0}}},
	/* mode 8: a valid size with bit 32 set (.harn.decode.wide) */
	{"scalar_truncated", "fuzz_byte_pool_allocate", "integrity", "REJECTED", NULL,
	 {{"byte_pool_allocate", 2, 0, 8, 0}}},
	/* the block the fixture's block pool handed out and took back */
	{"release_unallocated", "fuzz_block_pool_release", "integrity", "REJECTED", NULL,
	 {{"block_pool_release", 0, CLASS(POOLMEM_RELEASED), 0, 0}}},
	/* the caller's second queue: capacity 3, two messages in; the
	 * content bytes the 4-byte message leaves make more sends, one to
	 * the full queue (REJECTED) */
	{"queue_index_mask", "fuzz_queue_send", "integrity", "REJECTED", NULL,
	 {{"queue_send", 0, CLASS(OBJ_OWN), 0, 1}}},
	/* the third module's semaphore, which B found by name */
	{"shared_with_anyone", "fuzz_semaphore_put", "integrity", "REJECTED", NULL,
	 {{"semaphore_put", 0, CLASS(OBJ_THIRD), 0, 0}}},
	/* the kernel's writes into its caller's memory */
	{"stack_fill_past_end", "fuzz_thread_create", "overflow", "OK", NULL,
	 {{"thread_create", -1, 0, 0, 0}}},
	/* a get that finds no flags, then a set that ORs some in (option
	 * mode 1: its lowest value) */
	{"event_flags_stale_waiter", "fuzz_sequence", "stray-write", "REJECTED", NULL,
	 {{"event_flags_get", -1, 0, 0, 0},
	  {"event_flags_set", 2, 0, 1, 0}}},
	/* a timer created inactive (auto_activate mode 1: 0) in the empty
	 * block, then its info (the caller's second timer: offset selector 1) */
	{"timer_remaining_stale", "fuzz_sequence", "info-leak", "OK", NULL,
	 {{"timer_create", 6, 0, 1, 0},
	  {"timer_info_get", 0, CLASS(OBJ_OWN), 0, 1}}},
	{"frame_kernel_pointer", "fuzz_thread_create", "address-leak", "OK", NULL,
	 {{"thread_create", -1, 0, 0, 0}}},
	/* Object state and statuses (the model): every call valid, the state
	 * the calls leave deciding. */
	{"mutex_put_not_owner", "fuzz_mutex_put", "state", "REJECTED", NULL,
	 {{"mutex_put", -1, 0, 0, 0}}},
	/* the fixture's block released out of order, then the next one */
	{"block_handed_out_twice", "fuzz_sequence", "state", "OK", NULL,
	 {{"block_pool_allocate", -1, 0, 0, 0},
	  {"block_pool_release", -1, 0, 0, 0},
	  {"block_pool_allocate", -1, 0, 0, 0}}},
	{"queue_wrong_message", "fuzz_sequence", "state", "OK", NULL,
	 {{"queue_send", -1, 0, 0, 0},
	  {"queue_receive", -1, 0, 0, 0}}},
	/* the fixture's semaphore holds three */
	{"semaphore_get_refused", "fuzz_semaphore_get", "wrong-status", "OK", NULL,
	 {{"semaphore_get", -1, 0, 0, 0},
	  {"semaphore_get", -1, 0, 0, 0},
	  {"semaphore_get", -1, 0, 0, 0}}},
	/* the fixture's thread, created suspended */
	{"thread_delete_live", "fuzz_thread_delete", "state", "REJECTED", NULL,
	 {{"thread_delete", -1, 0, 0, 0}}},
	/* the caller's second thread: the fixture's ready one */
	{"thread_suspend_refused", "fuzz_thread_suspend", "wrong-status", "OK", NULL,
	 {{"thread_suspend", 0, CLASS(OBJ_OWN), 0, 1}}},
	/* the fixture's thread has priority 16; the valid threshold is 16 */
	{"threshold_refused", "fuzz_thread_preemption_change", "wrong-status", "OK", NULL,
	 {{"thread_preemption_change", -1, 0, 0, 0}}},
	/* a semaphore created at 0xffffffff (count mode 2: the maximum) in
	 * the empty block, then put: the caller's second semaphore */
	{"semaphore_put_wraps", "fuzz_sequence", "state", "REJECTED", NULL,
	 {{"semaphore_create", 2, 0, 2, 0},
	  {"semaphore_put", 0, CLASS(OBJ_OWN), 0, 1}}},
	/* the empty name (contents[]), of the valid type (a timer) */
	{"lookup_by_prefix", "fuzz_module_object_pointer_get", "state", "REJECTED", NULL,
	 {{"module_object_pointer_get", 1, CLASS(OWN_DATA), 0, 0}}},
};
#undef CLASS

static int write_file(const char *dir, const char *name, const void *data,
		      size_t n)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(data, 1, n, f) != n || fclose(f)) {
		fprintf(stderr, "gf_gen: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* Appends one call: the service selector for fuzz_sequence, the flag
 * byte, the call's selectors. */
static int encode_step(struct gf_bytes *o, const struct step *st,
		       const struct race *race, const char *content, int sequence)
{
	const struct gf_service *s = gf_service_by_name(st->service);
	struct gf_call_spec c;

	if (!s) {
		fprintf(stderr, "gf_gen: no service %s\n", st->service);
		return -1;
	}
	gf_call_spec_valid(&c);
	if (race) {
		c.flags = GF_CALL_TRACED;
		c.race_word = race->word;
		c.race_sel = gf_class_selector(race->cls);
	}
	if (st->param >= 0) {
		c.class_sel[st->param] = gf_class_selector(st->cls);
		c.mode[st->param] = st->mode;
		c.offset_adjust[st->param] = st->offset_adjust;
		c.content[st->param] = content;
	}
	if (sequence)
		gf_put(o, (uint8_t)(s - gf_services));
	gf_put(o, c.flags);
	gf_encode_call(o, s, &c);
	return 0;
}

static int write_reproducer(const char *root, const struct reproducer *r)
{
	char dir[4096], expect[512];
	struct gf_bytes o = {.n = 0};
	int sequence = strcmp(r->target, "fuzz_sequence") == 0;

	snprintf(dir, sizeof dir, "%s/%s", root, r->bug);
	mkdir(dir, 0755);
	if (r->image)
		r->image(&o);
	for (size_t k = 0; !r->image && k < 3 && r->calls[k].service; k++)
		if (encode_step(&o, &r->calls[k], race_of(r->bug), content_of(r->bug),
				sequence))
			return -1;
	snprintf(expect, sizeof expect,
		 "# seeded bug %s (docs/seeded-bugs.md), written by gf_gen regressions\n"
		 "target=%s\nbug=%s\nverdict=BUG %s\nclean=%s\n",
		 r->bug, r->target, r->bug, r->kind, r->clean);
	return write_file(dir, "input", o.b, o.n) |
	       write_file(dir, "expect", expect, strlen(expect));
}

int gf_gen_regressions(const char *root)
{
	int rc = 0;

	_Static_assert(sizeof reproducers / sizeof reproducers[0] == GF_BUG_COUNT - 1,
		       "one reproducer per seeded bug of kernel/bugs.def");
	mkdir(root, 0755);
	for (size_t i = 0; i < sizeof reproducers / sizeof reproducers[0]; i++) {
		if (gf_seeded_bug_id(reproducers[i].bug) == GF_BUG_none) {
			fprintf(stderr, "gf_gen: %s is no bug of kernel/bugs.def\n",
				reproducers[i].bug);
			return -1;
		}
		rc |= write_reproducer(root, &reproducers[i]);
	}
	return rc;
}

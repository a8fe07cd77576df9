/* test_sample_module.c — a real client nobody here wrote (label threadx):
 * ThreadX's own sample module (sample_threadx_module.c from the tree,
 * portable C over txm_module.h), built for x86-64 against the tree's module
 * library and the port's module side (threadx/module/), loaded into the
 * sandbox's third slot as a memory-protected ThreadX module.  Its start
 * function allocates and creates every object type through the module
 * library; run as module code under gatefuzz's isolation, every call must
 * cross the gate and return TX_SUCCESS, with no fault and ThreadX's
 * integrity intact.
 *   test_sample_module <module ELF> <data offset>
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "harness.h"
#include "kernel.h"

#define MAX_CALLS 256

static struct {
	uint32_t request;
	uintptr_t status;
} calls[MAX_CALLS];
static int ncalls;

/* The gate's handler for this test: the kernel's, with every call and its
 * status recorded. */
static uintptr_t recording(uint32_t request, uintptr_t p0, uintptr_t p1, uintptr_t p2)
{
	uintptr_t status = gf_kernel_dispatch(request, p0, p1, p2);

	if (ncalls < MAX_CALLS)
		calls[ncalls++] = (typeof(calls[0])){request, status};
	return status;
}

static uint8_t *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long n;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) ||
	    !(buf = malloc((size_t)n)) || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "test_sample_module: cannot read %s\n", path);
		exit(2);
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* Copies the module's segments into the slot's regions: those linked
 * below data_offset into its code, the others into its data. */
static uintptr_t load(const struct gf_slot *s, const uint8_t *elf, size_t len, uintptr_t data_offset)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)elf;

	CHECK(len > sizeof *eh && memcmp(eh->e_ident, ELFMAG, SELFMAG) == 0, "not an ELF file");
	for (int i = 0; i < eh->e_phnum; i++) {
		const Elf64_Phdr *ph = (const Elf64_Phdr *)(elf + eh->e_phoff + (size_t)i * eh->e_phentsize);
		const struct gf_region *r = ph->p_vaddr < data_offset ? s->code : s->data;
		uintptr_t at = ph->p_vaddr - (r == s->code ? 0 : data_offset);

		if (ph->p_type != PT_LOAD)
			continue;
		CHECK(at + ph->p_memsz <= r->size, "segment %d does not fit %s", i, r->name);
		CHECK(gf_region_fill(r, at, elf + ph->p_offset, ph->p_filesz) == 0, "fill %s", r->name);
	}
	return s->code->base + eh->e_entry;
}

int main(int argc, char **argv)
{
	struct gf_sandbox *sb;
	struct gf_slot *s;
	struct gf_module_env *env;
	struct gf_fault fault;
	uint8_t *elf;
	size_t len;
	uintptr_t entry, data_offset;
	int allocated = 0, threads = 0;
	char why[256];

	if (argc != 3)
		return fprintf(stderr, "usage: test_sample_module MODULE_ELF DATA_OFFSET\n"), 2;
	data_offset = strtoull(argv[2], NULL, 0);
	gf_harness_set_replay(1);
	gf_harness_begin((const uint8_t *)"", 0);
	sb = gf_harness_sandbox();
	s = &sb->slot[GF_SLOT_LOADER];
	CHECK(s->data->base - s->code->base == data_offset,
	      "the module was linked for data %#lx after code, the sandbox has %#lx",
	      (unsigned long)data_offset, (unsigned long)(s->data->base - s->code->base));
	elf = read_file(argv[1], &len);
	entry = load(s, elf, len, data_offset);
	env = (struct gf_module_env *)s->data->base;
	env->dispatch = (gfm_dispatch_fn)gf_gate_entry();
	env->data_base = s->data->base;
	env->data_size = s->data->size;
	CHECK(gf_kernel_module_add(&s->dom) == 0, "ThreadX did not load the module: %s",
	      gf_kernel_site());

	gf_gate_set_handler(recording);
	CHECK(gf_module_run(&s->dom, entry, (uintptr_t)env, s->data->base + s->data->size - 8192,
			    &fault) == 0,
	      "the sample module faulted: addr %#lx", (unsigned long)fault.addr);
	gf_gate_set_handler(gf_kernel_dispatch);

	CHECK(env->results[0] == 1, "demo_module_start did not return");
	for (int i = 0; i < ncalls; i++) {
		const struct gf_service *svc = gf_service_by_id(calls[i].request);
		CHECK(calls[i].status == GF_SUCCESS, "call %d, %s, returned %#lx", i,
		      svc ? svc->full_name : "?", (unsigned long)calls[i].status);
		allocated += svc && strcmp(svc->full_name, "module_object_allocate") == 0;
		threads += svc && strcmp(svc->full_name, "thread_create") == 0;
	}
	/* demo_module_start: 14 control blocks, 8 threads, 43 calls in all. */
	CHECK(allocated == 14 && threads == 8 && ncalls == 43,
	      "%d calls, %d allocations, %d thread creates (expected 43, 14, 8)", ncalls,
	      allocated, threads);
	CHECK(gf_kernel_integrity(why, sizeof why) == 0, "ThreadX after the sample: %s", why);
	printf("ThreadX sample module: %d calls through the gate, %s\n", ncalls,
	       check_failures ? "FAILED" : "all TX_SUCCESS");
	return check_failures != 0;
}

/* test_write_set.c — the write-set and leak checks on memory laid out by
 * hand (.harn.oracle.writes, .harn.oracle.leak; label oracle): each case
 * changes the "caller's memory" as a kernel would, then asks
 * gf_ws_check for the verdict the change earns.  No sandbox: the check
 * reads live memory and a copy, which plain buffers stand in for. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "kernel.h"
#include "write_set.h"

#define SIZE (3 * 4096u)
#define OUT_AT 0x1800u   /* an output buffer of 64 bytes (parameter 3)  */
#define OUT_LEN 64u
#define SLOT_AT 0x2100u  /* a pointer-size output slot (parameter 5)   */
#define OWN_AT 0x0400u   /* 16 bytes the module writes itself           */
#define SECRET 0x7a0000u /* the "arena": addresses the caller must not learn */

static uint8_t *mem, *before;
static struct gf_ws_area area;
static struct gf_ws_range out[2], own[1];
static struct gf_bounds secret[1];
static struct gf_ws_facts facts;

static uintptr_t at(size_t off)
{
	return (uintptr_t)mem + off;
}

/* A fresh call: memory as the copy, taken "before the call". */
static void fresh(void)
{
	for (size_t i = 0; i < SIZE; i++)
		mem[i] = (uint8_t)(i * 7);
	memcpy(before, mem, SIZE);
}

static const char *verdict(struct gf_ws_finding *f)
{
	memset(f, 0, sizeof *f);
	return gf_ws_check(&facts, f) ? f->kind : "clean";
}

static void poison_at(size_t off, uintptr_t phase)
{
	for (int i = 0; i < 4; i++)
		mem[off + (size_t)i] = gf_poison_byte(phase + (uintptr_t)i);
}

static void put_word(uint8_t *m, size_t off, uintptr_t v)
{
	memcpy(m + off, &v, sizeof v);
}

int main(void)
{
	struct gf_ws_finding f;

	mem = malloc(SIZE);
	before = malloc(SIZE);
	area = (struct gf_ws_area){at(0), SIZE, before};
	out[0] = (struct gf_ws_range){at(OUT_AT), at(OUT_AT + OUT_LEN), 3, 0};
	out[1] = (struct gf_ws_range){at(SLOT_AT), at(SLOT_AT + sizeof(uintptr_t)), 5, 1};
	own[0] = (struct gf_ws_range){at(OWN_AT), at(OWN_AT + 16), -1, 0};
	secret[0] = (struct gf_bounds){SECRET, SECRET + 0x10000};
	facts = (struct gf_ws_facts){&area, 1, out, 2, own, 1, secret, 1, NULL, 0};

	fresh();
	CHECK(!strcmp(verdict(&f), "clean"), "nothing changed: %s", f.detail);

	/* Writes the call may make: its outputs, the module's own. */
	fresh();
	memset(mem + OUT_AT, 0x11, OUT_LEN);
	put_word(mem, SLOT_AT, 0x1234);
	memset(mem + OWN_AT, 0x22, 16);
	CHECK(!strcmp(verdict(&f), "clean"), "outputs and the module's own: %s", f.detail);

	/* One byte past the output, and one before it. */
	fresh();
	mem[OUT_AT + OUT_LEN] ^= 0xff;
	CHECK(!strcmp(verdict(&f), "overflow") && f.param == 3 &&
	      f.addr == at(OUT_AT + OUT_LEN), "one past: %s %s", f.kind, f.detail);
	fresh();
	mem[OUT_AT - GF_WS_OVERFLOW_REACH] ^= 0xff;
	CHECK(!strcmp(verdict(&f), "overflow") && strstr(f.detail, "before"),
	      "the reach before: %s %s", f.kind, f.detail);
	fresh();
	mem[OUT_AT - GF_WS_OVERFLOW_REACH - 1] ^= 0xff;
	CHECK(!strcmp(verdict(&f), "stray-write"), "beyond the reach: %s", f.kind);

	/* A word no parameter names, on another page. */
	fresh();
	mem[2 * 4096 + 1000] ^= 1;
	CHECK(!strcmp(verdict(&f), "stray-write") && f.param == -1 &&
	      f.addr == at(2 * 4096 + 1000), "stray: %s %s", f.kind, f.detail);

	/* Four bytes of poison, unaligned and in any phase, in an output. */
	fresh();
	poison_at(OUT_AT + 5, 6);
	CHECK(!strcmp(verdict(&f), "info-leak") && f.param == 3, "poison word: %s", f.kind);
	/* ... unless the caller's memory held that word before the call. */
	fresh();
	poison_at(2 * 4096, 6);
	memcpy(before, mem, SIZE);
	poison_at(OUT_AT + 5, 6);
	CHECK(!strcmp(verdict(&f), "clean"), "poison the module supplied: %s", f.detail);
	/* ... or the input held it (a count the module set in an earlier call). */
	{
		uint8_t input[9] = {7};
		fresh();
		poison_at(OUT_AT + 5, 6);
		memcpy(input + 3, mem + OUT_AT + 5, 4);
		facts.input = input;
		facts.input_len = sizeof input;
		CHECK(!strcmp(verdict(&f), "clean"), "poison in the input: %s", f.detail);
		facts.input = NULL;
		facts.input_len = 0;
	}
	/* A copy of the module's bytes next to old ones is no leak, even
	 * where the word they make up looks like one. */
	fresh();
	put_word(before, OUT_AT + 24, SECRET + 0x40);
	before[OUT_AT + 24] = 0x55;
	memcpy(mem, before, SIZE);
	mem[OUT_AT + 24] = before[2 * 4096 + 3];
	CHECK(!strcmp(verdict(&f), "clean"), "a copied byte beside old ones: %s", f.detail);
	/* Three bytes are no word. */
	fresh();
	poison_at(OUT_AT + 5, 6);
	mem[OUT_AT + 8] = before[OUT_AT + 8];
	CHECK(strcmp(verdict(&f), "info-leak") != 0, "three poison bytes: %s", f.kind);

	/* A secret address in an output buffer; in a pointer slot it is the
	 * slot's value; changed low bytes rewrite the whole word. */
	fresh();
	put_word(mem, OUT_AT + 8, SECRET + 0x40);
	CHECK(!strcmp(verdict(&f), "address-leak") && f.addr == at(OUT_AT + 8),
	      "address in a buffer: %s %s", f.kind, f.detail);
	fresh();
	put_word(before, 2 * 4096 + 64, SECRET + 0x40);
	put_word(mem, 2 * 4096 + 64, SECRET + 0x40);
	put_word(mem, OUT_AT + 8, SECRET + 0x40);
	CHECK(!strcmp(verdict(&f), "clean"), "an address the module held: %s", f.detail);
	fresh();
	put_word(mem, SLOT_AT, SECRET + 0x40);
	CHECK(!strcmp(verdict(&f), "clean"), "address in a pointer slot: %s", f.detail);
	/* ... also when a 4-byte slot of the call names its first bytes too. */
	out[0] = (struct gf_ws_range){at(SLOT_AT), at(SLOT_AT + 4), 3, 0};
	fresh();
	put_word(mem, SLOT_AT, SECRET + 0x40);
	CHECK(!strcmp(verdict(&f), "clean"), "overlapping slots: %s", f.detail);
	out[0] = (struct gf_ws_range){at(OUT_AT), at(OUT_AT + OUT_LEN), 3, 0};
	fresh();
	put_word(mem, OUT_AT + 16, SECRET + 0x4142);
	put_word(before, OUT_AT + 16, SECRET + 0x4800);
	CHECK(!strcmp(verdict(&f), "address-leak"), "the low bytes of an address: %s", f.kind);

	free(mem);
	free(before);
	return check_failures ? 1 : 0;
}

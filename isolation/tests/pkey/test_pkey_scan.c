/* test_pkey_scan.c — the loader's WRPKRU/XRSTOR scan (.iso.pkey.scan).
 *
 * Pure function, so this runs natively everywhere: encodings that must be
 * refused (at instruction boundaries, hidden inside other instructions,
 * with prefixes, every ModRM memory form) and look-alikes that must pass
 * (LFENCE, INCSSP, the other 0F AE and 0F 01 instructions, cut-off
 * encodings).
 */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "pkey_scan.h"

#define CODE(...) ((const uint8_t[]){__VA_ARGS__}), sizeof((const uint8_t[]){__VA_ARGS__})

static void refused(const char *what, const uint8_t *code, size_t len,
		    size_t want_offset, const char *want_name)
{
	size_t offset = ~(size_t)0;
	const char *name = NULL;
	int rc = gf_pkey_scan_code(code, len, &offset, &name);
	tc_cases++;
	CHECK(rc == -1, "%s: returned %d, expected a refusal", what, rc);
	CHECK(offset == want_offset, "%s: offset %zu, expected %zu", what,
	      offset, want_offset);
	CHECK(name && strcmp(name, want_name) == 0, "%s: named %s, expected %s",
	      what, name ? name : "(null)", want_name);
}

static void accepted(const char *what, const uint8_t *code, size_t len)
{
	size_t offset = 0;
	const char *name = NULL;
	int rc = gf_pkey_scan_code(code, len, &offset, &name);
	tc_cases++;
	CHECK(rc == 0, "%s: refused as %s at %zu", what, name ? name : "?", offset);
}

static void positives(void)
{
	refused("wrpkru alone", CODE(0x0f, 0x01, 0xef), 0, "WRPKRU");
	refused("wrpkru after code", CODE(0x31, 0xc0, 0x31, 0xc9, 0x31, 0xd2,
					  0x0f, 0x01, 0xef, 0xc3), 6, "WRPKRU");
	/* mov eax, 0x00ef010f: the bytes 0f 01 ef sit inside the immediate,
	 * reachable by a jump to offset 1. */
	refused("wrpkru inside an immediate",
		CODE(0xb8, 0x0f, 0x01, 0xef, 0x00, 0xc3), 1, "WRPKRU");
	refused("wrpkru at the very end", CODE(0x90, 0x90, 0x0f, 0x01, 0xef), 2,
		"WRPKRU");
	refused("xrstor [rax]", CODE(0x0f, 0xae, 0x28), 0, "XRSTOR");
	refused("xrstor [rax+0x10] (mod 01)", CODE(0x0f, 0xae, 0x68, 0x10), 0,
		"XRSTOR");
	refused("xrstor [rbp+disp32] (mod 10)",
		CODE(0x0f, 0xae, 0xad, 0x00, 0x01, 0x00, 0x00), 0, "XRSTOR");
	refused("xrstor [rsp] (SIB)", CODE(0x0f, 0xae, 0x2c, 0x24), 0, "XRSTOR");
	refused("xrstor64 [rax]", CODE(0x48, 0x0f, 0xae, 0x28), 0, "XRSTOR64");
	refused("xrstor64 [r8] (REX.WB)", CODE(0x49, 0x0f, 0xae, 0x28), 0,
		"XRSTOR64");
	refused("xrstor64 after a prefix", CODE(0x90, 0x66, 0x48, 0x0f, 0xae, 0x28),
		2, "XRSTOR64");
	refused("xrstor with REX without W", CODE(0x41, 0x0f, 0xae, 0x28), 1,
		"XRSTOR");
	refused("the first of two", CODE(0x0f, 0xae, 0x28, 0x0f, 0x01, 0xef), 0,
		"XRSTOR");

	/* Every ModRM byte with reg = 5 and a memory operand is XRSTOR: 24. */
	int memory_forms = 0;
	for (int modrm = 0; modrm < 256; modrm++) {
		uint8_t code[] = {0x0f, 0xae, (uint8_t)modrm, 0, 0, 0, 0, 0};
		bool want = ((modrm >> 3) & 7) == 5 && (modrm >> 6) != 3;
		bool got = gf_pkey_scan_code(code, sizeof code, NULL, NULL) != 0;
		CHECK(got == want, "0f ae %02x: %s", modrm,
		      got ? "refused" : "accepted");
		memory_forms += got;
	}
	tc_cases++;
	CHECK(memory_forms == 24, "%d ModRM bytes refused, expected 24",
	      memory_forms);
}

static void negatives(void)
{
	accepted("empty", NULL, 0);
	accepted("mov eax, 1; ret", CODE(0xb8, 0x01, 0x00, 0x00, 0x00, 0xc3));
	accepted("rdpkru (reads only)", CODE(0x0f, 0x01, 0xee));
	accepted("lfence", CODE(0x0f, 0xae, 0xe8));
	accepted("0f ae ef (lfence, rm 7)", CODE(0x0f, 0xae, 0xef));
	accepted("incsspq rax", CODE(0xf3, 0x48, 0x0f, 0xae, 0xe8));
	accepted("xsave [rax] (/4)", CODE(0x0f, 0xae, 0x20));
	accepted("xsaveopt [rax] (/6)", CODE(0x0f, 0xae, 0x30));
	accepted("clflush [rax] (/7)", CODE(0x0f, 0xae, 0x38));
	accepted("fxrstor [rax] (/1)", CODE(0x0f, 0xae, 0x08));
	accepted("xgetbv (0f 01 d0)", CODE(0x0f, 0x01, 0xd0));
	accepted("wrpkru cut off", CODE(0x90, 0x0f, 0x01));
	accepted("xrstor cut off", CODE(0x90, 0x48, 0x0f, 0xae));
	accepted("bytes of wrpkru out of order", CODE(0xef, 0x01, 0x0f));
	size_t offset = 0;
	const char *name = NULL;
	CHECK(gf_pkey_scan_code(CODE(0x0f, 0x01, 0xef), NULL, NULL) == -1,
	      "refuses without out-pointers");
	CHECK(gf_pkey_scan_code(CODE(0xc3), &offset, &name) == 0 && offset == 0 &&
		      name == NULL,
	      "acceptance leaves the out-pointers alone");
}

int main(void)
{
	positives();
	negatives();
	return tc_finish("pkey_scan", 28);
}

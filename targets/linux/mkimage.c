/* mkimage.c — gf_mkimage, the host packer: turns a linked module (its ELF
 * for the entry symbol, its flat binary for the code) into a module image
 * (.img.format, kernel/module_image.h).  The result is checked with the
 * loader's own parser before it is written, so a build never produces an
 * image the loader would refuse.
 *
 *   gf_mkimage --elf M.elf --bin M.bin --name NAME -o M.gfm
 *              [--data-size N] [--stack-size N] [--properties N]
 */
#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "module_image.h"

#define ENTRY_SYMBOL "gf_module_entry"

struct options {
	const char *elf, *bin, *name, *out;
	uint32_t data_size, stack_size, properties;
};

static int die(const char *what, const char *detail)
{
	fprintf(stderr, "gf_mkimage: %s: %s\n", what, detail);
	return 1;
}

static uint8_t *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) &&
	    fread(buf, 1, (size_t)n, f) == (size_t)n) {
		*len = (size_t)n;
	} else {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

/* The value of `name` in the ELF's symbol table (ELF32 or ELF64), or -1. */
#define FIND_SYMBOL(Ehdr, Shdr, Sym)                                        \
	do {                                                                \
		const Ehdr *eh = (const Ehdr *)elf;                         \
		const Shdr *sh;                                             \
		if (eh->e_shoff > len ||                                    \
		    (uint64_t)eh->e_shnum * sizeof *sh > len - eh->e_shoff) \
			return -1;                                          \
		sh = (const Shdr *)(elf + eh->e_shoff);                     \
		for (unsigned i = 0; i < eh->e_shnum; i++) {                \
			const Shdr *str;                                    \
			if (sh[i].sh_type != SHT_SYMTAB ||                  \
			    sh[i].sh_link >= eh->e_shnum)                   \
				continue;                                   \
			str = &sh[sh[i].sh_link];                           \
			if (sh[i].sh_offset > len ||                        \
			    sh[i].sh_size > len - sh[i].sh_offset ||        \
			    str->sh_offset > len ||                         \
			    str->sh_size > len - str->sh_offset)            \
				return -1;                                  \
			for (uint64_t k = 0; k < sh[i].sh_size / sizeof(Sym); k++) { \
				const Sym *s = (const Sym *)(elf + sh[i].sh_offset) + k; \
				if (s->st_name < str->sh_size &&            \
				    strncmp((const char *)elf + str->sh_offset + \
						    s->st_name,             \
					    name, str->sh_size - s->st_name) == 0) \
					return (int64_t)s->st_value;        \
			}                                                   \
		}                                                           \
		return -1;                                                  \
	} while (0)

static int64_t elf_symbol(const uint8_t *elf, size_t len, const char *name)
{
	if (len < EI_NIDENT || memcmp(elf, ELFMAG, SELFMAG) != 0 ||
	    elf[EI_DATA] != ELFDATA2LSB)
		return -1;
	if (elf[EI_CLASS] == ELFCLASS64 && len >= sizeof(Elf64_Ehdr))
		FIND_SYMBOL(Elf64_Ehdr, Elf64_Shdr, Elf64_Sym);
	if (elf[EI_CLASS] == ELFCLASS32 && len >= sizeof(Elf32_Ehdr))
		FIND_SYMBOL(Elf32_Ehdr, Elf32_Shdr, Elf32_Sym);
	return -1;
}

static int number(const char *s, uint32_t *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || *end || end == s || v > UINT32_MAX)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

static int parse_args(int argc, char **argv, struct options *o)
{
	*o = (struct options){.data_size = 128u * 1024, .stack_size = 16u * 1024,
			      .properties = GF_PROP_MEMORY_PROTECTION | GF_PROP_USER_MODE};
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!v)
			return -1;
		i++;
		if (!strcmp(a, "--elf"))
			o->elf = v;
		else if (!strcmp(a, "--bin"))
			o->bin = v;
		else if (!strcmp(a, "--name"))
			o->name = v;
		else if (!strcmp(a, "-o"))
			o->out = v;
		else if (!strcmp(a, "--data-size") ? number(v, &o->data_size)
			 : !strcmp(a, "--stack-size") ? number(v, &o->stack_size)
			 : !strcmp(a, "--properties") ? number(v, &o->properties)
						      : -1)
			return -1;
	}
	return o->elf && o->bin && o->name && o->out ? 0 : -1;
}

static int pack(const struct options *o, const uint8_t *elf, size_t elf_len,
		const uint8_t *code, size_t code_len)
{
	int64_t entry = elf_symbol(elf, elf_len, ENTRY_SYMBOL);
	struct gf_image_info info = {0}, check;
	size_t len = GF_IMAGE_HEADER_SIZE + code_len;
	uint8_t *image;
	char err[160];
	FILE *f;
	int bad;

	if (entry < 0)
		return die(o->elf, "no " ENTRY_SYMBOL " symbol");
	if (strlen(o->name) >= GF_IMAGE_NAME_MAX)
		return die(o->name, "name longer than 15 characters");
	if (code_len > UINT32_MAX)
		return die(o->bin, "code too large");
	info = (struct gf_image_info){
		.entry_offset = (uint32_t)entry, .code_size = (uint32_t)code_len,
		.data_size = o->data_size, .stack_size = o->stack_size,
		.properties = o->properties, .code = code};
	memcpy(info.name, o->name, strlen(o->name));
	image = malloc(len);
	if (!image)
		return die(o->out, "out of memory");
	gf_image_write_header(image, &info);
	memcpy(image + GF_IMAGE_HEADER_SIZE, code, code_len);
	bad = gf_image_parse(image, len, &check, err, sizeof err);
	if (!bad && (f = fopen(o->out, "wb"))) {
		bad = fwrite(image, 1, len, f) != len;
		bad |= fclose(f) != 0;
		if (bad)
			snprintf(err, sizeof err, "write failed");
	} else if (!bad) {
		snprintf(err, sizeof err, "%s", strerror(errno));
		bad = 1;
	}
	free(image);
	return bad ? die(o->out, err) : 0;
}

int main(int argc, char **argv)
{
	struct options o;
	uint8_t *elf, *code;
	size_t elf_len = 0, code_len = 0;
	int rc;

	if (parse_args(argc, argv, &o))
		return die("usage", "gf_mkimage --elf M.elf --bin M.bin --name NAME -o M.gfm "
				    "[--data-size N] [--stack-size N] [--properties N]");
	elf = slurp(o.elf, &elf_len);
	code = slurp(o.bin, &code_len);
	if (!elf || !code)
		rc = die(elf ? o.bin : o.elf, "cannot read");
	else
		rc = pack(&o, elf, elf_len, code, code_len);
	free(elf);
	free(code);
	return rc;
}

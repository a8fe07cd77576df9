/* stats_file.c — see stats_file.h (.harn.stats). */
#include "stats_file.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define FILE_SIZE 16384 /* the object and its padding: room for a bench build's canaries */
#define WIDTH 20        /* the digits of the largest count, 2^64 - 1 */

static const char *const names[] = {
#define GF_VERDICT(name) #name,
#include "verdicts.def"
#undef GF_VERDICT
};
#define VERDICTS (sizeof names / sizeof names[0])

struct counts {
	unsigned long long execs, verdict[VERDICTS], cpu_us;
};

static struct counts own;
static struct {
	/* The counts: `own`, or once a file is open an anonymous shared
	 * mapping, so that a forked child adds to its parent's and its
	 * siblings' counts instead of a private copy of them. */
	struct counts *c;
	char *file; /* the file, mapped shared; NULL: none */
	char target[128], backend[64];
	size_t at_execs, at_verdict[VERDICTS], at_cpu; /* where each count's digits are */
} S = {.c = &own};

/* A count right-aligned in WIDTH characters: the same bytes, whatever its
 * value, so no other byte of the file moves. */
static void put(size_t at, unsigned long long value)
{
	char *end = S.file + at + WIDTH;

	do
		*--end = (char)('0' + value % 10);
	while ((value /= 10) && end > S.file + at);
	while (end > S.file + at)
		*--end = ' ';
}

void gf_stats_file_write(const char *members)
{
	char object[FILE_SIZE];
	size_t n;

	if (!S.file)
		return;
	n = (size_t)snprintf(object, sizeof object, "{\"target\": \"%s\", \"backend\": \"%s\", \"execs\": ",
			     S.target, S.backend);
	S.at_execs = n;
	n += (size_t)snprintf(object + n, sizeof object - n, "%*s, \"verdicts\": {", WIDTH, "");
	for (size_t v = 0; v < VERDICTS; v++) {
		n += (size_t)snprintf(object + n, sizeof object - n, "%s\"%s\": ", v ? ", " : "", names[v]);
		S.at_verdict[v] = n;
		n += (size_t)snprintf(object + n, sizeof object - n, "%*s", WIDTH, "");
	}
	n += (size_t)snprintf(object + n, sizeof object - n, "}, \"cpu_us\": ");
	S.at_cpu = n;
	n += (size_t)snprintf(object + n, sizeof object - n, "%*s%s}", WIDTH, "", members);
	if (n >= sizeof object - 1) { /* more members than room: keep the counts */
		gf_stats_file_write("");
		return;
	}
	memset(object + n, ' ', sizeof object - 1 - n);
	object[sizeof object - 1] = '\n';
	memcpy(S.file, object, sizeof object);
	put(S.at_execs, S.c->execs);
	for (size_t v = 0; v < VERDICTS; v++)
		put(S.at_verdict[v], S.c->verdict[v]);
	put(S.at_cpu, S.c->cpu_us);
}

int gf_stats_file_open(const char *path, const char *target, const char *backend)
{
	char expanded[4096];
	const char *p = strstr(path, "%p");
	int fd;

	/* "%p": each process an engine starts for a target keeps its own file. */
	if (p)
		snprintf(expanded, sizeof expanded, "%.*s%ld%s", (int)(p - path), path, (long)getpid(),
			 p + 2);
	fd = open(p ? expanded : path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	void *file = ftruncate(fd, FILE_SIZE) == 0
			     ? mmap(NULL, FILE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)
			     : MAP_FAILED;
	close(fd);
	void *counts = mmap(NULL, sizeof *S.c, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (file == MAP_FAILED || counts == MAP_FAILED) {
		if (file != MAP_FAILED)
			munmap(file, FILE_SIZE);
		if (counts != MAP_FAILED)
			munmap(counts, sizeof *S.c);
		return -1;
	}
	memcpy(counts, S.c, sizeof *S.c);
	S.c = counts;
	S.file = file;
	snprintf(S.target, sizeof S.target, "%s", target);
	snprintf(S.backend, sizeof S.backend, "%s", backend);
	gf_stats_file_write("");
	return 0;
}

unsigned long long gf_stats_file_count(unsigned verdict)
{
	S.c->execs++;
	S.c->verdict[verdict]++;
	if (S.file) {
		put(S.at_execs, S.c->execs);
		put(S.at_verdict[verdict], S.c->verdict[verdict]);
	}
	return S.c->execs;
}

void gf_stats_file_add_cpu(unsigned long long us)
{
	S.c->cpu_us += us;
	if (S.file)
		put(S.at_cpu, S.c->cpu_us);
}

void gf_stats_file_reset(void)
{
	memset(S.c, 0, sizeof *S.c);
	if (S.file) {
		put(S.at_execs, 0);
		for (size_t v = 0; v < VERDICTS; v++)
			put(S.at_verdict[v], 0);
		put(S.at_cpu, 0);
	}
}

/* toy_target.c — a stand-in fuzz target that follows the harness conventions
 * (docs/campaigns.md) with no kernel behind it, so the front end can be tested
 * before, and independently of, the real targets.
 *
 * Input language: "GF!" at the start is a bug (when built with TOY_HAS_BUG),
 * 'C' first is CONTAINED, an odd first byte is REJECTED, anything else OK.
 * The bug hides behind a three-byte compare so that libFuzzer finds it within
 * a second or two, as a shallow real bug would be.
 *
 * One file, three builds: TOY_ENGINE_REPLAY (standalone replay main),
 * TOY_ENGINE_LIBFUZZER (LLVMFuzzerTestOneInput), TOY_ENGINE_AFL (persistent
 * shared-memory loop, replaying files given on the command line).
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define TOY_MAX_INPUT 4096

enum verdict { V_OK, V_REJECTED, V_CONTAINED, V_BUG, V_COUNT };
static const char *const verdict_names[V_COUNT] = {"OK", "REJECTED", "CONTAINED", "BUG"};
static unsigned long counts[V_COUNT];

static const char *bug_title = "write-outside toy_write toy.c:42";

static enum verdict judge(const uint8_t *d, size_t n)
{
	if (n == 0)
		return V_OK;
#ifdef TOY_HAS_BUG
	if (n >= 3 && d[0] == 'G' && d[1] == 'F' && d[2] == '!')
		return V_BUG;
#endif
	if (d[0] == 'C')
		return V_CONTAINED;
	return (d[0] & 1) ? V_REJECTED : V_OK;
}

/* GATEFUZZ_STATS: a "%p" in the path stands for the pid, so that processes
 * restarted by an engine do not overwrite each other's counts. */
static void write_stats(void)
{
	const char *tmpl = getenv("GATEFUZZ_STATS");
	char path[4096], tmp[4200];
	if (!tmpl || !*tmpl)
		return;
	const char *p = strstr(tmpl, "%p");
	if (p)
		snprintf(path, sizeof path, "%.*s%ld%s", (int)(p - tmpl), tmpl, (long)getpid(), p + 2);
	else
		snprintf(path, sizeof path, "%s", tmpl);
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	FILE *f = fopen(tmp, "w");
	if (!f)
		return;
	const char *backend = getenv("GATEFUZZ_BACKEND");
	fprintf(f, "{\"target\": \"%s\", \"backend\": \"%s\", \"execs\": %lu, \"verdicts\": {",
		TOY_TARGET, backend && *backend ? backend : "auto",
		counts[V_OK] + counts[V_REJECTED] + counts[V_CONTAINED] + counts[V_BUG]);
	for (int v = 0; v < V_COUNT; v++)
		fprintf(f, "%s\"%s\": %lu", v ? ", " : "", verdict_names[v], counts[v]);
	fprintf(f, "}}\n");
	fclose(f);
	rename(tmp, path);
}

static void maybe_write_stats(void)
{
	static time_t last;
	time_t now = time(NULL);
	if (now != last) {
		last = now;
		write_stats();
	}
}

/* Runs one input; a bug is reported the way every harness reports it. */
static enum verdict run_one(const uint8_t *d, size_t n)
{
	enum verdict v = judge(d, n);
	counts[v]++;
	maybe_write_stats();
	if (v == V_BUG)
		fprintf(stderr, "GATEFUZZ-BUG: write-outside service=toy_write param=1 "
				"class=kernel addr=0x1000 owner=arena pc=kernel:toy_write site=toy.c:42\n"
				"  toy detail: the input started with GF!\n");
	return v;
}

#ifdef TOY_ENGINE_LIBFUZZER
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	atexit(write_stats);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	if (run_one(d, n) == V_BUG) {
		write_stats();
		abort();
	}
	return 0;
}
#else
static int status; /* 0, 1 after a BUG, 2 after an ERROR (ERROR wins) */

static void replay_file(const char *path)
{
	struct stat st;
	static uint8_t buf[TOY_MAX_INPUT];
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
		fprintf(stderr, "%s: ERROR not a regular file\n", path);
		status = 2;
		return;
	}
	if (st.st_size > TOY_MAX_INPUT) {
		fprintf(stderr, "%s: ERROR larger than the max input size (%d)\n", path, TOY_MAX_INPUT);
		status = 2;
		return;
	}
	FILE *f = fopen(path, "rb");
	size_t n = f ? fread(buf, 1, sizeof buf, f) : 0;
	if (f)
		fclose(f);
	enum verdict v = run_one(buf, n);
	if (v == V_BUG) {
		printf("%s: BUG %s\n", path, bug_title);
		if (status == 0)
			status = 1;
	} else {
		printf("%s: %s\n", path, verdict_names[v]);
	}
	fflush(stdout);
}

static void replay_path(const char *path)
{
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		struct dirent **names;
		int n = scandir(path, &names, NULL, alphasort);
		for (int i = 0; i < n; i++) {
			if (strcmp(names[i]->d_name, ".") && strcmp(names[i]->d_name, "..")) {
				char sub[4096];
				snprintf(sub, sizeof sub, "%s/%s", path, names[i]->d_name);
				replay_file(sub);
			}
			free(names[i]);
		}
		free(names);
		return;
	}
	replay_file(path);
}

#ifdef TOY_ENGINE_AFL
__AFL_FUZZ_INIT();
#endif

int main(int argc, char **argv)
{
	atexit(write_stats);
#ifdef TOY_ENGINE_AFL
	if (argc == 1) {
		__AFL_INIT();
		const uint8_t *buf = __AFL_FUZZ_TESTCASE_BUF;
		while (__AFL_LOOP(10000))
			if (run_one(buf, __AFL_FUZZ_TESTCASE_LEN) == V_BUG) {
				write_stats();
				abort();
			}
		return 0;
	}
#endif
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	for (int i = 1; i < argc; i++)
		replay_path(argv[i]);
	return status;
}
#endif

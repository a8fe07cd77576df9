/* replay.c — the standalone replay main (.harn.replay). */
#include "replay.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "harness.h"

#ifndef GF_TARGET_MAX_INPUT
#define GF_TARGET_MAX_INPUT 4096
#endif

struct tally {
	int bugs, errors, inputs;
};

static void not_input(struct tally *t, const char *path, const char *why)
{
	fprintf(stderr, "%s: ERROR not an input: %s\n", path, why);
	t->errors++;
}

static void replay_file(struct tally *t, const char *path)
{
	static uint8_t buf[GF_TARGET_MAX_INPUT + 1];
	struct stat st;
	char title[160];
	enum gf_verdict v;
	size_t n;
	FILE *f;

	if (stat(path, &st) != 0)
		return not_input(t, path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return not_input(t, path, "not a regular file");
	if (st.st_size > GF_TARGET_MAX_INPUT)
		return not_input(t, path, "larger than the target's maximum input");
	f = fopen(path, "rb");
	if (!f)
		return not_input(t, path, strerror(errno));
	n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	LLVMFuzzerTestOneInput(buf, n);
	v = gf_harness_last(title, sizeof title);
	t->inputs++;
	if (v == GF_VERDICT_BUG) {
		t->bugs++;
		printf("%s: BUG %s\n", path, title);
	} else {
		printf("%s: %s\n", path, gf_verdict_name(v));
	}
	fflush(stdout);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static void replay_dir(struct tally *t, const char *dir)
{
	struct dirent **list;
	int n = scandir(dir, &list, NULL, by_name);

	if (n < 0)
		return not_input(t, dir, strerror(errno));
	for (int i = 0; i < n; i++) {
		char path[4096];
		if (strcmp(list[i]->d_name, ".") && strcmp(list[i]->d_name, "..")) {
			snprintf(path, sizeof path, "%s/%s", dir, list[i]->d_name);
			replay_file(t, path);
		}
		free(list[i]);
	}
	free(list);
}

int gf_replay_main(int argc, char **argv)
{
	struct tally t = {0, 0, 0};
	struct stat st;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	gf_harness_set_replay(1);
	for (int i = 1; i < argc; i++) {
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
			replay_dir(&t, argv[i]);
		else
			replay_file(&t, argv[i]);
	}
	fprintf(stderr, "replayed %d inputs: %d BUG, %d not inputs\n", t.inputs,
		t.bugs, t.errors);
	return t.errors ? 2 : t.bugs ? 1 : 0;
}

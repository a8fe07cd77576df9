/* replay.c — the standalone replay main (.harn.replay). */
#include "replay.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "harness.h"
#include "replay_tally.h"

#ifndef GF_TARGET_MAX_INPUT
#define GF_TARGET_MAX_INPUT 4096
#endif

static void replay_file(struct gf_replay_tally *t, const char *path)
{
	static uint8_t buf[GF_TARGET_MAX_INPUT + 1];
	struct stat st;
	size_t n;
	FILE *f;

	if (stat(path, &st) != 0)
		return gf_replay_not_input(t, path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return gf_replay_not_input(t, path, "not a regular file");
	if (st.st_size > GF_TARGET_MAX_INPUT)
		return gf_replay_not_input(t, path, "larger than the target's maximum input");
	f = fopen(path, "rb");
	if (!f)
		return gf_replay_not_input(t, path, strerror(errno));
	n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	LLVMFuzzerTestOneInput(buf, n);
	gf_replay_judged(t, path);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static void replay_dir(struct gf_replay_tally *t, const char *dir)
{
	struct dirent **list;
	int n = scandir(dir, &list, NULL, by_name);

	if (n < 0)
		return gf_replay_not_input(t, dir, strerror(errno));
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
	struct gf_replay_tally t = {0, 0, 0};
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
	return gf_replay_finish(&t);
}

/* replay_cm.c — replaying inputs in the firmware (.cm.replay). */
#include "replay_cm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "replay_tally.h"
#include "semihost.h"

/* Room for the largest input any target takes, allocated once. */
static uint8_t *input_buffer(void)
{
	static uint8_t *buf;
	size_t max = 0;

	if (buf)
		return buf;
	for (size_t i = 0; i < gf_cm_target_count; i++)
		if (gf_cm_targets[i].max_input > max)
			max = gf_cm_targets[i].max_input;
	buf = malloc(max + 1);
	if (!buf) {
		fprintf(stderr, "replay: no memory for a %zu-byte input\n", max);
		exit(2);
	}
	return buf;
}

/* The file's bytes into buf: its length, or -1 with the reason. */
static long read_input(const char *path, uint8_t *buf, size_t max, const char **why)
{
	int h = gf_sh_open(path, GF_SH_READ);
	long len = h < 0 ? -1 : gf_sh_flen(h);

	*why = h < 0 ? "cannot open" : "cannot read";
	if (len >= 0 && (size_t)len > max) {
		*why = "larger than the target's maximum input";
		len = -1;
	} else if (len > 0 && gf_sh_read_all(h, buf, (size_t)len) < 0) {
		len = -1;
	}
	if (h >= 0)
		gf_sh_close(h);
	return len;
}

static void replay_file(struct gf_replay_tally *t, const struct gf_cm_target *target,
			const char *path)
{
	uint8_t *buf = input_buffer();
	const char *why;
	long len = read_input(path, buf, target->max_input, &why);

	if (len < 0)
		return gf_replay_not_input(t, path, why);
	target->run(buf, (size_t)len);
	gf_replay_judged(t, path);
}

int gf_cm_replay_files(const struct gf_cm_target *target, int n, char **paths)
{
	struct gf_replay_tally t = {0, 0, 0};

	gf_harness_set_replay(1);
	for (int i = 0; i < n; i++)
		replay_file(&t, target, paths[i]);
	return gf_replay_finish(&t);
}

int gf_cm_replay_list(const char *list)
{
	static char line[4096 + 64];
	struct gf_replay_tally t = {0, 0, 0};
	FILE *f = fopen(list, "r");

	if (!f) {
		fprintf(stderr, "replay: cannot open the list %s\n", list);
		return 2;
	}
	gf_harness_set_replay(1);
	while (fgets(line, sizeof line, f)) {
		char *path = strchr(line, ' ');
		const struct gf_cm_target *target;

		line[strcspn(line, "\n")] = 0;
		if (!path) {
			fprintf(stderr, "replay: %s: not \"<target> <path>\"\n", line);
			t.errors++;
			continue;
		}
		*path++ = 0;
		target = gf_cm_target_find(line);
		if (target)
			replay_file(&t, target, path);
		else
			gf_replay_not_input(&t, path, "no such target in this image");
	}
	fclose(f);
	return gf_replay_finish(&t);
}

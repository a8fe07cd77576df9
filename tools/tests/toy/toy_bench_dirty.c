/* toy_bench_dirty.c — stands in for isolation/bench/gf_bench_dirty: the
 * same command line ([--json FILE]), a fixed result, for the bench
 * front-end test. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	const char *json = argc == 3 && !strcmp(argv[1], "--json") ? argv[2] : NULL;
	FILE *f;

	if (argc != 1 && !json) {
		fprintf(stderr, "usage: %s [--json FILE]\n", argv[0]);
		return 2;
	}
	printf("1 page(s) written: update + compare 4000 ns\n");
	if (!json)
		return 0;
	if (!(f = fopen(json, "w")))
		return 1;
	fprintf(f, "{\"bytes\": 135168, \"batches\": 1, \"calls\": 1, \"uffd_wp\": \"available\", "
		   "\"rows\": [{\"pages_written\": 1, \"copy_compare_ns\": 5000, "
		   "\"update_compare_ns\": 4000, \"uffd_wp_scan_ns\": 6000}]}\n");
	return fclose(f) != 0;
}

/* toy_bench_json.c — stands in for the isolation bench's programs beside
 * gf_bench_isolation: gf_bench_dirty, and with TOY_CLOSES gf_bench_closes.
 * The same command line ([--json FILE]), a fixed result, for the bench
 * front-end test. */
#include <stdio.h>
#include <string.h>

#ifdef TOY_CLOSES
#define LINE "two calls 9000 ns, one call 3000 ns"
#define JSON "{\"code_pages\": 16, \"data_pages\": 32, \"batches\": 1, \"closes\": 1, " \
	     "\"rows\": [{\"close\": \"two calls\", \"close_ns\": 9000, \"first_touches_ns\": 700}, " \
	     "{\"close\": \"one call\", \"close_ns\": 3000, \"first_touches_ns\": 700}], " \
	     "\"open_ns\": 500}"
#else
#define LINE "1 page(s) written: update + compare 4000 ns"
#define JSON "{\"bytes\": 135168, \"batches\": 1, \"calls\": 1, \"uffd_wp\": \"available\", " \
	     "\"rows\": [{\"pages_written\": 1, \"copy_compare_ns\": 5000, " \
	     "\"update_compare_ns\": 4000, \"uffd_wp_scan_ns\": 6000}]}"
#endif

int main(int argc, char **argv)
{
	const char *json = argc == 3 && !strcmp(argv[1], "--json") ? argv[2] : NULL;
	FILE *f;

	if (argc != 1 && !json) {
		fprintf(stderr, "usage: %s [--json FILE]\n", argv[0]);
		return 2;
	}
	printf(LINE "\n");
	if (!json)
		return 0;
	if (!(f = fopen(json, "w")))
		return 1;
	fprintf(f, JSON "\n");
	return fclose(f) != 0;
}

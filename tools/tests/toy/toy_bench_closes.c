/* toy_bench_closes.c — stands in for isolation/bench/gf_bench_closes: the
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
	printf("two calls 9000 ns, one call 3000 ns\n");
	if (!json)
		return 0;
	if (!(f = fopen(json, "w")))
		return 1;
	fprintf(f, "{\"code_pages\": 16, \"data_pages\": 32, \"batches\": 1, \"closes\": 1, "
		   "\"rows\": [{\"close\": \"two calls\", \"close_ns\": 9000, \"first_touches_ns\": 700}, "
		   "{\"close\": \"one call\", \"close_ns\": 3000, \"first_touches_ns\": 700}], "
		   "\"open_ns\": 500}\n");
	return fclose(f) != 0;
}

/* toy_bench.c — stands in for isolation/bench/gf_bench_isolation: the same
 * command line ([--json FILE]), a fixed result, for the bench front-end test. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	const char *json = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json") && i + 1 < argc)
			json = argv[++i];
		else {
			fprintf(stderr, "usage: %s [--json FILE]\n", argv[0]);
			return 2;
		}
	}
	printf("gate round trip: 42 ns\n");
	if (json) {
		FILE *f = fopen(json, "w");
		if (!f)
			return 1;
		fprintf(f, "{\"backends\": [{\"backend\": \"toy\", \"gate_roundtrip_ns\": 42, "
			   "\"switch_ratio\": 1.0, \"recovery_ratio\": 1.25, "
			   "\"recovery_floor_ratio\": 1.0, \"restore_regions_changed\": 0, "
			   "\"recovery_net_ratio\": 1.25}]}\n");
		fclose(f);
	}
	return 0;
}

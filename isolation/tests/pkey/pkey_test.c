/* pkey_test.c — see pkey_test.h. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "isolation.h"
#include "pkey_test.h"

void pkt_init(const char *test)
{
	int key = pkey_alloc(0, 0);
	if (key < 0) {
		printf("%s: SKIP: no protection keys on this CPU (pkey_alloc: %s); "
		       "ctest runs it in QEMU through targets/linux/pkey-qemu\n",
		       test, strerror(errno));
		exit(77);
	}
	pkey_free(key);
	const char *emulated = getenv("GATEFUZZ_EMULATED");
	printf("%s: running %s%s\n", test,
	       emulated ? "on an emulated CPU: " : "natively",
	       emulated ? emulated : "");
	if (gf_iso_init("pkey") != 0) {
		printf("%s: FAIL: the pkey backend did not start\n", test);
		exit(1);
	}
}

/* check.c — the tally behind check.h. */
#include "check.h"

int check_passed, check_failed;

int check_done(const char *test)
{
	printf("%s: %d passed, %d failed\n", test, check_passed, check_failed);
	return check_failed ? 1 : 0;
}

/* perm.c — permissions as text. */
#include "isolation.h"

const char *gf_perm_str(gf_perm p, char buf[4])
{
	buf[0] = (p & GF_PERM_R) ? 'r' : '-';
	buf[1] = (p & GF_PERM_W) ? 'w' : '-';
	buf[2] = (p & GF_PERM_X) ? 'x' : '-';
	buf[3] = '\0';
	return buf;
}

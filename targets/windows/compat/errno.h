/* errno.h — mingw-w64's <errno.h> plus glibc's program name, which the
 * harness's statistics carry (harnesses/stats.c); set by
 * program_name.c.  On the include path of the Windows build only
 * (targets/windows). */
#ifndef GATEFUZZ_COMPAT_ERRNO_H
#define GATEFUZZ_COMPAT_ERRNO_H

#include_next <errno.h>

/* The program's file name without directory or ".exe", as glibc's is on
 * Linux, so statistics name the target the same on both. */
extern char *program_invocation_short_name;

#endif

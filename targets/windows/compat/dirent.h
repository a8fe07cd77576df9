/* dirent.h — mingw-w64's <dirent.h> plus what POSIX has and it lacks:
 * scandir (harnesses/replay.c lists a corpus directory with it).  On the
 * include path of the Windows build only (targets/windows). */
#ifndef GATEFUZZ_COMPAT_DIRENT_H
#define GATEFUZZ_COMPAT_DIRENT_H

#include_next <dirent.h>

int scandir(const char *dir, struct dirent ***namelist,
	    int (*filter)(const struct dirent *),
	    int (*compar)(const struct dirent **, const struct dirent **));

#endif

/* program_name.c — glibc's program_invocation_short_name for the Windows
 * build (compat/errno.h): set before main from the module's file name. */
#include <windows.h>

#include <errno.h>
#include <string.h>

static char name[MAX_PATH];
char *program_invocation_short_name = name;

__attribute__((constructor)) static void find_program_name(void)
{
	char path[MAX_PATH];
	DWORD n = GetModuleFileNameA(NULL, path, sizeof path);
	if (n == 0 || n == sizeof path)
		return;
	const char *base = path;
	for (const char *p = path; *p; p++)
		if (*p == '\\' || *p == '/')
			base = p + 1;
	strcpy(name, base);
	char *dot = strrchr(name, '.');
	if (dot && _stricmp(dot, ".exe") == 0)
		*dot = '\0';
}

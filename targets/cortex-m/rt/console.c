/* console.c — formatted output to the semihosting console.  Formats into a
 * fixed buffer so that printing never allocates, and works from handlers
 * (fault reports). */
#include "console.h"

#include <stdarg.h>
#include <stdio.h>

#include "semihost.h"

static int console = -1, console_error = -1;

static void write_to(int *handle, enum gf_sh_mode mode, const char *s, size_t len)
{
	if (*handle < 0)
		*handle = gf_sh_open(":tt", mode);
	if (*handle >= 0)
		gf_sh_write_all(*handle, s, len);
}

void gf_console_write(const char *s, size_t len)
{
	write_to(&console, GF_SH_WRITE, s, len);
}

void gf_console_error_write(const char *s, size_t len)
{
	write_to(&console_error, GF_SH_APPEND, s, len);
}

void gf_console_printf(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (n > 0)
		gf_console_write(line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

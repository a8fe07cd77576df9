/* console.h — text output to the host over semihosting (no UART): the
 * console handle ":tt", which QEMU forwards to its standard output, and
 * the same handle opened for appending, its standard error (C's stdout and
 * stderr, so that a firmware prints what a host program prints where it
 * prints it). */
#ifndef GATEFUZZ_CM_CONSOLE_H
#define GATEFUZZ_CM_CONSOLE_H

#include <stddef.h>

void gf_console_write(const char *s, size_t len);
void gf_console_error_write(const char *s, size_t len);
__attribute__((format(printf, 1, 2))) void gf_console_printf(const char *fmt, ...);

#endif

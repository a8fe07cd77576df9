/* console.h — text output to the host over semihosting (no UART): the
 * console handle ":tt", which QEMU forwards to its standard output. */
#ifndef GATEFUZZ_CM_CONSOLE_H
#define GATEFUZZ_CM_CONSOLE_H

#include <stddef.h>

void gf_console_write(const char *s, size_t len);
__attribute__((format(printf, 1, 2))) void gf_console_printf(const char *fmt, ...);

#endif

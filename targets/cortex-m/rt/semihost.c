/* semihost.c — the semihosting calls, each one BKPT 0xAB with the
 * operation in r0 and a pointer to its argument block in r1. */
#include "semihost.h"

#include <string.h>

enum {
	SYS_OPEN = 0x01,
	SYS_CLOSE = 0x02,
	SYS_WRITE = 0x05,
	SYS_READ = 0x06,
	SYS_FLEN = 0x0c,
	SYS_RENAME = 0x0f,
	SYS_GET_CMDLINE = 0x15,
	SYS_EXIT_EXTENDED = 0x20,
};
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u

static uintptr_t sh_call(uint32_t op, const void *args)
{
	register uintptr_t r0 __asm("r0") = op;
	register uintptr_t r1 __asm("r1") = (uintptr_t)args;
	__asm volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
	return r0;
}

int gf_sh_open(const char *path, enum gf_sh_mode mode)
{
	uintptr_t args[3] = {(uintptr_t)path, (uintptr_t)mode, strlen(path)};
	return (int)sh_call(SYS_OPEN, args);
}

int gf_sh_close(int handle)
{
	uintptr_t args[1] = {(uintptr_t)handle};
	return (int)sh_call(SYS_CLOSE, args);
}

long gf_sh_write(int handle, const void *buf, size_t len)
{
	uintptr_t args[3] = {(uintptr_t)handle, (uintptr_t)buf, len};
	uintptr_t left = sh_call(SYS_WRITE, args);
	return left > len ? -1 : (long)(len - left);
}

long gf_sh_read(int handle, void *buf, size_t len)
{
	uintptr_t args[3] = {(uintptr_t)handle, (uintptr_t)buf, len};
	uintptr_t left = sh_call(SYS_READ, args);
	return left > len ? -1 : (long)(len - left);
}

int gf_sh_read_all(int handle, void *buf, size_t len)
{
	uint8_t *p = buf;
	while (len) {
		long n = gf_sh_read(handle, p, len);
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int gf_sh_write_all(int handle, const void *buf, size_t len)
{
	const uint8_t *p = buf;
	while (len) {
		long n = gf_sh_write(handle, p, len);
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

long gf_sh_flen(int handle)
{
	uintptr_t args[1] = {(uintptr_t)handle};
	return (long)sh_call(SYS_FLEN, args);
}

int gf_sh_rename(const char *from, const char *to)
{
	uintptr_t args[4] = {(uintptr_t)from, strlen(from), (uintptr_t)to, strlen(to)};
	return sh_call(SYS_RENAME, args) == 0 ? 0 : -1;
}

int gf_sh_cmdline(char *buf, size_t len)
{
	uintptr_t args[2] = {(uintptr_t)buf, len};
	if (sh_call(SYS_GET_CMDLINE, args) != 0)
		return -1;
	buf[args[1] < len ? args[1] : len - 1] = '\0';
	return 0;
}

void gf_sh_exit(int code)
{
	uintptr_t args[2] = {ADP_STOPPED_APPLICATION_EXIT, (uintptr_t)code};
	for (;;)
		sh_call(SYS_EXIT_EXTENDED, args);
}

/* syscalls.c — the newlib system calls, so that printf, puts, exit and
 * malloc work in firmware code that uses the C library (the portable
 * kernel may).  Descriptors 0-2 are the console (stdout and stderr apart);
 * other files are semihosting handles shifted by 3. */
#include <errno.h>
#include <stdint.h>
#include <sys/stat.h>

#include "console.h"
#include "semihost.h"

#define FD_SHIFT 3

int _write(int fd, const char *buf, int len)
{
	if (fd >= 0 && fd < FD_SHIFT) {
		(fd == 2 ? gf_console_error_write : gf_console_write)(buf, (size_t)len);
		return len;
	}
	long n = gf_sh_write(fd - FD_SHIFT, buf, (size_t)len);
	return n < 0 ? (errno = EIO, -1) : (int)n;
}

int _read(int fd, char *buf, int len)
{
	if (fd < FD_SHIFT)
		return 0;
	long n = gf_sh_read(fd - FD_SHIFT, buf, (size_t)len);
	return n < 0 ? (errno = EIO, -1) : (int)n;
}

int _open(const char *path, int flags, ...)
{
	enum gf_sh_mode mode = (flags & 3) == 0 ? GF_SH_READ : GF_SH_WRITE;
	int h = gf_sh_open(path, mode);
	return h < 0 ? (errno = ENOENT, -1) : h + FD_SHIFT;
}

int _close(int fd)
{
	return fd < FD_SHIFT ? 0 : gf_sh_close(fd - FD_SHIFT);
}

int _lseek(int fd, int off, int whence)
{
	(void)fd, (void)off, (void)whence;
	errno = ESPIPE;
	return -1;
}

int _fstat(int fd, struct stat *st)
{
	st->st_mode = fd < FD_SHIFT ? S_IFCHR : S_IFREG;
	return 0;
}

int _isatty(int fd)
{
	return fd < FD_SHIFT;
}

void *_sbrk(int incr)
{
	extern uint8_t __heap_start[], __heap_end[];
	static uint8_t *brk = __heap_start;
	if (incr < 0 || (size_t)(__heap_end - brk) < (size_t)incr) {
		errno = ENOMEM;
		return (void *)-1;
	}
	uint8_t *old = brk;
	brk += incr;
	return old;
}

void _exit(int code)
{
	gf_sh_exit(code);
}

int _kill(int pid, int sig)
{
	(void)pid;
	gf_sh_exit(128 + sig);
}

int _getpid(void)
{
	return 1;
}

/* semihost.h — host file I/O and exit over Arm semihosting (BKPT 0xAB),
 * which QEMU serves with -semihosting-config enable=on,target=native.
 * Privileged code only: from unprivileged code QEMU answers only with
 * userspace=on, and modules have no business doing host I/O. */
#ifndef GATEFUZZ_CM_SEMIHOST_H
#define GATEFUZZ_CM_SEMIHOST_H

#include <stddef.h>
#include <stdint.h>

/* fopen-style modes, as the semihosting SYS_OPEN numbers them. */
enum gf_sh_mode {
	GF_SH_READ = 1,   /* "rb"  */
	GF_SH_WRITE = 5,  /* "wb"  */
	GF_SH_APPEND = 9, /* "ab"  */
};

/* A host file handle (>= 0), or -1.  ":tt" is the console: QEMU's
 * standard output when opened for writing, its standard error when opened
 * for appending (the SH_EXT_STDOUT_STDERR extension). */
int gf_sh_open(const char *path, enum gf_sh_mode mode);
int gf_sh_close(int handle);
/* Bytes transferred (semihosting itself reports the bytes left over), or
 * -1.  A read of a pipe may return fewer bytes than asked; 0 is end of
 * file. */
long gf_sh_read(int handle, void *buf, size_t len);
long gf_sh_write(int handle, const void *buf, size_t len);
/* Reads or writes exactly len bytes (looping over short transfers);
 * 0, or -1 on error or early end of file. */
int gf_sh_read_all(int handle, void *buf, size_t len);
int gf_sh_write_all(int handle, const void *buf, size_t len);
/* The length of a file, or -1 (pipes have none). */
long gf_sh_flen(int handle);
/* Renames a host file; 0 or -1. */
int gf_sh_rename(const char *from, const char *to);
/* The command line QEMU was given (-append), NUL-terminated; 0 or -1. */
int gf_sh_cmdline(char *buf, size_t len);
/* Ends the emulation with this exit code (SYS_EXIT_EXTENDED). */
__attribute__((noreturn)) void gf_sh_exit(int code);

#endif

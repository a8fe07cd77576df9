/* altstack.c — an alternate signal stack for each thread that runs modules.
 *
 * .iso.fault.flags: the fault handler runs with SA_ONSTACK, because a
 * module that exhausts its stack faults with rsp in its data region's guard
 * page, where no signal frame fits.  A thread that already has an alternate stack (ASan gives every
 * thread one) keeps it; otherwise it gets one here, released at thread
 * exit.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/mman.h>
#include <unistd.h>

#include "iso_internal.h"

static pthread_key_t release_key;
/* This thread has an alternate signal stack. */
static __thread bool ready;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

static size_t stack_size(void)
{
	/* Room for the kernel's signal frame (several KiB with AVX-512
	 * state, _SC_MINSIGSTKSZ), the handler and a chained handler such as
	 * ASan's report. */
	long min = sysconf(_SC_MINSIGSTKSZ);
	size_t size = 64 * 1024;
	if (min > 0 && (size_t)min * 4 > size)
		size = (size_t)min * 4;
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	return (size + page - 1) & ~(page - 1);
}

static void release(void *mapping)
{
	stack_t off = {.ss_flags = SS_DISABLE};
	sigaltstack(&off, NULL);
	munmap(mapping, stack_size() + (size_t)sysconf(_SC_PAGESIZE));
}

static void make_key(void)
{
	pthread_key_create(&release_key, release);
}

/* The Linux gf_thread_prepare: gate.c calls it before every run. */
int gf_thread_prepare(void)
{
	if (ready)
		return 0;
	stack_t now;
	if (sigaltstack(NULL, &now) != 0)
		return -1;
	if (!(now.ss_flags & SS_DISABLE)) {
		ready = true;
		return 0;
	}
	size_t page = (size_t)sysconf(_SC_PAGESIZE), size = stack_size();
	/* One PROT_NONE page below: an overflowing handler dies clearly
	 * instead of writing over whatever lies beneath. */
	char *mapping = mmap(NULL, size + page, PROT_NONE,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (mapping == MAP_FAILED)
		return -1;
	stack_t ss = {.ss_sp = mapping + page, .ss_size = size};
	if (mprotect(ss.ss_sp, size, PROT_READ | PROT_WRITE) != 0 ||
	    sigaltstack(&ss, NULL) != 0) {
		munmap(mapping, size + page);
		return -1;
	}
	pthread_once(&key_once, make_key);
	pthread_setspecific(release_key, mapping);
	ready = true;
	return 0;
}

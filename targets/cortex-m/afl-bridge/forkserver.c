/* forkserver.c — see forkserver.h. */
#define _GNU_SOURCE
#include "forkserver.h"

#include <stdlib.h>
#include <sys/shm.h>
#include <unistd.h>

#define FORKSRV_FD 198
#define FS_OPT_ENABLED 0x80000001u
#define FS_OPT_MAPSIZE 0x40000000u
/* The map size is carried as (size - 1) << 1 in bits 1..23. */
#define FS_OPT_SET_MAPSIZE(x) ((((x) - 1u) << 1) & 0x00fffffeu)

uint8_t *fs_shared_map(void)
{
	const char *id = getenv("__AFL_SHM_ID");
	if (!id)
		return NULL;
	void *p = shmat(atoi(id), NULL, 0);
	return p == (void *)-1 ? NULL : p;
}

static int put(uint32_t v)
{
	return write(FORKSRV_FD + 1, &v, 4) == 4 ? 0 : -1;
}

int fs_hello(uint32_t map_size)
{
	return put(FS_OPT_ENABLED | FS_OPT_MAPSIZE | FS_OPT_SET_MAPSIZE(map_size));
}

int fs_next(void)
{
	uint32_t timed_out;
	return read(FORKSRV_FD, &timed_out, 4) == 4 ? 0 : -1;
}

int fs_started(pid_t child)
{
	return put((uint32_t)child);
}

int fs_finished(int wait_status)
{
	return put((uint32_t)wait_status);
}

/* stats.c — verdict counters for the campaign report (.harn.stats), kept
 * in the GATEFUZZ_STATS file as they change (stats_file.h), and the CPU
 * time the process spent from one input's end to the next's: the fuzzing
 * loop (the input and the engine's work on it), which the report weighs
 * against the campaign's CPU time (its efficiency).  Before the first
 * input of a process (start-up, a fork) counts nothing. */
#define _GNU_SOURCE /* program_invocation_short_name: the target's name */
#include "stats.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "seeded.h"
#include "stats_file.h"

/* A bench build's canaries are kept by the kernel, not in the file: they
 * are written out this often, and at exit. */
#define GF_STATS_EVERY 4096

void gf_stats_flush(void)
{
	char members[4096];
	size_t at = gf_seeded_stats(members, sizeof members);

	/* This process's calls: a libFuzzer run is one process, so with its
	 * executions they give the calls per input of what it fuzzed (the
	 * throughput bench's floor).  An AFL++ campaign's forks each write
	 * theirs over the last: nothing reads it there. */
	snprintf(members + at, sizeof members - at, ", \"kernel_calls\": %llu", gf_harness_calls());
	gf_stats_file_write(members);
}

void gf_stats_init(const char *backend)
{
	const char *path = getenv("GATEFUZZ_STATS");

	if (path && *path) {
		if (gf_stats_file_open(path, program_invocation_short_name, backend) == 0)
			atexit(gf_stats_flush);
		else
			fprintf(stderr, "gatefuzz: GATEFUZZ_STATS=%s: cannot write it (%s); "
					"counting without it\n", path, strerror(errno));
	}
	/* The harness's last set-up step: the fixture is built, so a seeded
	 * bug chosen now never shapes it, and the canaries count inputs. */
	gf_seeded_init();
}

static struct {
	pid_t pid; /* the process `cpu_us` was read in: a forked child's clock starts again */
	unsigned long long cpu_us;
} last;

/* This process's CPU time so far (every thread's), in microseconds. */
static unsigned long long cpu_us(void)
{
	struct timespec now;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
	return (unsigned long long)now.tv_sec * 1000000u + (unsigned long long)now.tv_nsec / 1000u;
}

void gf_stats_count(enum gf_verdict v)
{
	unsigned long long now = cpu_us();
	pid_t pid = getpid();

	if (pid == last.pid && now > last.cpu_us)
		gf_stats_file_add_cpu(now - last.cpu_us);
	last.pid = pid;
	last.cpu_us = now;
	if (gf_stats_file_count((unsigned)v) % GF_STATS_EVERY == 0)
		gf_stats_flush();
}

void gf_stats_reset(void)
{
	gf_stats_file_reset();
}

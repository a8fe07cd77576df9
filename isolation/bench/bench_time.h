/* bench_time.h — what the isolation benchmarks share: the clock they read
 * and the median they report (medians of interleaved batches, so that one
 * disturbed batch moves no figure). */
#ifndef GATEFUZZ_BENCH_TIME_H
#define GATEFUZZ_BENCH_TIME_H

/* CLOCK_MONOTONIC, in nanoseconds. */
double gf_bench_now_ns(void);

/* The median of v[0..n): sorts v in place (n is a few dozen at most). */
double gf_bench_median(double *v, int n);

#endif

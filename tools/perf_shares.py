#!/usr/bin/env python3
"""Where an execution's time goes, from `perf script` of a `perf record -g`.

Each sample is charged to one part of an execution: the first of the parts
below that its call chain passes through, looked for from the root (main)
towards the leaf, so a kernel call made by the full-pool fill counts as the
fill's, and one made for the judged call as the kernel's.  The parts are the
rows of docs/performance.md's tables.

    GATEFUZZ_BACKEND=mprotect perf record -g -o perf.data \\
        build/libfuzzer/harnesses/fuzz_semaphore_put -max_total_time=10 \\
        -rss_limit_mb=0 SCRATCH corpus/fuzz_semaphore_put
    perf script -i perf.data | python3 tools/perf_shares.py
"""
import collections
import sys

# (part, function): a chain through `function` is the part's, unless a
# part listed earlier in this table owns a frame nearer the root.
PARTS = [
    ("the full-pool fill", "gf_fixture_fill_pool"),
    ("the restore", "gf_sandbox_restore"),
    ("the integrity walk", "gf_oracle_integrity"),
    ("the write set", "gf_write_set_judge"),
    ("the write set", "gf_write_set_before"),
    ("view changes", "gf_sandbox_view_slot"),
    ("the decoder", "gf_decode_call"),
    ("the rules and the model", "gf_rules_judge"),
    ("the rules and the model", "gf_model_expect"),
    ("the rules and the model", "gf_model_judge"),
    ("the kernel", "gf_kernel_dispatch"),
    ("switches at the gate", "gf_gate_serve"),
    ("switches around a run", "gf_module_run_in"),
    ("switches around a run", "gf_module_run"),  # before gf_module_run_in
    ("the rest of the harness", "LLVMFuzzerTestOneInput"),
    ("libFuzzer", "fuzzer::Fuzzer::Loop"),
]
RANK = {fn: i for i, (_, fn) in enumerate(PARTS)}
# Parts whose whole subtree is theirs: a kernel call inside one is not the
# kernel's row.
WHOLE = {"gf_fixture_fill_pool", "gf_sandbox_restore", "gf_oracle_integrity",
         "gf_write_set_judge", "gf_write_set_before", "gf_sandbox_view_slot",
         "gf_decode_call", "gf_rules_judge", "gf_model_expect", "gf_model_judge"}


def part_of(chain):
    """chain: function names from the leaf to the root."""
    owner = None
    for fn in reversed(chain):
        if fn in RANK:
            owner = fn
            if fn in WHOLE:
                break
    return PARTS[RANK[owner]][0] if owner else "elsewhere"


def samples(lines):
    chain = []
    for line in lines:
        if not line.strip():
            if chain:
                yield chain
            chain = []
        elif line[0] in " \t":
            fields = line.split()
            if len(fields) >= 2:
                chain.append(fields[1].split("+")[0])
    if chain:
        yield chain


def main():
    counts = collections.Counter(part_of(c) for c in samples(sys.stdin))
    total = sum(counts.values())
    if not total:
        sys.exit("perf_shares: no call chains on standard input (record with -g)")
    for part, n in counts.most_common():
        print(f"{100 * n / total:5.1f} %  {part}")
    print(f"{total} samples")


if __name__ == "__main__":
    main()

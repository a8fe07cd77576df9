"""Throughput under libFuzzer (the libfuzzer preset): executions per CPU
second of each target with each isolation backend (GATEFUZZ_BACKEND), the
backends of a target run back to back, and their ratio to `none`, the
baseline without isolation. pkey joins where the CPU has protection keys.
`none` is no free baseline: with nothing to fault, the harness hashes the
memory the caller may not write around every call (.harn.oracle.diff)."""
import math
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .. import paths, seeded
from ..argtypes import cores
from . import trial

TITLE = "Throughput: isolation backends under libFuzzer"
PRESET = "libfuzzer"
OPTIONS = ("kernel",)
# --quick: these of the kernel's targets (the built-in kernel's, then ThreadX's)
QUICK_TARGETS = ("fuzz_sequence", "fuzz_puppet", "fuzz_queue_send", "fuzz_loader",
                 "fuzz_threadx_sequence", "fuzz_threadx_puppet", "fuzz_threadx_queue_send")


def backends():
    flags = set()
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("flags"):
            flags = set(line.split(":", 1)[1].split())
            break
    return ["none", "mprotect"] + (["pkey"] if {"pku", "ospke"} <= flags else [])


def run(quick, kernel):
    seconds = 2 if quick else 3
    targets = [t for t in paths.target_names(PRESET, kernel.name) if not quick or t in QUICK_TARGETS]
    chosen = backends()
    with ThreadPoolExecutor(max_workers=cores()) as pool:
        rows = list(pool.map(lambda target: measure(target, chosen, seconds), targets))
    ratios = {b: [r[f"{b}/none"] for r in rows if r.get(f"{b}/none")] for b in chosen[1:]}
    data = {"cpu_seconds_per_run": seconds, "backends": chosen, "targets": rows,
            "geometric_mean": {f"{b}/none": round(math.prod(v) ** (1 / len(v)), 3)
                               for b, v in ratios.items() if v}}
    return {"data": data, "markdown": markdown(data)}


def measure(target, chosen, seconds):
    env = {k: v for k, v in os.environ.items() if k not in ("GATEFUZZ_STATS", seeded.SWITCH)}
    row = {"target": target}
    for backend in chosen:
        outcome = trial.libfuzzer(paths.harness(PRESET, target), target, seconds,
                                  dict(env, GATEFUZZ_BACKEND=backend), lambda title: True)
        row[backend] = round(outcome.execs / outcome.cpu_seconds) if outcome.cpu_seconds else 0
    for backend in chosen[1:]:
        row[f"{backend}/none"] = round(row[backend] / row["none"], 3) if row["none"] else None
    print(f"  throughput {target}: " + ", ".join(f"{b} {row[b]}/s" for b in chosen), flush=True)
    return row


def headline(data):
    means = ", ".join(f"{k} {v:g}×" for k, v in data["geometric_mean"].items())
    return f"{len(data['targets'])} targets, exec/s geometric mean: {means}"


def markdown(data):
    chosen = data["backends"]
    lines = [f"Executions per CPU second, {data['cpu_seconds_per_run']} CPU-s per run. "
             "`none` hashes the memory the caller may not write around every call "
             "instead of faulting.", "",
             "| target | " + " | ".join(f"{b} exec/s" for b in chosen) + " | "
             + " | ".join(f"{b}/none" for b in chosen[1:]) + " |",
             "|---|" + "---|" * (2 * len(chosen) - 1)]
    for row in data["targets"]:
        lines.append(f"| {row['target']} | " + " | ".join(str(row[b]) for b in chosen) + " | "
                     + " | ".join(str(row[f"{b}/none"]) for b in chosen[1:]) + " |")
    lines += ["", "Geometric mean: " + ", ".join(f"{k} {v}" for k, v in data["geometric_mean"].items())]
    return "\n".join(lines)


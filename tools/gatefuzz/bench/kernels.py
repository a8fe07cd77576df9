"""Throughput of the two kernels under test, in one run: executions per CPU
second under libFuzzer and `mprotect` of each service both kernels have
(fuzz_<service> beside fuzz_threadx_<service>), and of the sequence and
puppet targets, each pair back to back, with the ratio ThreadX / built-in.
Needs a ThreadX tree (--kernel threadx), since it measures both."""
import math
import os

from .. import paths, seeded
from . import trial

TITLE = "Throughput: ThreadX's module manager vs the built-in kernel"
PRESET = "libfuzzer"
OPTIONS = ("kernel",)
QUICK_SERVICES = ("sequence", "puppet", "queue_send", "semaphore_get")


def pairs(quick):
    """(built-in target, ThreadX target) for every service both kernels name."""
    threadx = set(paths.target_names(PRESET, "threadx"))
    names = [t.removeprefix("fuzz_") for t in paths.target_names(PRESET, "builtin")]
    return [(f"fuzz_{n}", f"fuzz_threadx_{n}") for n in names
            if f"fuzz_threadx_{n}" in threadx and (not quick or n in QUICK_SERVICES)]


def run(quick, kernel):
    if kernel.name != "threadx":
        data = {"skipped": "needs a ThreadX tree: gatefuzz bench kernels --kernel threadx"}
        return {"data": data, "markdown": f"Not measured: {data['skipped']}."}
    seconds = 2 if quick else 3
    env = {k: v for k, v in os.environ.items() if k not in ("GATEFUZZ_STATS", seeded.SWITCH)}
    env["GATEFUZZ_BACKEND"] = "mprotect"
    rows = []
    for builtin, threadx in pairs(quick):
        row = {"service": builtin.removeprefix("fuzz_")}
        for name, target in (("builtin", builtin), ("threadx", threadx)):
            outcome = trial.libfuzzer(paths.harness(PRESET, target), target, seconds, env,
                                      lambda title: True)
            row[name] = round(outcome.execs / outcome.cpu_seconds) if outcome.cpu_seconds else 0
        row["threadx/builtin"] = round(row["threadx"] / row["builtin"], 3) if row["builtin"] else None
        print(f"  kernels {row['service']}: built-in {row['builtin']}/s, "
              f"ThreadX {row['threadx']}/s", flush=True)
        rows.append(row)
    ratios = [r["threadx/builtin"] for r in rows if r["threadx/builtin"]]
    data = {"cpu_seconds_per_run": seconds, "backend": "mprotect", "services": rows,
            "geometric_mean": round(math.prod(ratios) ** (1 / len(ratios)), 3) if ratios else None}
    return {"data": data, "markdown": markdown(data)}


def headline(data):
    if "skipped" in data:
        return f"not measured ({data['skipped']})"
    return (f"{len(data['services'])} services, exec/s ThreadX / built-in, geometric mean "
            f"{data['geometric_mean']}×")


def markdown(data):
    lines = [f"Executions per CPU second under libFuzzer, `{data['backend']}`, "
             f"{data['cpu_seconds_per_run']} CPU-s per target, each pair back to back. "
             "A target that finds a bug stops, and the trial starts it again: ThreadX's "
             "targets find its bugs every few hundred inputs, so their figures include "
             "those restarts (the built-in kernel's have none).", "",
             "| service | built-in exec/s | ThreadX exec/s | ThreadX / built-in |", "|---|---|---|---|"]
    lines += [f"| {r['service']} | {r['builtin']} | {r['threadx']} | {r['threadx/builtin']} |"
              for r in data["services"]]
    lines += ["", f"Geometric mean ThreadX / built-in: {data['geometric_mean']}"]
    return "\n".join(lines)

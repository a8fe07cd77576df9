"""Throughput under libFuzzer (the libfuzzer preset): executions per CPU
second of each target with each isolation backend (GATEFUZZ_BACKEND), and
how far an execution is from the floor the isolation model sets
(docs/performance.md).

The floor of an execution is the bare cost of the switches no design can
avoid: per kernel call, opening the kernel's view on entry and closing it
on the return to the module (gf_bench_floor times that pair on the
sandbox's arena), times the kernel calls per input of the run itself (the
harness counts them in its stats file). It is measured beside each
target's runs, because these machines' switch costs change by the hour.

With --baseline REV the same targets of another commit, built in a
worktree under build/, run side by side with this one's: a speed-up is a
ratio from one run. `none` is no free baseline: with nothing to fault, the
harness compares the memory the caller may not write after every call
(.harn.oracle.diff)."""
import json
import math
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .. import paths, seeded
from ..argtypes import cores
from ..errors import GatefuzzError
from . import trial

TITLE = "Throughput: isolation backends under libFuzzer"
PRESET = "libfuzzer"
OPTIONS = ("kernel", "baseline")
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


def run(quick, kernel, baseline=None):
    seconds = 2 if quick else 3
    targets = [t for t in paths.target_names(PRESET, kernel.name) if not quick or t in QUICK_TARGETS]
    chosen = backends()
    old = baseline_build(baseline, targets) if baseline else {}
    env = {k: v for k, v in os.environ.items() if k not in ("GATEFUZZ_STATS", seeded.SWITCH)}
    with ThreadPoolExecutor(max_workers=cores()) as pool:
        rows = list(pool.map(lambda t: measure(t, chosen, seconds, env, old.get(t)), targets))
    data = {"cpu_seconds_per_run": seconds, "backends": chosen, "baseline": baseline,
            "targets": rows, "geometric_mean": means(rows, chosen, baseline)}
    return {"data": data, "markdown": markdown(data)}


def measure(target, chosen, seconds, env, baseline_binary):
    row = {"target": target}
    runs = [(b, paths.harness(PRESET, target)) for b in chosen]
    if baseline_binary:
        runs.insert(1, ("baseline", baseline_binary))  # beside this commit's mprotect
    for name, binary in runs:
        backend = "mprotect" if name == "baseline" else name
        # the baseline as its campaigns ran it (with the RSS watcher thread)
        options = {"options": ()} if name == "baseline" else {}
        outcome = trial.libfuzzer(binary, target, seconds, dict(env, GATEFUZZ_BACKEND=backend),
                                  lambda title: True, **options)
        row[name] = round(outcome.execs / outcome.cpu_seconds) if outcome.cpu_seconds else 0
        if name in ("mprotect", "pkey"):
            calls = outcome.calls / outcome.execs if outcome.execs else 0
            row[f"{name}_calls_per_input"] = round(calls, 3)
            row[f"{name}_floor_us"] = round(floor_pair_us(backend, env) * calls, 2)
            row[f"{name}/floor"] = (round(1e6 / row[name] / row[f"{name}_floor_us"], 2)
                                    if row[name] and row[f"{name}_floor_us"] else None)
    for name in [*chosen[1:], "baseline"]:
        if name in row:
            row[f"{name}/none"] = round(row[name] / row["none"], 3) if row["none"] else None
    if baseline_binary and row["baseline"]:
        row["speedup"] = round(row["mprotect"] / row["baseline"], 2)
        # the most any design could gain: the baseline's execution time
        # over this run's floor
        if row.get("mprotect_floor_us"):
            row["ceiling"] = round(1e6 / row["baseline"] / row["mprotect_floor_us"], 2)
    print(f"  throughput {target}: " + ", ".join(f"{n} {row[n]}/s" for n, _ in runs)
          + (f", {row['mprotect/floor']}× the floor" if row.get("mprotect/floor") else ""), flush=True)
    return row


def floor_pair_us(backend, env):
    program = paths.build_dir(PRESET) / "targets" / "linux" / "gf_bench_floor"
    result = subprocess.run([str(program)], capture_output=True, text=True,
                            env=dict(env, GATEFUZZ_BACKEND=backend))
    if result.returncode != 0:
        raise GatefuzzError(f"{paths.shown(program)} failed: {result.stderr.strip()[-200:]}")
    return json.loads(result.stdout)["pair_us"]


def baseline_build(rev, targets):
    """{target: binary} of the libfuzzer preset at commit `rev`, built in a
    worktree (build/baseline-<commit>/, kept for the next run); targets the
    commit did not have are left out."""
    commit = git("rev-parse", "--short", f"{rev}^{{commit}}").strip()
    tree = paths.build_dir(f"baseline-{commit}")
    if not tree.exists():
        git("worktree", "add", "--detach", str(tree), commit)
    build = tree / "build" / PRESET
    if not (build / "build.ninja").exists():
        step(["cmake", "--preset", PRESET], tree)
    listing = build / "harnesses" / "targets.txt"  # written when configured
    there = set(listing.read_text().split()) if listing.exists() else set()
    wanted = [t for t in targets if t in there]
    if wanted:
        step(["cmake", "--build", str(build), "-j", str(cores()), "--target", *wanted], tree)
    print(f"  baseline {commit}: {len(wanted)} of {len(targets)} targets", flush=True)
    return {t: build / "harnesses" / t for t in wanted}


def git(*args):
    result = subprocess.run(["git", *args], cwd=paths.SOURCE_DIR, capture_output=True, text=True)
    if result.returncode != 0:
        raise GatefuzzError(f"git {' '.join(args)}: {result.stderr.strip()}")
    return result.stdout


def step(command, where):
    result = subprocess.run(command, cwd=where, capture_output=True, text=True)
    if result.returncode != 0:
        raise GatefuzzError(f"baseline build: {' '.join(command)} failed: "
                            f"{(result.stdout + result.stderr).strip()[-400:]}")


def geomean(values):
    values = [v for v in values if v]
    return round(math.prod(values) ** (1 / len(values)), 3) if values else None


def means(rows, chosen, baseline):
    found = {f"{b}/none": geomean(r.get(f"{b}/none") for r in rows) for b in chosen[1:]}
    found.update({f"{b}/floor": geomean(r.get(f"{b}/floor") for r in rows)
                  for b in chosen if b != "none"})
    if baseline:
        found["mprotect/baseline"] = geomean(r.get("speedup") for r in rows)
        found["floor-bound speed-up"] = geomean(r.get("ceiling") for r in rows)
    return found


def headline(data):
    means = ", ".join(f"{k} {v:g}×" for k, v in data["geometric_mean"].items() if v)
    return f"{len(data['targets'])} targets, geometric means: {means}"


def markdown(data):
    chosen = data["backends"]
    names = chosen[:1] + (["baseline"] if data.get("baseline") else []) + chosen[1:]
    floors = [b for b in chosen if b != "none"]
    lines = [f"Executions per CPU second, {data['cpu_seconds_per_run']} CPU-s per run. "
             "The floor of an execution: the run's kernel calls per input times "
             "the bare switch pair a call needs, measured beside each target. "
             "`none` compares the memory the caller may not write after every call "
             "instead of faulting."
             + (f" `baseline` is commit {data['baseline']} under mprotect; the floor-bound "
                "speed-up, its execution time over this run's floor, is the most any design "
                "could gain." if data.get("baseline") else ""),
             "",
             "| target | calls/input | " + " | ".join(f"{n} exec/s" for n in names) + " | "
             + " | ".join(f"{b} floor µs | {b}/floor" for b in floors)
             + (" | speed-up | floor-bound speed-up |" if data.get("baseline") else " |"),
             "|---|---|" + "---|" * (len(names) + 2 * len(floors) + 2 * bool(data.get("baseline")))]
    for row in data["targets"]:
        cells = [row["target"], row.get("mprotect_calls_per_input"), *(row.get(n, "") for n in names)]
        for b in floors:
            cells += [row.get(f"{b}_floor_us"), row.get(f"{b}/floor")]
        if data.get("baseline"):
            cells += [row.get("speedup"), row.get("ceiling")]
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    lines += ["", "Geometric means: " + ", ".join(f"{k} {v}" for k, v in data["geometric_mean"].items())]
    return "\n".join(lines)

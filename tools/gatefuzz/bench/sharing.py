"""Time sharing: progress-driven against equal shares, side by side on the
same machine (issue 15's acceptance). Per trial, one campaign of each
(alternating, so that a machine that gets busier hurts both alike), every
target of the built-in kernel, the same budget and jobs: `gatefuzz run
--sharing progress|equal --time <budget> --jobs 2`. Per campaign:

- total coverage: the sum over targets of each one's best libFuzzer `cov`;
- kernel coverage: the union over every target's final corpus of the
  kernel's lines and branch directions reached (the campaign's own
  measurement with the coverage build, .cov.source: its summary's
  `kernel_coverage`). Runs before 2026-12-07 measured a lower bound of it
  instead (per kernel function, the edges of the one target that covered
  most), which their stored results keep;
- the bug titles found, and when each was first seen.

The built-in kernel without bugs: section sharing-seeded compares the
seeded bugs each policy finds, on the kernel that holds them all."""
import json
import statistics
import subprocess
import tempfile
from pathlib import Path

from .. import paths
from ..errors import GatefuzzError

TITLE = "Time sharing: progress vs equal"
PRESET = "libfuzzer"
OPTIONS = ("trials", "budget")
POLICIES = ("progress", "equal")
JOBS = 2
KERNEL = ("kernel_lines", "kernel_branches")


def run(quick, trials=None, budget=None):
    """`budget`: CPU-minutes per campaign (default 20: 10 minutes on 2 jobs; quick: 2)."""
    trials = trials or (1 if quick else 3)
    seconds = round((budget or (2 if quick else 20)) * 60 / JOBS)
    rows = []
    with tempfile.TemporaryDirectory(prefix="gatefuzz-bench-sharing-") as scratch:
        for trial in range(1, trials + 1):
            for policy in POLICIES:
                print(f"  sharing: trial {trial}/{trials}, {policy}, {seconds} s ...", flush=True)
                rows.append(dict(campaign(Path(scratch) / f"{policy}-{trial}", policy, seconds),
                                 trial=trial, policy=policy))
    data = {"trials": trials, "seconds": seconds, "jobs": JOBS, "campaigns": rows,
            "median": {p: {k: statistics.median(r[k] for r in rows if r["policy"] == p)
                           for k in ("total_coverage", *KERNEL)}
                       for p in POLICIES}}
    return {"data": data, "markdown": markdown(data)}


def campaign(directory, policy, seconds, options=()):
    """One `gatefuzz run` campaign's figures; `options`: more of its flags."""
    done = subprocess.run([str(paths.SOURCE_DIR / "gatefuzz"), "run", "--sharing", policy, "--time",
                           str(seconds), "--jobs", str(JOBS), "--out", str(directory), *options],
                          capture_output=True, text=True)
    summary_path = directory / "summary.json"
    if done.returncode not in (0, 1) or not summary_path.exists():
        raise GatefuzzError(f"the {policy} campaign failed (exit {done.returncode}): "
                            f"{done.stderr.strip()[-300:]}")
    summary = json.loads(summary_path.read_text())
    if summary.get("seeded"):  # the seeded build's coverage is not the correct kernel's
        return {"total_coverage": sum(t["coverage"].get("cov", 0) for t in summary["targets"]),
                "execs": summary["totals"]["execs"], "seeded": summary["seeded"]["found"]}
    measured = summary.get("kernel_coverage", {})
    if "lines" not in measured:
        raise GatefuzzError(f"the {policy} campaign has no kernel coverage: {measured.get('skipped')}")
    return {"total_coverage": sum(t["coverage"].get("cov", 0) for t in summary["targets"]),
            "kernel_lines": measured["lines"][0], "kernel_branches": measured["branches"][0],
            "execs": summary["totals"]["execs"],
            "bugs": {b["title"]: b["first_seen_after"] for b in summary["bugs"]}}


def markdown(data):
    lines = [f"{data['trials']} trial(s) per policy, {data['seconds']} s of wall time on {data['jobs']} jobs "
             "each, every target of the built-in kernel. Kernel lines and branch directions: the union "
             "over the final corpora of every target. The seeded bugs: section sharing-seeded.", "",
             "| trial | policy | total coverage (Σ cov) | kernel lines | kernel branch directions "
             "| executions | bugs |",
             "|---|---|---|---|---|---|---|"]
    for r in data["campaigns"]:
        bugs = ", ".join(f"{t} (+{s} s)" for t, s in r["bugs"].items()) or "none"
        lines.append(f"| {r['trial']} | {r['policy']} | {r['total_coverage']} | {r['kernel_lines']} | "
                     f"{r['kernel_branches']} | {r['execs']:,} | {bugs} |")
    lines += ["", "| median | " + " | ".join(POLICIES) + " |", "|---|" + "---|" * len(POLICIES)]
    for key in ("total_coverage", *KERNEL):
        medians = " | ".join(f"{data['median'][p][key]:g}" for p in POLICIES)
        lines.append(f"| {key.replace('_', ' ')} | {medians} |")
    return "\n".join(lines)


def headline(data):
    m = data["median"]
    kernel = ("kernel lines {} vs {}, branch directions {} vs {}".format(
                  m["progress"]["kernel_lines"], m["equal"]["kernel_lines"],
                  m["progress"]["kernel_branches"], m["equal"]["kernel_branches"])
              if "kernel_lines" in m["progress"] else  # a run before the union was measured
              f"kernel edges (a lower bound of the union) {m['progress']['kernel_edges']:g} vs "
              f"{m['equal']['kernel_edges']:g}")
    return (f"progress vs equal, median of {data['trials']} × {data['seconds']} s: Σ coverage "
            f"{m['progress']['total_coverage']:g} vs {m['equal']['total_coverage']:g}, {kernel}")

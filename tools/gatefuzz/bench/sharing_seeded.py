"""Time sharing and the seeded bugs: progress-driven against equal shares,
side by side as in section sharing (same budget, jobs and alternation), on
the built-in kernel holding every seeded bug at once (`gatefuzz run --seeded
all`, backend mprotect, for which the bugs' kinds are written). Per
campaign: when each seeded bug was first found — its first bug title that
the bug alone reproduces (triage's attribution) — in seconds after the
campaign began. A bug a campaign does not find counts as found never, later
than any find (censored; a campaign's wall time runs past its budget by
its start-ups and triage, so the budget is no bound).

The question (issue 15's acceptance): does the progress-driven campaign find
every seeded bug equal sharing finds, each no later? Answered per bug on
the medians over the trials."""
import math
import statistics
import tempfile
from pathlib import Path

from .. import seeded
from . import sharing

TITLE = "Time sharing and the seeded bugs: progress vs equal"
PRESET = "seeded-libfuzzer"
OPTIONS = ("trials", "budget")
POLICIES = sharing.POLICIES


def run(quick, trials=None, budget=None):
    """`budget`: CPU-minutes per campaign (default 20: 10 minutes on 2 jobs; quick: 2)."""
    trials = trials or (1 if quick else 3)
    seconds = round((budget or (2 if quick else 20)) * 60 / sharing.JOBS)
    rows = []
    with tempfile.TemporaryDirectory(prefix="gatefuzz-bench-sharing-seeded-") as scratch:
        for trial in range(1, trials + 1):
            for policy in POLICIES:
                print(f"  sharing-seeded: trial {trial}/{trials}, {policy}, {seconds} s ...", flush=True)
                figures = sharing.campaign(Path(scratch) / f"{policy}-{trial}", policy, seconds,
                                           ("--seeded", "all", "--backend", seeded.BACKEND))
                rows.append(dict(figures, trial=trial, policy=policy))
    bugs = [bug.id for bug in seeded.seeded_bugs()]
    data = {"trials": trials, "seconds": seconds, "jobs": sharing.JOBS, "campaigns": rows,
            "bugs": {bug: compare(bug, rows) for bug in bugs}}
    data["every_found_no_later"] = all(b["progress_no_later"] for b in data["bugs"].values())
    return {"data": data, "markdown": markdown(data)}


def compare(bug, rows):
    """Per policy the bug's find times (None: not found) and their median
    (None: not found in most trials); whether progress finds it no later
    than equal."""
    times = {p: [r["seeded"].get(bug) for r in rows if r["policy"] == p] for p in POLICIES}
    median = {}
    for p in POLICIES:
        middle = statistics.median(math.inf if t is None else t for t in times[p])
        median[p] = None if middle == math.inf else middle
    found = {p: sum(t is not None for t in times[p]) for p in POLICIES}
    return {"times": times, "median": median, "found": found,
            "progress_no_later": found["progress"] >= found["equal"] and
            (median["equal"] is None or (median["progress"] is not None and median["progress"] <= median["equal"]))}


def markdown(data):
    def shown(times):
        return ", ".join("-" if t is None else f"{t:g}" for t in times)

    lines = [f"{data['trials']} trial(s) per policy, {data['seconds']} s of wall time on {data['jobs']} jobs "
             "each, every target of the built-in kernel with every seeded bug in (backend "
             f"{seeded.BACKEND}). Seconds after the campaign began when each bug's first title came "
             "('-': not found, later than any find).", "",
             "| seeded bug | progress: trials | equal: trials | median progress | median equal "
             "| progress finds it no later |",
             "|---|---|---|---|---|---|"]
    for bug, b in data["bugs"].items():
        lines.append(f"| {bug} | {shown(b['times']['progress'])} | {shown(b['times']['equal'])} | "
                     f"{shown([b['median']['progress']])} | {shown([b['median']['equal']])} | "
                     f"{'yes' if b['progress_no_later'] else 'NO'} |")
    lines += ["", headline(data)]
    return "\n".join(lines)


def headline(data):
    late = [bug for bug, b in data["bugs"].items() if not b["progress_no_later"]]
    found = {p: sum(any(t is not None for t in b["times"][p]) for b in data["bugs"].values())
             for p in POLICIES}
    return (f"seeded bugs found (any trial): progress {found['progress']}, equal {found['equal']} of "
            f"{len(data['bugs'])}; progress finds every bug equal finds, each no later (medians): "
            + ("yes" if not late else f"NO ({', '.join(late)})"))

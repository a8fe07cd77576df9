"""Time to bug on the seeded bugs (docs/seeded-bugs.md), as Magma measures
it: for each bug, trials of libFuzzer and of AFL++ (persistent mode) on the
target its reproducer names, from that target's seeds only, with the bug
selected in the runtime-switch builds (presets seeded-libfuzzer and
seeded-afl). A trial tells whether the bug's site was reached and its
condition triggered (the canaries), and whether the oracle detected it: a
BUG of the kind the reproducer expects, which ends the trial. A trial that
does not detect it is censored at the budget: a median is given when more
than half of the trials detected the bug."""
import os
import statistics
from concurrent.futures import ThreadPoolExecutor

from .. import build, paths, seeded
from ..argtypes import cores
from . import trial

TITLE = "Seeded bugs: time to bug"
PRESET = None  # two builds, seeded-libfuzzer and seeded-afl: run() builds them
OPTIONS = ("trials", "budget")
ENGINES = {"libfuzzer": ("seeded-libfuzzer", trial.libfuzzer), "afl": ("seeded-afl", trial.afl)}
QUICK_AFL_EVERY = 5  # --quick: AFL++ on every fifth bug only


def run(quick, trials=None, budget=None):
    trials = trials or (1 if quick else 3)
    budget_seconds = (budget or (0.5 if quick else 5)) * 60
    bugs = seeded.seeded_bugs()
    plan = [(bug, engine, number) for engine in ENGINES
            for bug in (bugs[::QUICK_AFL_EVERY] if quick and engine == "afl" else bugs)
            for number in range(trials)]
    for engine in dict.fromkeys(engine for _, engine, _ in plan):
        build.ensure_built(ENGINES[engine][0], targets=sorted({bug.target for bug in bugs}))
    with ThreadPoolExecutor(max_workers=cores()) as pool:
        results = list(pool.map(lambda job: run_trial(*job, budget_seconds), plan))
    records = summarise(bugs, results)
    data = {"budget_cpu_seconds": budget_seconds, "trials": trials, "backend": seeded.BACKEND,
            "bugs": records, "all_detected": all_detected(results),
            "trial_results": results}
    return {"data": data, "markdown": markdown(data)}


def run_trial(bug, engine, number, budget_seconds):
    preset, fuzz = ENGINES[engine]
    env = dict(os.environ, GATEFUZZ_BACKEND=seeded.BACKEND, **{seeded.SWITCH: bug.id})
    env.pop("GATEFUZZ_STATS", None)

    def wanted(title):
        return seeded.kind_of(title) == bug.kind

    outcome = fuzz(paths.harness(preset, bug.target), bug.target, budget_seconds, env, wanted)
    found = outcome.first(wanted)
    if found and found.cpu_seconds > budget_seconds:
        found = None  # a last run may overrun the budget by a second: not in time
    canary = outcome.canaries.get(bug.id, {})
    result = {"bug": bug.id, "engine": engine, "trial": number + 1,
              "reached": canary.get("reached", 0), "triggered": canary.get("triggered", 0),
              "detected": found is not None, "in_seeds": bool(found and found.in_seeds),
              "cpu_seconds": round(found.cpu_seconds if found else outcome.cpu_seconds, 2),
              "execs": found.execs if found else outcome.execs,
              "other_findings": sorted({f.title for f in outcome.findings if not wanted(f.title)})}
    said = (f"detected after {result['cpu_seconds']} CPU-s, {result['execs']} execs" if found
            else f"not detected in {result['cpu_seconds']} CPU-s")
    print(f"  seeded {bug.id} {engine} trial {number + 1}: {said}", flush=True)
    return result


def median_to_detection(results, field):
    """The median over all trials, undetected ones counting as later than
    any detection; None when that median is undetected."""
    values = sorted(r[field] if r["detected"] else float("inf") for r in results)
    middle = statistics.median_low(values)
    return None if middle == float("inf") else middle


def summarise(bugs, results):
    records = []
    for bug in bugs:
        for engine in ENGINES:
            mine = [r for r in results if r["bug"] == bug.id and r["engine"] == engine]
            if not mine:
                continue
            records.append({"bug": bug.id, "class": bug.bug_class, "target": bug.target,
                            "kind": bug.kind, "engine": engine, "trials": len(mine),
                            "reached": sum(r["reached"] > 0 for r in mine),
                            "triggered": sum(r["triggered"] > 0 for r in mine),
                            "detected": sum(r["detected"] for r in mine),
                            "in_seeds": sum(r["in_seeds"] for r in mine),
                            "median_cpu_seconds": median_to_detection(mine, "cpu_seconds"),
                            "median_execs": median_to_detection(mine, "execs")})
    return records


def all_detected(results):
    """Every bug detected in every trial by at least one engine (trial n of
    each engine taken together)."""
    detected = {}
    for r in results:
        key = (r["bug"], r["trial"])
        detected[key] = detected.get(key, False) or r["detected"]
    return all(detected.values())


def headline(data):
    per_engine = []
    for engine, name in (("libfuzzer", "libFuzzer"), ("afl", "AFL++")):
        mine = [r for r in data["bugs"] if r["engine"] == engine]
        if mine:
            trials, detected = sum(r["trials"] for r in mine), sum(r["detected"] for r in mine)
            seeds = sum(r["in_seeds"] for r in mine)
            slowest = max(float("inf") if r["median_cpu_seconds"] is None else r["median_cpu_seconds"]
                          for r in mine)
            slowest = ("some bug missed in most trials" if slowest == float("inf")
                       else f"slowest median {slowest:g} CPU-s")
            per_engine.append(f"{name} {detected}/{trials} trials ({seeds} by a seed), {slowest}")
    bugs = len({r["bug"] for r in data["bugs"]})
    return (f"{bugs} bugs, {data['budget_cpu_seconds'] / 60:g} CPU-min per trial: every bug "
            f"detected in every trial: {'yes' if data['all_detected'] else 'NO'}; "
            + "; ".join(per_engine))


def markdown(data):
    def shown(value):
        return "—" if value is None else f"{value:g}"

    lines = [f"Budget {data['budget_cpu_seconds'] / 60:g} CPU-minutes per trial, "
             f"{data['trials']} trial(s) per engine, backend {data['backend']}; "
             "reached / triggered / detected count trials; \"by a seed\" counts the "
             "detections made running the seeds themselves, before any mutation "
             "(AFL++ sets crashing seeds aside, so its detections are all by mutation).", "",
             "| bug | class | target | engine | reached | triggered | detected | by a seed | "
             "median CPU-s to bug | median execs to bug |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for r in data["bugs"]:
        n = r["trials"]
        lines.append(f"| {r['bug']} | {r['class']} | {r['target']} | {r['engine']} | "
                     f"{r['reached']}/{n} | {r['triggered']}/{n} | {r['detected']}/{n} | {r['in_seeds']}/{n} | "
                     f"{shown(r['median_cpu_seconds'])} | {shown(r['median_execs'])} |")
    lines += ["", "Every bug detected by at least one engine in every trial: "
              + ("yes" if data["all_detected"] else "**no**")]
    return "\n".join(lines)

"""A campaign's efficiency: the share of its CPU time spent executing inputs.

The whole: the CPU time of `gatefuzz run` and of every process it started,
waited for (the fuzzers and what they started, triage's replays and
minimisations, the plot), round by round, in phases (campaign.json); but
not a build the run had to make first, which is the tree's, not the
campaign's (the report shows it apart). The
part: the targets' own count of their fuzzing loop, from one input's end to
the next's ("cpu_us" in the stats files), less what running the corpus
took when a fuzzer (re)started (libFuzzer: until its INITED line, the
run's "loading_cpu"): that, starting a fuzzer, and the time of its own
process (afl-fuzz) are not executing inputs."""
import resource

from . import stats

PHASES = ("setup", "fuzzing", "triage", "coverage", "report")
WHAT = {"build": "the builds brought up to date (apart: not the campaign's)",
        "loading": "the fuzzers running their corpus at each (re)start, before fuzzing",
        "setup": "dependencies checked, the campaign opened",
        "fuzzing": "the fuzzers, besides running inputs: starting, their own work (afl-fuzz's process)",
        "triage": "findings replayed, bugs minimised and confirmed",
        "coverage": "the final corpora replayed by the coverage build (kernel lines and branches reached)",
        "report": "the coverage plot and the report"}


def cpu_seconds():
    """The CPU time of this process and its waited-for descendants so far."""
    return sum(u.ru_utime + u.ru_stime for u in (resource.getrusage(resource.RUSAGE_SELF),
                                                 resource.getrusage(resource.RUSAGE_CHILDREN)))


def summarise(campaign, engine):
    """{"share", "executing_seconds", "cpu_seconds", "phases": {phase: seconds},
    "build_seconds", "unmeasured"} over all the campaign's rounds; the
    fuzzing phase's figure is what it spent besides executing inputs. No
    share when the engine's CPU time escapes the count ("unmeasured": why)."""
    phases = {phase: 0.0 for phase in PHASES}
    build = 0.0
    for round_ in campaign.state["rounds"]:
        for phase, seconds in round_.get("cpu", {}).items():
            if phase == "build":
                build += seconds
            else:
                phases[phase] = phases.get(phase, 0.0) + seconds
    loop = sum(stats.totals(campaign.stats_dir(t)).cpu_seconds for t in campaign.targets)
    loading = sum(run.get("loading_cpu", 0) for t in campaign.targets for run in campaign.runs(t))
    executing = loop - loading
    total = sum(phases.values())
    phases["fuzzing"] = max(0.0, phases["fuzzing"] - loop)
    phases["loading"] = loading
    unmeasured = engine.cpu_unaccounted
    return {"share": round(executing / total, 3) if total and not unmeasured else None,
            "unmeasured": unmeasured,
            "executing_seconds": round(executing, 1), "cpu_seconds": round(total, 1),
            "phases": {phase: round(seconds, 1) for phase, seconds in phases.items()},
            "build_seconds": round(build, 1)}

"""Fuzzing engines. Each one knows how to fuzz one target for some seconds
(recording its runs in the campaign), how many targets fuzz side by side on
the cores, its figures for the report, and how to minimise a crash.

    name, preset         engine name and the build preset it fuzzes
    coverage_names       the coverage figures it reports, in order
    counting             what the harness's verdict counts and its executions differ by
    cpu_unaccounted      why the campaign's CPU time cannot be measured with it, or None
    targets_at_once(jobs)
    fuzz(supervisor, target, seconds) -> whether it fuzzed (or crashed): a target
        that could not start is not done, a --resume tries it again
    metrics(campaign, target) -> {"execs": n, "coverage": {name: value}}
    runner(supervisor, target) -> replayer.Runner of its build (to classify findings)
    minimise(supervisor, target, crash, destination) -> bool
"""
import copy

from .afl import AFL
from .libfuzzer import LibFuzzer

ENGINES = {engine.name: engine for engine in (LibFuzzer(), AFL())}


def seeded(engine):
    """`engine` fuzzing its build with the seeded bugs' runtime switch
    (presets seeded-libfuzzer, seeded-afl: docs/seeded-bugs.md)."""
    chosen = copy.copy(engine)
    chosen.preset = f"seeded-{engine.preset}"
    return chosen

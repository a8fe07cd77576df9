"""False positives: libFuzzer on the correct kernel (the libfuzzer preset)
for a budget of CPU time shared out over the targets. Every BUG verdict is
a false positive of the oracle (or a real bug of the kernel): there must be
none."""
import os
from concurrent.futures import ThreadPoolExecutor

from .. import paths, seeded
from ..argtypes import cores
from . import trial

TITLE = "False positives: fuzzing the correct kernel"
PRESET = "libfuzzer"
OPTIONS = ("budget", "kernel")
MIN_SECONDS = 5  # per target: below it a run is mostly start-up
# --quick: these of the kernel's targets (the built-in kernel's, then ThreadX's)
QUICK_TARGETS = ("fuzz_sequence", "fuzz_puppet", "fuzz_loader", "fuzz_queue_send",
                 "fuzz_thread_create", "fuzz_module_object_allocate",
                 "fuzz_threadx_sequence", "fuzz_threadx_puppet", "fuzz_threadx_queue_send",
                 "fuzz_threadx_thread_create")


def run(quick, kernel, budget=None):
    total = (budget or (1 if quick else 10)) * 60
    targets = [t for t in paths.target_names(PRESET, kernel.name) if not quick or t in QUICK_TARGETS]
    share = max(MIN_SECONDS, total / len(targets))
    with ThreadPoolExecutor(max_workers=cores()) as pool:
        outcomes = list(pool.map(lambda target: fuzz(target, share), targets))
    findings = sorted({f.title for o in outcomes for f in o.findings})
    data = {"cpu_minutes": round(sum(o.cpu_seconds for o in outcomes) / 60, 2),
            "targets": len(targets), "execs": sum(o.execs for o in outcomes),
            "bug_verdicts": sum(o.verdicts["BUG"] for o in outcomes),
            "crashes": sum(len(o.findings) for o in outcomes), "findings": findings}
    text = (f"{data['cpu_minutes']} CPU-minutes over {data['targets']} targets, "
            f"{data['execs']} executions: **{data['bug_verdicts']} BUG verdicts**, "
            f"{data['crashes']} crashes.")
    if findings:
        text += "\n\n" + "\n".join(f"- `{title}`" for title in findings)
    return {"data": data, "markdown": text}


def headline(data):
    return (f"{data['cpu_minutes']:g} CPU-minutes over {data['targets']} targets, "
            f"{data['execs']} executions: {data['bug_verdicts']} BUG verdicts")


def fuzz(target, seconds):
    """A target's share; no finding ends it (libFuzzer restarts)."""
    env = {k: v for k, v in os.environ.items() if k not in ("GATEFUZZ_STATS", seeded.SWITCH)}
    outcome = trial.libfuzzer(paths.harness(PRESET, target), target, seconds, env,
                              lambda title: False)
    print(f"  false-positives {target}: {outcome.cpu_seconds:.1f} CPU-s, {outcome.execs} execs, "
          f"{outcome.verdicts['BUG']} BUG", flush=True)
    return outcome

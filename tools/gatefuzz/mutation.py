"""One mutant's assessment: build it, replay the seeds and regression
reproducers of the targets that reach it (the cheap kill), then fuzz a few
of those targets for the mutant's time. An input kills the mutant when the
mutant gives a BUG verdict on it and the correct kernel does not: the
correct kernel may have bugs of its own (ThreadX's known ones), which
tell nothing of the mutant. A mutant that does not build is invalid; one
that compiles to the original's very object code is equivalent (no input
can tell them apart, so it is neither run nor scored); otherwise it
survived.

Each mutant fuzzes as a campaign of its own in out/<run>/mutants/<mutant>/
(corpus, findings, logs: campaign.py's layout); its binaries live in
build/mutants/<run>/<mutant>/ and are deleted once it is judged."""
import re
import shutil
import time
import zlib
from pathlib import Path

from . import corpus, paths, replayer
from .campaign import Campaign
from .engines.libfuzzer import LibFuzzer
from .mutant_build import MUTANTS_DIR, BuildFailed, MutantBuild

KILLED, SURVIVED, INVALID, EQUIVALENT = "killed", "survived", "invalid", "equivalent"
PRESET = "libfuzzer"
QUICK_RUN = 2  # seconds: a fuzzing run that ends sooner with nothing new ends the target's share


class MutantFuzzer(LibFuzzer):
    """libFuzzer on a mutant's binaries, one run at a time: a run ends at
    its first crash, which kills the mutant or is a bug of the correct
    kernel too (then the next run goes on from the corpus)."""

    def __init__(self, build):
        self.build = build

    def binary(self, target):
        return self.build.binary(target)

    def fuzz_once(self, supervisor, target, seconds):
        run = self._run(supervisor, target, seconds)
        supervisor.campaign.record_run(target, run)
        supervisor.campaign.note_findings(target)
        return sorted(supervisor.campaign.findings_dir(target).iterdir())


class CorrectKernel:
    """Whether the correct build gives a BUG on an input, each input asked
    once per run (the seeds are asked for many mutants)."""

    def __init__(self):
        self._said = {}

    def gives_bug(self, target, path):
        key = (target, str(path))
        if key not in self._said:
            outcome = replayer.runner_for(PRESET, target).replay([path]).outcomes[0]
            self._said[key] = outcome.verdict == "BUG"
        return self._said[key]


def slug(mutant_id):
    return re.sub(r"[^A-Za-z0-9.+-]+", "-", mutant_id).strip("-")


def spread(items, count, start=0):
    """`count` of `items` spread evenly over the list from index `start`
    round (all of them when fewer), in list order."""
    if len(items) <= count:
        return list(items)
    if count <= 0:
        return []
    return [items[i] for i in sorted((start + (n * len(items)) // count) % len(items) for n in range(count))]


def fuzz_targets(mutant_id, direct, through_callers, count, fallback):
    """The `count` targets a mutant is fuzzed on: spread over those whose
    seeds cover its function, then over those that reach it through a
    caller; `fallback` (the kernel's target of every service) when no seed
    reaches it. Where each spread starts follows from the mutant's id, so
    that the mutants of a function that every target reaches are not all
    fuzzed on the same few."""
    start = zlib.crc32(mutant_id.encode())
    chosen = spread(direct, count, start % max(1, len(direct)))
    chosen += spread(through_callers, count - len(chosen), start % max(1, len(through_callers)))
    return chosen or list(fallback)


def regressions_of(targets):
    """(target, input) of each regression reproducer of one of `targets` on
    which the correct kernel gives no BUG (a seeded bug's, or a fixed bug's)."""
    found = []
    for expect in sorted(paths.REGRESSIONS_DIR.glob("**/expect")):
        fields = corpus.read_expect(expect.parent)
        if fields.get("target") in targets and (expect.parent / "input").is_file() \
                and not corpus.clean_verdict(fields).startswith("BUG"):
            found.append((fields["target"], expect.parent / "input"))
    return found


def assess(mutant, source, subject, preset_build, run_dir, supervisor, correct, reaching, fuzz_targets,
           seconds):
    """The result of one mutant of `subject`'s kernel (a dict for
    mutation.json), None when the run was stopped before it was judged;
    `correct`: the run's CorrectKernel."""
    watch = time.monotonic()
    build = MutantBuild(preset_build, MUTANTS_DIR / run_dir.name / slug(mutant.id))
    result = {"status": SURVIVED, "function": mutant.function, "reaching": reaching,
              "fuzzed": fuzz_targets, "diff": mutant.diff(source)}
    phases = result["phases"] = {}  # seconds of each step, for docs/mutation.md's costs

    def timed(phase, step, *arguments):
        started = time.monotonic()
        try:
            return step(*arguments)
        finally:
            phases[phase] = round(time.monotonic() - started, 1)

    path, mutated, killer = subject.path(mutant.file), mutant.apply(source), None
    try:
        if timed("equivalence", build.compiles_alike, path, source, mutated):
            result.update(status=EQUIVALENT, by="object code")
        else:
            timed("compile", build.compile, path, mutated)
            mine = supervisor.for_campaign(mutant_campaign(run_dir, mutant, fuzz_targets, seconds, subject.kernel))
            killer = timed("replay", cheap_kill, build, mine, correct, reaching) or \
                timed("fuzz", fuzz, build, mine, correct, fuzz_targets, seconds)
    except BuildFailed as failure:
        result.update(status=INVALID, by="build", detail=str(failure))
    finally:
        shutil.rmtree(build.dir, ignore_errors=True)
    if supervisor.stop.is_set():
        return None
    if killer:
        result.update(status=KILLED, **killer)
    result["seconds"] = round(time.monotonic() - watch, 1)
    return result


def mutant_campaign(run_dir, mutant, targets, seconds, kernel):
    """The campaign directory a mutant is fuzzed in, emptied of what an interrupted assessment left."""
    directory = run_dir / "mutants" / slug(mutant.id)
    shutil.rmtree(directory, ignore_errors=True)
    campaign = Campaign.create(directory, PRESET, targets, seconds, 1, "auto", kernel.name, kernel.threadx)
    campaign.make_dirs()
    return campaign


def describe(result):
    """One line: the status, what killed it (or why it is invalid), the time."""
    line = result["status"]
    if result["status"] == KILLED:
        line += f" by {result['by']} on {result['target']}: {result['title']}"
    elif result["status"] == INVALID:
        line += f": {result['detail']}"
    elif result["status"] == EQUIVALENT:
        line += ": compiles to the original's object code"
    return f"{line} ({result['seconds']} s)"


def cheap_kill(build, supervisor, correct, targets):
    """What killed the mutant among the seeds and reproducers of `targets`, or None."""
    inputs = [(t, Path(f), "seed") for t in targets if (paths.CORPUS_DIR / t).is_dir()
              for f in corpus.inputs(paths.CORPUS_DIR / t)[0]]
    inputs += [(t, f, "regression") for t, f in regressions_of(targets)]
    for target in targets:
        files = [str(f) for t, f, _ in inputs if t == target]
        if not files or supervisor.stop.is_set():
            continue
        build.link(target)  # one at a time: a kill by the first target's seeds links no other
        runner = replayer.LibFuzzerRunner(build.binary(target), target, supervisor.env(target))
        while files:  # up to each BUG, which kills unless the correct kernel has it too
            outcome = next((o for o in runner.replay(files, until_bug=True).outcomes if o.verdict == "BUG"), None)
            if outcome is None:
                break
            if not correct.gives_bug(target, outcome.path):
                kind = next(k for t, f, k in inputs if t == target and str(f) == outcome.path)
                return {"by": kind, "target": target, "input": paths.shown(outcome.path),
                        "title": outcome.detail}
            files = files[files.index(outcome.path) + 1:]
    return None


def fuzz(build, mine, correct, targets, seconds):
    """Fuzzes `targets` one after the other, `seconds` shared, under the
    mutant's supervisor `mine`; what killed the mutant, or None. A target
    is fuzzed again after a finding the correct kernel gives too, while its
    share lasts."""
    engine = MutantFuzzer(build)
    share = max(1, seconds // max(1, len(targets)))
    for target in targets:
        build.link(target)
        deadline, judged = time.monotonic() + share, set()
        while not mine.stop.is_set() and (left := round(deadline - time.monotonic())) >= 1:
            started = time.monotonic()
            findings = [f for f in engine.fuzz_once(mine, target, left) if f not in judged]
            for finding in findings:
                judged.add(finding)
                outcome = engine.runner(mine, target).replay([finding]).outcomes[0]
                if outcome.verdict == "BUG" and not correct.gives_bug(target, finding):
                    return {"by": "fuzzing", "target": target, "input": paths.shown(finding),
                            "title": outcome.detail or finding.name.split("-", 1)[0]}
            if not findings and time.monotonic() - started < QUICK_RUN:
                break  # it ended at once with nothing new: another start would too
    return None

"""One mutant's assessment: build it, replay the seeds and regression
reproducers of the targets that reach it (the cheap kill), then fuzz a few
of those targets for the mutant's time. The first BUG verdict kills it; a
mutant that does not build is invalid; one that compiles to the original's
very object code is equivalent (no input can tell them apart, so it is
neither run nor scored); otherwise it survived.

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
# fuzzed when no target's seeds reach the mutated function: it calls every service
FALLBACK_TARGETS = ("fuzz_sequence",)


class MutantFuzzer(LibFuzzer):
    """libFuzzer on a mutant's binaries, once per target: its first crash is
    all a mutant needs (the campaign's fuzzer starts again after each)."""

    def __init__(self, build):
        self.build = build

    def binary(self, target):
        return self.build.binary(target)

    def fuzz_once(self, supervisor, target, seconds):
        run = self._run(supervisor, target, seconds)
        supervisor.campaign.record_run(target, run)
        supervisor.campaign.note_findings(target)
        return sorted(supervisor.campaign.findings_dir(target).iterdir())


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


def fuzz_targets(mutant_id, direct, through_callers, count):
    """The `count` targets a mutant is fuzzed on: spread over those whose
    seeds cover its function, then over those that reach it through a
    caller; FALLBACK_TARGETS when no seed reaches it. Where each spread
    starts follows from the mutant's id, so that the mutants of a function
    that every target reaches are not all fuzzed on the same few."""
    start = zlib.crc32(mutant_id.encode())
    chosen = spread(direct, count, start % max(1, len(direct)))
    chosen += spread(through_callers, count - len(chosen), start % max(1, len(through_callers)))
    return chosen or list(FALLBACK_TARGETS)


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


def assess(mutant, source, preset_build, run_dir, supervisor, reaching, fuzz_targets, seconds):
    """The result of one mutant (a dict for mutation.json), None when the run
    was stopped before it was judged."""
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

    killer = None
    try:
        if timed("equivalence", build.compiles_alike, source_path(mutant), source, mutant.apply(source)):
            result.update(status=EQUIVALENT, by="object code")
        else:
            timed("compile", build.compile, source_path(mutant), mutant.apply(source))
            mine = supervisor.for_campaign(mutant_campaign(run_dir, mutant, fuzz_targets, seconds))
            killer = timed("replay", cheap_kill, build, mine, reaching) or \
                timed("fuzz", fuzz, build, mine, fuzz_targets, seconds)
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


def mutant_campaign(run_dir, mutant, targets, seconds):
    """The campaign directory a mutant is fuzzed in, emptied of what an interrupted assessment left."""
    directory = run_dir / "mutants" / slug(mutant.id)
    shutil.rmtree(directory, ignore_errors=True)
    campaign = Campaign.create(directory, "libfuzzer", targets, seconds, 1, "auto", "builtin", None)
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


def source_path(mutant):
    return paths.SOURCE_DIR / mutant.file


def cheap_kill(build, supervisor, targets):
    """What killed the mutant among the seeds and reproducers of `targets`, or None."""
    inputs = [(t, Path(f), "seed") for t in targets if (paths.CORPUS_DIR / t).is_dir()
              for f in corpus.inputs(paths.CORPUS_DIR / t)[0]]
    inputs += [(t, f, "regression") for t, f in regressions_of(targets)]
    for target in targets:
        files = [f for t, f, _ in inputs if t == target]
        if not files or supervisor.stop.is_set():
            continue
        build.link(target)  # one at a time: a kill by the first target's seeds links no other
        runner = replayer.LibFuzzerRunner(build.binary(target), target, supervisor.env(target))
        for outcome in runner.replay(files, until_bug=True).outcomes:
            if outcome.verdict == "BUG":
                kind = next(k for t, f, k in inputs if t == target and str(f) == outcome.path)
                return {"by": kind, "target": target, "input": paths.shown(outcome.path),
                        "title": outcome.detail}
    return None


def fuzz(build, mine, targets, seconds):
    """Fuzzes `targets` one after the other, `seconds` shared, under the
    mutant's supervisor `mine`; what killed the mutant, or None."""
    engine = MutantFuzzer(build)
    share = max(1, seconds // max(1, len(targets)))
    for target in targets:
        if mine.stop.is_set():
            return None
        build.link(target)
        findings = engine.fuzz_once(mine, target, share)
        if findings:
            outcome = engine.runner(mine, target).replay(findings[:1]).outcomes[0]
            return {"by": "fuzzing", "target": target, "input": paths.shown(findings[0]),
                    "title": outcome.detail or findings[0].name.split("-", 1)[0]}
    return None

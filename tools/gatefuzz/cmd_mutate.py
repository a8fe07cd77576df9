"""gatefuzz mutate: mutation analysis of the kernel under test — how many
small faults in its checks the fuzzers and the oracle would catch."""
import json
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import clock, deps, kernels, mutants, mutation, mutation_report, mutation_subject, paths, reach
from .argtypes import cores, matching, positive_int
from .errors import GatefuzzError
from .mutant_build import MUTANTS_DIR, PresetBuild
from .supervisor import Supervisor

PRESET = mutation.PRESET  # the build mutants are made from
DEFAULT_TIME = 60
DEFAULT_FUZZ_TARGETS = 3
HELP = "mutation analysis: mutate the kernel's checks, fuzz each mutant, report the score"
DESCRIPTION = f"""Generates mutants of the kernel's checks and implementations
(relational boundaries, dropped conditions, swapped principal, wrong length
source, off-by-one sizes; ids file:line:column:operator), then for each:
builds it in build/mutants/ (one compile, a link per target that reaches the
mutated function), replays the seeds and regression reproducers of those
targets, and fuzzes up to --fuzz-targets of them for --time seconds,
--jobs mutants at once. The first input on which the mutant gives a BUG
verdict (or crash, or timeout) and the correct kernel does not kills it;
one that does not build is invalid, one that compiles to the correct
kernel's object code equivalent. Writes out/<run>/mutation.md
and mutation.json: the mutation score, every survivor with its diff, what
killed each mutant. --list prints the mutants and their diffs and stops.
Ctrl-C keeps the mutants judged; --resume continues. Default files: the
builtin kernel's {', '.join(mutation_subject.BUILTIN_FILES)}; ThreadX's
(--kernel threadx, relative to its tree) {', '.join(mutation_subject.THREADX_FILES)}.
See docs/mutation.md. Exit 0: done; 2: usage
error or a build failure; 130: interrupted."""


def add_parser(subparsers):
    parser = subparsers.add_parser("mutate", help=HELP, description=DESCRIPTION)
    parser.add_argument("--list", action="store_true", help="print the mutants' ids and diffs, run nothing")
    parser.add_argument("--files", metavar="LIST",
                        help="comma-separated files or globs to mutate, relative to the source tree "
                             "(--kernel threadx: to the ThreadX tree)")
    parser.add_argument("--mutants", metavar="LIST",
                        help="comma-separated mutant ids or globs (e.g. 'kernel/validate.c:*:boundary')")
    parser.add_argument("--limit", type=positive_int, metavar="N",
                        help="at most N mutants, spread evenly over the list in file order")
    parser.add_argument("--time", type=positive_int, metavar="SECONDS",
                        help=f"fuzzing time per mutant (default: {DEFAULT_TIME})")
    parser.add_argument("--fuzz-targets", type=positive_int, metavar="N",
                        help=f"targets fuzzed per mutant, sharing its time (default: {DEFAULT_FUZZ_TARGETS})")
    parser.add_argument("--jobs", type=positive_int, metavar="N", help="mutants at once (default: nproc)")
    parser.add_argument("--out", metavar="DIR", help="run directory (default: out/mutate-<UTC timestamp>)")
    parser.add_argument("--resume", nargs="?", const="latest", metavar="DIR",
                        help="continue a mutation run (default: the latest under out/)")
    kernels.add_options(parser, "the kernel to mutate (default: builtin)")
    parser.set_defaults(func=main)
    return parser


def main(args):
    check_flags(args)
    directory = (mutation_report.latest(paths.OUT_DIR) if args.resume == "latest"
                 else Path(args.resume).resolve()) if args.resume else None
    state = mutation_report.load(directory) if directory else None
    deps.ensure(["core", "mutate"])
    kernel = kernels.choose(state["kernel"], state.get("threadx"),
                            paths.shown(directory / mutation_report.STATE)) if state \
        else kernels.choose(args.kernel, args.threadx)
    subject = mutation_subject.of(kernel)
    files = state["files"] if state else subject.files(args.files)  # refused before any build
    kernel.ensure_built(PRESET, jobs=args.jobs)
    build = PresetBuild(PRESET)
    found, callers, sources = generate(build, subject, files)
    if state:
        missing = [i for i in state["mutants"] if i not in found]
        if missing:
            raise GatefuzzError(f"mutant {missing[0]} of {directory} is no longer generated: "
                                f"the source changed since the run")
        chosen = state["mutants"]
    else:
        chosen = select(list(found), args.mutants, args.limit)
    if args.list:
        for mutant_id in chosen:
            mutant = found[mutant_id]
            print(mutant_id)
            print(mutant.diff(sources[mutant.file]))
        print(f"{len(chosen)} mutants of {len(files)} files")
        return 0
    if state is None:
        directory = Path(args.out).resolve() if args.out else paths.OUT_DIR / f"mutate-{clock.utc_stamp()}"
        state = mutation_report.create(directory, {
            "kernel": kernel.name, "threadx": kernel.threadx, "files": files, "mutants": chosen, "time": args.time or DEFAULT_TIME,
            "fuzz_targets": args.fuzz_targets or DEFAULT_FUZZ_TARGETS, "jobs": args.jobs or cores()})
    if args.jobs:
        state["jobs"] = args.jobs
    return run(directory, state, build, subject, found, callers, sources)


def check_flags(args):
    if args.resume:
        fixed = [f"--{name.replace('_', '-')}" for name in ("files", "mutants", "limit", "out", "time",
                                                           "fuzz_targets", "kernel", "threadx")
                 if getattr(args, name)]
        if fixed:
            raise GatefuzzError(f"{', '.join(fixed)} cannot change on --resume (only --jobs)")
    if args.list:
        running = [f"--{name.replace('_', '-')}" for name in ("out", "time", "fuzz_targets", "resume")
                   if getattr(args, name)]
        if running:
            raise GatefuzzError(f"--list runs nothing: {', '.join(running)} would be ignored")


def generate(build, subject, files):
    """({id: mutant}, {file: call graph}, {file: content}) of every file."""
    found, callers, sources = {}, {}, {}
    for file in files:
        path = subject.path(file)
        sources[file] = path.read_bytes()
        unit = build.unit_of(path)
        file_mutants, callers[file] = mutants.generate(path, file, build.parse_flags(unit), unit)
        found.update((m.id, m) for m in file_mutants)
    return found, callers, sources


def select(ids, patterns, limit):
    chosen = matching(ids, patterns, "mutant") if patterns else ids
    return mutation.spread(chosen, limit) if limit else chosen


def run(directory, state, build, subject, found, callers, sources):
    coverage = reach_of(directory, state, subject)
    todo = [i for i in state["mutants"] if i not in state["results"]]
    print(f"mutation run {paths.shown(directory)}: {len(todo)} of {len(state['mutants'])} mutants to judge, "
          f"{state['time']} s each on {state['jobs']} jobs, ~{clock.duration(len(todo) * state['time'] / state['jobs'])}"
          " of fuzzing")
    supervisor = Supervisor(None, state["jobs"])
    correct = mutation.CorrectKernel()
    record = threading.Lock()
    supervisor.install_signal_handlers()
    state["rounds"].append({"started": clock.utc_now(), "ended": None})

    def judge(mutant_id):
        if supervisor.stop.is_set():
            return
        mutant = found[mutant_id]
        direct, through = reach.targets_reaching(coverage, paths.shown(subject.path(mutant.file)),
                                                 mutant.function, callers[mutant.file])
        chosen = mutation.fuzz_targets(mutant_id, direct, through, state["fuzz_targets"], subject.fallback)
        result = mutation.assess(mutant, sources[mutant.file], subject, build, directory, supervisor, correct,
                                 direct + through, chosen, state["time"])
        if result is None:
            return
        with record:  # one thread at a time changes and writes the record
            state["results"][mutant_id] = result
            mutation_report.save(directory, state)
            summary = state["summary"]
            print(f"[{summary['judged']}/{summary['mutants']}] {mutant_id}: {mutation.describe(result)}")

    with ThreadPoolExecutor(max_workers=state["jobs"]) as pool:
        for future in [pool.submit(judge, i) for i in todo]:
            future.result()
    interrupted = supervisor.stop.is_set()
    shutil.rmtree(MUTANTS_DIR / directory.name, ignore_errors=True)  # empty: each mutant's build went with it
    state["rounds"][-1].update(ended=clock.utc_now(), interrupted=interrupted)
    mutation_report.write(directory, state, interrupted)
    summary = state["summary"]
    print(f"mutation score {mutation_report.score_text(summary)}: {summary['killed']} killed, "
          f"{summary['survived']} survived, {summary['invalid']} invalid, "
          f"{summary['equivalent']} equivalent; "
          f"{paths.shown(directory / mutation_report.REPORT)}")
    return 130 if interrupted else 0


def reach_of(directory, state, subject):
    """Which targets the seeds reach, measured once per run (reach.json).
    The correct kernel may give a BUG on its own seeds (ThreadX's known
    bugs): such an input kills no mutant (mutation.py), but on the built-in
    kernel it is a false positive of the oracle, which the run refuses."""
    saved = directory / "reach.json"
    if saved.exists():
        return json.loads(saved.read_text())
    targets = subject.targets(PRESET)
    print(f"measuring which of {len(targets)} targets reach which function (their seeds' coverage)")
    coverage = reach.measure(PRESET, targets, state["jobs"])
    dirty = [t for t, entry in coverage.items() if not entry["clean"]]
    if dirty and subject.kernel.name == kernels.BUILTIN:
        raise GatefuzzError(f"the correct kernel fails its own seeds on {', '.join(dirty)}: "
                            f"a false positive (./gatefuzz replay --preset {PRESET})")
    saved.write_text(json.dumps(coverage) + "\n")
    return coverage

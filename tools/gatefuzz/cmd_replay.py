"""gatefuzz replay: every seed must give no BUG, every reproducer its expected verdict."""
import sys
from collections import defaultdict
from pathlib import Path

from . import bugs, corpus, cortex_m, deps, kernels, paths, replayer, threadx_cm3
from .errors import GatefuzzError

HELP = "replay seeds and regression reproducers with a build"
DESCRIPTION = """Replays each seed directory corpus/<target>/ with its target (no seed may
give a BUG) and each reproducer directory (input + expect, as in
corpus/regressions/<title>/ or a campaign's triage/<slug>/) against its expect
(for a seeded bug's reproducer, bug=<id>, the clean build must give clean=).
A directory named after a target is a seed directory; a directory of
directories is searched for both, passing over the other kernel's: the
targets of --kernel threadx are fuzz_threadx_*, their seeds
corpus/fuzz_threadx_*/ and their reproducers corpus/regressions/threadx-*/
(the seeds of ThreadX's Cortex-M3 port, corpus/fuzz_threadx_cm3_sequence/,
replay with --target cortex-m3).
Exit 0 when everything holds, 1 when a seed gave a BUG or a reproducer
another verdict, 2 when something could not be replayed."""


def add_parser(subparsers):
    parser = subparsers.add_parser("replay", help=HELP, description=DESCRIPTION)
    parser.add_argument("--preset", choices=("replay", "libfuzzer"), default="replay",
                        help="the build to replay with (default: replay)")
    parser.add_argument("--target", choices=("host",) + cortex_m.BOARDS, default="host",
                        help="where to replay: the host build (default) or a Cortex-M "
                             "board under QEMU (seed directories only)")
    parser.add_argument("--differential", action="store_true",
                        help="with --kernel threadx --target cortex-m3: the host port's ThreadX "
                             "seeds and reproducers on the port, the same verdicts or a listed "
                             "reason (docs/threadx.md)")
    parser.add_argument("paths", nargs="*", metavar="DIR|FILE",
                        help="what to replay (default: the kernel's part of corpus/)")
    kernels.add_options(parser, "the kernel whose targets replay")
    parser.set_defaults(func=main)
    return parser


class Plan:
    """What to replay with a kernel's targets: seed files per target,
    reproducer directories, and the entries found that are not inputs."""

    def __init__(self, kernel, preset, build_dir=None):
        """`build_dir`: the build whose target list counts (default: the preset's)."""
        self.kernel = kernel
        self.listing = paths.target_listing(preset, kernel.name, build_dir).name
        self.targets = set(paths.target_names(preset, kernel.name, build_dir))
        self.seeds = defaultdict(list)
        self.reproducers = []
        self.problems = []

    def add(self, path, found=False):
        """Adds `path`; `found`: in a collection, where the other kernel's seed
        directories and reproducers are passed over."""
        if path.is_dir():
            self._add_directory(path, found)
        elif path.is_file():
            self._add_file(path)
        else:
            self.problems.append((str(path), "not a regular file"))

    def _add_directory(self, path, found):
        if corpus.is_reproducer(path):
            if not found or self.kernel.owns(reproducer_target(path)):
                self.reproducers.append(path)
        elif path.name in self.targets:
            files, problems = corpus.inputs(path)
            self.seeds[path.name] += files
            self.problems += problems
        elif path.name == "regressions" or any(entry.is_dir() for entry in path.iterdir()):
            # a collection (corpus/, corpus/regressions/, a campaign's corpus/):
            # its directories are looked at, its files (a README) are not
            for entry in sorted(path.iterdir()):
                if entry.is_dir():
                    self.add(entry, found=True)
        elif found and path.name == threadx_cm3.TARGET:
            pass  # the Cortex-M3 port's own target: `--target cortex-m3` replays it
        elif any(path.iterdir()) and (not found or self.kernel.owns(path.name)):
            # inputs, but for which target?
            self.problems.append((str(path), f"not named after a target ({self.listing}) "
                                  "and not a reproducer (no expect)"))

    def _add_file(self, path):
        if corpus.is_reproducer(path.parent):
            self.reproducers.append(path.parent)
        elif path.parent.name in self.targets:
            self.seeds[path.parent.name].append(str(path))
        else:
            raise GatefuzzError(f"cannot tell which target {path} is for: put it in a "
                                "directory named after the target")


def reproducer_target(directory):
    """The target a reproducer's expect names, "" when it cannot be read
    (checking the reproducer then says why)."""
    try:
        return corpus.read_expect(directory).get("target", "")
    except GatefuzzError:
        return ""


def main(args):
    given = [Path(p) for p in args.paths] or [paths.CORPUS_DIR]
    for path in given:
        if not path.exists():
            raise GatefuzzError(f"no such file or directory: {path}")
    if args.differential and (args.kernel != kernels.THREADX or args.target == "host" or args.paths):
        raise GatefuzzError("--differential goes with --kernel threadx --target cortex-m3 and "
                            "replays the whole ThreadX corpus (no DIR|FILE)")
    if args.target != "host" and args.kernel == kernels.THREADX:
        threadx_cm3.check_board(args.target)
        kernel = kernels.choose(args.kernel, args.threadx)
        if args.differential:
            return threadx_cm3.differential(kernel)
        return threadx_cm3.replay(kernel, [Path(p) for p in args.paths])
    if args.target != "host":
        kernels.builtin_only(args, "--target cortex-m3|cortex-m33")
        return cortex_m.replay(args.target, given)
    deps.ensure(["core"])
    kernel = kernels.choose(args.kernel, args.threadx)
    kernel.ensure_built(args.preset)
    plan = Plan(kernel, args.preset)
    for path in given:
        plan.add(path)
    if not plan.seeds and not plan.reproducers and not plan.problems:
        print(f"nothing to replay in {', '.join(paths.shown(p) for p in given)}")
        return 0

    print(f"replaying with build/{args.preset}/harnesses/ ({kernel.name} kernel)")
    failures = replay_seeds(plan, args.preset) + replay_reproducers(plan, args.preset)
    for path, reason in plan.problems:
        print(f"error: {paths.shown(path)}: {reason}", file=sys.stderr)
    inputs = sum(len(files) for files in plan.seeds.values())
    print(f"replay: {inputs} seed inputs, {len(plan.reproducers)} reproducers: "
          f"{failures} failed, {len(plan.problems)} errors")
    return 1 if failures else 2 if plan.problems else 0


def describe(counts):
    shown = [f"{v} {counts[v]}" for v in (*replayer.VERDICTS, "BUG") if counts[v]]
    return ", ".join(shown) or "no verdict counts (the build wrote no GATEFUZZ_STATS)"


def replay_seeds(plan, preset):
    """Replays the seed directories; returns how many seeds gave a BUG."""
    failures = 0
    width = max((len(t) for t in plan.seeds), default=0)
    for target in sorted(plan.seeds):
        result = replayer.runner_for(preset, target).replay(plan.seeds[target])
        found = [o for o in result.outcomes if o.verdict == "BUG"]
        mark = "  FAILED" if found else ""
        print(f"{target:<{width}}  {len(plan.seeds[target]):4d} inputs  {describe(result.counts)}{mark}")
        for outcome in found:
            print(f"  {paths.shown(outcome.path)}: BUG {outcome.detail} (a seed must not give a BUG)")
        plan.problems += [(o.path, o.detail) for o in result.outcomes if o.verdict == "ERROR"]
        failures += len(found)
    return failures


def replay_reproducers(plan, preset):
    """Replays each reproducer against its expect; returns how many differ."""
    failures = 0
    for directory in plan.reproducers:
        try:
            failures += not check_reproducer(directory, plan.targets, preset)
        except GatefuzzError as problem:
            plan.problems.append((str(directory), str(problem)))
    return failures


def check_reproducer(directory, targets, preset):
    """Prints how the reproducer replays; True when it gives its expected verdict."""
    expect = corpus.read_expect(directory)
    wanted = corpus.clean_verdict(expect)
    target = expect.get("target", "")
    if target not in targets:
        raise GatefuzzError(f"expect names an unknown target '{target}'")
    if not (directory / "input").is_file():
        raise GatefuzzError("input is missing or not a regular file")
    outcome = replayer.runner_for(preset, target).replay([directory / "input"]).outcomes[0]
    if outcome.verdict == "ERROR":
        raise GatefuzzError(outcome.detail)
    if outcome.verdict == replayer.PASS:
        raise GatefuzzError("the build reported no verdict (it wrote no GATEFUZZ_STATS)")
    got = f"BUG {outcome.detail}" if outcome.verdict == "BUG" else outcome.verdict
    note = f" (clean build; bug={expect['bug']} is checked by the seeded tests)" if "bug" in expect else ""
    same = bugs.matches(got, wanted)
    result = "as expected" if same else f"expected {wanted}  FAILED"
    print(f"reproducer {paths.shown(directory)}: {got} {result}{note}")
    return same

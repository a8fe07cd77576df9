"""gatefuzz test: builds the presets, runs their ctest suites and sums them
up in one closing line, `N passed, N failed[, N skipped]`."""
import json
import re
import subprocess
import xml.etree.ElementTree as ElementTree
from collections import Counter

from . import build, deps, kernels, paths, threadx_tree
from .argtypes import cores, positive_int
from .clock import Stopwatch, duration
from .errors import GatefuzzError

PRESETS = ("replay", "libfuzzer", "afl")
# ctest labels whose tests need more than the core packages
LABEL_FEATURES = {"pkey": "pkey-qemu", "cortex-m": "cortex-m", "windows": "windows",
                  "report-check": "report-check", "mutate": "mutate"}
THREADX_LABEL = "threadx"  # the tests of the ThreadX kernel, skipped by a build without a tree
HELP = "build every preset and run its tests"
DESCRIPTION = """Builds the presets (replay, libfuzzer, afl: whatever is missing) and runs
`ctest --preset P` for each, installing what the selected tests' labels need
(pkey: pkey-qemu, cortex-m, windows). Prints the time of each phase, a summary
table and, last, `N passed, N failed` summed over all ctest runs (a failed
build counts as one failure). Exit 0 only when nothing failed. With a ThreadX
tree (--threadx or GATEFUZZ_THREADX) every preset is configured with it and
the tests labelled threadx run; without one they are skipped, and counted
on the line before the last."""


def add_parser(subparsers):
    parser = subparsers.add_parser("test", help=HELP, description=DESCRIPTION)
    parser.add_argument("--preset", action="append", choices=PRESETS,
                        help="a preset to build and test (repeatable; default: all three)")
    parser.add_argument("-L", "--label", action="append", metavar="REGEX",
                        help="only tests with a matching ctest label (repeatable, or comma-separated)")
    parser.add_argument("--jobs", type=positive_int, metavar="N", help="parallel build and test jobs (default: nproc)")
    kernels.add_options(parser, "threadx: fail without a ThreadX tree rather than skip its tests",
                        "the ThreadX tree every preset is configured with, so that the tests labelled "
                        "threadx run: a directory or a .tar.gz/.tgz/.tar "
                        f"(default: ${threadx_tree.ENV}; without one they are skipped)")
    parser.set_defaults(func=main)
    return parser


def main(args):
    presets = list(dict.fromkeys(args.preset or PRESETS))
    labels = [l for item in args.label or [] for l in item.split(",") if l]
    jobs = args.jobs or cores()
    # a preset keeps the tree it was configured with unless another is known
    tree = kernels.required_tree(args.threadx) if args.kernel == kernels.THREADX \
        else threadx_tree.find(args.threadx)
    deps.ensure(["core"])
    total = Counter()
    rows = []
    everything = Stopwatch()
    for preset in presets:
        watch = Stopwatch()
        try:
            build.ensure_built(preset, jobs, quiet=False, threadx=tree.root if tree else None)
        except GatefuzzError as failure:
            print(f"gatefuzz test: {failure}")
            rows.append((f"build {preset}", "FAILED", watch.elapsed()))
            total["failed"] += 1
            continue
        rows.append((f"build {preset}", "ok", watch.elapsed()))
        watch = Stopwatch()
        deps.ensure(features_for(preset, labels))
        counts = run_ctest(preset, labels, jobs)
        total.update(counts)
        rows.append((f"ctest {preset}", describe(counts), watch.elapsed()))
        print(f"ctest {preset}: {describe(counts)} ({duration(watch.elapsed())})")
    rows.append(("total", "", everything.elapsed()))
    print()
    for phase, result, seconds in rows:
        print(f"{phase:<18}{result:<40}{duration(seconds):>8}")
    if total["skipped_threadx"] and not tree:
        print(f"skipped: {total['skipped_threadx']} threadx tests: no ThreadX tree "
              f"(set {threadx_tree.ENV} or --threadx)")
    print(describe(total))
    return 1 if total["failed"] else 0


def describe(counts):
    line = f"{counts['passed']} passed, {counts['failed']} failed"
    return line + (f", {counts['skipped']} skipped" if counts["skipped"] else "")


def features_for(preset, labels):
    """The features the preset's selected tests need, from the labels they carry."""
    listing = subprocess.run(["ctest", "--preset", preset, "--print-labels"], cwd=paths.SOURCE_DIR,
                             capture_output=True, text=True).stdout
    present = [l.strip() for l in listing.split("All Labels:", 1)[-1].splitlines()[1:] if l.strip()] \
        if "All Labels:" in listing else []
    selected = [l for l in present if not labels or any(re.search(p, l) for p in labels)]
    return sorted({LABEL_FEATURES[l] for l in selected if l in LABEL_FEATURES})


def run_ctest(preset, labels, jobs):
    """Runs one preset's tests; counts come from ctest's JUnit file, with
    `skipped_threadx`: how many of the skipped tests are labelled threadx."""
    junit = paths.build_dir(preset) / "gatefuzz-ctest.xml"
    junit.unlink(missing_ok=True)
    command = ["ctest", "--preset", preset, "--output-on-failure", "-j", str(jobs),
               "--output-junit", str(junit)]
    if labels:
        command += ["-L", "|".join(labels)]
    status = subprocess.run(command, cwd=paths.SOURCE_DIR).returncode
    counts = Counter()
    skipped = set()
    try:
        for case in ElementTree.parse(junit).getroot().iter("testcase"):
            state = case.get("status")
            outcome = "passed" if state == "run" else "failed" if state == "fail" else "skipped"
            counts[outcome] += 1
            if outcome == "skipped":
                skipped.add(case.get("name"))
    except (OSError, ElementTree.ParseError):
        print(f"gatefuzz test: ctest {preset} wrote no results (exit {status})")
        counts["failed"] += 1
        return counts
    if status != 0 and not counts["failed"]:
        print(f"gatefuzz test: ctest {preset} exited {status} with no failed test")
        counts["failed"] += 1
    if skipped:
        counts["skipped_threadx"] = len(skipped & tests_labelled(preset, THREADX_LABEL))
    return counts


def tests_labelled(preset, label):
    """The names of the preset's tests that carry `label` (the JUnit file
    does not record labels)."""
    listing = subprocess.run(["ctest", "--preset", preset, "-N", "-L", f"^{re.escape(label)}$",
                              "--show-only=json-v1"], cwd=paths.SOURCE_DIR, capture_output=True, text=True)
    try:
        return {test["name"] for test in json.loads(listing.stdout)["tests"]}
    except (ValueError, KeyError):
        return set()

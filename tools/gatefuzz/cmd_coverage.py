"""gatefuzz coverage: the built-in kernel's lines and branches a set of inputs reaches."""
import json
import tempfile
from pathlib import Path

from . import corpus, coverage, coverage_tables, deps, kernels, paths
from .cmd_replay import Plan
from .errors import GatefuzzError

HELP = "which kernel lines and branches the seeds (or any corpora) reach"
DESCRIPTION = f"""Replays seeds, corpora and reproducers (as gatefuzz replay finds them:
directories named after targets, reproducer directories, collections of
either; default corpus/) with the {coverage.PRESET} build, clang source-based
coverage of the built-in kernel only, and prints per file of kernel/svc_*.c,
validate.c, objects.c and dispatch.c the lines and branches reached and the
code never reached. --build names another such build (another checkout's
build/{coverage.PRESET}, to compare). A campaign measures its final corpora
the same way (gatefuzz run). Exit 0, or 2 when nothing could be measured."""


def add_parser(subparsers):
    parser = subparsers.add_parser("coverage", help=HELP, description=DESCRIPTION)
    parser.add_argument("paths", nargs="*", metavar="DIR|FILE",
                        help="what to replay (default: the built-in kernel's part of corpus/)")
    parser.add_argument("--build", metavar="DIR",
                        help=f"a {coverage.PRESET} build directory (default: build/{coverage.PRESET}, "
                             "built when needed); its source tree is the one measured")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.set_defaults(func=main)
    return parser


def main(args):
    given = [Path(p) for p in args.paths] or [paths.CORPUS_DIR]
    for path in given:
        if not path.exists():
            raise GatefuzzError(f"no such file or directory: {path}")
    deps.ensure(["core"])
    build_dir = Path(args.build) if args.build else paths.build_dir(coverage.PRESET)
    if not args.build:
        kernels.Kernel(kernels.BUILTIN).ensure_built(coverage.PRESET)
    plan = Plan(kernels.Kernel(kernels.BUILTIN), coverage.PRESET, build_dir)
    for path in given:
        plan.add(path)
    corpora = {target: list(files) for target, files in plan.seeds.items()}
    for directory in plan.reproducers:
        corpora.setdefault(corpus.read_expect(directory)["target"], []).append(directory / "input")
    with tempfile.TemporaryDirectory(prefix="gatefuzz-coverage-") as scratch:
        result = coverage.measure(corpora, scratch, build_dir, source_of(build_dir))
    print(coverage_tables.markdown(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n")
    return 0


def source_of(build_dir):
    """The source tree a build was configured from (its CMakeCache.txt)."""
    for line in (build_dir / "CMakeCache.txt").read_text(errors="replace").splitlines():
        if line.startswith("CMAKE_HOME_DIRECTORY:"):
            return Path(line.split("=", 1)[1])
    raise GatefuzzError(f"{build_dir} is no configured build (no CMAKE_HOME_DIRECTORY in its cache)")

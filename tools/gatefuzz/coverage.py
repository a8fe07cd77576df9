"""Kernel coverage (.cov.source): which lines and branches of the built-in
kernel's implementations, validation, object pool and dispatch a set of
inputs reaches, so that the paths no input reaches show.

The inputs are replayed by the `coverage` build (clang source-based
coverage, only the kernel compiled with counters; the targets otherwise
the replay build's), one process per target writing one raw profile; then
llvm-profdata merges them and llvm-cov says, per line and per branch, how
often each ran. Nothing of this runs while fuzzing: a campaign measures its
final corpora after triage, `gatefuzz coverage` any seeds or corpora."""
import os
import re
import subprocess
from pathlib import Path

from . import paths
from .coverage_tables import parse
from .errors import GatefuzzError

PRESET = "coverage"
PROFDATA, COV = "llvm-profdata-14", "llvm-cov-14"  # clang-14's profile format (package llvm-14)
# The files measured: the implementations and what stands between them and a module.
FILES = re.compile(r"kernel/(svc_[a-z_]+|validate|objects|dispatch)\.c$")
REPLAY_TIMEOUT = 600  # seconds per target: a corpus of thousands of inputs replays in seconds


def source_files(source_dir=None):
    """The measured files of a source tree, sorted."""
    root = Path(source_dir or paths.SOURCE_DIR)
    return sorted(p for p in (root / "kernel").glob("*.c") if FILES.search(p.as_posix()))


def measure(corpora, scratch, build_dir=None, source_dir=None):
    """Replays `corpora` ({target: [file or directory, ...]}) with the coverage
    build in `build_dir` (default build/coverage) and returns the coverage of
    the measured files of `source_dir` (default the source tree): see parse().
    `scratch` holds the raw profiles."""
    build_dir = Path(build_dir or paths.build_dir(PRESET))
    scratch = Path(scratch)
    scratch.mkdir(parents=True, exist_ok=True)
    programs = []
    for target, inputs in sorted(corpora.items()):
        program = build_dir / "harnesses" / target
        if not inputs:
            continue
        if not program.exists():
            raise GatefuzzError(f"{paths.shown(program)} is missing: build the {PRESET} preset")
        env = dict(os.environ, LLVM_PROFILE_FILE=str(scratch / f"{target}-%p.profraw"))
        env.setdefault("GATEFUZZ_BACKEND", "mprotect")
        subprocess.run([str(program), *map(str, inputs)], env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=REPLAY_TIMEOUT)
        programs.append(program)
    raws = sorted(scratch.glob("*.profraw"))
    if not raws:
        raise GatefuzzError("no input was replayed: nothing to measure")
    merged = scratch / "merged.profdata"
    tool([PROFDATA, "merge", "-sparse", "-o", str(merged), *map(str, raws)])
    objects = [str(programs[0])] + [arg for p in programs[1:] for arg in ("-object", str(p))]
    files = source_files(source_dir)
    shown = tool([COV, "show", "-instr-profile", str(merged), "-show-branches=count",
                  "-show-line-counts", "-use-color=false", *objects, *map(str, files)])
    result = parse(shown, files, Path(source_dir or paths.SOURCE_DIR))
    result.update(targets=len(programs), inputs=sum(count_inputs(i) for i in corpora.values()))
    return result


def of_campaign(campaign, kernel, board):
    """The coverage of a campaign's final corpora, or {"skipped": why}: the
    built-in kernel's host campaigns only (the coverage build is the
    built-in kernel's), and not when the build or a tool fails. Builds the
    coverage preset's targets first, a build's CPU time (phase "build",
    apart)."""
    if board or kernel.name != "builtin":
        return {"skipped": "measured for the built-in kernel on the host only"}
    corpora = {t: [campaign.corpus_dir(t)] for t in campaign.targets
               if campaign.corpus_dir(t).is_dir() and any(campaign.corpus_dir(t).iterdir())}
    if not corpora:
        return {"skipped": "no target kept a corpus"}
    try:
        kernel.ensure_built(PRESET, targets=sorted(corpora))
        campaign.end_phase("build")
        return measure(corpora, campaign.dir / "coverage")
    except GatefuzzError as problem:  # the campaign stands without it: the report says why
        return {"skipped": str(problem)}


def tool(command):
    try:
        done = subprocess.run(command, capture_output=True, text=True)
    except FileNotFoundError:
        raise GatefuzzError(f"{command[0]} is missing (Debian package llvm-14: ./gatefuzz deps --install core)")
    if done.returncode != 0:
        raise GatefuzzError(f"{' '.join(command[:2])} failed: {done.stderr.strip()[-300:]}")
    return done.stdout


def count_inputs(inputs):
    return sum(sum(1 for f in Path(i).iterdir() if f.is_file()) if Path(i).is_dir() else 1
               for i in inputs)

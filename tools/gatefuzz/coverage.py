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
from .errors import GatefuzzError

PRESET = "coverage"
PROFDATA, COV = "llvm-profdata-14", "llvm-cov-14"  # clang-14's profile format (package llvm-14)
# The files measured: the implementations and what stands between them and a module.
FILES = re.compile(r"kernel/(svc_[a-z_]+|validate|objects|dispatch)\.c$")
SEEDED_NOTE = "a seeded bug's path: compiled out of the correct kernel"
REPLAY_TIMEOUT = 600  # seconds per target: a corpus of thousands of inputs replays in seconds
LINE = re.compile(r"^\s*(\d+)\|\s*([0-9.]+[kMG]?|)\|(.*)$")
BRANCH = re.compile(r"^\s*\|?\s*Branch \((\d+):\d+\): \[True: ([0-9.]+[kMG]?), False: ([0-9.]+[kMG]?)\]")


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


def parse(text, files, root):
    """llvm-cov show's text → {"files": [{"file", "lines": [reached, total],
    "branches": [taken, total] (each direction of a condition counted),
    "unreached": [{"lines": "a-b", "source"}] (runs of code lines never run,
    the comment and blank lines between them joined), "never_taken":
    [{"line", "direction", "source"}] (a direction of a reached condition
    never taken)}], "lines": [..], "branches": [..]} for `files`, in order."""
    wanted = {str(Path(f).resolve()): f for f in files}
    per_file, current = {}, None
    if len(wanted) == 1:  # llvm-cov names a file only when it shows several
        current = per_file.setdefault(next(iter(wanted)), {"lines": {}, "branches": []})
    for raw in text.splitlines():
        header = raw.rstrip(":")
        if raw.endswith(":") and str(Path(header).resolve()) in wanted:
            current = per_file.setdefault(str(Path(header).resolve()), {"lines": {}, "branches": []})
            continue
        if current is None:
            continue
        line = LINE.match(raw)
        if line:
            current["lines"][int(line.group(1))] = (line.group(2), line.group(3))
            continue
        branch = BRANCH.match(raw)
        if branch:
            current["branches"].append((int(branch.group(1)), branch.group(2), branch.group(3)))
    out = []
    for resolved, original in wanted.items():
        data = per_file.get(resolved, {"lines": {}, "branches": []})
        out.append(file_summary(Path(original).resolve().relative_to(root.resolve()).as_posix(), data))
    return {"files": out,
            "lines": [sum(f["lines"][0] for f in out), sum(f["lines"][1] for f in out)],
            "branches": [sum(f["branches"][0] for f in out), sum(f["branches"][1] for f in out)]}


def file_summary(name, data):
    lines = data["lines"]
    code = {n: count for n, (count, _) in lines.items() if count != ""}
    unreached, run = [], None
    for n in sorted(lines):
        count, source = lines[n]
        if count == "0":
            if run and all(lines[k][0] == "" for k in range(run[1] + 1, n)):
                run[1] = n
            else:
                run = [n, n]
                unreached.append(run)
    branches = data["branches"]
    never = [{"line": n, "direction": direction, "source": lines.get(n, ("", ""))[1].strip()}
             for n, true, false in branches if true != "0" or false != "0"
             for direction, count in (("true", true), ("false", false)) if count == "0"]
    return {"file": name,
            "lines": [sum(c != "0" for c in code.values()), len(code)],
            "branches": [sum((t != "0") + (f != "0") for _, t, f in branches), 2 * len(branches)],
            "unreached": [{"lines": f"{a}" if a == b else f"{a}-{b}", "source": lines[a][1].strip(),
                           "seeded": under_seeded_bug(lines, a)}
                          for a, b in unreached],
            "never_taken": never}


def under_seeded_bug(lines, first):
    """Whether the code from line `first` on is what a seeded bug's condition
    guards (kernel/bugs.h): the statement just above it, read back to where
    the one before ends, says GF_SEEDED. The correct kernel compiles such a
    condition to false, so no input reaches that code there."""
    for n in range(first - 1, max(first - 6, 0), -1):
        text = lines.get(n, ("", ""))[1].strip()
        if text.endswith((";", "}", ":")):
            return False
        if "GF_SEEDED(" in text:
            return True
    return False


def percent(pair):
    reached, total = pair
    return f"{reached}/{total} ({reached / total:.0%})" if total else "0/0"


def tables(result):
    """[(heading, columns, rows)] of a coverage result, as the report renders them."""
    files = [(f["file"], percent(f["lines"]), percent(f["branches"]),
              ", ".join(u["lines"] for u in f["unreached"]) or "—")
             for f in result["files"]]
    files.append(("all", percent(result["lines"]), percent(result["branches"]), ""))
    code = [(f["file"], u["lines"], u["source"], SEEDED_NOTE if u["seeded"] else "")
            for f in result["files"] for u in f["unreached"]]
    code += [(f["file"], f"{b['line']} ({b['direction']} never)", b["source"], "")
             for f in result["files"] for b in f["never_taken"]]
    return [("Kernel coverage", ("file", "lines reached", "branches taken", "lines never reached"), files),
            ("Kernel code never reached", ("file", "lines", "code (first line)", "note"), code)]


def markdown(result):
    out = [f"{result['inputs']} inputs of {result['targets']} targets replayed by the {PRESET} build.", ""]
    for heading, columns, rows in tables(result):
        out += [f"## {heading}", "", "| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        out += ["| " + " | ".join(str(v).replace("|", "\\|") for v in row) + " |" for row in rows]
        out.append("")
    return "\n".join(out)

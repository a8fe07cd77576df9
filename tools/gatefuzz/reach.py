"""Which fuzz targets reach which kernel function, from the coverage of
their seeds: each target of the correct build runs its seeds once with
libFuzzer's -print_coverage=1, which lists each function it covered
(COVERED_FUNC) with its file. A mutant is fuzzed on the
targets whose seeds reach its function or one of the function's callers
in the same file (the mutant generator's call graph): a function the
compiler inlined has no coverage of its own where it was inlined."""
import re
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import corpus, paths

FUNCTION_LINE = re.compile(r"^COVERED_FUNC: .* (\S+) (/\S+):\d+$")
TIMEOUT = 300  # seconds for one target's seeds


def measure(preset, targets, jobs):
    """{target: {"covered": ["file:function", ...], "clean": bool}}:
    `clean` is False when the correct build gave a BUG on one of its own
    seeds. libFuzzer prints coverage only when it ends without a crash (and
    only for a corpus directory, not for files given one by one), so each
    seed it crashed on (its crash artifact holds the seed's bytes) is left
    out of a directory of links to the others, which runs again: ThreadX
    has known bugs that some seeds show, and the other seeds of the target
    must still count."""
    def one(target):
        seeds = corpus.inputs(paths.CORPUS_DIR / target)[0] if (paths.CORPUS_DIR / target).is_dir() else []
        clean = True
        with tempfile.TemporaryDirectory(prefix="gatefuzz-reach-") as scratch:
            kept, artifacts = Path(scratch) / "seeds", Path(scratch) / "artifacts"
            kept.mkdir()
            artifacts.mkdir()
            for seed in seeds:
                (kept / Path(seed).name).symlink_to(Path(seed).resolve())
            while True:
                result = subprocess.run([str(paths.harness(preset, target)), "-runs=0", "-print_coverage=1",
                                         f"-artifact_prefix={artifacts}/", str(kept)],
                                        capture_output=True, text=True, errors="replace", timeout=TIMEOUT)
                crashed = {a.read_bytes() for a in artifacts.iterdir()}
                culprits = [f for f in kept.iterdir() if f.read_bytes() in crashed]
                if result.returncode == 0 or not culprits:
                    break
                clean = False
                for culprit in culprits:
                    culprit.unlink()
                for artifact in artifacts.iterdir():
                    artifact.unlink()
        covered = {function_key(match.group(2), match.group(1))
                   for match in map(FUNCTION_LINE.match, result.stderr.splitlines()) if match}
        return target, {"covered": sorted(covered), "clean": clean and result.returncode == 0}

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return dict(pool.map(one, targets))


def function_key(path, function):
    return f"{paths.shown(path)}:{function}"


def targets_reaching(reach, file, function, callers):
    """(the targets whose seeds cover `function` of `file` (shown path), the
    others whose seeds cover one of its callers in the file, transitively),
    each sorted. The callers count even when the function has coverage of
    its own: a static function may be inlined into some callers and kept
    out of line for others, and the out-of-line copy then misses most of
    its runs."""
    def covering(name):
        return {t for t, entry in reach.items() if f"{file}:{name}" in entry["covered"]}

    direct, through, todo, seen = covering(function), set(), sorted(callers.get(function, ())), {function}
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        through |= covering(name)
        todo += sorted(callers.get(name, ()))
    return sorted(direct), sorted(through - direct)

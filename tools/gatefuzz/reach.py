"""Which fuzz targets reach which kernel function, from the coverage of
their seeds: each target of the correct build runs its seeds once with
libFuzzer's -print_coverage=1, which lists each function it covered
(COVERED_FUNC) with its file. A mutant is fuzzed on the
targets whose seeds reach its function or one of the function's callers
in the same file (the mutant generator's call graph): a function the
compiler inlined has no coverage of its own where it was inlined."""
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor

from . import paths

FUNCTION_LINE = re.compile(r"^COVERED_FUNC: .* (\S+) (/\S+):\d+$")
TIMEOUT = 300  # seconds for one target's seeds


def measure(preset, targets, jobs):
    """{target: {"covered": ["file:function", ...], "clean": bool}}:
    `clean` is False when the correct build failed on one of its own seeds."""
    def one(target):
        seeds = paths.CORPUS_DIR / target
        command = [str(paths.harness(preset, target)), "-runs=0", "-print_coverage=1"]
        if seeds.is_dir():
            command.append(str(seeds))
        result = subprocess.run(command, capture_output=True, text=True, errors="replace",
                                timeout=TIMEOUT)
        covered = {function_key(match.group(2), match.group(1))
                   for match in map(FUNCTION_LINE.match, result.stderr.splitlines()) if match}
        return target, {"covered": sorted(covered), "clean": result.returncode == 0}

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

"""Which fuzz targets reach which kernel function, from the coverage of
their seeds: each target of the correct build runs its seeds once with
libFuzzer's -print_coverage=1, which lists every instrumented function as
COVERED_FUNC or UNCOVERED_FUNC with its file. A mutant is fuzzed on the
targets whose seeds reach its function. A function the compiler inlined
into its callers has no entry of its own: it reaches what its callers in
the same file reach (the mutant generator's call graph)."""
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor

from . import paths

FUNCTION_LINE = re.compile(r"^(COVERED|UNCOVERED)_FUNC: .* (\S+) (/\S+):\d+$")
TIMEOUT = 300  # seconds for one target's seeds


def measure(preset, targets, jobs):
    """{target: {"covered": ["file:function", ...], "listed": [...], "clean": bool}}:
    `clean` is False when the correct build failed on one of its own seeds."""
    def one(target):
        seeds = paths.CORPUS_DIR / target
        command = [str(paths.harness(preset, target)), "-runs=0", "-print_coverage=1"]
        if seeds.is_dir():
            command.append(str(seeds))
        result = subprocess.run(command, capture_output=True, text=True, errors="replace",
                                timeout=TIMEOUT)
        covered, listed = set(), set()
        for line in result.stderr.splitlines():
            match = FUNCTION_LINE.match(line)
            if match:
                key = function_key(match.group(3), match.group(2))
                listed.add(key)
                if match.group(1) == "COVERED":
                    covered.add(key)
        return target, {"covered": sorted(covered), "listed": sorted(listed),
                        "clean": result.returncode == 0}

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return dict(pool.map(one, targets))


def function_key(path, function):
    return f"{paths.shown(path)}:{function}"


def targets_reaching(reach, file, function, callers):
    """The targets whose seeds reach `function` of `file` (shown path), sorted;
    through its callers when it has no entry of its own (inlined)."""
    listed = {key for entry in reach.values() for key in entry["listed"]}
    found, todo, seen = set(), [function], set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        key = f"{file}:{name}"
        if key in listed:
            found |= {t for t, entry in reach.items() if key in entry["covered"]}
        else:
            todo += sorted(callers.get(name, ()))
    return sorted(found)

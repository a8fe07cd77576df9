"""Builds what is missing: configure a preset the first time (no
CMakeCache.txt yet) or when it is to build ThreadX from another tree than
its cache holds (cmake --build takes no -D), then let ninja bring it up to
date, which is cheap when nothing changed."""
import subprocess
import sys

from . import paths
from .clock import Stopwatch, duration
from .errors import GatefuzzError

LOG_TAIL_LINES = 30
THREADX_VARIABLE = "GATEFUZZ_THREADX"  # the cache variable naming the ThreadX tree root


def ensure_built(preset, jobs=None, quiet=True, targets=None, threadx=None):
    """Configures and builds `preset` (only `targets`, when given), with the
    ThreadX tree root `threadx` when given (None: as configured). Quiet builds
    keep their output in build/<preset>.log and show its tail only on failure;
    the others stream it."""
    watch = Stopwatch()
    steps = []
    cache = paths.build_dir(preset) / "CMakeCache.txt"
    if not cache.exists() or (threadx and cached(cache, THREADX_VARIABLE) != str(threadx)):
        setting = [f"-D{THREADX_VARIABLE}={threadx}"] if threadx else []
        steps.append(["cmake", "--preset", preset, *setting])
    steps.append(["cmake", "--build", "--preset", preset] + (["-j", str(jobs)] if jobs else [])
                 + (["--target", *targets] if targets else []))
    log_path = paths.SOURCE_DIR / "build" / f"{preset}.log"
    if quiet:
        log_path.parent.mkdir(parents=True, exist_ok=True)
        log_path.write_text("")
    for command in steps:
        sys.stdout.flush()
        if quiet:
            with open(log_path, "a") as log:
                status = subprocess.run(command, cwd=paths.SOURCE_DIR, stdout=log,
                                        stderr=subprocess.STDOUT).returncode
        else:
            status = subprocess.run(command, cwd=paths.SOURCE_DIR).returncode
        if status != 0:
            where = ""
            if quiet:
                print("\n".join(log_path.read_text().splitlines()[-LOG_TAIL_LINES:]), file=sys.stderr)
                where = f" (log: {paths.shown(log_path)})"
            raise GatefuzzError(f"build of preset {preset} failed: {' '.join(command)}{where}")
    print(f"build {preset}: ok ({duration(watch.elapsed())})", flush=True)


def cached(cache, variable):
    """The value of `variable` in a CMakeCache.txt (lines NAME:TYPE=VALUE), None when absent."""
    for line in cache.read_text(errors="replace").splitlines():
        key, equals, value = line.partition("=")
        if equals and key.split(":", 1)[0] == variable:
            return value
    return None

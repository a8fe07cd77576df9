"""The Cortex-M targets (docs/cortex-m.md): replay and afl-fuzz campaigns run
the firmware under qemu-system-arm through the scripts in targets/cortex-m/,
which build the board's preset when it is missing. `--target cortex-m3`
is the mps2-an385 board (PMSAv7), `cortex-m33` the mps2-an505 (PMSAv8-M)."""
import subprocess
import sys

from . import deps, paths
from .errors import GatefuzzError

BOARDS = ("cortex-m3", "cortex-m33")
SCRIPTS = paths.SOURCE_DIR / "targets" / "cortex-m"


def _run(command):
    sys.stdout.flush()
    return subprocess.run([str(c) for c in command], cwd=paths.SOURCE_DIR).returncode


def replay(board, given):
    """Replays seed directories (corpus/<target>/, or collections of them)
    on the board; the same per-input lines and exit status as the host."""
    deps.ensure(["core", "cortex-m"])
    return _run([SCRIPTS / "replay", "--board", board, "--corpus"] + list(given))


def campaign(board, targets, seconds, jobs, out):
    """afl-fuzz through the bridge, one target after another, each with an
    equal share of the time; afl's own layout under out/<target>/."""
    deps.ensure(["core", "cortex-m"])
    if not targets:
        raise GatefuzzError("--target cortex-m needs --targets (e.g. fuzz_sequence)")
    share = max(10, seconds // len(targets))
    worst = 0
    for target in targets:
        seeds = paths.CORPUS_DIR / target
        if not seeds.is_dir():
            raise GatefuzzError(f"no seeds for {target} in {paths.shown(seeds)}")
        print(f"{board}: afl-fuzz on {target} for {share} s -> {paths.shown(out / target)}", flush=True)
        status = _run([SCRIPTS / "afl-campaign", "--jobs", str(jobs), board, target, share,
                       out / target, seeds])
        crashes = sorted(p for p in (out / target).glob("*/crashes/id:*"))
        print(f"{board}: {target}: {len(crashes)} crashes kept", flush=True)
        worst = max(worst, 1 if crashes else 0, 2 if status not in (0, 1) else 0)
    return worst

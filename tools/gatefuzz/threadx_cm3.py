"""ThreadX's own Cortex-M3 module port under QEMU (docs/threadx.md, "The
Cortex-M3 port under QEMU"): with `--kernel threadx --target cortex-m3`,
`replay` and `run --engine afl` take the port's target,
fuzz_threadx_cm3_sequence, on the firmware threadx/cortex-m3/ builds from
the user's tree in build/cm3-threadx (build.sh), through the same bridge and
campaign as the built-in kernel's boards; `replay --differential` replays
the host port's ThreadX corpus there (differential/run-differential). The host builds have no such
target: the firmware's own replay (threadx/cortex-m3/replay) judges and
confirms its findings."""
import subprocess
import sys
from dataclasses import dataclass

from . import cortex_m, deps, kernels, paths, replayer
from .errors import GatefuzzError

BOARD = "cortex-m3"
TARGET = "fuzz_threadx_cm3_sequence"
MAX_INPUT = 256  # 16 records of 16 bytes: the format takes 64 (fuzz_resolve.h), campaigns short ones
DIR = paths.SOURCE_DIR / "threadx" / "cortex-m3"
BUILD = paths.SOURCE_DIR / "build" / "cm3-threadx"
IMAGE = BUILD / "targets" / "cortex-m" / "threadx-cm3" / "gf-tx-fuzz-an385.elf"
SEEDS = paths.CORPUS_DIR / TARGET
KNOWN = DIR / "fuzz" / "known"  # inputs of the host port's classes: each gives a BUG
DIFFERENTIAL = DIR / "differential" / "run-differential"
DESCRIBE = "gf-tx-describe"  # the host replay build's program that describes its inputs' calls


def check_board(board):
    if board != BOARD:
        raise GatefuzzError(f"--kernel threadx runs on --target {BOARD} only (ThreadX's "
                            f"ports_module/cortex_m3 on mps2-an385), not {board}")


def ensure_built(tree):
    """The port's fuzz image and the bridge, built from `tree` (a threadx_tree.Tree)."""
    deps.ensure(["core", "cortex-m"])
    sys.stdout.flush()
    status = subprocess.run(["sh", str(DIR / "build.sh"), str(tree.root), "gf-tx-fuzz-an385",
                             "gf_afl_bridge"], cwd=paths.SOURCE_DIR, stdout=subprocess.DEVNULL).returncode
    if status != 0:
        raise GatefuzzError(f"building ThreadX's Cortex-M3 port failed: sh {paths.shown(DIR / 'build.sh')} "
                            f"{tree.root} gf-tx-fuzz-an385")


@dataclass(frozen=True)
class PortKernel(kernels.Kernel):
    """ThreadX on its Cortex-M3 port: no host build has its target, so the
    triage's confirmation by the host replay build says why it is missing
    and the port's replay confirms instead."""

    def ensure_built(self, preset, **options):
        raise GatefuzzError(f"no host build has {TARGET}: the port's replay "
                            f"({paths.shown(DIR / 'replay')}) confirms its bugs")


class PortRunner(replayer.VerdictLineRunner):
    """threadx/cortex-m3/replay: the verdict lines of the host's replay builds."""

    def _run(self, arguments, env, timeout):
        return super()._run(["--build-dir", str(BUILD), self.target, *arguments], env, timeout)


class PortAFL(cortex_m.BoardAFL):
    """afl-fuzz through the bridge on the port's fuzz image."""
    counting = ("an input that ends in a BUG ends the port's firmware unanswered (afl-fuzz's crash, "
                "no verdict: ThreadX's state has no snapshot to go on from), and an input afl-fuzz "
                "kills at its timeout has none either")

    def __init__(self, kernel):
        super().__init__(BOARD)
        self.kernel = kernel

    def check(self, targets):
        if targets != [TARGET]:
            raise GatefuzzError(f"--kernel threadx --target {BOARD} has one target: --targets {TARGET}")
        super().check(targets)
        ensure_built(self.kernel.tree)

    def campaign_options(self):
        return ["--build-dir", str(BUILD), "--image", str(IMAGE), "--max", str(MAX_INPUT)]

    def runner(self, supervisor, target):
        return PortRunner(DIR / "replay", target, supervisor.env(target))


def replay(kernel, given):
    """Replays seed files (which must give no BUG) and the known classes'
    inputs (each must give a BUG) on the port; 1 when one does not."""
    ensure_built(kernel.tree)
    given = given or [SEEDS, KNOWN]
    failures = 0
    for path in given:
        known = path.resolve() == KNOWN or KNOWN in path.resolve().parents
        files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
        outcomes = PortRunner(DIR / "replay", TARGET).replay(files).outcomes
        for outcome in outcomes:
            bug = outcome.verdict == "BUG"
            wrong = bug != known or outcome.verdict == "ERROR"
            said = f"BUG {outcome.detail}" if bug else f"{outcome.verdict} {outcome.detail}".strip()
            expected = "a BUG" if known else "no BUG"
            print(f"{paths.shown(outcome.path)}: {said}"
                  + (f"  FAILED (expected {expected})" if wrong else ""))
            failures += wrong
    print(f"replay on ThreadX's Cortex-M3 port: {failures} failed")
    return 1 if failures else 0


def differential(kernel):
    """The host port's ThreadX corpus on the port, the same verdicts or a
    reason (differential/run-differential): 1 when a difference has none."""
    kernel.ensure_built("replay", targets=[DESCRIBE])
    ensure_built(kernel.tree)
    print("the host's ThreadX seeds and reproducers on ThreadX's Cortex-M3 port", flush=True)
    return subprocess.run([sys.executable, str(DIFFERENTIAL), "--describe",
                           str(paths.build_dir("replay") / DESCRIBE), "--image", str(IMAGE)]).returncode

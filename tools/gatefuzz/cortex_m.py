"""The Cortex-M targets (docs/cortex-m.md): replay and afl-fuzz campaigns run
the firmware under qemu-system-arm through the scripts in targets/cortex-m/,
which build the board's preset when it is missing; a campaign is a
`gatefuzz run` like the host's, with the engine BoardAFL. `--target cortex-m3`
is the mps2-an385 board (PMSAv7), `cortex-m33` the mps2-an505 (PMSAv8-M)."""
import subprocess
import sys

from . import deps, paths, replayer
from .engines.afl import AFL, GRACE
from .errors import GatefuzzError

BOARDS = ("cortex-m3", "cortex-m33")
SCRIPTS = paths.SOURCE_DIR / "targets" / "cortex-m"
BUILD_GRACE = 600  # seconds: afl-campaign brings the board's image up to date first


def _run(command):
    sys.stdout.flush()
    return subprocess.run([str(c) for c in command], cwd=paths.SOURCE_DIR).returncode


def replay(board, given):
    """Replays seed directories (corpus/<target>/, or collections of them)
    on the board; the same per-input lines and exit status as the host."""
    deps.ensure(["core", "cortex-m"])
    return _run([SCRIPTS / "replay", "--board", board, "--corpus"] + list(given))


class BoardAFL(AFL):
    """AFL++ on a board: afl-fuzz through the bridge (one persistent QEMU per
    instance), started by targets/cortex-m/afl-campaign, which builds the
    board's image and the bridge first. The same campaign directory, stats
    (the bridge counts the verdicts), triage and report as on the host."""

    def __init__(self, board):
        self.board = board

    def check(self, targets):
        """Dependencies, and the seeds afl-fuzz starts from (the bridge has no
        placeholder seed: the firmware's targets take real inputs)."""
        deps.ensure(["core", "cortex-m"])
        if not targets:
            raise GatefuzzError(f"--target {self.board} needs --targets (e.g. fuzz_sequence)")
        for target in targets:
            seeds = paths.CORPUS_DIR / target
            if not seeds.is_dir():
                raise GatefuzzError(f"no seeds for {target} in {paths.shown(seeds)}")

    def _fuzz_instances(self, supervisor, target, seconds, sync, seeds):
        campaign = supervisor.campaign
        command = [str(SCRIPTS / "afl-campaign"), "--jobs", str(supervisor.jobs), *self.campaign_options(),
                   self.board, target, str(seconds), str(sync), str(seeds)]
        env = supervisor.env(target, f"bridge-run{len(campaign.runs(target))}-%p.json")
        with open(campaign.log_path(target), "a") as log, \
                supervisor.process(command, seconds + GRACE + BUILD_GRACE, env=env, cwd=paths.SOURCE_DIR,
                                   stdout=log, stderr=subprocess.STDOUT) as child:
            log.write(f"=== {' '.join(command)}\n")
            log.flush()
            if child.wait() != 0 and not supervisor.stop.is_set():
                print(f"warning: afl-fuzz on {self.board} for {target} failed (exit {child.returncode}): "
                      f"see {paths.shown(campaign.log_path(target))}")

    def campaign_options(self):
        """afl-campaign's options for the image: the board's harness image."""
        return []

    def runner(self, supervisor, target):
        return BoardRunner(SCRIPTS / "replay", target, supervisor.env(target), self.board)

    def minimise(self, supervisor, target, crash, destination):
        return False  # afl-tmin is not run through the bridge: the finding is the reproducer


class BoardRunner(replayer.VerdictLineRunner):
    """targets/cortex-m/replay: a host replay build's verdict lines, from the board."""

    def __init__(self, script, target, env, board):
        super().__init__(script, target, env)
        self.board = board

    def _run(self, arguments, env, timeout):
        return super()._run(["--board", self.board, self.target, *arguments], env, timeout)

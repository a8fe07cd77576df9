"""A campaign directory, out/<campaign>/, and its state file campaign.json:
the configuration, the rounds (the first run, then each --resume, with the
CPU time of each phase), each target's runs (fuzzing seconds, executions,
coverage) and, when time follows progress, the sharing rounds
(sharing.py): all that --resume needs to run the remaining targets and
time, of the same kernel."""
import json
import math
import os
import threading
from pathlib import Path

from . import clock, efficiency, paths
from .errors import GatefuzzError

STATE = "campaign.json"
MIN_SHARE = 1  # seconds per target: under that a fuzzer spends its time starting up
# Seconds a fuzzer takes to start and run its seeds before its fuzzing time
# counts (libFuzzer with ASan on ~200 seeds, measured: about 1 s); the
# budget is wall time, so it pays for these too.
START_UP = 1


class Campaign:
    def __init__(self, directory, state):
        self.dir = Path(directory)
        self.state = state
        self._lock = threading.Lock()

    @classmethod
    def create(cls, directory, engine, targets, total_time, jobs, backend, kernel, threadx, board=None,
               sharing="progress", seeded=None):
        """A new campaign of `kernel` (kernels.py; `threadx`: its tree as
        given, absolute, or None), on the host or on a Cortex-M `board`;
        `seeded`: the seeded bugs the built-in kernel runs with, or None."""
        directory = Path(directory)
        if (directory / STATE).exists():
            raise GatefuzzError(f"{directory} already holds a campaign: continue it with --resume {directory}")
        directory.mkdir(parents=True, exist_ok=True)
        state = {"name": directory.name, "engine": engine, "backend": backend,
                 "kernel": kernel, "threadx": threadx, "board": board, "sharing": sharing,
                 "seeded": seeded,
                 "schedule": [], "targets": targets,
                 "total_time": total_time, "jobs": jobs, "created": clock.utc_now(),
                 "rounds": [], "runs": {t: [] for t in targets}, "done": {}, "first_seen": {}}
        campaign = cls(directory, state)
        campaign.save()
        return campaign

    @classmethod
    def open(cls, directory):
        try:
            state = json.loads((Path(directory) / STATE).read_text())
        except FileNotFoundError:
            raise GatefuzzError(f"{directory} holds no campaign ({STATE} is missing)")
        return cls(directory, state)

    @staticmethod
    def latest():
        """The campaign under out/ whose state changed last."""
        found = sorted(paths.OUT_DIR.glob(f"*/{STATE}"), key=lambda p: p.stat().st_mtime)
        if not found:
            raise GatefuzzError(f"no campaign to resume in {paths.shown(paths.OUT_DIR)}/")
        return found[-1].parent

    def save(self):
        with self._lock:
            temporary = self.dir / (STATE + ".tmp")
            temporary.write_text(json.dumps(self.state, indent=1) + "\n")
            os.replace(temporary, self.dir / STATE)

    # configuration
    engine = property(lambda self: self.state["engine"])
    backend = property(lambda self: self.state["backend"])
    # campaigns from before the ThreadX kernel fuzzed the built-in one
    kernel = property(lambda self: self.state.get("kernel", "builtin"))
    threadx = property(lambda self: self.state.get("threadx"))
    board = property(lambda self: self.state.get("board"))  # None: the host
    # campaigns from before progress-driven sharing shared equally
    sharing = property(lambda self: self.state.get("sharing", "equal"))
    seeded = property(lambda self: self.state.get("seeded"))  # None: the correct kernel
    targets = property(lambda self: self.state["targets"])
    name = property(lambda self: self.state["name"])

    # layout
    def corpus_dir(self, target):
        return self.dir / "corpus" / target

    def findings_dir(self, target):
        return self.dir / "findings" / target

    def log_path(self, target):
        return self.dir / "logs" / f"{target}.log"

    def stats_dir(self, target):
        return self.dir / "stats" / target

    def plot_path(self, target):
        return self.dir / "plot" / f"{target}.tsv"

    def engine_dir(self, target):
        return self.dir / self.engine / target

    @property
    def triage_dir(self):
        return self.dir / "triage"

    def make_dirs(self):
        for target in self.targets:
            for directory in (self.corpus_dir(target), self.findings_dir(target),
                              self.log_path(target).parent, self.plot_path(target).parent):
                directory.mkdir(parents=True, exist_ok=True)

    # time
    def share(self, targets_at_once):
        """Each target's share of fuzzing time: the budget is wall time on
        the cores, `targets_at_once` targets side by side, each also
        starting up."""
        side_by_side = min(targets_at_once, len(self.targets))
        return max(MIN_SHARE, self.state["total_time"] * side_by_side / len(self.targets) - START_UP)

    def seconds(self, target):
        return sum(run["seconds"] for run in self.state["runs"][target])

    def remaining(self, targets_at_once):
        """(target, whole seconds left) for the targets that have not finished
        their share (a fuzzer may end early: a target that crashes on its corpus).
        Fuzzers take whole seconds: target i is allotted the whole seconds
        between i and i + 1 shares, so that the allotments add up to the
        budget (a share of 1.6 s gives 1 or 2 s, not 1 s to every target)."""
        share = self.share(targets_at_once)
        left = [(t, math.floor((i + 1) * share) - math.floor(i * share) - math.ceil(self.seconds(t)))
                for i, t in enumerate(self.targets) if self.state["done"].get(t, 0) < share]
        return [(t, s) for t, s in left if s >= 1]

    def mark_done(self, target, targets_at_once):
        """The target had its share (a later, larger --time gives it more)."""
        with self._lock:
            self.state["done"][target] = self.share(targets_at_once)
        self.save()

    def unfinished(self, targets_at_once):
        """The targets still owed time they were given: their equal share, or
        their allotment in the current sharing round."""
        if self.sharing == "equal":
            return {t for t, _ in self.remaining(targets_at_once)}
        if not self.state["schedule"]:
            return set(self.targets)
        return {t for t, _ in self.round_remaining()}

    # sharing rounds (sharing.py)
    def add_round(self, allotted, why):
        with self._lock:
            self.state["schedule"].append({"allotted": allotted, "why": why, "finished": []})
        self.save()

    def round_remaining(self):
        """(target, whole seconds left) of the current sharing round."""
        if not self.state["schedule"]:
            return []
        index = len(self.state["schedule"]) - 1
        current = self.state["schedule"][index]
        left = [(t, s - math.ceil(sum(r["seconds"] for r in self.runs(t) if r.get("sharing_round") == index)))
                for t, s in current["allotted"].items() if t not in current["finished"]]
        return [(t, s) for t, s in left if s >= 1]

    def finish_in_round(self, target):
        with self._lock:
            self.state["schedule"][-1]["finished"].append(target)
        self.save()

    # records
    def runs(self, target):
        return self.state["runs"][target]

    def record_run(self, target, run):
        with self._lock:
            if self.state.get("schedule"):
                run["sharing_round"] = len(self.state["schedule"]) - 1
            self.state["runs"][target].append(run)
        self.save()

    def note_findings(self, target):
        """Records when each new finding appeared. Its file's time will not
        do: libFuzzer writes a crash it finds again over the old file."""
        with self._lock:
            for finding in self.findings_dir(target).iterdir():
                name = str(finding.relative_to(self.dir))
                if name not in self.state["first_seen"]:
                    self.state["first_seen"][name] = clock.utc_from_epoch(finding.stat().st_mtime)
        self.save()

    def first_seen(self, name):
        return self.state["first_seen"].get(name) or \
            clock.utc_from_epoch((self.dir / name).stat().st_mtime)

    def begin_round(self, total_time, jobs, build_cpu):
        """A new round (this process's): `build_cpu` of its CPU time so far
        went to builds, the rest to its set-up."""
        self.state.update(total_time=total_time, jobs=jobs)
        self.state["rounds"].append({"started": clock.utc_now(), "ended": None, "interrupted": None,
                                     "cpu": {"build": round(build_cpu, 2)}})
        self.end_phase("setup")

    def end_phase(self, phase):
        """Adds to the round's `phase` (efficiency.PHASES, or "build") the
        CPU time this process has used since the last phase ended."""
        cpu = self.state["rounds"][-1]["cpu"]
        cpu[phase] = round(cpu.get(phase, 0) + efficiency.cpu_seconds() - sum(cpu.values()), 2)
        self.save()

    def end_round(self, interrupted):
        self.state["rounds"][-1].update(ended=clock.utc_now(), interrupted=interrupted)
        self.save()

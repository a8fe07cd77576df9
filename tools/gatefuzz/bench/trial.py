"""One fuzzing trial for the benchmarks: one engine on one target from its
seeds, corpus/<target>/, for a budget of CPU seconds, ending early at a
finding the caller is after.

CPU seconds rather than wall time, summed over every process of the trial
(afl-fuzz, its fork server and targets): the machines this runs on are
shared, and CPU is what the fuzzer got. Executions are each engine's own
count; verdict counts and canaries come from the harness's stats files
(GATEFUZZ_STATS), in builds with canaries (GATEFUZZ_BENCH)."""
import hashlib
import json
import math
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .. import bugs, paths, replayer
from ..engines.afl import ENV as AFL_ENV, read_stats as afl_stats
from ..engines.libfuzzer import FINAL_EXECS, MAX_STARTS, OPTIONS as LIBFUZZER_OPTIONS, past_corpus
from ..errors import GatefuzzError

POLL = 0.25  # seconds between looks at a trial's CPU time and findings
WALL_SLACK = 4  # an AFL++ trial may take this many times its CPU budget in wall time
OVERRUN = 10  # CPU seconds a libFuzzer run may pass its share before it is killed
TICKS = os.sysconf("SC_CLK_TCK")
AFL_EXECS = re.compile(r"execs:(\d+)")


@dataclass
class Finding:
    title: str
    cpu_seconds: float  # into the trial
    execs: int          # into the trial
    in_seeds: bool      # found running the seeds, before any mutation


@dataclass
class Outcome:
    cpu_seconds: float = 0.0
    execs: int = 0
    findings: list = field(default_factory=list)
    verdicts: Counter = field(default_factory=Counter)
    calls: int = 0      # kernel calls the harness judged (libFuzzer trials)
    canaries: dict = field(default_factory=dict)  # bug -> Counter(reached, triggered)

    def first(self, wanted):
        return next((f for f in self.findings if wanted(f.title)), None)


def _processes():
    """pid -> (parent pid, session, CPU ticks with those of its reaped
    children)."""
    table = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            fields = Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone meanwhile
        # fields 3 (state), 4 (ppid), 6 (session), ...: utime, stime,
        # cutime, cstime are 14-17
        table[int(entry.name)] = (int(fields[1]), int(fields[3]),
                                  sum(int(v) for v in fields[11:15]))
    return table


def _tree(root, table):
    """root and its descendants (afl-fuzz's fork server has a session of its
    own, so a process group would miss it)."""
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += [child for child, (parent, _, _) in table.items() if parent == pid]
    return [pid for pid in found if pid in table]


class Watched:
    """A process and its descendants, their CPU time polled until the
    process exits, its budget is spent or the caller stops it. Whatever it
    leaves behind is killed at the end: the sessions its descendants had
    (afl-fuzz's fork server takes its own, and a persistent-mode target
    stopped between inputs outlives an afl-fuzz stopped early)."""

    STOP_GRACE = 5  # seconds to finish after SIGTERM (afl-fuzz stops its targets)

    def __init__(self, command, env, log):
        self.process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        self.cpu = 0.0
        self.returncode = None
        self.stopped = False
        self.sessions = {self.process.pid}

    def poll(self, budget):
        """True while it runs within its budget of CPU seconds."""
        if self.returncode is not None:
            return False
        pid, status, usage = os.wait4(self.process.pid, os.WNOHANG)
        if pid:
            self._reaped(status)
            self.cpu = max(self.cpu, usage.ru_utime + usage.ru_stime)
            return False
        table = _processes()
        family = _tree(self.process.pid, table)
        self.sessions |= {table[p][1] for p in family}
        self.cpu = max(self.cpu, sum(table[p][2] for p in family) / TICKS)
        if self.cpu >= budget:
            self.stop()
            return False
        return True

    def stop(self):
        """Ends the process (SIGTERM, then SIGKILL) and what it left."""
        if self.returncode is None:
            self.stopped = True
            os.kill(self.process.pid, signal.SIGTERM)
            deadline = time.monotonic() + self.STOP_GRACE
            while self.returncode is None and time.monotonic() < deadline:
                pid, status, _ = os.wait4(self.process.pid, os.WNOHANG)
                if pid:
                    self._reaped(status)
                time.sleep(POLL)
        for pid, (_, session, _) in _processes().items():
            if session in self.sessions:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        if self.returncode is None:
            self._reaped(os.wait4(self.process.pid, 0)[1])

    def _reaped(self, status):
        # Popen must know too: one it thinks alive waits for its pid once
        # collected, and the pid may be a later trial's by then.
        self.returncode = self.process.returncode = os.waitstatus_to_exitcode(status)


def _harness_stats(directory):
    """(kernel calls, verdict counts, canaries) summed over the GATEFUZZ_STATS
    files in `directory`."""
    calls, verdicts, canaries = 0, Counter(), {}
    for path in Path(directory).glob("*.json"):
        try:
            data = json.loads(path.read_text())
        except (ValueError, OSError):
            continue  # being rewritten
        calls += int(data.get("kernel_calls", 0))
        verdicts.update(data.get("verdicts", {}))
        for bug, counts in data.get("seeded", {}).get("canaries", {}).items():
            canaries.setdefault(bug, Counter()).update(counts)
    return calls, verdicts, canaries


def _dictionary(target):
    dictionary = paths.DICT_DIR / f"{target}.dict"
    return dictionary if dictionary.exists() else None


def _digest(path):
    return hashlib.sha1(Path(path).read_bytes()).hexdigest()


def libfuzzer(binary, target, budget, env, wanted, options=LIBFUZZER_OPTIONS):
    """libFuzzer runs single-threaded, so its CPU time is at most its wall
    time: each run is told to stop after the CPU seconds left
    (-max_total_time), which it does cleanly (the harness writes its stats
    at exit), and the next run tops the trial up. It also stops at its
    first crash: then the next run starts from its corpus so far, without
    the seed that crashed, if one did (it would again at once)."""
    outcome = Outcome()
    with tempfile.TemporaryDirectory(prefix="gatefuzz-trial-") as scratch:
        seeds, grown, stats_dir = (Path(scratch, name) for name in ("seeds", "corpus", "stats"))
        shutil.copytree(paths.CORPUS_DIR / target, seeds)
        grown.mkdir()
        stats_dir.mkdir()
        env = dict(env, GATEFUZZ_STATS=str(stats_dir / "run-%p.json"))
        for _ in range(MAX_STARTS):  # not without end: a target that dies at once
            left = budget - outcome.cpu_seconds
            if left <= 0:
                break  # the whole budget used (the last run may pass it by a second)
            command = [str(binary), *options, f"-max_total_time={math.ceil(left)}",
                       f"-timeout={replayer.PER_INPUT_TIMEOUT}", f"-artifact_prefix={scratch}/",
                       "-print_final_stats=1"]
            if _dictionary(target):
                command.append(f"-dict={_dictionary(target)}")
            with open(Path(scratch, "log"), "w+") as log:
                run = Watched(command + [str(grown), str(seeds)], env, log)
                try:
                    while run.poll(left + OVERRUN):
                        time.sleep(POLL)
                finally:
                    run.stop()
                log.seek(0)
                output = log.read()
            outcome.cpu_seconds += run.cpu
            outcome.execs += sum(int(m.group(1)) for m in map(FINAL_EXECS.match, output.splitlines()) if m)
            outcome.calls, outcome.verdicts, outcome.canaries = _harness_stats(stats_dir)
            if run.stopped or run.returncode == 0:
                continue  # its time was up: top up what the budget has left
            title = bugs.find_title(output, target)[0] or f"crash {target} exit-{run.returncode}"
            outcome.findings.append(Finding(title, outcome.cpu_seconds, outcome.execs,
                                            in_seeds=not past_corpus(output.splitlines())))
            if wanted(title):
                break
            for artifact in Path(scratch).glob("*-*"):  # crash-<sha1>, timeout-<sha1>, ...
                for seed in seeds.iterdir():
                    if _digest(seed) == artifact.name.rsplit("-", 1)[1]:
                        seed.unlink()
                artifact.unlink()
    return outcome


def afl(binary, target, budget, env, wanted):
    """One afl-fuzz instance (persistent mode); crashing seeds it skips by
    itself. Each new crash is replayed to read its title. The targets AFL
    forks share one stats file (GATEFUZZ_STATS's %p is the fork server's
    pid), each writing its own counts over the last one's: the canaries are
    the largest counts seen, a lower bound."""
    outcome = Outcome()
    with tempfile.TemporaryDirectory(prefix="gatefuzz-trial-") as scratch:
        out, stats_dir = Path(scratch, "out"), Path(scratch, "stats")
        stats_dir.mkdir()
        command = ["afl-fuzz", "-i", str(paths.CORPUS_DIR / target), "-o", str(out),
                   "-V", str(int(budget * WALL_SLACK) + 60)]
        if _dictionary(target):
            command += ["-x", str(_dictionary(target))]
        command += ["--", str(binary)]
        runner = replayer.VerdictLineRunner(binary, target, env)
        seen = set()
        with open(Path(scratch, "log"), "w") as log:
            run = Watched(command, dict(env, **AFL_ENV, GATEFUZZ_STATS=str(stats_dir / "afl-%p.json")), log)
            try:
                running = True
                while running and not outcome.first(wanted):
                    time.sleep(POLL)
                    running = run.poll(budget)  # a crash found now is stamped with this CPU time
                    _collect_afl(outcome, out / "default" / "crashes", seen, runner, run.cpu)
                    _largest_canaries(outcome, stats_dir)
            finally:
                run.stop()
            _collect_afl(outcome, out / "default" / "crashes", seen, runner, run.cpu)
        if not run.stopped and run.returncode != 0:
            said = " ".join(Path(scratch, "log").read_text(errors="replace").split()[-40:])
            raise GatefuzzError(f"afl-fuzz failed on {target} (exit {run.returncode}): {said}")
        _largest_canaries(outcome, stats_dir)
        outcome.cpu_seconds = run.cpu
        outcome.execs = int(afl_stats(out / "default").get("execs_done", 0))
    return outcome


def _largest_canaries(outcome, stats_dir):
    _, verdicts, canaries = _harness_stats(stats_dir)
    outcome.verdicts |= verdicts
    for bug, counts in canaries.items():
        outcome.canaries[bug] = outcome.canaries.get(bug, Counter()) | counts


def _collect_afl(outcome, crashes, seen, runner, cpu):
    if not crashes.is_dir():
        return
    for crash in sorted(crashes.iterdir()):
        if crash.name in seen or not crash.name.startswith("id:"):
            continue
        seen.add(crash.name)
        replay = runner.replay([crash]).outcomes[0]
        if replay.verdict == "BUG":
            # a crash found by mutation is named with the execs it took;
            # a crashing seed of the dry run, "orig:<seed>", is not
            execs = AFL_EXECS.search(crash.name)
            outcome.findings.append(Finding(replay.detail, cpu, int(execs.group(1)) if execs else 0,
                                            in_seeds=execs is None))

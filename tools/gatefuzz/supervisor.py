"""The supervisor of one `gatefuzz run`: its campaign, the stop flag that
Ctrl-C (SIGINT) or SIGTERM sets, and the child processes to stop with it.

Children get their own process group, so a terminal's Ctrl-C reaches only the
front end, which then asks each fuzzer to stop (SIGINT: libFuzzer and
afl-fuzz finish cleanly, keeping their corpus and findings). A fuzzer still
there after STOP_GRACE seconds is killed: libFuzzer's SIGINT handler prints
and exits from inside the signal, and now and then deadlocks doing so. A
second signal kills them at once."""
import copy
import os
import signal
import subprocess
import sys
import threading
from contextlib import contextmanager

from . import seeded

STOP_GRACE = 5  # seconds: libFuzzer and afl-fuzz stop in well under one


class Supervisor:
    def __init__(self, campaign, jobs):
        self.campaign = campaign
        self.jobs = jobs
        self.stop = threading.Event()
        self._children = set()
        self._lock = threading.RLock()  # a signal handler may run while the main thread holds it

    def for_campaign(self, campaign):
        """This supervisor for another campaign: the same stop flag and
        children, so that one Ctrl-C stops the fuzzers of every campaign
        (gatefuzz mutate runs a campaign per mutant, several at once)."""
        other = copy.copy(self)
        other.campaign = campaign
        return other

    def env(self, target, stats_name=None):
        """The environment of a target's process: the campaign's isolation
        backend, its seeded bugs and, for fuzzing runs, where to write its
        GATEFUZZ_STATS."""
        env = dict(os.environ, GATEFUZZ_BACKEND=self.campaign.backend)
        env.pop(seeded.SWITCH, None)
        if self.campaign.seeded:
            env[seeded.SWITCH] = ",".join(self.campaign.seeded)
        env.pop("GATEFUZZ_STATS", None)
        if stats_name:
            stats_dir = self.campaign.stats_dir(target)
            stats_dir.mkdir(parents=True, exist_ok=True)
            env["GATEFUZZ_STATS"] = str(stats_dir / stats_name)
        return env

    def install_signal_handlers(self):
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, self._on_signal)

    def _on_signal(self, signum, frame):
        if self.stop.is_set():
            self._signal_children(signal.SIGKILL)
            return
        print("\nstopping: the fuzzers are finishing their work (signal again to kill them)",
              file=sys.stderr, flush=True)
        self.request_stop()

    def request_stop(self):
        """Asks every child to finish (SIGINT), kills those that do not, and
        lets no new one start."""
        self.stop.set()
        self._signal_children(signal.SIGINT)
        killer = threading.Timer(STOP_GRACE, self._signal_children, (signal.SIGKILL,))
        killer.daemon = True
        killer.start()

    def _signal_children(self, signum):
        with self._lock:
            for child in self._children:
                _signal_group(child, signum)

    @contextmanager
    def process(self, command, time_limit, **popen):
        """A child process in its own group, stopped with the supervisor and killed
        if it outlives `time_limit` seconds."""
        with self._lock:
            child = subprocess.Popen(command, start_new_session=True, **popen)
            self._children.add(child)
            if self.stop.is_set():  # the signal came while it was starting
                _signal_group(child, signal.SIGINT)
        watchdog = threading.Timer(time_limit, _signal_group, (child, signal.SIGKILL))
        watchdog.daemon = True
        watchdog.start()
        try:
            yield child
        finally:
            watchdog.cancel()
            if child.poll() is None:
                _signal_group(child, signal.SIGKILL)
            child.wait()
            if child.stdout:
                child.stdout.close()
            with self._lock:
                self._children.discard(child)


def _signal_group(child, signum):
    try:
        os.killpg(child.pid, signum)
    except ProcessLookupError:
        pass

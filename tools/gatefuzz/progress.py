"""The one-line progress display of a running campaign: rewritten in place
on a terminal, printed every half minute into a log."""
import sys

from . import stats
from .clock import Stopwatch, duration

TERMINAL_EVERY = 1.0
LOG_EVERY = 30.0


class Progress:
    def __init__(self, supervisor, engine, planned_seconds):
        self.supervisor = supervisor
        self.engine = engine
        self.planned = planned_seconds
        self.watch = Stopwatch()
        self.terminal = sys.stdout.isatty()
        self.shown_at = None
        self.shown = ""
        self.width = 0

    def tick(self, final=False):
        elapsed = self.watch.elapsed()
        every = TERMINAL_EVERY if self.terminal else LOG_EVERY
        if not final and self.shown_at is not None and elapsed - self.shown_at < every:
            return
        self.shown_at = elapsed
        line = self.line(elapsed)
        if final and line == self.shown:
            return
        self.shown = line
        if self.terminal:
            self.width = max(self.width, len(line))
            sys.stdout.write("\r" + line.ljust(self.width))
            sys.stdout.flush()
        else:
            print(line)

    def say(self, message):
        """A line of its own, above the progress line on a terminal."""
        if self.terminal and self.shown:
            sys.stdout.write("\r" + " " * self.width + "\r")
        print(message, flush=True)
        self.shown_at = None  # the progress line again at the next tick

    def finish(self):
        self.tick(final=True)
        if self.terminal:
            sys.stdout.write("\n")

    def line(self, elapsed):
        campaign = self.supervisor.campaign
        targets = campaign.targets
        left = campaign.unfinished(self.engine.targets_at_once(self.supervisor.jobs))
        execs = sum(stats.totals(campaign.stats_dir(t)).execs for t in targets)
        findings = sum(len(list(campaign.findings_dir(t).iterdir())) for t in targets)
        return (f"targets {len(targets) - len(left)}/{len(targets)} | execs {execs:,} | "
                f"findings {findings} | elapsed {duration(elapsed)} of ~{duration(self.planned)}")

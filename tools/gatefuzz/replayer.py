"""Running a build of a target over input files, one outcome per file.

The replay build (and the AFL build, given files) prints a verdict line per
input. The libFuzzer build prints none: it runs the inputs and crashes on a
BUG; its verdict counts come from GATEFUZZ_STATS, and a single input's verdict
is the one count it made. A crash ends the process, so the inputs after the
one that crashed are run again in a new process.
"""
import os
import re
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass, field

from . import bugs, paths, stats

VERDICTS = ("OK", "REJECTED", "CONTAINED")
PASS = "PASS"  # ran without a bug, but the build does not say which verdict
BATCH = 256
PER_INPUT_TIMEOUT = 10  # seconds; a hang is a finding, not a stuck replay
VERDICT_LINE = re.compile(r"^(.*): (OK|REJECTED|CONTAINED|BUG (.+))$")
ERROR_LINE = re.compile(r"^(.*): ERROR (.*)$")


@dataclass
class Outcome:
    path: str
    verdict: str      # OK, REJECTED, CONTAINED, BUG, ERROR or PASS
    detail: str = ""  # the BUG title or the ERROR reason
    evidence: str = ""  # the line that reported the bug
    output: str = ""  # what the process printed, kept for a BUG


@dataclass
class Replay:
    outcomes: list = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)


def _text(data):
    return data.decode(errors="replace") if isinstance(data, bytes) else data or ""


class Runner:
    """Replays files with one build of one target."""

    def __init__(self, binary, target, env=None):
        self.binary = str(binary)
        self.target = target
        self.env = env if env is not None else dict(os.environ)

    def replay(self, files, until_bug=False):
        """Every file's outcome; `until_bug`: none after the first BUG's
        (a mutant needs one, and a hanging one would cost a timeout per input)."""
        result = Replay()
        pending = [str(f) for f in files]
        while pending:
            done, counts = self._run_batch(pending[:BATCH])
            result.outcomes += done
            result.counts += counts
            pending = pending[len(done):]
            if until_bug and counts["BUG"]:
                break
        return result

    def _crash(self, path, output, returncode):
        """The outcome of the input a process died on."""
        title, evidence = bugs.find_title(output, self.target)
        if title is None and returncode is None:
            title = f"timeout {self.target} -"
        elif title is None:
            how = f"signal-{-returncode}" if returncode < 0 else f"exit-{returncode}"
            title = f"crash {self.target} {how}"
        return Outcome(path, "BUG", title, evidence or "", output)

    def _run(self, arguments, env, timeout):
        """(returncode or None on timeout, stdout, stderr)."""
        try:
            proc = subprocess.run([self.binary, *arguments], env=env, capture_output=True,
                                  text=True, errors="replace", timeout=timeout)
            return proc.returncode, proc.stdout, proc.stderr
        except subprocess.TimeoutExpired as expired:  # its output so far comes as bytes
            return None, _text(expired.stdout), _text(expired.stderr)


class VerdictLineRunner(Runner):
    """Builds that print `<file>: <verdict>` per input and `<file>: ERROR <why>` on stderr."""

    def _run_batch(self, batch):
        returncode, out, err = self._run(batch, self.env, 60 + PER_INPUT_TIMEOUT * len(batch))
        said = {}
        for line in out.splitlines():
            match = VERDICT_LINE.match(line)
            if match and match.group(3):  # the evidence is certain when there is one input
                evidence = bugs.find_title(err, self.target)[1] if len(batch) == 1 else ""
                said[match.group(1)] = Outcome(match.group(1), "BUG", match.group(3), evidence or "", err)
            elif match:
                said[match.group(1)] = Outcome(match.group(1), match.group(2))
        for line in err.splitlines():
            match = ERROR_LINE.match(line)
            if match and match.group(1) in batch:
                said[match.group(1)] = Outcome(match.group(1), "ERROR", match.group(2))
        done = []
        for path in batch:
            if path in said:
                done.append(said[path])
            elif returncode in (0, 1, 2):
                done.append(Outcome(path, "ERROR", "the build printed no verdict for it"))
            else:  # the process died on this input
                done.append(self._crash(path, out + err, returncode))
                break
        return done, Counter(o.verdict for o in done if o.verdict != "ERROR")


class LibFuzzerRunner(Runner):
    """libFuzzer builds: `<bin> -runs=N file...` runs each file N times."""

    def _execute(self, batch, runs=1):
        """(returncode, stdout, stderr, verdict counts from GATEFUZZ_STATS)."""
        with tempfile.TemporaryDirectory(prefix="gatefuzz-replay-") as scratch:
            env = dict(self.env, GATEFUZZ_STATS=os.path.join(scratch, "stats-%p.json"))
            returncode, out, err = self._run(
                [f"-runs={runs}", f"-timeout={PER_INPUT_TIMEOUT}", f"-artifact_prefix={scratch}/", *batch],
                env, 60 + 2 * runs * PER_INPUT_TIMEOUT * len(batch))
            return returncode, out, err, stats.totals(scratch).verdicts

    def _run_batch(self, batch):
        returncode, out, err, counts = self._execute(batch)
        executed = {line[len("Executed "):].rsplit(" in ", 1)[0]
                    for line in err.splitlines() if line.startswith("Executed ")}
        done = []
        for path in batch:
            if path in executed or returncode == 0:
                verdict = self._verdict(path, counts) if len(batch) == 1 else PASS
                done.append(Outcome(path, verdict))
            else:
                done.append(self._crash(path, out + err, returncode))
                counts["BUG"] = max(counts["BUG"], 1)  # the process may have died before writing it
                break
        return done, counts

    def _verdict(self, path, once):
        """One input's verdict: the count a second run of it adds (a build may
        count executions of its own besides its inputs')."""
        twice = self._execute([path], runs=2)[3]
        grown = [v for v in VERDICTS if twice[v] > once[v]]
        return grown[0] if len(grown) == 1 else PASS


def runner_for(preset, target, env=None):
    binary = paths.harness(preset, target)
    kind = LibFuzzerRunner if preset == "libfuzzer" else VerdictLineRunner
    return kind(binary, target, env)

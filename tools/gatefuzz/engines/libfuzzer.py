"""libFuzzer: one process per target, targets side by side on the cores.

libFuzzer stops at the first crash, so a target is started again while its
time lasts: another start may get past the bug to others. Not when it crashed
before fuzzing (on its corpus: it would again), and not without end (a bug
hit every fraction of a second would only pile up copies of itself)."""
import re
import subprocess
import time

from .. import clock, paths, replayer, stats

STATUS = re.compile(r"^#(\d+)\s+(\w+)\s+cov: (\d+) ft: (\d+)")
FINAL_EXECS = re.compile(r"^stat::number_of_executed_units: (\d+)")
GRACE = 60  # seconds past -max_total_time before a run counts as stuck
MAX_STARTS = 100
MINIMISE_SECONDS = 30  # for a large input; a small one converges sooner
# Every run of a target, fuzzing or minimising, and the benches' trials:
#   -rss_limit_mb=0  no RSS watcher.  libFuzzer checks the limit from a
#                    second thread, and with two threads in the process every
#                    mprotect of a domain switch must also shoot down the
#                    other CPU's TLB (docs/performance.md).  What it would
#                    catch cannot happen here: the kernel under test
#                    allocates nothing from the host, only from its arena
#                    (a fixed region), and -malloc_limit_mb follows it.
OPTIONS = ("-rss_limit_mb=0",)


def minimise_seconds(size):
    """libFuzzer's -minimize_crash runs until its time is up, however small the
    input already is: 5 s, plus 1 s per 16 bytes, at most MINIMISE_SECONDS
    (a kernel with many bugs has a hundred titles to triage)."""
    return min(MINIMISE_SECONDS, 5 + size // 16)


def past_corpus(lines):
    """Whether a run's output says it got past its corpus to fuzzing
    (libFuzzer's INITED line)."""
    return any((status := STATUS.match(line)) and status.group(2) == "INITED" for line in lines)


class LibFuzzer:
    name = preset = "libfuzzer"
    coverage_names = ("cov", "ft")
    # What the harness's verdict counts and the engine's executions differ by.
    counting = ("an input that ends the run before its verdict (a sanitizer's report, a timeout) "
                "is libFuzzer's execution but not the harness's count")
    cpu_unaccounted = None  # one process per run, waited for

    def targets_at_once(self, jobs):
        return jobs

    def binary(self, target):
        return paths.harness(self.preset, target)

    def fuzz(self, supervisor, target, seconds):
        campaign = supervisor.campaign
        deadline = time.monotonic() + seconds
        findings_before = len(list(campaign.findings_dir(target).iterdir()))
        fuzzed = False
        for _ in range(MAX_STARTS):
            left = round(deadline - time.monotonic())
            if supervisor.stop.is_set() or left < 1:
                break
            run = self._run(supervisor, target, left)
            campaign.record_run(target, run)
            campaign.note_findings(target)
            fuzzed |= run["fuzzed"]
            if not run["fuzzed"] and not supervisor.stop.is_set():
                print(f"warning: {target} stopped before fuzzing (exit {run['exit']}): "
                      f"see {paths.shown(campaign.log_path(target))}")
            if run["exit"] == 0 or not run["fuzzed"]:
                break  # its time is up, or it crashed on its corpus
        stats.compact(campaign.stats_dir(target))
        return fuzzed or len(list(campaign.findings_dir(target).iterdir())) > findings_before

    def _run(self, supervisor, target, seconds):
        campaign = supervisor.campaign
        command = [str(self.binary(target)), *OPTIONS, f"-max_total_time={seconds}",
                   f"-timeout={replayer.PER_INPUT_TIMEOUT}",
                   f"-artifact_prefix={campaign.findings_dir(target)}/", "-print_final_stats=1"]
        dictionary = paths.DICT_DIR / f"{target}.dict"
        if dictionary.exists():
            command.append(f"-dict={dictionary}")
        command.append(str(campaign.corpus_dir(target)))  # first: new inputs go there
        if (paths.CORPUS_DIR / target).is_dir():
            command.append(str(paths.CORPUS_DIR / target))
        env = supervisor.env(target, f"run{len(campaign.runs(target))}-%p.json")
        run = {"started": clock.utc_now(), "execs": 0, "coverage": {}, "fuzzed": False}
        samples = CoverageSamples(campaign.plot_path(target), campaign.seconds(target),
                                  self.metrics(campaign, target)["coverage"]["cov"])
        with open(campaign.log_path(target), "a") as log, samples, \
                supervisor.process(command, seconds + GRACE, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, errors="replace") as child:
            log.write(f"=== {run['started']} {' '.join(command)}\n")
            for line in child.stdout:
                log.write(line)
                status = STATUS.match(line)
                if status:
                    execs, cov, ft = (int(status.group(n)) for n in (1, 3, 4))
                    run.update(execs=execs, coverage={"cov": cov, "ft": ft})
                    run["fuzzed"] |= status.group(2) == "INITED"  # past its corpus
                    if status.group(2) == "INITED":  # what running its corpus took (efficiency.py)
                        run["loading_cpu"] = stats.loop_cpu(env["GATEFUZZ_STATS"], child.pid)
                    samples.add(cov, execs)
                final = FINAL_EXECS.match(line)
                if final:
                    run["execs"] = int(final.group(1))
            run["exit"] = child.wait()
            run["seconds"] = round(samples.elapsed(), 2)
        return run

    def metrics(self, campaign, target):
        runs = campaign.runs(target)
        coverage = {name: max((r["coverage"].get(name, 0) for r in runs), default=0)
                    for name in self.coverage_names}
        return {"execs": sum(r["execs"] for r in runs), "coverage": coverage}

    def runner(self, supervisor, target):
        return replayer.LibFuzzerRunner(self.binary(target), target,
                                        supervisor.env(target))

    def minimise(self, supervisor, target, crash, destination):
        seconds = minimise_seconds(crash.stat().st_size)
        command = [str(self.binary(target)), *OPTIONS, "-minimize_crash=1", "-runs=100000",
                   f"-max_total_time={seconds}", f"-timeout={replayer.PER_INPUT_TIMEOUT}",
                   f"-exact_artifact_path={destination}", str(crash)]
        with supervisor.process(command, 2 * seconds + GRACE, env=supervisor.env(target),
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as child:
            child.wait()
        return destination.exists()


class CoverageSamples:
    """plot/<target>.tsv: (target fuzzing seconds, best coverage so far,
    executions) at most once a second, and once at the end of the run."""

    def __init__(self, path, seconds_before, best):
        self.path, self.seconds_before, self.best = path, seconds_before, best
        self.started = time.monotonic()
        self.last = None
        self.execs = 0

    def elapsed(self):
        return time.monotonic() - self.started

    def __enter__(self):
        self.file = open(self.path, "a")
        return self

    def add(self, cov, execs):
        self.best, self.execs = max(self.best, cov), execs
        now = self.seconds_before + self.elapsed()
        if self.last is None or now - self.last >= 1:
            self._write(now)

    def _write(self, now):
        self.file.write(f"{now:.1f}\t{self.best}\t{self.execs}\n")
        self.last = now

    def __exit__(self, *exc):
        if self.last is not None:  # the line reaches the end of the run
            self._write(self.seconds_before + self.elapsed())
        self.file.close()

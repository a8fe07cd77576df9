"""AFL++: one target at a time, one afl-fuzz instance per core (-M main,
-S secondaryN) sharing a sync directory. Afterwards the queue and the
crashes/hangs are copied, named by content, into the campaign's corpus/ and
findings/, so that triage and the report see both engines alike."""
import hashlib
import os
import shutil
import subprocess
import threading
import time

from .. import clock, paths, replayer, stats

GRACE = 60  # seconds past -V before an instance counts as stuck
MINIMISE_SECONDS = 60
ENV = {
    "AFL_NO_UI": "1",
    "AFL_SKIP_CPUFREQ": "1",  # CI machines do not let us set the governor
    "AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES": "1",  # core_pattern belongs to the host
    "AFL_NO_AFFINITY": "1",  # containers and shared machines refuse or skew core pinning
}
FINDING_KINDS = {"crashes": "crash", "hangs": "timeout"}
# afl-fuzz's timeout per input.  Left to itself it calibrates 20 ms for
# these targets (an input takes well under a millisecond), shorter than the
# time a process waits for a core on a loaded two-core machine: it then
# kills inputs that were only preempted, which have no verdict and are not
# saved as hangs (their re-run finishes).  A harness's real hang still
# ends within half a second.
EXEC_TIMEOUT_MS = 500


def read_stats(instance_dir):
    """An instance's fuzzer_stats as a dict of strings (empty before its first write)."""
    try:
        lines = (instance_dir / "fuzzer_stats").read_text().splitlines()
    except FileNotFoundError:
        return {}
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in lines)}


class AFL:
    name = preset = "afl"
    coverage_names = ("edges", "bitmap")
    # What the harness's verdict counts and the engine's executions differ by.
    counting = ("afl-fuzz runs one input per instance start that its execs_done leaves out; "
                "an input it kills at its timeout, or when it stops, has no verdict")
    # Why the campaign's CPU time cannot be measured, or None: the targets'
    # processes afl-fuzz kills are never waited for by it, so their CPU time
    # reaches no parent's account (nor QEMU's, under the bridge).
    cpu_unaccounted = "afl-fuzz does not wait for the processes it kills: their CPU time is not measured"

    def targets_at_once(self, jobs):
        return 1  # a target gets every core

    def instances(self, jobs):
        return ["main"] + [f"secondary{n}" for n in range(1, jobs)]

    def fuzz(self, supervisor, target, seconds):
        """A fresh afl-fuzz run in its own sync directory, afl/<t>/run<n>/,
        from the campaign's corpus so far: an afl-fuzz resumed (-i -) leaves
        the re-calibration of its queue out of execs_done, so its figures
        would not be the executions."""
        campaign = supervisor.campaign
        sync = campaign.engine_dir(target) / f"run{len(campaign.runs(target))}"
        sync.mkdir(parents=True, exist_ok=True)
        seeds = self._seeds(campaign, target)
        run = {"started": clock.utc_now()}
        fuzzed_before = campaign.seconds(target)
        started = time.monotonic()
        self._fuzz_instances(supervisor, target, seconds, sync, seeds)
        run["seconds"] = round(time.monotonic() - started, 2)
        instances = [read_stats(d) for d in _instance_dirs(sync)]
        main = read_stats(sync / "main")
        run["execs"] = sum(int(s.get("execs_done", 0)) for s in instances)
        run["coverage"] = {"edges": int(main.get("edges_found", 0)), "bitmap": main.get("bitmap_cvg", "0%")}
        self._collect(campaign, target, sync, fuzzed_before)
        campaign.note_findings(target)
        stats.compact(campaign.stats_dir(target))
        campaign.record_run(target, run)
        return run["execs"] > 0

    def _fuzz_instances(self, supervisor, target, seconds, sync, seeds):
        """Runs the afl-fuzz instances for `seconds`, each with its own
        process in the supervisor."""
        log_lock = threading.Lock()
        with open(supervisor.campaign.log_path(target), "a") as log:
            threads = [threading.Thread(target=self._instance, args=(
                supervisor, target, name, seconds, sync, seeds, log, log_lock))
                for name in self.instances(supervisor.jobs)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()

    def _instance(self, supervisor, target, name, seconds, sync, seeds, log, log_lock):
        campaign = supervisor.campaign
        command = ["afl-fuzz", "-M" if name == "main" else "-S", name,
                   "-i", str(seeds), "-o", str(sync), "-V", str(seconds), "-t", str(EXEC_TIMEOUT_MS)]
        dictionary = paths.DICT_DIR / f"{target}.dict"
        if dictionary.exists():
            command += ["-x", str(dictionary)]
        command += ["--", str(paths.harness(self.preset, target))]
        env = dict(supervisor.env(target, f"{name}-run{len(campaign.runs(target))}-%p.json"), **ENV)
        with supervisor.process(command, seconds + GRACE, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True, errors="replace") as child:
            with log_lock:
                log.write(f"=== {clock.utc_now()} {' '.join(command)}\n")
            for line in child.stdout:
                with log_lock:
                    log.write(f"[{name}] {line}")
            if child.wait() != 0 and not supervisor.stop.is_set():
                print(f"warning: afl-fuzz {name} for {target} failed (exit {child.returncode}): "
                      f"see {paths.shown(campaign.log_path(target))}")

    def _seeds(self, campaign, target):
        """Where a run starts: the campaign's corpus (every queue so far), else
        the seeds; afl-fuzz needs a directory with a file in it."""
        for seeds in (campaign.corpus_dir(target), paths.CORPUS_DIR / target):
            if seeds.is_dir() and any(seeds.iterdir()):
                return seeds
        placeholder = campaign.dir / "afl-seeds" / target
        placeholder.mkdir(parents=True, exist_ok=True)
        (placeholder / "zero").write_bytes(b"0")
        return placeholder

    def _collect(self, campaign, target, sync, fuzzed_before):
        """The run's queues and findings into the campaign's corpus and
        findings, its coverage samples after the target's earlier ones."""
        for instance in _instance_dirs(sync):
            _copy_by_content(instance / "queue", campaign.corpus_dir(target), "")
            for folder, kind in FINDING_KINDS.items():
                _copy_by_content(instance / folder, campaign.findings_dir(target), kind + "-")
        plot_data = sync / "main" / "plot_data"
        if plot_data.exists():  # relative_time, ..., total_execs, edges_found
            rows = [line.split(",") for line in plot_data.read_text().splitlines()
                    if line and not line.startswith("#")]
            with open(campaign.plot_path(target), "a") as samples:
                samples.write("".join(f"{fuzzed_before + float(r[0]):.1f}\t{r[12].strip()}\t{r[11].strip()}\n"
                                      for r in rows if len(r) > 12))

    def metrics(self, campaign, target):
        runs = campaign.runs(target)
        measured = [r["coverage"] for r in runs if "coverage" in r]
        return {"execs": sum(run.get("execs", 0) for run in runs),
                "coverage": {"edges": max((c["edges"] for c in measured), default=0),
                             "bitmap": measured[-1]["bitmap"] if measured else "0%"}}

    def runner(self, supervisor, target):
        # the AFL build replays files given on its command line like the replay build
        return replayer.VerdictLineRunner(paths.harness(self.preset, target), target,
                                          supervisor.env(target))

    def minimise(self, supervisor, target, crash, destination):
        command = ["afl-tmin", "-i", str(crash), "-o", str(destination),
                   "-t", str(replayer.PER_INPUT_TIMEOUT * 1000), "--",
                   str(paths.harness(self.preset, target))]
        env = dict(supervisor.env(target), **ENV)
        with supervisor.process(command, MINIMISE_SECONDS, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL) as child:
            child.wait()
        return destination.exists()


def _instance_dirs(sync):
    """The instances' directories in a sync directory (which may also hold their logs)."""
    return [d for d in sync.iterdir() if d.is_dir()] if sync.is_dir() else []


def _copy_by_content(source, destination, prefix):
    """Copies the test cases in `source` as <prefix><sha1>, keeping their
    times (a finding's time is when it was first seen)."""
    if not source.is_dir():
        return
    destination.mkdir(parents=True, exist_ok=True)
    for entry in os.scandir(source):
        if not entry.is_file() or entry.name.startswith(("README", ".")):
            continue
        with open(entry.path, "rb") as f:
            name = prefix + hashlib.sha1(f.read()).hexdigest()
        if not (destination / name).exists():
            shutil.copy2(entry.path, destination / name)

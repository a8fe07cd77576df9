"""The HTML report in a real browser (headless Chromium, the Debian package
of the report-check feature): it renders, the bugs come first, every target
has its sparkline, and the targets table sorts (report.html#sort=execs opens
it sorted, as a click on the heading does). Skipped without Chromium."""
import re
import shutil
import struct
import subprocess
import tempfile
import unittest
from pathlib import Path

from gatefuzz import report

CHROMIUM = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
EXECS = {"fuzz_queue_send": 1200, "fuzz_sequence": 98000, "fuzz_mutex_get": 54000}


def summary():
    """A small campaign's summary: three targets, one bug, two sharing rounds."""
    targets = [{"target": t, "family": "multi-call" if t == "fuzz_sequence" else t.split("_")[1],
                "status": "done", "seconds": 10.0, "execs": n, "exec_per_sec": n // 10,
                "coverage": {"cov": 300 + n // 1000, "ft": 900}, "coverage_over_time": [100, 250, 290, 300],
                "corpus": 40, "findings": 0, "verdicts": {"OK": n // 2, "REJECTED": n - n // 2,
                                                          "CONTAINED": 0, "BUG": 0},
                "counted": n} for t, n in EXECS.items()]
    bug = {"title": "deputy-write queue_send kernel/svc_queue.c:88", "known": None,
           "target": "fuzz_queue_send",
           "first_seen": "2026-12-06T09:00:05+00:00", "first_seen_after": 5, "reproducer": "triage/x/input",
           "minimised": True, "replay_command": "build/replay/harnesses/fuzz_queue_send triage/x/input",
           "triaged": True, "replay_confirmed": True}
    rounds = [{"allotted": {t: 2 for t in EXECS}, "why": {t: "first round: an equal share" for t in EXECS}},
              {"allotted": {"fuzz_sequence": 8},
               "why": {"fuzz_sequence": "+3.00 coverage/s", "fuzz_mutex_get": "no progress: no time",
                       "fuzz_queue_send": "no time"}}]
    return {"campaign": "page-test", "directory": "out/page-test", "status": "complete",
            "engine": "libfuzzer",
            "board": "host", "backend": "auto", "kernel": "builtin", "threadx": None,
            "budget": {"total_time": 30, "jobs": 2, "seconds_per_target": 19.0},
            "sharing": {"policy": "progress", "rule": "by progress", "rounds": rounds},
            "created": "2026-12-06T09:00:00+00:00", "rounds": [], "coverage_names": ["cov", "ft"],
            "totals": {"targets": 3, "targets_done": 3, "fuzzing_seconds": 30.0, "execs": sum(EXECS.values()),
                       "counted": sum(EXECS.values()), "corpus": 120, "findings": 1, "bugs": 1,
                       "unreproduced": 0, "new_bugs": 1, "not_fuzzed": 0},
            "counting": "none", "efficiency": {"share": 0.9, "executing_seconds": 54.0, "cpu_seconds": 60.0,
                                               "phases": {"setup": 1.0, "fuzzing": 3.0, "triage": 2.0,
                                                          "report": 0.0}, "build_seconds": 0.0,
                                               "unmeasured": None},
            "targets": targets, "bugs": [bug], "unreproduced": [], "plots": []}


class BugClasses(unittest.TestCase):
    """Object-state findings are told apart from memory-safety ones."""

    def test_classes_apart_memory_safety_first(self):
        s = summary()
        state = dict(s["bugs"][0], title="state mutex_put mutex_put/impl")
        s["bugs"] = [state] + s["bugs"]
        rows = report.tables(s)[0][2]
        self.assertEqual([(r[0].split()[0], r[1]) for r in rows],
                         [("deputy-write", "memory safety"), ("state", "object state")])
        self.assertIn("| bugs by class | 1 memory safety, 1 object state |", report.markdown(s))


@unittest.skipUnless(CHROMIUM, "no Chromium: ./gatefuzz deps --install report-check")
class ReportPage(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._scratch = tempfile.TemporaryDirectory(prefix="gatefuzz-page-")
        cls.dir = Path(cls._scratch.name)
        report.write(cls.dir, summary())
        cls.url = (cls.dir / "report.html").as_uri()

    @classmethod
    def tearDownClass(cls):
        cls._scratch.cleanup()

    def chromium(self, *args):
        done = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                               "--disable-dev-shm-usage", f"--user-data-dir={self.dir / 'profile'}", *args],
                              capture_output=True, text=True, timeout=120)
        self.assertEqual(done.returncode, 0, done.stderr[-2000:])
        return done.stdout

    def test_it_renders(self):
        shot = self.dir / "report.png"
        self.chromium(f"--screenshot={shot}", "--window-size=1280,1400", self.url)
        data = shot.read_bytes()
        self.assertEqual(data[:8], b"\x89PNG\r\n\x1a\n")
        self.assertEqual(struct.unpack(">II", data[16:24]), (1280, 1400))
        self.assertGreater(len(data), 20000, "a near-blank page")  # text and tables compress far less

    def test_bugs_first_a_sparkline_per_target_and_sorted_on_request(self):
        dom = self.chromium("--dump-dom", self.url + "#sort=execs")
        headings = re.findall(r"<h2>([^<]+)</h2>", dom)
        self.assertEqual(headings[0], "Bugs")
        table = dom[dom.index("id=\"targets\""):]
        table = table[:table.index("</table>")]
        self.assertEqual(table.count("<svg class=\"spark\""), len(EXECS))
        order = re.findall(r"<tr><td>(fuzz_\w+)</td>", table)
        self.assertEqual(order, sorted(EXECS, key=EXECS.get, reverse=True))


if __name__ == "__main__":
    unittest.main()

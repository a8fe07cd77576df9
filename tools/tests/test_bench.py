"""gatefuzz bench on the toy project (its gf_bench_isolation stand-in), and
the results file: a day's file keeps the sections a later run of other
sections did not measure, each shown with the time and commit it ran at."""
import json
import tempfile
import unittest
from pathlib import Path

from gatefuzz import cmd_bench
from tests.toyproject import ToyProject

MACHINE = {"host": "h", "cpu": "c", "cores": 2, "protection_keys": False,
           "kernel": "k", "date": "2026-01-02T03:04:05+00:00"}


def entry(text, date="2026-01-02T01:00:00+00:00", data=None):
    return {"date": date, "commit": "abc", "quick": False, "data": data or {}, "markdown": text}


def setUpModule():
    global toy
    toy = ToyProject()


def tearDownModule():
    toy.cleanup()


class Bench(unittest.TestCase):
    def test_isolation_results_are_filed(self):
        extra = toy.scratch / "bench.json"
        result = toy.gatefuzz("bench", "isolation", "--quick", "--json", str(extra))
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        results = toy.root / "bench" / "results"
        markdown = list(results.glob("*.md"))
        self.assertEqual(len(markdown), 1, list(results.iterdir()))
        self.assertTrue(markdown[0].name.endswith("-quick.md"), markdown[0])
        text = markdown[0].read_text()
        self.assertIn("| backends[0].gate_roundtrip_ns | 42 |", text)
        self.assertIn("| toy: switch 1.00× (≤ 1.3), recovery 1.25× a bare fault; write set per "
                      "call, one page written: 4000 ns compared, uffd-wp scan 6000 ns; closing a module: "
                      "9000 ns in two mprotect calls, 3000 ns in one |", text)
        self.assertIn("| pages_written | copy_compare_ns | update_compare_ns | uffd_wp_scan_ns |\n"
                      "|---|---|---|---|\n| 1 | 5000 | 4000 | 6000 |", text)
        self.assertIn("16 + 32 pages; opening both again: 500 ns):\n\n| close | close_ns | "
                      "first_touches_ns |\n|---|---|---|\n| two calls | 9000 | 700 |\n"
                      "| one call | 3000 | 700 |", text)
        data = json.loads(markdown[0].with_suffix(".json").read_text())
        self.assertEqual(data["sections"]["isolation"]["data"]["backends"][0]["gate_roundtrip_ns"], 42)
        self.assertTrue(data["sections"]["isolation"]["quick"])
        self.assertEqual(json.loads(extra.read_text()), data)


class EarlierToday(unittest.TestCase):
    def test_sections_of_the_day_are_kept_and_strangers_dropped(self):
        with tempfile.TemporaryDirectory() as scratch:
            path = Path(scratch, "day.json")
            path.write_text(json.dumps({"sections": {
                "seeded": entry("seeded table"), "gone": entry("x"), "isolation": {"no": "markdown"}}}))
            self.assertEqual(set(cmd_bench.earlier_today(path)), {"seeded"})

    def test_a_missing_or_broken_file_keeps_nothing(self):
        with tempfile.TemporaryDirectory() as scratch:
            self.assertEqual(cmd_bench.earlier_today(Path(scratch, "none.json")), {})
            Path(scratch, "bad.json").write_text("{")
            self.assertEqual(cmd_bench.earlier_today(Path(scratch, "bad.json")), {})


class Markdown(unittest.TestCase):
    def test_sections_in_their_order_with_when_they_ran_and_a_summary(self):
        positives = {"cpu_minutes": 10.5, "targets": 73, "execs": 1000, "bug_verdicts": 0}
        isolation = {"backends": [{"backend": "none", "switch_ratio": None, "recovery_ratio": 1.02,
                                   "restore_regions_changed": 0},
                                  {"backend": "mprotect", "switch_ratio": 1.04, "recovery_ratio": 1.73,
                                   "recovery_vs_floor": 1.08, "restore_regions_changed": 1}]}
        text = cmd_bench.markdown({"machine": MACHINE, "sections": {
            "false-positives": entry("POSITIVES", "2026-01-02T02:00:00+00:00", positives),
            "isolation": entry("ISOLATION", data=isolation)}})
        self.assertLess(text.index("ISOLATION"), text.index("POSITIVES"))
        self.assertIn("Run 2026-01-02T02:00:00+00:00 at commit abc.", text)
        self.assertTrue(text.startswith("# Benchmarks 2026-01-02 on h"))
        self.assertIn("| 2026-01-02 | none: recovery 1.02× a bare fault; mprotect: switch 1.04× (≤ 1.3), "
                      "recovery 1.08× its floor (≤ 1.2), 1.73× a bare fault |", text)
        self.assertIn("| 2026-01-02 | 10.5 CPU-minutes over 73 targets, 1000 executions: "
                      "0 BUG verdicts |", text)

    def test_a_section_run_on_another_kernel_says_so(self):
        throughput = {"cpu_seconds_per_run": 3, "backends": ["none"], "targets": [], "geometric_mean": {}}
        text = cmd_bench.markdown({"machine": MACHINE, "sections": {
            "throughput": dict(entry("THROUGHPUT", data=throughput), quick=True, kernel="threadx")}})
        self.assertIn("Run 2026-01-02T01:00:00+00:00 at commit abc (--quick, threadx kernel).", text)
        self.assertIn("| 2026-01-02 (--quick, threadx kernel) | 0 targets", text)


if __name__ == "__main__":
    unittest.main()

"""Kernel coverage (tools/gatefuzz/coverage_tables.py): llvm-cov's text read into
lines and branches reached, the code never reached (a seeded bug's path
told apart), and its tables in the campaign report."""
import tempfile
import unittest
from pathlib import Path

from gatefuzz import coverage_tables, report

# llvm-cov-14 show -show-branches=count -show-line-counts, two files.
SHOWN = """{queue}:
    1|       |/* svc_queue.c */
    2|       |uintptr_t gf_impl_queue_send(struct gf_call *c)
    3|  1.20k|{{
    4|  1.20k|\tif (q->enqueued == q->capacity)
  ------------------
  |  Branch (4:6): [True: 0, False: 1.20k]
  ------------------
    5|      0|\t\treturn GF_QUEUE_FULL;
    6|       |\t/* a comment between two lines never run */
    7|      0|\tq->enqueued--;
    8|  1.20k|\tif (GF_SEEDED(queue_index_mask, q->capacity & (q->capacity - 1)))
  ------------------
  |  Branch (8:6): [True: 0, False: 0]
  ------------------
    9|      0|\t\tq->write = (q->write + 1) & (q->capacity - 1);
   10|  1.20k|\treturn GF_SUCCESS;
   11|  1.20k|}}

{time}:
    1|      3|uintptr_t gf_impl_time_get(struct gf_call *c)
    2|      3|{{
    3|      3|\treturn gf_sys()->tick;
    4|      3|}}
"""


class Parse(unittest.TestCase):
    def setUp(self):
        self._scratch = tempfile.TemporaryDirectory()
        self.root = Path(self._scratch.name)
        (self.root / "kernel").mkdir()
        self.files = [self.root / "kernel" / name for name in ("svc_queue.c", "svc_time.c")]
        for f in self.files:
            f.write_text("")
        self.result = coverage_tables.parse(SHOWN.format(queue=self.files[0], time=self.files[1]),
                                     self.files, self.root)
        self.queue, self.time = self.result["files"]

    def tearDown(self):
        self._scratch.cleanup()

    def test_lines_and_branches_counted(self):
        self.assertEqual(self.queue["file"], "kernel/svc_queue.c")
        self.assertEqual(self.queue["lines"], [5, 8])  # 1.20k counts as reached
        self.assertEqual(self.queue["branches"], [1, 4])
        self.assertEqual(self.time["lines"], [4, 4])
        self.assertEqual(self.result["lines"], [9, 12])

    def test_code_never_reached_in_runs(self):
        # lines 5 and 7 are one run: only a comment lies between them
        self.assertEqual([(u["lines"], u["seeded"]) for u in self.queue["unreached"]],
                         [("5-7", False), ("9", True)])
        self.assertEqual(self.queue["unreached"][0]["source"], "return GF_QUEUE_FULL;")
        self.assertEqual(self.time["unreached"], [])

    def test_direction_never_taken_of_a_reached_condition(self):
        # line 8's condition never ran either way: its line says so, not a direction
        self.assertEqual([(b["line"], b["direction"]) for b in self.queue["never_taken"]], [(4, "true")])

    def test_one_file_has_no_header(self):
        only = SHOWN.split("\n\n")[1].split("\n", 1)[1]
        result = coverage_tables.parse(only, self.files[1:], self.root)
        self.assertEqual(result["files"][0]["lines"], [4, 4])

    def test_report_tables(self):
        self.result.update(inputs=3, targets=1)
        headings = {heading: rows for heading, _, rows in
                    report.tables(summary_with(self.result))}
        self.assertIn(("kernel/svc_queue.c", "5/8 (62%)", "1/4 (25%)", "5-7, 9"),
                      headings["Kernel coverage"])
        never = headings["Kernel code never reached"]
        self.assertIn(("kernel/svc_queue.c", "9", "q->write = (q->write + 1) & (q->capacity - 1);",
                       coverage_tables.SEEDED_NOTE), never)
        self.assertIn(("kernel/svc_queue.c", "4 (true never)", "if (q->enqueued == q->capacity)", ""), never)
        skipped = dict((h, rows) for h, _, rows in report.tables(summary_with({"skipped": "interrupted"})))
        self.assertEqual(skipped["Kernel coverage"], [("not measured: interrupted",)])


def summary_with(kernel_coverage):
    """The smallest summary report.tables() renders."""
    return {"status": "complete", "kernel": "builtin", "threadx": None, "engine": "libfuzzer",
            "board": "host", "backend": "auto",
            "budget": {"total_time": 10, "jobs": 1, "seconds_per_target": 10},
            "sharing": {"policy": "equal", "rule": "equal", "rounds": []},
            "totals": {"targets": 0, "targets_done": 0, "fuzzing_seconds": 0, "execs": 0, "counted": 0,
                       "bugs": 0, "new_bugs": 0, "findings": 0, "unreproduced": 0},
            "counting": "", "efficiency": {"share": None, "unmeasured": "test"}, "created": "",
            "coverage_names": [], "targets": [], "bugs": [], "unreproduced": [],
            "kernel_coverage": kernel_coverage}


if __name__ == "__main__":
    unittest.main()

"""Campaigns with seeded bugs (`gatefuzz run --seeded`): which bugs a
--seeded value selects, how a title is attributed to the bugs that alone
reproduce it, and how section sharing-seeded compares two policies' finds."""
import unittest

from gatefuzz import seeded
from gatefuzz.bench import sharing_seeded
from gatefuzz.errors import GatefuzzError
from gatefuzz.replayer import Outcome, Replay


class Selection(unittest.TestCase):
    def test_all_is_every_bug_in_bugs_def_order(self):
        self.assertEqual(seeded.selection("all"), [bug.id for bug in seeded.seeded_bugs()])

    def test_a_list_keeps_bugs_def_order(self):
        first, second = [bug.id for bug in seeded.seeded_bugs()][:2]
        self.assertEqual(seeded.selection(f" {second},{first} "), [first, second])

    def test_a_name_that_is_no_bug_is_an_error(self):
        for text in ("no_such_bug", "range_wrap,no_such_bug", ","):
            with self.subTest(text=text), self.assertRaises(GatefuzzError) as caught:
                seeded.selection(text)
            self.assertIn("no seeded bug", str(caught.exception))


class FakeRunner:
    """A build in which only the bugs in `guilty` make the input a BUG."""

    def __init__(self, guilty):
        self.guilty, self.env, self.seen = guilty, {"GATEFUZZ_BACKEND": "mprotect"}, []

    def replay(self, files):
        bug = self.env[seeded.SWITCH]
        self.seen.append(bug)
        return Replay([Outcome(str(files[0]), "BUG" if bug in self.guilty else "OK")])


class Attribution(unittest.TestCase):
    def test_the_bugs_that_alone_reproduce_the_finding(self):
        runner = FakeRunner({"b", "d"})
        self.assertEqual(seeded.attribute(runner, "finding", ["a", "b", "c", "d"]), ["b", "d"])
        self.assertEqual(runner.seen, ["a", "b", "c", "d"])  # one bug at a time
        self.assertEqual(runner.env["GATEFUZZ_BACKEND"], "mprotect")

    def test_no_bug_alone_is_no_attribution(self):
        self.assertEqual(seeded.attribute(FakeRunner(set()), "finding", ["a", "b"]), [])


class Comparison(unittest.TestCase):
    @staticmethod
    def rows(progress, equal):
        return [{"policy": "progress", "seeded": {"bug": t}} for t in progress] + \
               [{"policy": "equal", "seeded": {"bug": t}} for t in equal]

    def test_earlier_medians_are_no_later(self):
        self.assertTrue(sharing_seeded.compare("bug", self.rows([3, 5, 9], [4, 5, 6]))["progress_no_later"])

    def test_a_later_median_is_later(self):
        self.assertFalse(sharing_seeded.compare("bug", self.rows([3, 7, 9], [4, 5, 6]))["progress_no_later"])

    def test_a_bug_found_in_fewer_trials_is_later(self):
        compared = sharing_seeded.compare("bug", self.rows([1, 1, None], [4, 5, 6]))
        self.assertEqual(compared["found"], {"progress": 2, "equal": 3})
        self.assertFalse(compared["progress_no_later"])

    def test_a_bug_missed_in_most_trials_has_no_median(self):
        compared = sharing_seeded.compare("bug", self.rows([None, None, None], [None, 2, None]))
        self.assertEqual(compared["median"], {"progress": None, "equal": None})
        self.assertFalse(compared["progress_no_later"])  # equal found it once, progress never
        self.assertTrue(sharing_seeded.compare("bug", self.rows([None] * 3, [None] * 3))["progress_no_later"])


if __name__ == "__main__":
    unittest.main()

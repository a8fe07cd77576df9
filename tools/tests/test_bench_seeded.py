"""The seeded-bugs bench: its reading of kernel/bugs.def and the
reproducers, medians censored at the budget, and the acceptance rule
(every bug, every trial, at least one engine)."""
import unittest

from gatefuzz import seeded as seeded_bugs
from gatefuzz.bench import seeded
from gatefuzz.engines.libfuzzer import past_corpus
from gatefuzz.report import STATE_KINDS

# memory safety, then the kinds of the model of object state
KINDS = {"deputy-read", "deputy-write", "double-fetch", "integrity", "info-leak", "kernel-fault",
         "overflow", "stray-write", "address-leak", *STATE_KINDS}


def result(bug, engine, number, detected, cpu=1.0, execs=10, in_seeds=False):
    return {"bug": bug, "engine": engine, "trial": number, "detected": detected,
            "cpu_seconds": cpu, "execs": execs, "reached": 1, "triggered": int(detected),
            "in_seeds": in_seeds}


class Bugs(unittest.TestCase):
    def test_every_bug_has_a_reproducer_with_a_target_and_a_kind(self):
        bugs = seeded_bugs.seeded_bugs()
        self.assertGreaterEqual(len(bugs), 12)
        for bug in bugs:
            self.assertTrue(bug.target.startswith("fuzz_"), bug)
            self.assertIn(bug.kind, KINDS, bug)
            self.assertIn(bug.clean, ("OK", "REJECTED", "CONTAINED"), bug)

    def test_the_kind_is_the_first_word_of_a_title(self):
        self.assertEqual(seeded_bugs.kind_of("deputy-write queue_send queue_send/impl"), "deputy-write")


class Medians(unittest.TestCase):
    def test_an_undetected_trial_counts_as_later_than_any_detection(self):
        trials = [result("b", "afl", 1, True, cpu=3), result("b", "afl", 2, False, cpu=300),
                  result("b", "afl", 3, True, cpu=1)]
        self.assertEqual(seeded.median_to_detection(trials, "cpu_seconds"), 3)

    def test_no_median_when_most_trials_miss(self):
        trials = [result("b", "afl", 1, True), result("b", "afl", 2, False),
                  result("b", "afl", 3, False)]
        self.assertIsNone(seeded.median_to_detection(trials, "execs"))


class Summary(unittest.TestCase):
    def test_detections_by_a_seed_are_counted_apart(self):
        bug = seeded_bugs.seeded_bugs()[0]
        trials = [result(bug.id, "libfuzzer", 1, True, in_seeds=True),
                  result(bug.id, "libfuzzer", 2, True), result(bug.id, "libfuzzer", 3, False)]
        [record] = seeded.summarise([bug], trials)
        self.assertEqual((record["trials"], record["detected"], record["in_seeds"]), (3, 2, 1))

    def test_libfuzzer_is_past_its_corpus_once_it_says_inited(self):
        seed_pass = ["#2\tINITED cov: 10 ft: 12 corp: 1/1b exec/s: 0 rss: 30Mb"]
        self.assertTrue(past_corpus(seed_pass))
        self.assertFalse(past_corpus(["INFO: seed corpus: files: 59", "==1==ERROR: deadly signal"]))


class Headline(unittest.TestCase):
    def record(self, median):
        return {"bug": "b", "engine": "afl", "trials": 3, "detected": 2, "in_seeds": 0,
                "median_cpu_seconds": median}

    def test_the_slowest_median_counts_a_zero_and_names_a_miss(self):
        data = {"budget_cpu_seconds": 300, "all_detected": True,
                "bugs": [self.record(0.0), self.record(0.5)]}
        self.assertIn("AFL++ 4/6 trials (0 by a seed), slowest median 0.5 CPU-s", seeded.headline(data))
        data["bugs"] = [self.record(0.0), self.record(None)]
        self.assertIn("some bug missed in most trials", seeded.headline(data))


class Acceptance(unittest.TestCase):
    def test_one_engine_per_trial_is_enough(self):
        results = [result("b", "libfuzzer", 1, True), result("b", "afl", 1, False),
                   result("b", "libfuzzer", 2, False), result("b", "afl", 2, True)]
        self.assertTrue(seeded.all_detected(results))

    def test_a_trial_both_engines_miss_fails(self):
        results = [result("b", "libfuzzer", 1, True), result("b", "afl", 1, True),
                   result("b", "libfuzzer", 2, False), result("b", "afl", 2, False)]
        self.assertFalse(seeded.all_detected(results))


if __name__ == "__main__":
    unittest.main()

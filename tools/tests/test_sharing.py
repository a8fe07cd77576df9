"""Progress-driven time sharing: an equal first round for every target, then
rounds that follow coverage and corpus growth, within the budget."""
import tempfile
import unittest
from datetime import datetime, timedelta, timezone
from pathlib import Path

from gatefuzz import sharing
from gatefuzz.campaign import START_UP, Campaign

TARGETS = ["fuzz_queue_send", "fuzz_queue_flush", "fuzz_mutex_get", "fuzz_sequence"]


class Sharing(unittest.TestCase):
    def setUp(self):
        self._scratch = tempfile.TemporaryDirectory()
        self.campaign = Campaign.create(Path(self._scratch.name) / "c", "libfuzzer", TARGETS, 120, 2,
                                        "auto", "builtin", None)
        self.campaign.make_dirs()

    def tearDown(self):
        self._scratch.cleanup()

    def fuzz(self, target, seconds, coverage_from, coverage_to, new_inputs=0):
        """A run of `seconds` whose coverage climbs linearly, adding `new_inputs` at its end."""
        before = self.campaign.seconds(target)
        started = datetime.now(timezone.utc) - timedelta(seconds=seconds)
        with open(self.campaign.plot_path(target), "a") as samples:
            for s in range(seconds + 1):
                coverage = coverage_from + (coverage_to - coverage_from) * s // seconds
                samples.write(f"{before + s}\t{coverage}\t0\n")
        for n in range(new_inputs):
            (self.campaign.corpus_dir(target) / f"{target}-{before}-{n}").write_bytes(b"x")
        self.campaign.record_run(target, {"started": started.isoformat(timespec="seconds"),
                                          "seconds": seconds})

    def first_round(self, at_once=2):
        allotted, why = sharing.next_round(self.campaign, at_once)
        for target, seconds in allotted.items():
            grows = target in ("fuzz_sequence", "fuzz_queue_send")
            self.fuzz(target, seconds, 100, 200 if grows else 100, new_inputs=3 if grows else 0)
            self.campaign.finish_in_round(target)
        return allotted, why

    def test_the_first_round_is_equal_and_short(self):
        allotted, why = self.first_round()
        self.assertEqual(set(allotted), set(TARGETS))
        self.assertEqual(len(set(allotted.values())), 1)
        self.assertLess(sum(s + START_UP for s in allotted.values()), sharing.budget(self.campaign, 2) / 2)
        self.assertTrue(all("first round" in w for w in why.values()))

    def test_later_rounds_follow_progress_and_favour_multi_call(self):
        self.first_round(at_once=1)  # one core: no target's share is capped by the round's wall time
        allotted, why = sharing.next_round(self.campaign, 1)
        self.assertGreater(allotted["fuzz_sequence"], allotted["fuzz_queue_send"])
        self.assertIn("multi-call", why["fuzz_sequence"])
        for flat in ("fuzz_queue_flush", "fuzz_mutex_get"):
            self.assertLess(allotted.get(flat, 0), allotted["fuzz_queue_send"])

    def test_no_round_outruns_the_wall_time_or_the_budget(self):
        self.first_round()
        while True:
            left = sharing.budget(self.campaign, 2) - sharing.spent(self.campaign)
            allotted, _ = sharing.next_round(self.campaign, 2)
            if not allotted:
                break
            # a target runs on one of the 2 cores: no run longer than the wall time left
            self.assertLessEqual(max(allotted.values()) + START_UP, left / 2)
            self.assertGreaterEqual(min(allotted.values()), 1)
            for target, seconds in allotted.items():
                self.fuzz(target, seconds, 200, 200)
                self.campaign.finish_in_round(target)
        self.assertLessEqual(sharing.spent(self.campaign), sharing.budget(self.campaign, 2))
        self.assertLessEqual(len(self.campaign.state["schedule"]), sharing.LATER_ROUNDS + 1)

    def test_a_larger_time_on_resume_brings_more_rounds(self):
        self.first_round()
        while (allotted := sharing.next_round(self.campaign, 2)[0]):
            for target, seconds in allotted.items():
                self.fuzz(target, seconds + START_UP, 200, 200)  # each run also paid its start-up
                self.campaign.finish_in_round(target)
        rounds = len(self.campaign.state["schedule"])
        self.campaign.state["total_time"] *= 2
        self.assertTrue(sharing.next_round(self.campaign, 2)[0])
        self.assertEqual(len(self.campaign.state["schedule"]), rounds + 1)

    def test_a_resumed_round_owes_what_is_left(self):
        allotted, _ = sharing.next_round(self.campaign, 2)
        self.fuzz("fuzz_sequence", 1, 0, 10)
        left = dict(self.campaign.round_remaining())
        self.assertEqual(left["fuzz_sequence"], allotted["fuzz_sequence"] - 1)
        self.assertEqual(left["fuzz_mutex_get"], allotted["fuzz_mutex_get"])


if __name__ == "__main__":
    unittest.main()

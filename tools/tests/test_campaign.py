"""A campaign's time: each target's share, shared out in whole seconds that
add up to the budget, and what a resumed campaign still owes a target."""
import unittest

from gatefuzz.campaign import MIN_SHARE, START_UP, Campaign
from gatefuzz.engines import libfuzzer


def campaign(targets, total_time, runs=None, done=None):
    names = [f"t{i}" for i in range(targets)]
    return Campaign("/nonexistent", {"targets": names, "total_time": total_time,
                                     "runs": runs or {t: [] for t in names}, "done": done or {}})


class Time(unittest.TestCase):
    def test_whole_seconds_add_up_to_the_budget(self):
        c = campaign(73, 180)
        share = c.share(2)
        self.assertAlmostEqual(share, 180 * 2 / 73 - START_UP)
        allotted = [s for _, s in c.remaining(2)]
        self.assertEqual(len(allotted), 73)
        self.assertEqual(sum(allotted), int(73 * share))
        self.assertLessEqual(max(allotted) - min(allotted), 1)

    def test_a_tiny_budget_gives_every_target_the_minimum(self):
        c = campaign(73, 10)
        self.assertEqual(c.share(2), MIN_SHARE)
        self.assertEqual({s for _, s in c.remaining(2)}, {MIN_SHARE})

    def test_a_resumed_campaign_owes_only_what_is_left(self):
        runs = {"t0": [{"seconds": 2.2}], "t1": [{"seconds": 0.5}], "t2": []}
        c = campaign(3, 12, runs=runs, done={"t0": 3.0})
        share = c.share(1)  # 12 / 3 - 1 = 3 s each
        self.assertEqual(share, 3)
        self.assertEqual(c.remaining(1), [("t1", 2), ("t2", 3)])



class MinimiseTime(unittest.TestCase):
    """libFuzzer's minimisation runs until its time is up: small inputs get
    little, large ones at most the cap."""

    def test_scales_with_the_input_and_is_capped(self):
        self.assertEqual(libfuzzer.minimise_seconds(0), 5)
        self.assertEqual(libfuzzer.minimise_seconds(20), 6)
        self.assertEqual(libfuzzer.minimise_seconds(400), libfuzzer.MINIMISE_SECONDS)
        self.assertEqual(libfuzzer.minimise_seconds(1 << 20), libfuzzer.MINIMISE_SECONDS)


if __name__ == "__main__":
    unittest.main()

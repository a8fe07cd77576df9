"""Which targets reach a mutant: those whose seeds cover its function,
then those that cover a caller of it in the file (a static function
inlined into its callers has no coverage of its own there); and which of
them are fuzzed."""
import unittest

from gatefuzz import mutation, reach

COVERAGE = {
    "fuzz_a": {"covered": ["kernel/v.c:check", "kernel/v.c:may"], "clean": True},
    "fuzz_b": {"covered": ["kernel/v.c:check"], "clean": True},
    "fuzz_c": {"covered": ["kernel/w.c:check"], "clean": True},
}
CALLERS = {"may": {"check"}, "check": set(), "helper": {"may"}}
FALLBACK = ("fuzz_sequence",)  # the built-in kernel's target of every service


class TargetsReaching(unittest.TestCase):
    def test_the_function_and_then_its_callers(self):
        self.assertEqual(reach.targets_reaching(COVERAGE, "kernel/v.c", "may", CALLERS),
                         (["fuzz_a"], ["fuzz_b"]))

    def test_an_inlined_function_reaches_through_its_callers_transitively(self):
        self.assertEqual(reach.targets_reaching(COVERAGE, "kernel/v.c", "helper", CALLERS),
                         ([], ["fuzz_a", "fuzz_b"]))

    def test_a_function_of_the_same_name_in_another_file_does_not_count(self):
        self.assertEqual(reach.targets_reaching(COVERAGE, "kernel/w.c", "check", CALLERS), (["fuzz_c"], []))

    def test_a_function_no_seed_reaches(self):
        self.assertEqual(reach.targets_reaching(COVERAGE, "kernel/v.c", "unused", CALLERS), ([], []))

    def test_the_fuzzed_targets_are_those_of_the_function_first(self):
        direct, callers = ["d1", "d2"], ["c1", "c2", "c3", "c4"]
        chosen = mutation.fuzz_targets("m", direct, callers, 3, FALLBACK)
        self.assertEqual(chosen[:2], direct)
        self.assertIn(chosen[2], callers)
        self.assertEqual(mutation.fuzz_targets("m", [], [], 3, FALLBACK), list(FALLBACK))

    def test_the_fuzzed_targets_are_spread_and_differ_between_mutants(self):
        targets = [f"t{i:02}" for i in range(40)]
        chosen = {tuple(mutation.fuzz_targets(f"v.c:{line}:1:boundary", targets, [], 3, FALLBACK)) for line in range(20)}
        self.assertGreater(len(chosen), 10)
        for picked in chosen:
            gaps = sorted(int(t[1:]) for t in picked)
            self.assertEqual(len(set(picked)), 3)
            self.assertTrue(all(b - a >= 13 for a, b in zip(gaps, gaps[1:])), picked)
        self.assertEqual(mutation.fuzz_targets("same", targets, [], 3, FALLBACK), mutation.fuzz_targets("same", targets, [], 3, FALLBACK))

    def test_a_spread_keeps_the_list_order(self):
        ids = ["v.c:41:1:b", "v.c:100:1:b", "v.c:9:1:b", "o.c:1:1:b"]
        self.assertEqual(mutation.spread(ids, 2), ["v.c:41:1:b", "v.c:9:1:b"])
        self.assertEqual(mutation.spread(ids, 2, start=1), ["v.c:100:1:b", "o.c:1:1:b"])

    def test_a_coverage_line(self):
        match = reach.FUNCTION_LINE.match(
            "COVERED_FUNC: hits: 31 edges: 3/10 gf_class_pick /src/harnesses/pointer_gen.c:39")
        self.assertEqual(match.groups(), ("gf_class_pick", "/src/harnesses/pointer_gen.c"))


if __name__ == "__main__":
    unittest.main()

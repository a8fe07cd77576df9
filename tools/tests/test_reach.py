"""Which targets a mutant is fuzzed on: those whose seeds cover its
function or, through the file's call graph, a caller of it (a static
function inlined into its callers has no coverage of its own there)."""
import unittest

from gatefuzz import reach

COVERAGE = {
    "fuzz_a": {"covered": ["kernel/v.c:check", "kernel/v.c:may"], "clean": True},
    "fuzz_b": {"covered": ["kernel/v.c:check"], "clean": True},
    "fuzz_c": {"covered": ["kernel/w.c:check"], "clean": True},
}
CALLERS = {"may": {"check"}, "check": set(), "helper": {"may"}}


class TargetsReaching(unittest.TestCase):
    def test_the_function_and_its_callers_count(self):
        self.assertEqual(reach.targets_reaching(COVERAGE, "kernel/v.c", "may", CALLERS), ["fuzz_a", "fuzz_b"])

    def test_an_inlined_function_reaches_through_its_callers_transitively(self):
        self.assertEqual(reach.targets_reaching(COVERAGE, "kernel/v.c", "helper", CALLERS),
                         ["fuzz_a", "fuzz_b"])

    def test_a_function_of_the_same_name_in_another_file_does_not_count(self):
        self.assertEqual(reach.targets_reaching(COVERAGE, "kernel/w.c", "check", CALLERS), ["fuzz_c"])

    def test_a_function_no_seed_reaches(self):
        self.assertEqual(reach.targets_reaching(COVERAGE, "kernel/v.c", "unused", CALLERS), [])

    def test_a_coverage_line(self):
        match = reach.FUNCTION_LINE.match(
            "COVERED_FUNC: hits: 31 edges: 3/10 gf_class_pick /src/harnesses/pointer_gen.c:39")
        self.assertEqual(match.groups(), ("gf_class_pick", "/src/harnesses/pointer_gen.c"))


if __name__ == "__main__":
    unittest.main()

"""--kernel threadx on the toy project, whose build stands a third target in
for ThreadX's when configured with a tree: replay and campaigns take the
ThreadX targets and corpora only, a campaign records its kernel and tree and
keeps them on --resume, and `test` runs the threadx tests with a tree and
counts them as skipped without one."""
import json
import shutil
import unittest

from gatefuzz import build
from tests.faketree import make_tarball, make_tree
from tests.toyproject import ToyProject, one_line


def setUpModule():
    global toy, tree, tarball
    toy = ToyProject()
    tree = make_tree(toy.scratch / "threadx")
    tarball = make_tarball(toy.scratch / "threadx-9.9.tar.gz", tree)


def tearDownModule():
    toy.cleanup()


def cached_tree(project, preset):
    return build.cached(project.root / "build" / preset / "CMakeCache.txt", "GATEFUZZ_THREADX")


class Replay(unittest.TestCase):
    def test_the_threadx_corpora_only(self):
        result = toy.gatefuzz("replay", "--kernel", "threadx", "--threadx", str(tree))
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("(threadx kernel)", result.stdout)
        self.assertRegex(result.stdout, r"fuzz_threadx_toy\s+1 inputs\s+OK 1")
        self.assertIn("reproducer corpus/regressions/threadx-toy/contained: CONTAINED as expected",
                      result.stdout)
        self.assertNotIn("fuzz_toy_", result.stdout)
        self.assertIn("replay: 1 seed inputs, 1 reproducers: 0 failed, 0 errors", result.stdout)
        self.assertEqual(cached_tree(toy, "replay"), str(tree))

    def test_the_builtin_kernel_passes_over_them(self):
        result = toy.gatefuzz("replay")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertNotIn("threadx", result.stdout.replace("(builtin kernel)", ""))
        self.assertIn("replay: 4 seed inputs, 0 reproducers", result.stdout)

    def test_a_builtin_seed_directory_named_for_threadx(self):
        result = toy.gatefuzz("replay", "--kernel", "threadx", "--threadx", str(tree),
                              str(toy.root / "corpus" / "fuzz_toy_calm"))
        self.assertEqual(result.returncode, 2, result.stdout + result.stderr)
        self.assertIn("not named after a target (targets-threadx.txt)", result.stderr)


class Campaigns(unittest.TestCase):
    def test_a_campaign_records_its_kernel_and_keeps_it_on_resume(self):
        campaign = toy.scratch / "threadx-campaign"
        result = toy.gatefuzz("run", "--kernel", "threadx", "--threadx", str(tarball), "--time", "2",
                              "--jobs", "1", "--out", str(campaign))
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("1 of 1 targets of the threadx kernel to fuzz", result.stdout)
        self.assertIn("complete | threadx kernel |", result.stdout)
        summary = json.loads((campaign / "summary.json").read_text())
        self.assertEqual((summary["kernel"], summary["threadx"]), ("threadx", str(tarball)))
        self.assertEqual([t["target"] for t in summary["targets"]], ["fuzz_threadx_toy"])
        self.assertIn(f"| kernel | threadx (tree: {tarball}) |", (campaign / "report.md").read_text())
        extraction = toy.root / "build" / "threadx-src" / "threadx-9.9" / "threadx-9.9"
        self.assertEqual(cached_tree(toy, "libfuzzer"), str(extraction))

        refused = toy.gatefuzz("run", "--resume", str(campaign), "--kernel", "builtin")
        self.assertEqual(refused.returncode, 2)
        self.assertIn("--kernel cannot change on --resume", one_line(refused.stderr))

        # a resume configures the build again from what the campaign recorded,
        # not from the environment
        shutil.rmtree(toy.root / "build" / "libfuzzer")
        toy.env["GATEFUZZ_THREADX"] = str(toy.scratch / "another-threadx")
        self.addCleanup(toy.env.pop, "GATEFUZZ_THREADX")
        resumed = toy.gatefuzz("run", "--resume", str(campaign), "--time", "3", "--jobs", "1")
        self.assertEqual(resumed.returncode, 0, resumed.stdout + resumed.stderr)
        self.assertEqual(cached_tree(toy, "libfuzzer"), str(extraction))
        summary = json.loads((campaign / "summary.json").read_text())
        self.assertEqual((summary["kernel"], len(summary["rounds"])), ("threadx", 2))

    def test_targets_are_matched_against_the_threadx_list(self):
        result = toy.gatefuzz("run", "--kernel", "threadx", "--threadx", str(tree), "--targets", "fuzz_toy_*",
                              "--out", str(toy.scratch / "unmatched"))
        self.assertEqual(result.returncode, 2)
        self.assertIn("no target matches 'fuzz_toy_*'", one_line(result.stderr))


class Test(unittest.TestCase):
    """`gatefuzz test` on a toy of its own, configured in the order written."""

    def test_threadx_tests_skipped_without_a_tree_then_run_with_one(self):
        project = ToyProject()
        self.addCleanup(project.cleanup)
        result = project.gatefuzz("test", "--preset", "replay", timeout=300)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        lines = result.stdout.strip().splitlines()
        self.assertEqual(lines[-2:], ["skipped: 1 threadx tests: no ThreadX tree "
                                      "(set GATEFUZZ_THREADX or --threadx)", "1 passed, 0 failed, 1 skipped"])

        project.env["GATEFUZZ_THREADX"] = str(tree)
        result = project.gatefuzz("test", "--preset", "replay", timeout=300)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertEqual(result.stdout.strip().splitlines()[-1], "2 passed, 0 failed")
        self.assertNotIn("skipped:", result.stdout)

        # without a tree, the preset keeps the one it has
        del project.env["GATEFUZZ_THREADX"]
        result = project.gatefuzz("test", "--preset", "replay", timeout=300)
        self.assertEqual(result.stdout.strip().splitlines()[-1], "2 passed, 0 failed")
        self.assertEqual(cached_tree(project, "replay"), str(tree))


if __name__ == "__main__":
    unittest.main()

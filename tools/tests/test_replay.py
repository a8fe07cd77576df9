"""gatefuzz replay on the toy project: seeds, reproducers, and the inputs
that are not inputs."""
import os
import unittest

from tests.toyproject import ToyProject, one_line

BUG = "write-outside toy_write toy.c:42"


def setUpModule():
    global toy
    toy = ToyProject()


def tearDownModule():
    toy.cleanup()


def seed_dir(name, target, files):
    """A seed directory named after `target` under scratch/<name>/, holding `files` (name: bytes)."""
    directory = toy.scratch / name / target
    directory.mkdir(parents=True)
    for file_name, data in files.items():
        (directory / file_name).write_bytes(data)
    return directory


def reproducer(collection, name, data, expect):
    """A reproducer directory scratch/<collection>/<name>/ (input + expect)."""
    directory = toy.scratch / collection / name
    directory.mkdir(parents=True)
    (directory / "input").write_bytes(data)
    (directory / "expect").write_text(expect)
    return directory


class Seeds(unittest.TestCase):
    def test_the_toy_corpus_replays_clean(self):
        result = toy.gatefuzz("replay")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertRegex(result.stdout, r"fuzz_toy_calm\s+2 inputs\s+OK 1, CONTAINED 1")
        self.assertRegex(result.stdout, r"fuzz_toy_crash\s+2 inputs\s+OK 1, REJECTED 1")

    def test_a_seed_that_finds_a_bug_fails(self):
        directory = seed_dir("buggy", "fuzz_toy_crash", {"a": b"B", "b": b"GF!"})
        result = toy.gatefuzz("replay", str(directory))
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        self.assertIn(f"{directory}/b: BUG {BUG}", result.stdout)

    def test_the_libfuzzer_build_counts_verdicts_from_its_stats(self):
        result = toy.gatefuzz("replay", "--preset", "libfuzzer")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertRegex(result.stdout, r"fuzz_toy_calm\s+2 inputs\s+OK 1, CONTAINED 1")

    def test_the_libfuzzer_build_finds_the_crashing_seed_and_replays_the_rest(self):
        directory = seed_dir("buggy-libfuzzer", "fuzz_toy_crash", {"a": b"GF!", "b": b"B", "c": b"C"})
        result = toy.gatefuzz("replay", "--preset", "libfuzzer", str(directory))
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        self.assertIn(f"{directory}/a: BUG {BUG}", result.stdout)
        self.assertRegex(result.stdout, r"3 inputs\s+OK 1, CONTAINED 1, BUG 1")


class NotInputs(unittest.TestCase):
    def test_a_missing_directory_is_a_usage_error(self):
        result = toy.gatefuzz("replay", "corpus/fuzz_toy_nothing")
        self.assertEqual(result.returncode, 2)
        self.assertIn("no such file or directory: corpus/fuzz_toy_nothing", one_line(result.stderr))

    def test_entries_that_are_not_inputs_are_named_and_the_rest_replayed(self):
        directory = seed_dir("mixed", "fuzz_toy_calm", {"even": b"B", "contained": b"Cx",
                                                        "huge": b"B" * 5000})
        (directory / "notes").mkdir()
        os.mkfifo(directory / "pipe")
        result = toy.gatefuzz("replay", str(directory), timeout=60)
        self.assertEqual(result.returncode, 2, result.stdout + result.stderr)
        self.assertRegex(result.stdout, r"fuzz_toy_calm\s+3 inputs\s+OK 1, CONTAINED 1")
        errors = result.stderr.splitlines()
        self.assertIn(f"error: {directory}/notes: not a regular file", errors)
        self.assertIn(f"error: {directory}/pipe: not a regular file", errors)
        self.assertTrue(any(line.startswith(f"error: {directory}/huge: larger than") for line in errors),
                        errors)

    def test_a_directory_named_after_no_target(self):
        directory = seed_dir("typo", "fuzz_toy_clam", {"a": b"B"})
        result = toy.gatefuzz("replay", str(directory.parent))
        self.assertEqual(result.returncode, 2, result.stdout + result.stderr)
        self.assertIn(f"error: {directory}: not named after a target", result.stderr)


class Reproducers(unittest.TestCase):
    def test_verdicts_against_expect(self):
        reproducer("expected", "ok", b"B", "target=fuzz_toy_calm\nverdict=OK\n")
        reproducer("expected", "bug-kind", b"GF!", "target=fuzz_toy_crash\nverdict=BUG write-outside\n")
        reproducer("expected", "bug-title", b"GF!", f"target=fuzz_toy_crash\nverdict=BUG {BUG}\n")
        # a seeded bug's reproducer: the clean build must give clean=
        reproducer("expected", "seeded", b"GF!", "target=fuzz_toy_calm\nverdict=BUG write-outside\n"
                                     "bug=toy_write\nclean=REJECTED\n")
        for preset in ("replay", "libfuzzer"):
            with self.subTest(preset=preset):
                result = toy.gatefuzz("replay", "--preset", preset, str(toy.scratch / "expected"))
                self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
                self.assertEqual(result.stdout.count("as expected"), 4, result.stdout)
                self.assertIn("REJECTED as expected (clean build", result.stdout)

    def test_a_different_verdict_fails(self):
        directory = reproducer("unexpected", "wrong", b"Cx", "target=fuzz_toy_calm\nverdict=OK\n")
        result = toy.gatefuzz("replay", str(directory))
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        self.assertIn("CONTAINED expected OK  FAILED", result.stdout)

    def test_an_expect_without_a_target_is_an_error(self):
        directory = reproducer("broken", "untargeted", b"B", "verdict=OK\n")
        result = toy.gatefuzz("replay", str(directory))
        self.assertEqual(result.returncode, 2, result.stdout + result.stderr)
        self.assertIn("unknown target", result.stderr)


if __name__ == "__main__":
    unittest.main()

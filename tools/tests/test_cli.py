"""The command line: usage errors are one line on stderr and exit 2."""
import unittest

from tests.toyproject import ToyProject, one_line

COMMANDS = ("run", "test", "replay", "bench", "deps")


def setUpModule():
    global toy
    toy = ToyProject()


def tearDownModule():
    toy.cleanup()


class UsageErrors(unittest.TestCase):
    def assert_usage_error(self, *args, mentions):
        result = toy.gatefuzz(*args)
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertEqual(result.stdout, "")
        line = one_line(result.stderr)
        self.assertIn(mentions, line)
        return line

    def test_unknown_subcommand(self):
        self.assert_usage_error("fuzzall", mentions="invalid choice: 'fuzzall'")

    def test_no_subcommand(self):
        self.assert_usage_error(mentions="COMMAND")

    def test_unknown_flag_is_blamed_on_its_subcommand(self):
        for command in COMMANDS:
            with self.subTest(command=command):
                line = self.assert_usage_error(command, "--no-such-flag", mentions="--no-such-flag")
                self.assertTrue(line.startswith(f"gatefuzz {command}: "), line)

    def test_bad_values(self):
        for args, mentions in ((("run", "--jobs", "0"), "--jobs"), (("run", "--time", "soon"), "--time"),
                               (("run", "--engine", "honggfuzz"), "honggfuzz"),
                               (("replay", "--preset", "afl"), "afl"), (("bench", "speed"), "speed"),
                               (("test", "--preset", "debug"), "debug")):
            with self.subTest(args=args):
                self.assert_usage_error(*args, mentions=mentions)

    def test_resume_keeps_the_campaign_settings(self):
        self.assert_usage_error("run", "--resume", "out/x", "--engine", "afl", mentions="--engine")

    def test_unknown_feature(self):
        self.assert_usage_error("deps", "gpu", mentions="unknown feature 'gpu'")


class Help(unittest.TestCase):
    def test_every_subcommand_has_help(self):
        for command in COMMANDS:
            with self.subTest(command=command):
                result = toy.gatefuzz(command, "--help")
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertIn(f"usage: gatefuzz {command}", result.stdout)

    def test_deps_shows_each_feature(self):
        result = toy.gatefuzz("deps")
        self.assertEqual(result.returncode, 0, result.stderr)
        shown = [line.split()[0] for line in result.stdout.splitlines() if not line.startswith(" ")]
        for feature in ("core", "pkey-qemu", "cortex-m", "windows"):
            self.assertIn(feature, shown)


if __name__ == "__main__":
    unittest.main()

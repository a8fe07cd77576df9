"""The command line: usage errors are one line on stderr and exit 2."""
import unittest

from tests.faketree import make_tree
from tests.toyproject import ToyProject, one_line

COMMANDS = ("run", "test", "replay", "bench", "mutate", "deps")
# the subcommands that take --kernel and --threadx, with the arguments that
# make them need a tree (bench: a section that takes a kernel)
KERNEL_COMMANDS = {"run": (), "replay": (), "bench": ("throughput",), "test": ()}
NO_TREE = "--kernel threadx needs a ThreadX tree: --threadx DIR|TARBALL or GATEFUZZ_THREADX"


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

    def test_threadx_without_a_tree(self):
        for command, args in KERNEL_COMMANDS.items():
            with self.subTest(command=command):
                line = self.assert_usage_error(command, *args, "--kernel", "threadx", mentions=NO_TREE)
                self.assertEqual(line, f"gatefuzz {command}: {NO_TREE}")

    def test_differential_needs_threadx_on_cortex_m3_and_no_paths(self):
        for args in ((), ("--target", "cortex-m3"), ("--kernel", "threadx"),
                     ("--kernel", "threadx", "--target", "cortex-m3", "corpus")):
            with self.subTest(args=args):
                self.assert_usage_error("replay", "--differential", *args,
                                        mentions="--differential goes with --kernel threadx --target cortex-m3")

    def test_an_unknown_kernel(self):
        self.assert_usage_error("run", "--kernel", "zephyr", mentions="invalid choice: 'zephyr'")

    def test_a_tree_that_is_not_there(self):
        missing = toy.scratch / "no-threadx"
        for command, args in KERNEL_COMMANDS.items():
            with self.subTest(command=command):
                self.assert_usage_error(command, *args, "--kernel", "threadx", "--threadx", str(missing),
                                        mentions=f"ThreadX tree {missing} (from --threadx): no such directory")

    def test_a_tree_without_the_module_manager(self):
        tree = make_tree(toy.scratch / "old-threadx", omit=("common_modules/inc/txm_module.h",))
        self.assert_usage_error("replay", "--kernel", "threadx", "--threadx", str(tree),
                                mentions=f"{tree} has no common_modules/inc/txm_module.h")

    def test_a_tree_without_the_threadx_kernel(self):
        for command in ("run", "replay", "bench"):
            with self.subTest(command=command):
                self.assert_usage_error(command, "--threadx", str(toy.scratch),
                                        mentions="--threadx goes with --kernel threadx")

    def test_what_runs_the_builtin_kernel_only(self):
        tree = str(make_tree(toy.scratch / "threadx"))
        for args, mentions in ((("bench", "isolation", "--kernel", "threadx", "--threadx", tree),
                                "bench isolation measures the builtin kernel only"),
                               (("run", "--target", "cortex-m33", "--engine", "afl", "--kernel", "threadx"),
                                "--kernel threadx runs on --target cortex-m3 only"),
                               (("replay", "--target", "cortex-m33", "--kernel", "threadx"),
                                "--kernel threadx runs on --target cortex-m3 only"),
                               (("replay", "--target", "cortex-m33", "--threadx", tree),
                                "--target cortex-m3|cortex-m33 runs the builtin kernel only"),
                               (("run", "--seeded", "all", "--kernel", "threadx", "--threadx", tree),
                                "--seeded runs the builtin kernel only"),
                               (("run", "--seeded", "all", "--target", "cortex-m3", "--engine", "afl",
                                 "--targets", "fuzz_sequence"),
                                "--seeded fuzzes the host's seeded builds")):
            with self.subTest(args=args):
                self.assert_usage_error(*args, mentions=mentions)

    def test_baseline_is_for_the_throughput_bench(self):
        self.assert_usage_error("bench", "isolation", "--baseline", "HEAD",
                                mentions="--baseline is for bench throughput, not isolation")

    def test_the_kernel_cannot_change_on_resume(self):
        self.assert_usage_error("run", "--resume", "out/x", "--kernel", "threadx",
                                mentions="--kernel cannot change on --resume")
        self.assert_usage_error("run", "--resume", "out/x", "--threadx", "/t",
                                mentions="--threadx cannot change on --resume")
        self.assert_usage_error("run", "--resume", "out/x", "--seeded", "all",
                                mentions="--seeded cannot change on --resume")

    def test_mutate_flags(self):
        for args, mentions in ((("--time", "0"), "--time"), (("--limit", "few"), "--limit"),
                               (("--fuzz-targets", "0"), "--fuzz-targets"),
                               (("--resume", "out/x", "--time", "5"), "--time cannot change on --resume"),
                               (("--resume", "out/x", "--files", "a.c"), "--files cannot change on --resume"),
                               (("--list", "--out", "x"), "--list runs nothing: --out would be ignored"),
                               (("--files", "kernel/nosuch.c"), "matches 'kernel/nosuch.c'"),
                               (("--files", "/etc/passwd"), "--files takes paths relative to"),
                               (("--resume", str(toy.scratch / "none")), "holds no mutation run"),
                               (("--kernel", "threadx"), "--kernel threadx needs a ThreadX tree")):
            with self.subTest(args=args):
                self.assert_usage_error("mutate", *args, mentions=mentions)

    def test_unknown_feature(self):
        self.assert_usage_error("deps", "gpu", mentions="unknown feature 'gpu'")


class Help(unittest.TestCase):
    def test_every_subcommand_has_help(self):
        for command in COMMANDS:
            with self.subTest(command=command):
                result = toy.gatefuzz(command, "--help")
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertIn(f"usage: gatefuzz {command}", result.stdout)

    def test_the_kernel_options_are_told(self):
        for command in KERNEL_COMMANDS:
            with self.subTest(command=command):
                text = toy.gatefuzz(command, "--help").stdout
                self.assertIn("--kernel {builtin,threadx}", text)
                self.assertIn("--threadx DIR|TARBALL", text)
                self.assertIn("GATEFUZZ_THREADX", text)

    def test_deps_shows_each_feature(self):
        result = toy.gatefuzz("deps")
        self.assertEqual(result.returncode, 0, result.stderr)
        shown = [line.split()[0] for line in result.stdout.splitlines() if not line.startswith(" ")]
        for feature in ("core", "pkey-qemu", "cortex-m", "windows", "mutate"):
            self.assertIn(feature, shown)


if __name__ == "__main__":
    unittest.main()

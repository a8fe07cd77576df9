"""The ThreadX tree (no process involved): a directory used in place, a
tarball extracted once and again when it changes, and every way a tree can
be wrong refused on one line with nothing extracted before lost; the kernel
choice, its target list, and when a preset is configured again."""
import contextlib
import io
import os
import subprocess
import tarfile
import tempfile
import unittest
from pathlib import Path
from unittest import mock

from gatefuzz import build, kernels, paths, threadx_tree
from gatefuzz.errors import GatefuzzError
from tests.faketree import PARTS, make_tarball, make_tree


class Scratch(unittest.TestCase):
    """A temporary directory as `self.scratch`, extractions going to its
    build/threadx-src/, and no GATEFUZZ_THREADX."""

    def setUp(self):
        scratch = tempfile.TemporaryDirectory(prefix="gatefuzz-threadx-")
        self.addCleanup(scratch.cleanup)
        self.scratch = Path(scratch.name)
        self.extractions = self.scratch / "build" / "threadx-src"
        for patcher in (mock.patch.object(threadx_tree, "EXTRACT_DIR", self.extractions),
                        mock.patch.dict(os.environ)):
            patcher.start()
            self.addCleanup(patcher.stop)
        os.environ.pop(threadx_tree.ENV, None)

    def refusal(self, given):
        """The one-line message resolving `given` fails with."""
        with self.assertRaises(GatefuzzError) as caught:
            threadx_tree.resolve(given, "--threadx")
        message = str(caught.exception)
        self.assertNotIn("\n", message)
        return message

    def left_in_extractions(self):
        """The directories under build/threadx-src/: extractions, and any left half done."""
        return sorted(p.name for p in self.extractions.iterdir() if p.is_dir()) \
            if self.extractions.exists() else []


class Directories(Scratch):
    def test_a_tree_is_used_in_place(self):
        root = make_tree(self.scratch / "tx")
        tree = threadx_tree.resolve(str(root), "--threadx")
        self.assertEqual((tree.source, tree.root), (root, root))
        self.assertEqual(self.left_in_extractions(), [])

    def test_the_tree_in_the_only_subdirectory(self):
        root = make_tree(self.scratch / "download" / "threadx-9.9")
        self.assertEqual(threadx_tree.resolve(str(root.parent), "--threadx").root, root)

    def test_a_missing_directory(self):
        message = self.refusal(str(self.scratch / "nowhere"))
        self.assertIn(f"{self.scratch / 'nowhere'} (from --threadx): no such directory or tarball", message)

    def test_a_tree_without_txm_module_h_names_it(self):
        root = make_tree(self.scratch / "tx", omit=("common_modules/inc/txm_module.h",))
        message = self.refusal(str(root))
        self.assertTrue(message.endswith(f"{root} has no common_modules/inc/txm_module.h"), message)

    def test_every_required_part_is_checked(self):
        for part in PARTS:
            with self.subTest(part=part):
                root = make_tree(self.scratch / part.replace("/", "_"), omit=(part,))
                self.assertTrue(self.refusal(str(root)).endswith(f"has no {part}"), part)

    def test_a_file_that_is_no_tarball(self):
        notes = self.scratch / "threadx.zip"
        notes.write_text("PK")
        self.assertIn("is neither a directory nor a tarball", self.refusal(str(notes)))


class Tarballs(Scratch):
    def setUp(self):
        super().setUp()
        self.tarball = make_tarball(self.scratch / "threadx-9.9.tar.gz", make_tree(self.scratch / "src"))
        self.extraction = self.extractions / "threadx-9.9"

    def test_extracted_once_then_reused(self):
        tree = threadx_tree.resolve(str(self.tarball), "--threadx")
        self.assertEqual((tree.source, tree.root), (self.tarball, self.extraction / "threadx-9.9"))
        self.assertTrue((tree.root / "common_modules/inc/txm_module.h").is_file())
        (tree.root / "built-from-here").write_text("")  # what a new extraction would not hold
        self.assertEqual(threadx_tree.resolve(str(self.tarball), "--threadx"), tree)
        self.assertTrue((tree.root / "built-from-here").exists(), "extracted again though unchanged")
        self.assertEqual(self.left_in_extractions(), ["threadx-9.9"])

    def test_extracted_again_when_the_tarball_changed(self):
        root = threadx_tree.resolve(str(self.tarball), "--threadx").root
        (root / "built-from-here").write_text("")
        (self.scratch / "src" / "common" / "inc" / "tx_new.h").write_text("")
        make_tarball(self.tarball, self.scratch / "src", mtime=self.tarball.stat().st_mtime + 10)
        self.assertEqual(threadx_tree.resolve(str(self.tarball), "--threadx").root, root)
        self.assertTrue((root / "common" / "inc" / "tx_new.h").is_file())
        self.assertFalse((root / "built-from-here").exists(), "the old extraction was kept")
        self.assertEqual(self.left_in_extractions(), ["threadx-9.9"])

    def test_the_extracted_files_are_dated_now(self):
        long_ago = 1_000_000_000
        for path in (self.scratch / "src").rglob("*"):
            os.utime(path, (long_ago, long_ago))
        make_tarball(self.tarball, self.scratch / "src")
        root = threadx_tree.resolve(str(self.tarball), "--threadx").root
        self.assertGreater((root / "common/inc/tx_api.h").stat().st_mtime, long_ago + 1)

    def test_a_corrupt_tarball_leaves_the_previous_extraction(self):
        root = threadx_tree.resolve(str(self.tarball), "--threadx").root
        before = sorted(p.relative_to(root) for p in root.rglob("*"))
        data = self.tarball.read_bytes()
        self.tarball.write_bytes(data[:len(data) // 2])  # cut short: gzip ends early
        message = self.refusal(str(self.tarball))
        self.assertIn(f"ThreadX tree {self.tarball} (from --threadx) cannot be extracted", message)
        self.assertEqual(sorted(p.relative_to(root) for p in root.rglob("*")), before)
        self.assertEqual(self.left_in_extractions(), ["threadx-9.9"])

    def test_a_tarball_that_is_no_gzip_at_all(self):
        self.tarball.write_text("not a tarball\n")
        self.assertIn("cannot be extracted", self.refusal(str(self.tarball)))
        self.assertEqual(self.left_in_extractions(), [])

    def test_a_tarball_lacking_a_part_names_it_and_leaves_nothing(self):
        make_tarball(self.tarball, make_tree(self.scratch / "bare", omit=("common/src/tx_thread_create.c",)))
        message = self.refusal(str(self.tarball))
        self.assertTrue(message.endswith("holds no complete ThreadX tree: no common/src/tx_thread_create.c"),
                        message)
        self.assertEqual(self.left_in_extractions(), [])

    def test_members_leading_outside_are_refused(self):
        cases = {"threadx-9.9/../../escaped.h": (tarfile.REGTYPE, ""),
                 "/tmp/gatefuzz-absolute.h": (tarfile.REGTYPE, ""),
                 "threadx-9.9/common/up": (tarfile.SYMTYPE, "../../.."),
                 "threadx-9.9/common/root": (tarfile.SYMTYPE, "/etc"),
                 "threadx-9.9/common/passwd": (tarfile.LNKTYPE, "/etc/passwd"),
                 "threadx-9.9/common/fifo": (tarfile.FIFOTYPE, "")}
        for name, (kind, linkname) in cases.items():
            with self.subTest(member=name):
                make_tarball(self.tarball, self.scratch / "src", extra=[(name, kind, linkname)])
                message = self.refusal(str(self.tarball))
                self.assertIn(f"cannot be extracted: member {name!r}", message)
                self.assertEqual(self.left_in_extractions(), [])
        self.assertFalse((self.scratch / "escaped.h").exists())
        self.assertFalse(Path("/tmp/gatefuzz-absolute.h").exists())

    def test_a_link_inside_the_tree_is_kept(self):
        make_tarball(self.tarball, self.scratch / "src",
                     extra=[("threadx-9.9/common/api.h", tarfile.SYMTYPE, "inc/tx_api.h")])
        root = threadx_tree.resolve(str(self.tarball), "--threadx").root
        self.assertEqual((root / "common/api.h").read_text(), "/* common/inc/tx_api.h */\n")


class Finding(Scratch):
    def test_the_flag_wins_then_the_environment_then_nothing(self):
        flagged, environment = make_tree(self.scratch / "flag"), make_tree(self.scratch / "env")
        self.assertIsNone(threadx_tree.find(None))
        os.environ[threadx_tree.ENV] = str(environment)
        self.assertEqual(threadx_tree.find(None).root, environment)
        self.assertEqual(threadx_tree.find(str(flagged)).root, flagged)

    def test_a_wrong_environment_says_so(self):
        os.environ[threadx_tree.ENV] = str(self.scratch / "gone")
        with self.assertRaisesRegex(GatefuzzError, r"\(from GATEFUZZ_THREADX\): no such directory"):
            threadx_tree.find(None)


class Choosing(Scratch):
    def test_threadx_without_a_tree(self):
        with self.assertRaises(GatefuzzError) as caught:
            kernels.choose("threadx", None)
        self.assertEqual(str(caught.exception),
                         "--kernel threadx needs a ThreadX tree: --threadx DIR|TARBALL or GATEFUZZ_THREADX")

    def test_builtin_takes_no_tree(self):
        os.environ[threadx_tree.ENV] = str(make_tree(self.scratch / "tx"))
        self.assertEqual(kernels.choose(None, None), kernels.Kernel("builtin"))
        with self.assertRaisesRegex(GatefuzzError, "--threadx goes with --kernel threadx"):
            kernels.choose("builtin", str(self.scratch / "tx"))

    def test_threadx_records_what_was_given(self):
        tarball = make_tarball(self.scratch / "threadx-9.9.tgz", make_tree(self.scratch / "src"))
        kernel = kernels.choose("threadx", str(tarball))
        self.assertEqual(kernel.threadx, str(tarball))
        self.assertEqual(kernel.tree.root, self.extractions / "threadx-9.9" / "threadx-9.9")

    def test_targets_belong_by_name(self):
        builtin, threadx = kernels.Kernel("builtin"), kernels.Kernel("threadx")
        self.assertTrue(builtin.owns("fuzz_queue_send") and threadx.owns("fuzz_threadx_queue_send"))
        self.assertFalse(builtin.owns("fuzz_threadx_queue_send") or threadx.owns("fuzz_queue_send"))


class TargetLists(Scratch):
    def setUp(self):
        super().setUp()
        patcher = mock.patch.object(paths, "SOURCE_DIR", self.scratch)
        patcher.start()
        self.addCleanup(patcher.stop)
        self.harnesses = self.scratch / "build" / "replay" / "harnesses"
        self.harnesses.mkdir(parents=True)
        (self.harnesses / "targets.txt").write_text("fuzz_a\nfuzz_b\n")

    def test_each_kernel_has_its_list(self):
        (self.harnesses / "targets-threadx.txt").write_text("# ThreadX\nfuzz_threadx_a\n\n")
        self.assertEqual(paths.target_names("replay"), ["fuzz_a", "fuzz_b"])
        self.assertEqual(paths.target_names("replay", "threadx"), ["fuzz_threadx_a"])

    def test_a_build_without_threadx_lists_none(self):
        with self.assertRaisesRegex(GatefuzzError, r"build/replay/harnesses/targets-threadx.txt is missing: "
                                                   "the replay build lists no fuzz targets of the threadx kernel"):
            paths.target_names("replay", "threadx")


class Configuring(Scratch):
    """When ensure_built runs `cmake --preset` (the commands recorded, not run)."""

    def setUp(self):
        super().setUp()
        patcher = mock.patch.object(paths, "SOURCE_DIR", self.scratch)
        patcher.start()
        self.addCleanup(patcher.stop)
        self.cache = self.scratch / "build" / "replay" / "CMakeCache.txt"

    def configures(self, threadx, cached=None):
        """The configure command ensure_built ran (None: it ran none)."""
        if cached is not None:
            self.cache.parent.mkdir(parents=True, exist_ok=True)
            self.cache.write_text(f"// the tree\nGATEFUZZ_THREADX:PATH={cached}\nGATEFUZZ_ENGINE:STRING=replay\n")
        commands = []
        with mock.patch.object(subprocess, "run", lambda command, **_: commands.append(command)
                               or subprocess.CompletedProcess(command, 0)), \
                contextlib.redirect_stdout(io.StringIO()):
            build.ensure_built("replay", threadx=threadx)
        configures = [c for c in commands if c[:2] == ["cmake", "--preset"]]
        self.assertEqual(commands[-1][:3], ["cmake", "--build", "--preset"])
        return configures[0] if configures else None

    def test_unconfigured(self):
        self.assertEqual(self.configures(None), ["cmake", "--preset", "replay"])
        self.assertEqual(self.configures(Path("/tx")), ["cmake", "--preset", "replay", "-DGATEFUZZ_THREADX=/tx"])

    def test_another_tree_or_none_cached(self):
        self.assertEqual(self.configures(Path("/new"), cached="/old"),
                         ["cmake", "--preset", "replay", "-DGATEFUZZ_THREADX=/new"])
        self.assertEqual(self.configures(Path("/new"), cached=""),
                         ["cmake", "--preset", "replay", "-DGATEFUZZ_THREADX=/new"])

    def test_the_same_tree_or_none_wanted(self):
        self.assertIsNone(self.configures(Path("/tx"), cached="/tx"))
        self.assertIsNone(self.configures(None, cached="/tx"))  # builtin runs leave it


if __name__ == "__main__":
    unittest.main()

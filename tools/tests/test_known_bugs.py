"""known_bugs: a kernel's file of confirmed bug classes, and which class a
bug's evidence falls in."""
import tempfile
import unittest
from pathlib import Path
from unittest import mock

from gatefuzz import known_bugs

FILE = """# classes
TX-1 | ^GATEFUZZ-BUG: (kernel-fault|deputy-read) service=\\w+ param=0 | object pointer not checked
TX-2 | service=\\w+_create param=0 | creation anywhere
"""


class KnownBugs(unittest.TestCase):
    def load(self, text):
        with tempfile.TemporaryDirectory() as scratch:
            path = Path(scratch, "known-bugs.txt")
            path.write_text(text)
            with mock.patch.dict(known_bugs.FILES, {"threadx": path}):
                return known_bugs.load("threadx")

    def test_first_matching_class(self):
        classes = self.load(FILE)
        self.assertEqual([c[0] for c in classes], ["TX-1", "TX-2"])
        self.assertEqual(known_bugs.classify(
            classes, "GATEFUZZ-BUG: kernel-fault service=queue_send param=0 class=WRAP"), "TX-1")
        self.assertEqual(known_bugs.classify(
            classes, "GATEFUZZ-BUG: deputy-write service=queue_create param=0 class=OWN_CODE"), "TX-2")

    def test_new_bug_and_no_evidence(self):
        classes = self.load(FILE)
        self.assertIsNone(known_bugs.classify(
            classes, "GATEFUZZ-BUG: info-leak service=queue_receive param=1 class=OWN_DATA"))
        self.assertIsNone(known_bugs.classify(classes, None))

    def test_kernel_without_a_file(self):
        self.assertEqual(known_bugs.load("builtin"), [])

    def test_malformed_line_names_its_place(self):
        with self.assertRaisesRegex(ValueError, r"known-bugs.txt:1: expected 'ID \| REGEX \| summary'"):
            self.load("TX-1 no separators\n")


if __name__ == "__main__":
    unittest.main()

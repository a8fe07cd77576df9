"""The toy project (tests/toy: two targets following the harness
conventions) copied into a temporary directory, and ./gatefuzz pointed at it
through GATEFUZZ_SOURCE_DIR. The front end builds it with its presets like
the real tree."""
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

TESTS_DIR = Path(__file__).resolve().parent
GATEFUZZ = TESTS_DIR.parent.parent / "gatefuzz"


class ToyProject:
    def __init__(self):
        self._scratch = tempfile.TemporaryDirectory(prefix="gatefuzz-test-")
        self.scratch = Path(self._scratch.name)
        self.root = self.scratch / "toy"
        shutil.copytree(TESTS_DIR / "toy", self.root)
        # CI exports GATEFUZZ_THREADX: the tests name the trees they use
        self.env = {k: v for k, v in os.environ.items()
                    if k not in ("GATEFUZZ_STATS", "GATEFUZZ_BACKEND", "GATEFUZZ_THREADX")}
        self.env["GATEFUZZ_SOURCE_DIR"] = str(self.root)

    def gatefuzz(self, *args, timeout=120):
        """Runs ./gatefuzz from the toy project's root; returns the CompletedProcess."""
        return subprocess.run([str(GATEFUZZ), *args], cwd=self.root, env=self.env,
                              capture_output=True, text=True, timeout=timeout)

    def start(self, *args):
        """Starts ./gatefuzz in the background, output to files in the scratch directory."""
        self.stdout = open(self.scratch / "stdout.txt", "w+")
        self.stderr = open(self.scratch / "stderr.txt", "w+")
        return subprocess.Popen([str(GATEFUZZ), *args], cwd=self.root, env=self.env,
                                stdout=self.stdout, stderr=self.stderr, text=True)

    def cleanup(self):
        for stream in (getattr(self, "stdout", None), getattr(self, "stderr", None)):
            if stream:
                stream.close()
        self._scratch.cleanup()


def one_line(text):
    """The text's lines, asserting there is exactly one."""
    lines = text.strip().splitlines()
    assert len(lines) == 1, f"expected one line, got {lines!r}"
    return lines[0]

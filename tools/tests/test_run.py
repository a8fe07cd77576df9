"""gatefuzz run on the toy project: an interrupted campaign keeps its corpus
and findings, --resume finishes it without losing any, and a finished
campaign is triaged and reported."""
import json
import shutil
import signal
import time
import unittest

from tests.toyproject import ToyProject, one_line

BUG = "write-outside toy_write toy.c:42"


def setUpModule():
    global toy
    toy = ToyProject()


def tearDownModule():
    toy.cleanup()


def files_in(directory):
    return {p.relative_to(directory) for p in directory.rglob("*") if p.is_file()}


def wait_for(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


class InterruptAndResume(unittest.TestCase):
    def test_interrupted_campaign_keeps_everything_and_resumes(self):
        campaign = toy.scratch / "campaign"
        corpus, findings = campaign / "corpus", campaign / "findings"
        # equal shares of 9 s each (10 s less the start-up allowance): the
        # interruption comes long before a share ends, even on a busy machine
        run = toy.start("run", "--time", "10", "--jobs", "2", "--sharing", "equal", "--out", str(campaign))
        found = wait_for(lambda: files_in(findings) and len(files_in(corpus)) >= 2, 30)
        run.send_signal(signal.SIGINT)
        self.assertEqual(run.wait(timeout=60), 130)
        self.assertTrue(found, "the toy bug was not found before the interruption")
        toy.stdout.seek(0)
        self.assertIn("interrupted", toy.stdout.read())
        summary = json.loads((campaign / "summary.json").read_text())
        self.assertEqual(summary["status"], "interrupted")
        self.assertIn("Interrupted", (campaign / "report.md").read_text())
        corpus_before, findings_before = files_in(corpus), files_in(findings)
        seconds_before = {t["target"]: t["seconds"] for t in summary["targets"]
                          if t["status"] != "done"}
        self.assertTrue(corpus_before and findings_before)
        self.assertTrue(seconds_before, "every target had finished: nothing to resume")

        result = toy.gatefuzz("run", "--resume", str(campaign), timeout=90)
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)  # 1: bugs found
        corpus_after = files_in(corpus)
        self.assertLessEqual(corpus_before, corpus_after, "corpus inputs were lost")
        self.assertGreaterEqual(len(corpus_after), len(corpus_before))
        self.assertLessEqual(findings_before, files_in(findings), "findings were lost")
        summary = json.loads((campaign / "summary.json").read_text())
        self.assertEqual(summary["status"], "complete")
        self.assertEqual(len(summary["rounds"]), 2)
        self.assertEqual({t["status"] for t in summary["targets"]}, {"done"})
        for target in summary["targets"]:
            self.assertGreater(target["execs"], 0)
            if target["target"] in seconds_before:  # it went on where it stopped
                self.assertGreater(target["seconds"], seconds_before[target["target"]] + 3, target)

        self.assertEqual([b["title"] for b in summary["bugs"]], [BUG])
        bug = summary["bugs"][0]
        self.assertTrue(bug["triaged"] and bug["replay_confirmed"], bug)
        triaged = toy.root / bug["triage_dir"]  # relative to the source tree, or absolute
        self.assertTrue((triaged / "input").read_bytes().startswith(b"GF!"))
        self.assertIn(f"verdict=BUG {BUG}", (triaged / "expect").read_text())
        self.assertIn("GATEFUZZ-BUG: write-outside", (triaged / "bug.txt").read_text())
        self.assertIn("confirmed by the replay build", (triaged / "replay.txt").read_text())
        self.assertIn("data:image/png;base64,", (campaign / "report.html").read_text())
        self.assertIn(f"BUG {BUG}", result.stdout)


class Engines(unittest.TestCase):
    @unittest.skipUnless(shutil.which("afl-fuzz"), "afl-fuzz is not installed")
    def test_afl_finds_and_triages_the_toy_bug(self):
        campaign = toy.scratch / "afl"
        # one run of 4 s (equal sharing): what it tests is AFL's campaign, not the sharing
        result = toy.gatefuzz("run", "--engine", "afl", "--time", "5", "--sharing", "equal",
                              "--targets", "fuzz_toy_crash", "--out", str(campaign), timeout=90)
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        summary = json.loads((campaign / "summary.json").read_text())
        self.assertEqual([b["title"] for b in summary["bugs"]], [BUG])
        target = summary["targets"][0]
        self.assertGreater(target["execs"], 0)
        self.assertGreater(target["coverage"]["edges"], 0)
        self.assertGreater(target["verdicts"]["OK"], 0)


class Usage(unittest.TestCase):
    def test_a_target_pattern_that_matches_nothing(self):
        result = toy.gatefuzz("run", "--targets", "fuzz_toy_c*,fuzz_nothing", "--out", str(toy.scratch / "x"))
        self.assertEqual(result.returncode, 2)
        self.assertIn("no target matches 'fuzz_nothing'", one_line(result.stderr))


if __name__ == "__main__":
    unittest.main()

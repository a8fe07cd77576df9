"""gatefuzz mutate end to end on the real tree (its libFuzzer build): a
mutant that drops the ownership check of mutex_put is built, judged killed
within a tiny budget and reported; --resume of the finished run has
nothing left to judge. A mutant of dead code is equivalent. With a ThreadX
tree (GATEFUZZ_THREADX), a dispatcher of ThreadX's module manager whose
object check always fails is killed by a seed."""
import json
import os
import re
import subprocess
import tempfile
import unittest
from pathlib import Path

from tests.toyproject import GATEFUZZ

SOURCE_DIR = GATEFUZZ.parent
ID_LINE = re.compile(r"^\S+:\d+:\d+:\S+$")
# the check a module other than the owner must not pass: "if it is not the
# caller's, refuse"; its condition made false releases anybody's mutex
CHECK = "-\tif (m->owner != c->caller)\n"
# half of usable()'s condition dropped: only a seeded bug's constant-0
# condition calls usable(), so the optimiser removes it either way
DEAD = "-\t       gf_block_may_use(b, c->caller);\n"


def gatefuzz(*args, timeout=600):
    return subprocess.run([str(GATEFUZZ), *args], cwd=SOURCE_DIR, capture_output=True, text=True,
                          timeout=timeout)


def chosen(test, diff_text, *listing_args):
    """The ids of the mutants `--list` prints with `listing_args` whose diff holds `diff_text`."""
    listing = gatefuzz("mutate", "--list", *listing_args)
    test.assertEqual(listing.returncode, 0, listing.stderr)
    return [i for i, diff in listed(listing.stdout).items() if diff_text in diff]


def judged(test, ids, *args, timeout=600):
    """(run directory, mutation.json) of a run judging `ids`, 2 s each, in a
    directory removed when the test ends."""
    scratch = tempfile.TemporaryDirectory(prefix="gatefuzz-mutate-")
    test.addCleanup(scratch.cleanup)
    out = Path(scratch.name) / "run"
    result = gatefuzz("mutate", *args, "--mutants", ",".join(ids), "--time", "2", "--jobs", "1",
                      "--out", str(out), timeout=timeout)
    test.assertEqual(result.returncode, 0, result.stdout + result.stderr)
    return out, json.loads((out / "mutation.json").read_text())


def listed(output):
    """{mutant id: its diff} from the output of --list."""
    found, current = {}, None
    for line in output.splitlines(keepends=True):
        if ID_LINE.match(line.strip()):
            current = line.strip()
            found[current] = ""
        elif current:
            found[current] += line
    return found


class KillsADroppedCheck(unittest.TestCase):
    def test_a_dropped_ownership_check_is_killed_and_reported(self):
        ids = chosen(self, CHECK, "--files", "kernel/svc_mutex.c", "--mutants", "kernel/svc_mutex.c:*:cond-false")
        self.assertEqual(len(ids), 1)
        out, record = judged(self, ids)
        result = record["results"][ids[0]]
        self.assertEqual(result["status"], "killed", result)
        self.assertIn(result["by"], ("seed", "regression", "fuzzing"))
        self.assertTrue(result["title"])
        self.assertEqual(record["summary"]["score"], 1.0)
        report = (out / "mutation.md").read_text()
        self.assertIn("**Mutation score: 100.0 %**", report)
        self.assertIn(f"| `{ids[0]}` | killed | {result['by']} |", report)

        again = gatefuzz("mutate", "--resume", str(out))
        self.assertEqual(again.returncode, 0, again.stdout + again.stderr)
        self.assertIn("0 of 1 mutants to judge", again.stdout)
        self.assertEqual(json.loads((out / "mutation.json").read_text())["results"], record["results"])


class SetsAsideWhatCompilesAlike(unittest.TestCase):
    def test_a_mutant_of_dead_code_is_equivalent_and_not_scored(self):
        ids = chosen(self, DEAD, "--mutants", "kernel/validate.c:*:drop-right")
        self.assertEqual(len(ids), 1)
        out, record = judged(self, ids)
        self.assertEqual(record["results"][ids[0]]["status"], "equivalent")
        self.assertEqual(record["summary"]["equivalent"], 1)
        self.assertIsNone(record["summary"]["score"])
        self.assertIn("1 equivalent", (out / "mutation.md").read_text())


@unittest.skipUnless(os.environ.get("GATEFUZZ_THREADX"), "no ThreadX tree (GATEFUZZ_THREADX)")
class KillsAThreadXDispatcherThatRefusesAll(unittest.TestCase):
    DISPATCH = "common_modules/module_manager/inc/txm_module_manager_dispatch.h"

    def test_semaphore_put_refusing_its_own_semaphore_is_killed(self):
        kernel = ("--kernel", "threadx", "--threadx", os.environ["GATEFUZZ_THREADX"])
        # the object check of a semaphore service's dispatcher, made always to fail
        check = "-        if (!TXM_MODULE_MANAGER_PARAM_CHECK_OBJECT_FOR_USE(module_instance, param_0, " \
                "sizeof(TX_SEMAPHORE)))\n+        if (1)\n"
        ids = chosen(self, check, *kernel, "--mutants", f"{self.DISPATCH}:*:cond-true")
        self.assertGreater(len(ids), 1)  # each semaphore service has one
        _, record = judged(self, ids, *kernel, timeout=900)
        self.assertEqual(record["kernel"], "threadx")
        put = [r for r in record["results"].values()
               if r["function"] == "_txm_module_manager_tx_semaphore_put_dispatch"]
        self.assertEqual(len(put), 1, record["results"].keys())
        self.assertEqual(put[0]["status"], "killed", put[0])
        self.assertEqual(put[0]["target"], "fuzz_threadx_semaphore_put")
        self.assertIn("wrong-status semaphore_put", put[0]["title"])

if __name__ == "__main__":
    unittest.main()

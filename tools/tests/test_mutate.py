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
        listing = gatefuzz("mutate", "--list", "--files", "kernel/svc_mutex.c",
                           "--mutants", "kernel/svc_mutex.c:*:cond-false")
        self.assertEqual(listing.returncode, 0, listing.stderr)
        chosen = [i for i, diff in listed(listing.stdout).items() if CHECK in diff]
        self.assertEqual(len(chosen), 1, listing.stdout)
        with tempfile.TemporaryDirectory(prefix="gatefuzz-mutate-") as scratch:
            out = Path(scratch) / "run"
            result = gatefuzz("mutate", "--mutants", chosen[0], "--time", "2", "--jobs", "1",
                              "--out", str(out))
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
            record = json.loads((out / "mutation.json").read_text())
            judged = record["results"][chosen[0]]
            self.assertEqual(judged["status"], "killed", judged)
            self.assertIn(judged["by"], ("seed", "regression", "fuzzing"))
            self.assertTrue(judged["title"])
            self.assertEqual(record["summary"]["score"], 1.0)
            report = (out / "mutation.md").read_text()
            self.assertIn("**Mutation score: 100.0 %**", report)
            self.assertIn(f"| `{chosen[0]}` | killed | {judged['by']} |", report)

            again = gatefuzz("mutate", "--resume", str(out))
            self.assertEqual(again.returncode, 0, again.stdout + again.stderr)
            self.assertIn("0 of 1 mutants to judge", again.stdout)
            self.assertEqual(json.loads((out / "mutation.json").read_text())["results"], record["results"])


class SetsAsideWhatCompilesAlike(unittest.TestCase):
    def test_a_mutant_of_dead_code_is_equivalent_and_not_scored(self):
        listing = gatefuzz("mutate", "--list", "--mutants", "kernel/validate.c:*:drop-right")
        self.assertEqual(listing.returncode, 0, listing.stderr)
        chosen = [i for i, diff in listed(listing.stdout).items() if DEAD in diff]
        self.assertEqual(len(chosen), 1, listing.stdout)
        with tempfile.TemporaryDirectory(prefix="gatefuzz-mutate-") as scratch:
            out = Path(scratch) / "run"
            result = gatefuzz("mutate", "--mutants", chosen[0], "--time", "2", "--jobs", "1",
                              "--out", str(out))
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
            record = json.loads((out / "mutation.json").read_text())
            self.assertEqual(record["results"][chosen[0]]["status"], "equivalent")
            self.assertEqual(record["summary"]["equivalent"], 1)
            self.assertIsNone(record["summary"]["score"])
            self.assertIn("1 equivalent", (out / "mutation.md").read_text())


@unittest.skipUnless(os.environ.get("GATEFUZZ_THREADX"), "no ThreadX tree (GATEFUZZ_THREADX)")
class KillsAThreadXDispatcherThatRefusesAll(unittest.TestCase):
    DISPATCH = "common_modules/module_manager/inc/txm_module_manager_dispatch.h"

    def test_semaphore_put_refusing_its_own_semaphore_is_killed(self):
        kernel = ("--kernel", "threadx", "--threadx", os.environ["GATEFUZZ_THREADX"])
        listing = gatefuzz("mutate", *kernel, "--list", "--mutants", f"{self.DISPATCH}:*:cond-true")
        self.assertEqual(listing.returncode, 0, listing.stderr)
        # the first check of semaphore_put's dispatcher: its object's, made always to fail
        check = "-        if (!TXM_MODULE_MANAGER_PARAM_CHECK_OBJECT_FOR_USE(module_instance, param_0, " \
                "sizeof(TX_SEMAPHORE)))\n+        if (1)\n"
        candidates = [i for i, diff in listed(listing.stdout).items() if check in diff]
        self.assertGreater(len(candidates), 1, listing.stdout[-2000:])  # each semaphore service has one
        with tempfile.TemporaryDirectory(prefix="gatefuzz-mutate-") as scratch:
            out = Path(scratch) / "run"
            result = gatefuzz("mutate", *kernel, "--mutants", ",".join(candidates), "--time", "2",
                              "--jobs", "1", "--out", str(out), timeout=900)
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
            record = json.loads((out / "mutation.json").read_text())
            self.assertEqual(record["kernel"], "threadx")
            put = [r for r in record["results"].values()
                   if r["function"] == "_txm_module_manager_tx_semaphore_put_dispatch"]
            self.assertEqual(len(put), 1, record["results"].keys())
            self.assertEqual(put[0]["status"], "killed", put[0])
            self.assertEqual(put[0]["target"], "fuzz_threadx_semaphore_put")
            self.assertIn("wrong-status semaphore_put", put[0]["title"])


if __name__ == "__main__":
    unittest.main()

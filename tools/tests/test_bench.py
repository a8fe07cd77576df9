"""gatefuzz bench on the toy project (its gf_bench_isolation stand-in)."""
import json
import unittest

from tests.toyproject import ToyProject


def setUpModule():
    global toy
    toy = ToyProject()


def tearDownModule():
    toy.cleanup()


class Bench(unittest.TestCase):
    def test_isolation_results_are_filed(self):
        extra = toy.scratch / "bench.json"
        result = toy.gatefuzz("bench", "isolation", "--quick", "--json", str(extra))
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        results = toy.root / "bench" / "results"
        markdown = list(results.glob("*.md"))
        self.assertEqual(len(markdown), 1, list(results.iterdir()))
        self.assertIn("| gate_round_trip_ns | 42 |", markdown[0].read_text())
        data = json.loads(markdown[0].with_suffix(".json").read_text())
        self.assertEqual(data["sections"]["isolation"]["gate_round_trip_ns"], 42)
        self.assertTrue(data["quick"])
        self.assertEqual(json.loads(extra.read_text()), data)


if __name__ == "__main__":
    unittest.main()

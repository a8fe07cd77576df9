"""Bug titles read from what targets print (no process involved)."""
import unittest

from gatefuzz import bugs


class Titles(unittest.TestCase):
    def test_the_harness_line_wins(self):
        output = ("GATEFUZZ-BUG: read-outside service=tx_queue_send param=2 class=module addr=0x10 "
                  "owner=module1 pc=kernel:_tx_queue_send site=queue_send.c:88\n"
                  "==1== ERROR: libFuzzer: deadly signal\nSUMMARY: libFuzzer: deadly signal\n")
        title, evidence = bugs.find_title(output, "fuzz_queue_send")
        self.assertEqual(title, "read-outside tx_queue_send queue_send.c:88")
        self.assertTrue(evidence.startswith("GATEFUZZ-BUG: read-outside"))

    def test_sanitizer_summaries(self):
        cases = {
            "SUMMARY: AddressSanitizer: heap-buffer-overflow /src/kernel/pool.c:41:9 in pool_take":
                "asan-heap-buffer-overflow fuzz_x pool_take",
            "SUMMARY: UndefinedBehaviorSanitizer: undefined-behavior /src/kernel/sem.c:12:5 in ":
                "ubsan-undefined-behavior fuzz_x sem.c:12:5",
            "SUMMARY: AddressSanitizer: 24 byte(s) leaked in 1 allocation(s).": "asan-leak fuzz_x -",
            "SUMMARY: libFuzzer: timeout": "libfuzzer-timeout fuzz_x -",
        }
        for line, title in cases.items():
            with self.subTest(line=line):
                self.assertEqual(bugs.find_title("noise\n" + line + "\n", "fuzz_x")[0], title)

    def test_the_replay_builds_verdict_line(self):
        self.assertEqual(bugs.find_title("in/a: BUG leak tx_thread_info kernel.c:9\n", "t")[0],
                         "leak tx_thread_info kernel.c:9")

    def test_nothing_to_report(self):
        self.assertEqual(bugs.find_title("in/a: OK\n", "t"), (None, None))

    def test_expected_kind_or_title(self):
        self.assertTrue(bugs.matches("leak svc site", "leak"))
        self.assertTrue(bugs.matches("leak svc site", "leak svc site"))
        self.assertFalse(bugs.matches("leakage svc site", "leak"))

    def test_slugs_are_short_and_distinct(self):
        self.assertEqual(bugs.slug("read-outside tx_queue_send queue.c:88"),
                         "read-outside-tx-queue-send-queue-c-88")
        long_a, long_b = "x" * 100 + " a", "x" * 100 + " b"
        self.assertLessEqual(len(bugs.slug(long_a)), 89)
        self.assertNotEqual(bugs.slug(long_a), bugs.slug(long_b))


if __name__ == "__main__":
    unittest.main()

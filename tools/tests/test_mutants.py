"""The mutant generator (no build involved): on a small C file, each
operator gives the expected replacement and diff, no macro's text is
mutated (a condition calling a check macro is, whole; a seeded bug's
GF_SEEDED never), and ids stay the same when the file changes below them."""
import tempfile
import unittest
from pathlib import Path

from gatefuzz import mutants

SOURCE = """\
#include <string.h>
struct obj { int owner; unsigned size; };
struct call { int caller; };
#define GF_SEEDED(id, cond) (0 && (cond))
#define SMALL(x) ((x) < 8)
static int check(const struct call *c, const struct obj *b, unsigned len, unsigned max)
{
	if (b->owner != c->caller)
		return 1;
	if (len > max || len == 0)
		return 2;
	if (GF_SEEDED(short_len, len < 3))
		return 3;
	if (SMALL(len))
		return 4;
	return 0;
}
void copy(char *dst, const char *src, unsigned len, unsigned msg_bytes)
{
	memcpy(dst, src, len);
}
"""
# every mutant of SOURCE: id -> (replaced text, replacement)
EXPECTED = {
    "t.c:8:6:cond-false": ("b->owner != c->caller", "0"),
    "t.c:8:6:cond-true": ("b->owner != c->caller", "1"),
    "t.c:8:18:principal=other": ("c->caller", "(c->caller ^ 1)"),
    "t.c:8:18:principal=owner": ("c->caller", "b->owner"),
    "t.c:10:6:cond-false": ("len > max || len == 0", "0"),
    "t.c:10:6:cond-true": ("len > max || len == 0", "1"),
    "t.c:10:10:boundary": (">", ">="),
    "t.c:10:16:drop-left": ("len > max || len == 0", "len == 0"),
    "t.c:10:16:drop-right": ("len > max || len == 0", "len > max"),
    "t.c:14:6:cond-false": ("SMALL(len)", "0"),
    "t.c:14:6:cond-true": ("SMALL(len)", "1"),
    "t.c:20:19:length=msg_bytes": ("len", "msg_bytes"),
    "t.c:20:19:size+1": ("len", "(len + 1)"),
    "t.c:20:19:size-1": ("len", "(len - 1)"),
}


class Generator(unittest.TestCase):
    def setUp(self):
        scratch = tempfile.TemporaryDirectory(prefix="gatefuzz-mutants-")
        self.addCleanup(scratch.cleanup)
        self.path = Path(scratch.name) / "t.c"

    def generate(self, text):
        self.path.write_text(text)
        return mutants.generate(self.path, "t.c")

    def test_each_operator_gives_its_replacement(self):
        found, _ = self.generate(SOURCE)
        self.assertEqual({m.id: (m.original, m.replacement) for m in found}, EXPECTED)

    def test_the_diff_shows_the_one_line_changed(self):
        found, _ = self.generate(SOURCE)
        boundary = next(m for m in found if m.operator == "boundary")
        self.assertEqual(boundary.diff(SOURCE.encode()),
                         "--- a/t.c\n+++ b/t.c\n@@ -9,3 +9,3 @@\n \t\treturn 1;\n"
                         "-\tif (len > max || len == 0)\n+\tif (len >= max || len == 0)\n \t\treturn 2;\n")

    def test_a_mutant_changes_only_its_text(self):
        found, _ = self.generate(SOURCE)
        owner = next(m for m in found if m.id == "t.c:8:18:principal=owner")
        self.assertEqual(owner.apply(SOURCE.encode()).decode(),
                         SOURCE.replace("b->owner != c->caller", "b->owner != b->owner"))

    def test_lines_below_a_mutant_keep_their_numbers(self):
        text = SOURCE.replace("if (len > max || len == 0)", "if (len > max ||\n\t    len == 0)")
        found, _ = self.generate(text)
        dropped = next(m for m in found if m.operator == "drop-right")
        mutated = dropped.apply(text.encode()).decode()
        self.assertIn("if (len > max\n)", mutated)
        self.assertEqual(mutated.count("\n"), text.count("\n"))

    def test_no_macro_text_is_mutated(self):
        found, _ = self.generate(SOURCE)
        self.assertFalse([m.id for m in found if m.line == 12])  # GF_SEEDED: opaque
        self.assertEqual([m.operator for m in found if m.line == 14], ["cond-false", "cond-true"])

    def test_ids_are_stable(self):
        first, _ = self.generate(SOURCE)
        again, _ = self.generate(SOURCE)
        self.assertEqual([m.id for m in first], [m.id for m in again])
        grown, _ = self.generate(SOURCE + "int more(int n) { return n < 2; }\n")
        self.assertEqual([m.id for m in grown][:len(first)], [m.id for m in first])
        self.assertEqual((grown[-1].id, grown[-1].original, grown[-1].replacement),
                         ("t.c:22:28:boundary", "<", "<="))

    def test_the_call_graph_names_the_callers(self):
        _, callers = self.generate(SOURCE)
        self.assertEqual(callers["memcpy"], {"copy"})
        self.assertEqual(callers["check"], set())

    def test_a_file_that_does_not_parse_is_refused(self):
        with self.assertRaises(mutants.GatefuzzError) as caught:
            self.generate("int broken( {\n")
        self.assertIn("does not parse", str(caught.exception))


if __name__ == "__main__":
    unittest.main()

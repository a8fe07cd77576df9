"""Known bugs of a kernel under test: classes of bugs a kernel's folder
confirms (threadx/known-bugs.txt for ThreadX), so a campaign's report says
of each bug whether it is one of them or new.  A line of the file is
`ID | REGEX | summary`: REGEX (Python syntax) is searched in the bug's
evidence, its `GATEFUZZ-BUG:` line (or a sanitizer's SUMMARY line); `#`
starts a comment.  The first class that matches is the bug's."""
import re

from . import paths

FILES = {"threadx": paths.SOURCE_DIR / "threadx" / "known-bugs.txt"}


def load(kernel):
    """[(id, compiled regex, summary)] of the kernel's file; [] without one."""
    path = FILES.get(kernel)
    if path is None or not path.exists():
        return []
    classes = []
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [p.strip() for p in line.split(" | ", 2)]
        if len(parts) != 3:
            raise ValueError(f"{paths.shown(path)}:{number}: expected 'ID | REGEX | summary'")
        classes.append((parts[0], re.compile(parts[1]), parts[2]))
    return classes


def classify(classes, evidence):
    """The id of the first class whose regex is found in `evidence`, or None."""
    for ident, pattern, _ in classes:
        if pattern.search(evidence or ""):
            return ident
    return None

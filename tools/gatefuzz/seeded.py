"""The seeded bugs (docs/seeded-bugs.md) as the front end sees them: their ids
and classes from kernel/bugs.def, and from each reproducer's expect
(corpus/regressions/<id>/) the target that reaches it and the BUG kind the
oracle gives it. Builds with -DGATEFUZZ_BUG=runtime run one of them when
GATEFUZZ_SEEDED_BUG names it."""
import re
from dataclasses import dataclass

from . import corpus, paths
from .errors import GatefuzzError

BUGS_DEF = paths.SOURCE_DIR / "kernel" / "bugs.def"
ENTRY = re.compile(r'^GF_SEEDED_BUG\((\w+),\s*"(.*)"\)')
SWITCH = "GATEFUZZ_SEEDED_BUG"
# The backend the expected kinds are written for: under `none` a write the
# rules forbid is caught by the rules before the hash sees it (integrity,
# not deputy-write).
BACKEND = "mprotect"


@dataclass
class SeededBug:
    id: str
    bug_class: str
    target: str
    kind: str    # the BUG kind that counts as detecting it
    clean: str   # the correct kernel's verdict on the reproducer


def seeded_bugs():
    """Every seeded bug, in bugs.def order."""
    try:
        lines = BUGS_DEF.read_text().splitlines()
    except FileNotFoundError:
        raise GatefuzzError(f"{paths.shown(BUGS_DEF)} is missing")
    found = []
    for match in filter(None, map(ENTRY.match, lines)):
        directory = paths.REGRESSIONS_DIR / match.group(1)
        if not corpus.is_reproducer(directory):
            raise GatefuzzError(f"seeded bug {match.group(1)} has no reproducer in "
                                f"{paths.shown(directory)} (gf_gen regressions writes it)")
        expect = corpus.read_expect(directory)
        verdict = expect.get("verdict", "").split()
        if len(verdict) < 2 or verdict[0] != "BUG" or "target" not in expect:
            raise GatefuzzError(f"{paths.shown(directory / 'expect')}: needs target= and verdict=BUG <kind>")
        found.append(SeededBug(match.group(1), match.group(2), expect["target"], verdict[1],
                               corpus.clean_verdict(expect)))
    return found


def kind_of(title):
    """The BUG kind of a title ("deputy-write queue_send queue_send/impl")."""
    return title.split(" ", 1)[0] if title else ""

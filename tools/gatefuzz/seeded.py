"""The seeded bugs (docs/seeded-bugs.md) as the front end sees them: their ids
and classes from kernel/bugs.def, and from each reproducer's expect
(corpus/regressions/<id>/) the target that reaches it and the BUG kind the
oracle gives it. Builds with -DGATEFUZZ_BUG=runtime run those
GATEFUZZ_SEEDED_BUG names: one, a comma-separated list, or "all"."""
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


def selection(text):
    """The bug ids `text` names ("all", or ids separated by commas), in
    bugs.def order; a name that is no bug is an error."""
    known = [bug.id for bug in seeded_bugs()]
    if text.strip() == "all":
        return known
    wanted = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in wanted if name not in known]
    if unknown or not wanted:
        raise GatefuzzError(f"--seeded: {', '.join(unknown) or 'nothing'} is no seeded bug of "
                            f"{paths.shown(BUGS_DEF)} (or give 'all')")
    return [bug for bug in known if bug in wanted]


def attribute(runner, finding, selected):
    """The seeded bugs among `selected` that alone make `finding` a BUG, with
    `runner` (replayer.Runner) of the runtime build that found it: a campaign
    runs every selected bug at once, and a title says where the oracle saw a
    bug, not which seeded mistake made it."""
    alone = []
    for bug in selected:
        runner.env = dict(runner.env, **{SWITCH: bug})
        if runner.replay([finding]).outcomes[0].verdict == "BUG":
            alone.append(bug)
    return alone

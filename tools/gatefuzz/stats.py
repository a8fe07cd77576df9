"""GATEFUZZ_STATS files: a target writes {"target", "backend", "execs",
"verdicts": {...}} there periodically and at exit. A "%p" in the path stands
for the target's pid, so that the processes of one run (AFL restarts its
target) each keep their own file; a directory of them adds up."""
import json
from collections import Counter
from pathlib import Path


def totals(directory):
    """(executions, verdict counts) summed over the stats files in `directory`."""
    execs, verdicts = 0, Counter()
    for path in Path(directory).glob("*.json"):
        try:
            data = json.loads(path.read_text())
        except (ValueError, OSError):
            continue  # being rewritten; the next look reads it
        execs += int(data.get("execs", 0))
        verdicts.update(data.get("verdicts", {}))
    return execs, verdicts


def compact(directory):
    """Folds the files of finished processes into one (AFL restarts its target
    every few thousand executions: a file each would pile up). Call it only
    when no process of the target is running."""
    directory = Path(directory)
    files = sorted(directory.glob("*.json"))
    if len(files) < 2:
        return
    execs, verdicts = totals(directory)
    merged = {"execs": execs, "verdicts": dict(verdicts)}
    temporary = directory / "merged.tmp"
    temporary.write_text(json.dumps(merged) + "\n")
    for path in files:
        path.unlink()
    temporary.rename(directory / "merged.json")

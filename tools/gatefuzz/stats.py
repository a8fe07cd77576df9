"""GATEFUZZ_STATS files: a target (or the Cortex-M bridge) keeps {"target",
"backend", "execs", "verdicts": {...}, "cpu_us"} there, each count
rewritten in place as it changes (harnesses/stats_file.h), so a file is
padded with spaces and a reader may catch one mid-rewrite. "cpu_us" is the
CPU time of the fuzzing loop: from one input's end to the next's, in each
process. A "%p" in the path stands for the pid of the process that opened
it (an AFL++ fork server's children add to its file); a directory of them
adds up."""
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Totals:
    execs: int = 0
    verdicts: Counter = field(default_factory=Counter)
    cpu_seconds: float = 0.0


def totals(directory):
    """The Totals of the stats files in `directory`."""
    found = Totals()
    for path in Path(directory).glob("*.json"):
        try:
            data = json.loads(path.read_text())
        except (ValueError, OSError):
            continue  # caught mid-rewrite; the next look reads it
        found.execs += int(data.get("execs", 0))
        found.verdicts.update(data.get("verdicts", {}))
        found.cpu_seconds += int(data.get("cpu_us", 0)) / 1e6
    return found


def loop_cpu(template, pid):
    """The fuzzing-loop CPU seconds so far of process `pid`, from its file
    (`template`: the GATEFUZZ_STATS it was given); 0 when unreadable."""
    try:
        return int(json.loads(Path(template.replace("%p", str(pid))).read_text()).get("cpu_us", 0)) / 1e6
    except (ValueError, OSError):
        return 0.0


def compact(directory):
    """Folds the files of finished processes into one (a libFuzzer target is
    started again after each crash: a file each would pile up). Call it only
    when no process of the target is running."""
    directory = Path(directory)
    files = sorted(directory.glob("*.json"))
    if len(files) < 2:
        return
    found = totals(directory)
    merged = {"execs": found.execs, "verdicts": dict(found.verdicts),
              "cpu_us": round(found.cpu_seconds * 1e6)}
    temporary = directory / "merged.tmp"
    temporary.write_text(json.dumps(merged) + "\n")
    for path in files:
        path.unlink()
    temporary.rename(directory / "merged.json")

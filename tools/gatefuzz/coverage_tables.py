"""Kernel coverage read and shown (.cov.source): llvm-cov's per-line and
per-branch text turned into the figures of each measured file, the runs of
code never reached (a seeded bug's path told apart) and the tables the
campaign report and `gatefuzz coverage` print."""
import re
from pathlib import Path

LINE = re.compile(r"^\s*(\d+)\|\s*([0-9.]+[kMG]?|)\|(.*)$")
BRANCH = re.compile(r"^\s*\|?\s*Branch \((\d+):\d+\): \[True: ([0-9.]+[kMG]?), False: ([0-9.]+[kMG]?)\]")
SEEDED_NOTE = "a seeded bug's path: compiled out of the correct kernel"


def parse(text, files, root):
    """llvm-cov show's text → {"files": [{"file", "lines": [reached, total],
    "branches": [taken, total] (each direction of a condition counted),
    "unreached": [{"lines": "a-b", "source"}] (runs of code lines never run,
    the comment and blank lines between them joined), "never_taken":
    [{"line", "direction", "source"}] (a direction of a reached condition
    never taken)}], "lines": [..], "branches": [..]} for `files`, in order."""
    wanted = {str(Path(f).resolve()): f for f in files}
    per_file, current = {}, None
    if len(wanted) == 1:  # llvm-cov names a file only when it shows several
        current = per_file.setdefault(next(iter(wanted)), {"lines": {}, "branches": []})
    for raw in text.splitlines():
        header = raw.rstrip(":")
        if raw.endswith(":") and str(Path(header).resolve()) in wanted:
            current = per_file.setdefault(str(Path(header).resolve()), {"lines": {}, "branches": []})
            continue
        if current is None:
            continue
        line = LINE.match(raw)
        if line:
            current["lines"][int(line.group(1))] = (line.group(2), line.group(3))
            continue
        branch = BRANCH.match(raw)
        if branch:
            current["branches"].append((int(branch.group(1)), branch.group(2), branch.group(3)))
    out = []
    for resolved, original in wanted.items():
        data = per_file.get(resolved, {"lines": {}, "branches": []})
        out.append(file_summary(Path(original).resolve().relative_to(root.resolve()).as_posix(), data))
    return {"files": out,
            "lines": [sum(f["lines"][0] for f in out), sum(f["lines"][1] for f in out)],
            "branches": [sum(f["branches"][0] for f in out), sum(f["branches"][1] for f in out)]}


def file_summary(name, data):
    lines = data["lines"]
    code = {n: count for n, (count, _) in lines.items() if count != ""}
    unreached, run = [], None
    for n in sorted(lines):
        count, source = lines[n]
        if count == "0":
            if run and all(lines[k][0] == "" for k in range(run[1] + 1, n)):
                run[1] = n
            else:
                run = [n, n]
                unreached.append(run)
    branches = data["branches"]
    never = [{"line": n, "direction": direction, "source": lines.get(n, ("", ""))[1].strip()}
             for n, true, false in branches if true != "0" or false != "0"
             for direction, count in (("true", true), ("false", false)) if count == "0"]
    return {"file": name,
            "lines": [sum(c != "0" for c in code.values()), len(code)],
            "branches": [sum((t != "0") + (f != "0") for _, t, f in branches), 2 * len(branches)],
            "unreached": [{"lines": f"{a}" if a == b else f"{a}-{b}", "source": lines[a][1].strip(),
                           "seeded": under_seeded_bug(lines, a)}
                          for a, b in unreached],
            "never_taken": never}


def under_seeded_bug(lines, first):
    """Whether the code from line `first` on is what a seeded bug's condition
    guards (kernel/bugs.h): the statement just above it, read back to where
    the one before ends, says GF_SEEDED. The correct kernel compiles such a
    condition to false, so no input reaches that code there."""
    for n in range(first - 1, max(first - 6, 0), -1):
        text = lines.get(n, ("", ""))[1].strip()
        if text.endswith((";", "}", ":")):
            return False
        if "GF_SEEDED(" in text:
            return True
    return False


def percent(pair):
    reached, total = pair
    return f"{reached}/{total} ({reached / total:.0%})" if total else "0/0"


def tables(result):
    """[(heading, columns, rows)] of a coverage result, as the report renders them."""
    files = [(f["file"], percent(f["lines"]), percent(f["branches"]),
              ", ".join(u["lines"] for u in f["unreached"]) or "—")
             for f in result["files"]]
    files.append(("all", percent(result["lines"]), percent(result["branches"]), ""))
    code = [(f["file"], u["lines"], u["source"], SEEDED_NOTE if u["seeded"] else "")
            for f in result["files"] for u in f["unreached"]]
    code += [(f["file"], f"{b['line']} ({b['direction']} never)", b["source"], "")
             for f in result["files"] for b in f["never_taken"]]
    return [("Kernel coverage", ("file", "lines reached", "branches taken", "lines never reached"), files),
            ("Kernel code never reached", ("file", "lines", "code (first line)", "note"), code)]


def markdown(result):
    out = [f"{result['inputs']} inputs of {result['targets']} targets replayed by the coverage build.", ""]
    for heading, columns, rows in tables(result):
        out += [f"## {heading}", "", "| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        out += ["| " + " | ".join(str(v).replace("|", "\\|") for v in row) + " |" for row in rows]
        out.append("")
    return "\n".join(out)

"""Bug titles: the dedup key of a finding, read from what a target printed.

A harness reports `GATEFUZZ-BUG: <kind> service=<s> ... site=<site>` and its
title is `<kind> <service> <site>`. A crash the harness did not catch (a
sanitizer report, a libFuzzer timeout or out-of-memory) gets a title of the
same shape from the sanitizer's SUMMARY line: `<tool>-<kind> <target> <site>`.
"""
import hashlib
import re

BUG_LINE = "GATEFUZZ-BUG: "
REPLAY_BUG = re.compile(r"^.*: BUG (\S.*)$")
SUMMARY = re.compile(r"^SUMMARY: (\w+): (.*)$")
TOOL_NAMES = {"AddressSanitizer": "asan", "UndefinedBehaviorSanitizer": "ubsan",
              "LeakSanitizer": "lsan", "MemorySanitizer": "msan", "libFuzzer": "libfuzzer"}


def parse_bug_line(line):
    """The fields of a GATEFUZZ-BUG line: kind, then every key=value."""
    words = line[line.index(BUG_LINE) + len(BUG_LINE):].split()
    fields = {"kind": words[0] if words else "?"}
    fields.update(w.split("=", 1) for w in words[1:] if "=" in w)
    return fields


def title_of_bug_line(line):
    fields = parse_bug_line(line)
    return f"{fields['kind']} {fields.get('service', '?')} {fields.get('site', '?')}"


def _title_of_summary(tool, text, target):
    tool = TOOL_NAMES.get(tool, tool.lower())
    if re.match(r"\d+ byte\(s\) leaked", text):
        return f"{tool}-leak {target} -"
    words = text.split()
    kind = words[0] if words else "crash"
    site = "-"
    if " in " in text and text.rsplit(" in ", 1)[1].strip():
        site = text.rsplit(" in ", 1)[1].split()[0]
    elif len(words) > 1 and re.search(r":\d+", words[1]):
        site = words[1].rsplit("/", 1)[-1]
    return f"{tool}-{kind} {target} {site}"


def find_title(output, target):
    """(title, evidence line) for the first bug reported in `output`, or (None, None).
    The harness's own line wins over the replay build's verdict line, which
    wins over a sanitizer summary (they may all describe the same crash)."""
    lines = output.splitlines()
    for line in lines:
        if BUG_LINE in line:
            return title_of_bug_line(line), line.strip()
    for line in lines:
        match = REPLAY_BUG.match(line)
        if match:
            return match.group(1).strip(), line.strip()
    for line in lines:
        match = SUMMARY.match(line.strip())
        if match:
            return _title_of_summary(match.group(1), match.group(2), target), line.strip()
    return None, None


def matches(observed, expected):
    """Whether a verdict or title satisfies the expected one, which may stop
    short: `BUG <kind>` is met by every title of that kind."""
    return observed == expected or observed.startswith(expected + " ")


def slug(title, limit=80):
    """A directory name for a title; long ones keep a hash so they stay distinct."""
    text = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "bug"
    if len(text) <= limit:
        return text
    return text[:limit].rstrip("-") + "-" + hashlib.sha1(title.encode()).hexdigest()[:8]

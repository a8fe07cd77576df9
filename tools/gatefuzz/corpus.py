"""The corpus layout: seed directories corpus/<target>/ and reproducers
corpus/regressions/<title>/ holding `input` and `expect` (a campaign's
triage/<slug>/ directories have the same shape)."""
import os
from pathlib import Path

from .errors import GatefuzzError


def inputs(directory):
    """(input files, [(path, reason)] for the entries that are not inputs), by name."""
    files, problems = [], []
    for entry in sorted(os.scandir(directory), key=lambda e: e.name):
        if entry.is_file():  # follows symlinks: a link to a file is an input
            files.append(entry.path)
        else:
            problems.append((entry.path, "not a regular file"))
    return files, problems


def is_reproducer(directory):
    return (Path(directory) / "expect").is_file()


def read_expect(directory):
    """The key=value lines of a reproducer's `expect`."""
    expect = {}
    path = Path(directory) / "expect"
    for number, line in enumerate(path.read_text().splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, equals, value = line.partition("=")
        if not equals:
            raise GatefuzzError(f"expect line {number}: expected key=value, got '{line}'")
        expect[key.strip()] = value.strip()
    return expect


def clean_verdict(expect):
    """The verdict the clean build must give: `clean=` for a seeded bug's
    reproducer (its `verdict=` holds only with -DGATEFUZZ_BUG=<bug>), else `verdict=`."""
    key = "clean" if "bug" in expect else "verdict"
    if key not in expect:
        raise GatefuzzError(f"expect has no {key}= line")
    return expect[key]


def write_reproducer(directory, data, target, verdict):
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "input").write_bytes(data)
    (directory / "expect").write_text(f"target={target}\nverdict={verdict}\n")

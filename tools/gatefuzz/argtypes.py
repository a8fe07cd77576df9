"""Argument types shared by the subcommands."""
import argparse
import fnmatch
import os

from .errors import GatefuzzError


def positive_int(text):
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got '{text}'")
    return value


def positive_float(text):
    try:
        value = float(text)
    except ValueError:
        value = 0
    if not value > 0:
        raise argparse.ArgumentTypeError(f"expected a positive number, got '{text}'")
    return value


def cores():
    """The cores this process may run on (nproc)."""
    return len(os.sched_getaffinity(0))


def matching(available, patterns, what):
    """Those of `available` (in its order) that a comma-separated list of
    names or globs names; a pattern that matches none is an error naming `what`."""
    chosen = []
    for pattern in filter(None, (p.strip() for p in patterns.split(","))):
        matched = fnmatch.filter(available, pattern)
        if not matched:
            raise GatefuzzError(f"no {what} matches '{pattern}'")
        chosen += [name for name in matched if name not in chosen]
    return [name for name in available if name in chosen]

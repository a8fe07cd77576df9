"""Where things are. Everything hangs off the source tree, which
GATEFUZZ_SOURCE_DIR overrides (the front-end tests point it at a toy project
with the same layout)."""
import os
from pathlib import Path

from .errors import GatefuzzError

TOOLS_DIR = Path(__file__).resolve().parent.parent
SOURCE_DIR = Path(os.environ.get("GATEFUZZ_SOURCE_DIR") or TOOLS_DIR.parent).resolve()
DEPENDENCIES = TOOLS_DIR / "dependencies.txt"
CORPUS_DIR = SOURCE_DIR / "corpus"
REGRESSIONS_DIR = CORPUS_DIR / "regressions"
DICT_DIR = SOURCE_DIR / "dict"
OUT_DIR = SOURCE_DIR / "out"
BENCH_RESULTS_DIR = SOURCE_DIR / "bench" / "results"
DEBS_DIR = SOURCE_DIR / "build" / "debs"


def build_dir(preset):
    return SOURCE_DIR / "build" / preset


def harness(preset, target):
    return build_dir(preset) / "harnesses" / target


def target_listing(preset, kernel="builtin", directory=None):
    """The list of a kernel's fuzz targets in a build (the preset's, or the
    build `directory`): targets.txt for the built-in kernel,
    targets-<kernel>.txt for another (kernels.py)."""
    name = "targets.txt" if kernel == "builtin" else f"targets-{kernel}.txt"
    return Path(directory or build_dir(preset)) / "harnesses" / name


def target_names(preset, kernel="builtin", directory=None):
    """The kernel's fuzz targets the build made, in the order of their list."""
    listing = target_listing(preset, kernel, directory)
    try:
        lines = listing.read_text().splitlines()
    except FileNotFoundError:
        raise GatefuzzError(f"{shown(listing)} is missing: the {preset} build lists no fuzz targets "
                            f"of the {kernel} kernel")
    return [name.strip() for name in lines if name.strip() and not name.startswith("#")]


def shown(path):
    """A path as printed in messages and commands: relative to the source tree
    when inside it, so that a command can be pasted at the repository root."""
    path = Path(path).absolute()
    try:
        return str(path.relative_to(SOURCE_DIR))
    except ValueError:
        return str(path)

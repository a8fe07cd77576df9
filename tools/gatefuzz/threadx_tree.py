"""The ThreadX tree the ThreadX kernel under test is built from: a user's
directory, used in place, or a tarball of one, extracted under
build/threadx-src/<stem>/ and extracted again only when the tarball changed.
An extraction is made in a temporary directory and renamed into place once
complete and checked, so a failed one leaves the previous one as it was."""
import fcntl
import json
import os
import shutil
import tarfile
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from . import paths
from .errors import GatefuzzError

ENV = "GATEFUZZ_THREADX"
EXTRACT_DIR = paths.SOURCE_DIR / "build" / "threadx-src"
# how each kind of tarball is opened: by name, so that a damaged one says what it lacks
TARBALL_MODES = {".tar.gz": "r:gz", ".tgz": "r:gz", ".tar": "r:"}
STAMP = ".gatefuzz-tarball"  # in an extraction: the tarball it came from, its size and time
# What the module-manager build compiles from the tree: without one of these
# it is no ThreadX tree (or one too old to have module support)
REQUIRED_FILES = ("common/inc/tx_api.h", "common/src/tx_thread_create.c",
                  "common_modules/inc/txm_module.h",
                  "common_modules/module_manager/src/txm_module_manager_kernel_dispatch.c",
                  "common_modules/module_manager/inc/txm_module_manager_dispatch.h")
REQUIRED_DIRS = ("common_modules/module_lib/src",)
# Python 3.12 (and the security releases before it) check members too, and
# warn when not told which way; the checks below hold on every version.
EXTRACT_OPTIONS = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}


@dataclass(frozen=True)
class Tree:
    source: Path  # what was given, absolute: a directory or a tarball
    root: Path    # the directory holding common/ and common_modules/


def find(flag, origin="--threadx"):
    """The tree `flag` names (`origin` says where the name came from, for
    messages), else the one GATEFUZZ_THREADX names; None when neither does."""
    if flag:
        return resolve(flag, origin)
    if os.environ.get(ENV):
        return resolve(os.environ[ENV], ENV)
    return None


def resolve(given, origin):
    """The checked Tree at `given`, a directory or a tarball."""
    source = Path(given).expanduser().resolve()
    described = f"ThreadX tree {given} (from {origin})"
    if source.is_dir():
        root = tree_root(source)
        missing = missing_parts(root)
        if missing:
            raise GatefuzzError(f"{described} is incomplete: {root} has no {', '.join(missing)}")
        return Tree(source, root)
    if not source.exists():
        raise GatefuzzError(f"{described}: no such directory or tarball")
    if not source.is_file() or not source.name.endswith(tuple(TARBALL_MODES)):
        raise GatefuzzError(f"{described} is neither a directory nor a tarball "
                            f"({', '.join(TARBALL_MODES)})")
    return Tree(source, extracted(source, described))


def tree_root(directory):
    """The directory holding common/: `directory` itself, or else its only
    subdirectory (a tarball's usual single top-level directory)."""
    if (directory / "common").is_dir():
        return directory
    subdirectories = [entry for entry in directory.iterdir() if entry.is_dir()]
    return subdirectories[0] if len(subdirectories) == 1 else directory


def missing_parts(root):
    """The required files and directories `root` lacks, as relative paths."""
    return [name for name in REQUIRED_FILES if not (root / name).is_file()] + \
        [name + "/" for name in REQUIRED_DIRS if not (root / name).is_dir()]


def extracted(tarball, described):
    """The tree root of the tarball's extraction, extracting it first when
    there is none yet or the tarball changed since."""
    destination = EXTRACT_DIR / stem(tarball)
    EXTRACT_DIR.mkdir(parents=True, exist_ok=True)
    # one process at a time (ctest runs several): the others find it done
    with open(EXTRACT_DIR / f".{stem(tarball)}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if read_stamp(destination) != stamp(tarball) or missing_parts(tree_root(destination)):
            put_in_place(extract(tarball, described), destination)
    return tree_root(destination)


def suffix(tarball):
    return next(ending for ending in TARBALL_MODES if tarball.name.endswith(ending))


def stem(tarball):
    return tarball.name[:-len(suffix(tarball))]


def stamp(tarball):
    status = tarball.stat()
    return {"tarball": str(tarball), "size": status.st_size, "mtime_ns": status.st_mtime_ns}


def read_stamp(directory):
    try:
        return json.loads((directory / STAMP).read_text())
    except (OSError, ValueError):
        return None


def extract(tarball, described):
    """A new temporary directory under EXTRACT_DIR holding the tarball's
    checked tree and its stamp; nothing is left behind when that fails."""
    temporary = Path(tempfile.mkdtemp(prefix=f".{stem(tarball)}-", dir=EXTRACT_DIR))
    complete = False
    try:
        try:
            with tarfile.open(tarball, TARBALL_MODES[suffix(tarball)]) as archive:
                members = archive.getmembers()  # reads it all: a damaged tarball fails here
                for member in members:
                    admit(member)
                archive.extractall(temporary, members=members, **EXTRACT_OPTIONS)
        except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
            raise GatefuzzError(f"{described} cannot be extracted: {error}")
        missing = missing_parts(tree_root(temporary))
        if missing:
            raise GatefuzzError(f"{described} holds no complete ThreadX tree: no {', '.join(missing)}")
        touch(temporary)
        (temporary / STAMP).write_text(json.dumps(stamp(tarball)) + "\n")
        complete = True
        return temporary
    finally:
        if not complete:
            shutil.rmtree(temporary, ignore_errors=True)


def admit(member):
    """Refuses a member that could land outside the extraction (an absolute
    name, a '..', a link leading up or out) or is no file, directory or
    link; makes the rest writable by their owner, so that a later
    extraction can replace them."""
    name = member.name
    if os.path.isabs(name) or ".." in Path(name).parts:
        raise tarfile.TarError(f"member {name!r} would land outside the tree")
    if member.issym() or member.islnk():
        if os.path.isabs(member.linkname) or ".." in Path(member.linkname).parts:
            raise tarfile.TarError(f"member {name!r} links outside the tree ({member.linkname})")
    elif not (member.isfile() or member.isdir()):
        raise tarfile.TarError(f"member {name!r} is not a file, directory or link")
    member.mode = (member.mode & 0o755) | (0o700 if member.isdir() else 0o600)


def touch(directory):
    """Dates the extracted files now: they keep the tarball's times, which
    may be older than what a build made from the previous extraction, and
    ninja would then not rebuild it."""
    for parent, _, files in os.walk(directory):
        for name in files:
            os.utime(os.path.join(parent, name), follow_symlinks=False)


def put_in_place(temporary, destination):
    """Renames the complete extraction to `destination`; the one it replaces
    is moved aside first and deleted only after."""
    aside = Path(tempfile.mkdtemp(prefix=".replaced-", dir=EXTRACT_DIR))
    if destination.exists():
        os.rename(destination, aside / destination.name)
    os.rename(temporary, destination)
    shutil.rmtree(aside, ignore_errors=True)

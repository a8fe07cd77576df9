"""What `gatefuzz mutate` mutates, per kernel under test: the directory its
files are named from (a mutant's id names its file relative to it), the
files mutated by default, the fuzz targets, and the target fuzzed when no
seed reaches a mutant.

The built-in kernel's files are the source tree's. ThreadX's are the
user's tree as the libFuzzer build compiles it (a directory used in place,
or a tarball's extraction under build/threadx-src/); a mutant is a copy in
build/mutants/, so the tree itself is never written. Its defaults are the
module manager's dispatchers (txm_module_manager_dispatch.h, a header: it
is compiled through the one file that includes it) and the checks its
parameter-check macros call (txm_module_manager_util.c); a condition that
uses a check macro is mutated whole (cond-true, cond-false), never the
macro's own text, which every file of the module manager shares."""
from dataclasses import dataclass
from pathlib import Path

from . import kernels, paths
from .errors import GatefuzzError

BUILTIN_FILES = ("kernel/validate.c", "kernel/objects.c", "kernel/dispatch.c", "kernel/svc_*.c")
THREADX_FILES = ("common_modules/module_manager/inc/txm_module_manager_dispatch.h",
                 "common_modules/module_manager/src/txm_module_manager_util.c")


@dataclass(frozen=True)
class Subject:
    kernel: kernels.Kernel
    base: Path                # files are named relative to it
    default_files: tuple
    fallback: tuple           # fuzzed when no seed reaches a mutant: every service

    def path(self, file):
        return self.base / file

    def targets(self, preset):
        """The kernel's fuzz targets in the finished `preset` build."""
        return tuple(paths.target_names(preset, self.kernel.name))

    def files(self, patterns):
        """The files `patterns` (a comma-separated list, None: the defaults)
        name, relative to `base`, in order, each once."""
        chosen = []
        for pattern in (p.strip() for p in patterns.split(",")) if patterns else self.default_files:
            if not pattern:
                continue
            if Path(pattern).is_absolute() or ".." in Path(pattern).parts:
                raise GatefuzzError(f"--files takes paths relative to {paths.shown(self.base)}: '{pattern}'")
            matched = sorted(str(p.relative_to(self.base)) for p in self.base.glob(pattern) if p.is_file())
            if not matched:
                raise GatefuzzError(f"no file of {paths.shown(self.base)} matches '{pattern}'")
            chosen += [f for f in matched if f not in chosen]
        return chosen


def of(kernel):
    """The subject of `kernel` (ThreadX's: with its checked tree)."""
    if kernel.name == kernels.THREADX:
        return Subject(kernel, kernel.tree.root, THREADX_FILES, ("fuzz_threadx_sequence",))
    return Subject(kernel, paths.SOURCE_DIR, BUILTIN_FILES, ("fuzz_sequence",))

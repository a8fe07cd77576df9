"""The kernel under test, the one choice behind which targets a command
fuzzes, replays or measures: the built-in kernel (kernel/), or the real
ThreadX module manager built from a user's ThreadX tree (threadx_tree.py).
The build lists ThreadX's targets in targets-threadx.txt; its seeds are
corpus/fuzz_threadx_*/ and its reproducers corpus/regressions/threadx-*/."""
from dataclasses import dataclass
from typing import Optional

from . import build, threadx_tree
from .errors import GatefuzzError

BUILTIN, THREADX = "builtin", "threadx"
THREADX_TARGETS = "fuzz_threadx_"  # how the names of ThreadX's targets start
NO_TREE = "--kernel threadx needs a ThreadX tree: --threadx DIR|TARBALL or GATEFUZZ_THREADX"


def add_options(parser, kernel_help, threadx_help=None):
    parser.add_argument("--kernel", choices=(BUILTIN, THREADX),
                        help=kernel_help + " (default: builtin)")
    parser.add_argument("--threadx", metavar="DIR|TARBALL",
                        help=threadx_help or "the ThreadX tree for --kernel threadx: a directory "
                        "holding common/ and common_modules/, or a .tar.gz/.tgz/.tar of one "
                        f"(default: ${threadx_tree.ENV})")


@dataclass(frozen=True)
class Kernel:
    name: str
    tree: Optional[threadx_tree.Tree] = None  # ThreadX's; None for the built-in kernel

    @property
    def threadx(self):
        """The tree as a campaign records it: what was given, absolute."""
        return str(self.tree.source) if self.tree else None

    def ensure_built(self, preset, **options):
        """build.ensure_built(preset, **options), configured with this kernel's
        tree; the built-in kernel leaves a preset's ThreadX configuration as it is."""
        build.ensure_built(preset, threadx=self.tree.root if self.tree else None, **options)

    def owns(self, target):
        """Whether `target` is one of this kernel's target names, as a seed
        directory or a reproducer's expect names it."""
        return (self.name == THREADX) == target.startswith(THREADX_TARGETS)


def choose(name, flag, origin="--threadx"):
    """The kernel `name` (None: builtin) and, for ThreadX, its checked tree:
    `flag` (a --threadx value, or what `origin` recorded), else
    GATEFUZZ_THREADX. The built-in kernel takes no tree: its runs leave a
    build's ThreadX configuration as it is, whatever GATEFUZZ_THREADX says,
    and a --threadx given with it would be ignored, so it is refused."""
    if (name or BUILTIN) == BUILTIN:
        if flag:
            raise GatefuzzError("--threadx goes with --kernel threadx (the builtin kernel needs no tree)")
        return Kernel(BUILTIN)
    return Kernel(THREADX, required_tree(flag, origin))


def required_tree(flag, origin="--threadx"):
    """threadx_tree.find(), failing when no tree is named at all."""
    tree = threadx_tree.find(flag, origin)
    if tree is None:
        raise GatefuzzError(NO_TREE)
    return tree


def builtin_only(args, what):
    """Refuses --kernel threadx and --threadx for `what`, which has no ThreadX variant."""
    if args.kernel == THREADX or args.threadx:
        raise GatefuzzError(f"{what} runs the builtin kernel only (no --kernel threadx, no --threadx)")

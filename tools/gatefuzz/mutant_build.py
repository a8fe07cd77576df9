"""Building one mutant, in a directory of its own, from a preset's finished
build: the mutated file compiled with the very command the build compiled
the original with (compile_commands.json), then each target that reaches
it linked again with its own link command (ninja -t commands), the
mutant's object first. The linker then takes the mutant's definitions and
never pulls the original member out of the kernel's archive, so nothing
else is rebuilt, and neither the preset's build nor the source tree is
touched: a mutant costs one compile and one link per target (about 0.2 s
each)."""
import json
import re
import shlex
import subprocess
from pathlib import Path

from . import paths
from .errors import GatefuzzError

MUTANTS_DIR = paths.SOURCE_DIR / "build" / "mutants"
GENERATOR_FLAGS = ("-I", "-D", "-U", "-std=", "-isystem", "-include")  # what parsing needs of a command
ERROR_LINES = 3  # of a compiler's complaint, kept in the result
# the equivalence compile: no debug information (its columns would differ), no sanitizer
TCE_FLAGS = ("-g0", "-fno-sanitize=all")


class BuildFailed(Exception):
    """The mutant does not build: the mutation is invalid C (an 'invalid' mutant)."""


class PresetBuild:
    """The compile and link commands of one finished preset build."""

    def __init__(self, preset):
        self.preset = preset
        self.dir = paths.build_dir(preset)
        self._links = {}
        self._units = {}
        database = self.dir / "compile_commands.json"
        try:
            entries = json.loads(database.read_text())
        except (OSError, ValueError):
            raise GatefuzzError(f"{paths.shown(database)} is missing or unreadable: "
                                f"configure the {preset} preset first")
        self._compiles = {str(Path(e["directory"], e["file"]).resolve()): e for e in entries}

    def compile_entry(self, source):
        entry = self._compiles.get(str(Path(source).resolve()))
        if entry is None:
            raise GatefuzzError(f"the {self.preset} build does not compile {paths.shown(source)}")
        return entry

    def unit_of(self, source):
        """The file the build compiles `source` as: itself, or for a header
        the one compiled file that includes it by name (a header that more
        files include, such as a header of macros, would need all of them
        rebuilt and is refused)."""
        source = Path(source).resolve()
        if str(source) in self._compiles:
            return source
        if source not in self._units:
            included = re.compile(rb'^\s*#\s*include\s*["<]' + re.escape(source.name.encode()) + rb'[">]', re.M)
            units = [Path(f) for f in self._compiles if Path(f).is_file() and included.search(Path(f).read_bytes())]
            if len(units) != 1:
                raise GatefuzzError(f"{paths.shown(source)} is compiled through {len(units)} files of the "
                                    f"{self.preset} build: a file can be mutated when exactly one compiles it")
            self._units[source] = units[0]
        return self._units[source]

    def parse_flags(self, source):
        """The flags libclang needs to parse `source` as the build compiles it."""
        words = shlex.split(self.compile_entry(source)["command"])
        flags, take_next = [], False
        for word in words[1:]:
            if take_next:
                flags.append(word)
                take_next = False
            elif word.startswith(GENERATOR_FLAGS):
                flags.append(word)
                take_next = word in GENERATOR_FLAGS
        return flags

    def link_command(self, target):
        """The words of the command ninja links `target` with, run from the build directory."""
        if target not in self._links:
            output = f"harnesses/{target}"
            listing = subprocess.run(["ninja", "-C", str(self.dir), "-t", "commands", output],
                                     capture_output=True, text=True)
            lines = [line for line in listing.stdout.splitlines() if f"-o {output} " in line]
            if listing.returncode != 0 or not lines:
                raise GatefuzzError(f"the {self.preset} build has no link command for {target}")
            words = shlex.split(lines[-1])
            while words and words[0] in (":", "&&"):  # CMake wraps it in `: && ... && :`
                words.pop(0)
            while words and words[-1] in (":", "&&"):
                words.pop()
            self._links[target] = words
        return self._links[target]


class MutantBuild:
    """One mutant's directory: its source, its object, its target binaries."""

    def __init__(self, preset_build, directory):
        self.preset = preset_build
        self.dir = Path(directory)

    def binary(self, target):
        return self.dir / target

    def compile(self, source, mutated):
        """Compiles the mutated content of `source`; BuildFailed when it does not."""
        self.object = self._compile(source, mutated, self.dir)

    def compiles_alike(self, source, original, mutated):
        """Whether the mutated content compiles to the very object code of the
        original: trivial compiler equivalence (Papadakis et al., ICSE 2015;
        mull's and Görz et al.'s filter). Both are compiled at one path, so
        that the path the sanitizers write into the object is the same, and
        without debug information, whose columns would differ; the optimiser
        has then removed what no input can reach, such as a helper that only
        a seeded bug's constant-0 condition calls. The sanitizers are left
        out of both, as in the method: UBSan lays out its type descriptors in
        the order it met them, before the optimiser removed their uses, so
        the same code can come with its data in another order. BuildFailed
        when either does not compile."""
        directory = self.dir / "equivalence"
        objects = [self._compile(source, content, directory, TCE_FLAGS).read_bytes()
                   for content in (original, mutated)]
        return objects[0] == objects[1]

    def _compile(self, source, content, directory, extra=()):
        """`content` in place of `source`, compiled as the build compiles
        `source` (a header: the file that includes it, copied beside it so
        that its quoted include finds the copy), in `directory`; the object."""
        directory.mkdir(parents=True, exist_ok=True)
        unit = self.preset.unit_of(source)
        entry = self.preset.compile_entry(unit)
        (directory / Path(source).name).write_bytes(content)
        copy = directory / unit.name
        if unit != Path(source).resolve():
            copy.write_bytes(unit.read_bytes())
        obj = directory / (copy.name + ".o")
        words = shlex.split(entry["command"])
        words[words.index("-o") + 1] = str(obj)
        words[words.index("-c") + 1] = str(copy)
        # quoted includes are looked for beside the file first: beside the original
        words[1:1] = ["-iquote", str(unit.parent)]
        run(words + list(extra), entry["directory"], "compile")
        return obj

    def link(self, target):
        """Links `target` with the mutant's object, once."""
        if self.binary(target).exists():
            return
        words = list(self.preset.link_command(target))
        words[words.index("-o") + 1] = str(self.binary(target))
        words.insert(1, str(self.object))
        run(words, self.preset.dir, f"link of {target}")


def run(words, directory, what):
    result = subprocess.run(words, cwd=directory, capture_output=True, text=True, errors="replace")
    if result.returncode != 0:
        # paths as `gatefuzz` shows them: relative to the source tree
        complaint = [line.replace(f"{paths.SOURCE_DIR}/", "")
                     for line in result.stderr.splitlines() if "error" in line][:ERROR_LINES]
        raise BuildFailed(f"{what} failed: " + (" / ".join(complaint) or f"exit {result.returncode}"))

"""A Dockerfile reader strict enough to catch what `docker build` would
reject (no Docker engine is needed): instructions joined over `\\` line
continuations, comments dropped, each instruction checked for its form."""
import json
import shlex
from dataclasses import dataclass

INSTRUCTIONS = {"ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM",
                "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL",
                "STOPSIGNAL", "USER", "VOLUME", "WORKDIR"}
EXEC_FORM = {"RUN", "CMD", "ENTRYPOINT", "SHELL"}  # these may take a JSON array


class DockerfileError(Exception):
    pass


@dataclass
class Instruction:
    line: int
    name: str
    arguments: str

    def words(self):
        """The arguments as a list: exec (JSON) form, else shell words."""
        if self.arguments.startswith("["):
            return json.loads(self.arguments)
        return shlex.split(self.arguments)


def parse(path):
    """The instructions of a Dockerfile, checked for form; FROM comes first."""
    instructions, pending, start = [], "", 0
    for number, raw in enumerate(path.read_text().splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue  # comments may sit inside a continued instruction too
        if not pending:
            start = number
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        instructions.append(check(path, start, pending + line))
        pending = ""
    if pending:
        raise DockerfileError(f"{path}:{start}: the last instruction ends in a line continuation")
    if not instructions or instructions[0].name != "FROM":
        raise DockerfileError(f"{path}: the first instruction must be FROM")
    return instructions


def check(path, number, text):
    name, _, arguments = text.partition(" ")
    where = f"{path}:{number}"
    if name.upper() not in INSTRUCTIONS:
        raise DockerfileError(f"{where}: unknown instruction {name!r}")
    if name != name.upper():
        raise DockerfileError(f"{where}: write instructions in capitals ({name.upper()})")
    instruction = Instruction(number, name, arguments.strip())
    if not instruction.arguments:
        raise DockerfileError(f"{where}: {name} without arguments")
    try:
        words = instruction.words()
    except ValueError as error:  # json.JSONDecodeError and shlex's quoting errors
        raise DockerfileError(f"{where}: {name} arguments do not parse: {error}") from None
    if instruction.arguments.startswith("[") and (
            name not in EXEC_FORM | {"COPY", "ADD", "VOLUME"} or
            not all(isinstance(w, str) for w in words)):
        raise DockerfileError(f"{where}: {name} takes no JSON array of that form")
    if name in ("COPY", "ADD") and len([w for w in words if not w.startswith("--")]) < 2:
        raise DockerfileError(f"{where}: {name} needs at least one source and a destination")
    if name == "FROM" and not (len(words) == 1 or len(words) == 3 and words[1].upper() == "AS"):
        raise DockerfileError(f"{where}: FROM takes an image and optionally AS <name>")
    return instruction

"""Loading the packaging YAML files (workflows, project.yaml).

PyYAML when it is there (Debian's python3-yaml); else a parser for the
block-style subset these files keep to: mappings, sequences, plain or quoted
scalars, comments. Anything outside the subset is an error, not a guess.
Scalars stay strings in the subset; compare with str() so both loaders agree.
"""
import re

try:
    import yaml
except ImportError:
    yaml = None

KEY = re.compile(r"^([A-Za-z0-9_.-]+):(?:\s+(.*))?$")


class YamlError(Exception):
    pass


def load(path):
    text = path.read_text()
    if yaml is not None:
        try:
            return yaml.safe_load(text)
        except yaml.YAMLError as error:
            raise YamlError(f"{path}: {error}") from None
    lines = []
    for number, line in enumerate(text.splitlines(), 1):
        if "\t" in line[:len(line) - len(line.lstrip())]:
            raise YamlError(f"{path}:{number}: tab in indentation")
        content = strip_comment(line).rstrip()
        if content.strip() and content.strip() != "---":
            lines.append((number, len(content) - len(content.lstrip()), content.strip()))
    value, end = block(path, lines, 0, lines[0][1] if lines else 0)
    if end != len(lines):
        raise YamlError(f"{path}:{lines[end][0]}: unexpected indentation")
    return value


def top_key(document, key):
    """YAML 1.1 (PyYAML) reads the workflow key `on` as True."""
    return document.get(key, document.get(True)) if key == "on" else document.get(key)


def strip_comment(line):
    quote = None
    for i, c in enumerate(line):
        if quote:
            quote = None if c == quote else quote
        elif c in "'\"":
            quote = c
        elif c == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i]
    return line


def block(path, lines, i, indent):
    """The mapping or sequence whose lines start at `indent`, from line i."""
    if i < len(lines) and lines[i][2].startswith("- "):
        items = []
        while i < len(lines) and lines[i][1] == indent and lines[i][2].startswith("- "):
            number, _, content = lines[i]
            rest = content[2:].strip()
            if KEY.match(rest):  # "- key: value" opens a mapping two columns in
                lines[i] = (number, indent + 2, rest)
                item, i = block(path, lines, i, indent + 2)
            else:
                item, i = scalar(path, number, rest), i + 1
            items.append(item)
        return items, i
    mapping = {}
    while i < len(lines) and lines[i][1] == indent and not lines[i][2].startswith("- "):
        number, _, content = lines[i]
        match = KEY.match(content)
        if not match:
            raise YamlError(f"{path}:{number}: expected 'key: value', got {content!r}")
        key, value = match.group(1), match.group(2)
        if key in mapping:
            raise YamlError(f"{path}:{number}: duplicate key {key!r}")
        i += 1
        if value:
            mapping[key] = scalar(path, number, value)
        elif i < len(lines) and (lines[i][1] > indent or
                                 (lines[i][1] == indent and lines[i][2].startswith("- "))):
            mapping[key], i = block(path, lines, i, lines[i][1])
        else:
            mapping[key] = None
    return mapping, i


def scalar(path, number, text):
    if text[0] in "'\"":
        if len(text) < 2 or text[-1] != text[0]:
            raise YamlError(f"{path}:{number}: unterminated quoted string {text!r}")
        return text[1:-1]
    if text[0] in "[{|>&*!%@`":
        raise YamlError(f"{path}:{number}: outside the YAML subset this loader reads: {text!r}")
    return text

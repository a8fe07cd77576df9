"""Mutants of C source: small, plausible faults in a kernel's checks and
implementations, found on the AST libclang gives (python3-clang-14) with
exact source ranges, so that each mutant is one textual replacement.

The operators (docs/mutation.md), each one fault class the oracle should see:

  boundary         a relational operator's boundary: < <=, > >=
  cond-true/false  an if's condition replaced by 1 / 0 (a check dropped,
                   or a path always refused)
  drop-left/right  one operand of && or || removed (half a condition dropped)
  principal=owner  the caller replaced by the object's owner in a comparison
                   with it (an ownership check that always passes)
  principal=other  the caller replaced by another module id (caller ^ 1)
                   where it is compared, passed or stored
  length=NAME      a size given to a call or stored replaced by another
                   size of the same function (the wrong length source)
  size+1/size-1    a size given to a call or stored, off by one

A mutant's id is file:line:column:operator, the position that of the
replaced text (of the operator token for boundary and drop-*): stable as
long as the file does not change above it. A mutant replaces text of the
file only: never part of a macro's expansion or arguments (what the
compiler sees there is the macro's), though a whole condition that calls a
check macro may be replaced. The seeded bugs' GF_SEEDED(id, cond) is
opaque: it is constant 0 in the correct kernel, so every mutant touching it
would be equivalent."""
import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import GatefuzzError

PACKAGE = "python3-clang-14"
BOUNDARY = {"<": "<=", "<=": "<", ">": ">=", ">=": ">"}
PRINCIPALS = ("caller",)  # names of the principal a call acts for
OWNERS = ("owner",)       # names of an object's owning module
OPAQUE_MACROS = ("GF_SEEDED",)
# A member read as written (a.b, p->q->r): not a macro's call that expands to one
MEMBER_CHAIN = re.compile(r"^[A-Za-z_]\w*(\s*(->|\.)\s*[A-Za-z_]\w*)+$")
# A size, by the last name of its expression: len, msg_bytes, GF_KSTACK_BYTES, ...
SIZE_NAME = re.compile(r"(len|size|bytes|count|max)", re.IGNORECASE)


@dataclass(frozen=True)
class Mutant:
    file: str       # as given to generate(): relative to the source tree
    line: int
    column: int
    operator: str
    function: str   # the function definition holding it
    start: int      # byte offsets of the replaced text in the file
    end: int
    original: str
    replacement: str

    @property
    def id(self):
        return f"{self.file}:{self.line}:{self.column}:{self.operator}"

    def apply(self, source):
        """The mutated file content (bytes) from the original content. A
        replaced text that spanned lines leaves as many line ends, so that
        every line below keeps its number: a sanitizer's report names the
        original's lines, and a mutant that changes no code compiles to the
        original's object code (mutation.py's equivalence)."""
        lost = self.original.count("\n") - self.replacement.count("\n")
        return source[:self.start] + (self.replacement + "\n" * max(0, lost)).encode() + source[self.end:]

    def diff(self, source):
        """A unified diff of the mutation, one line of context."""
        before = source.decode(errors="replace").splitlines(keepends=True)
        after = self.apply(source).decode(errors="replace").splitlines(keepends=True)
        return "".join(difflib.unified_diff(before, after, f"a/{self.file}", f"b/{self.file}", n=1))


def cindex():
    """libclang's Python bindings, or a clear error naming the package."""
    try:
        import clang.cindex
    except ImportError:
        raise GatefuzzError(f"the mutant generator needs libclang's Python bindings: "
                            f"./gatefuzz deps --install mutate (Debian package {PACKAGE})")
    return clang.cindex


def parse(path, flags=()):
    """libclang's translation unit of `path`, compiled with `flags`, with
    macro instantiations recorded; a file that does not parse is an error."""
    ci = cindex()
    unit = ci.Index.create().parse(
        str(path), args=list(flags),
        options=ci.TranslationUnit.PARSE_DETAILED_PROCESSING_RECORD)
    errors = [d for d in unit.diagnostics if d.severity >= ci.Diagnostic.Error]
    if errors:
        raise GatefuzzError(f"{path} does not parse: {errors[0]}")
    return unit


def generate(path, shown, flags=(), unit=None):
    """The mutants of the C file at `path` (`shown`: its name in ids), in
    file order, and the call graph of its functions: {function: callers}.
    A header is parsed as part of the `unit` that includes it."""
    parsed = parse(unit or path, flags)
    source = Path(path).read_bytes()
    walker = Walker(cindex(), path, shown, source)
    walker.macros = [(c.extent.start.offset, c.extent.end.offset, c.spelling)
                     for c in parsed.cursor.get_children()
                     if c.kind == cindex().CursorKind.MACRO_INSTANTIATION and walker.in_file(c)]
    walker.visit(parsed.cursor)
    mutants = sorted(walker.mutants.values(), key=lambda m: (m.line, m.column, m.operator))
    return mutants, walker.callers


def peeled(cursor, ci):
    """The expression under implicit conversions, parentheses and casts."""
    wrappers = (ci.CursorKind.UNEXPOSED_EXPR, ci.CursorKind.PAREN_EXPR, ci.CursorKind.CSTYLE_CAST_EXPR)
    while cursor.kind in wrappers:
        inner = [c for c in cursor.get_children() if c.kind.is_expression()]
        if len(inner) != 1:
            break
        cursor = inner[0]
    return cursor


class Walker:
    """One pass over a translation unit: each node of the file, with the
    function it is in, offered to each operator."""

    def __init__(self, ci, path, shown, source):
        self.ci, self.shown, self.source = ci, shown, source
        self.real = os.path.realpath(path)
        self.names = {}  # file name as libclang spells it -> whether it is the file
        self.macros = []  # (start, end, name) of each macro instantiation in the file
        self.mutants = {}  # by id: an operator offers a position once
        self.callers = {}
        self.function = None
        self.sizes = []  # the texts of the current function's size names

    def visit(self, cursor):
        kind = self.ci.CursorKind
        entered = cursor.kind == kind.FUNCTION_DECL and cursor.is_definition() and self.in_file(cursor)
        if entered:
            self.function = cursor.spelling
            self.callers.setdefault(cursor.spelling, set())
            self.sizes = self.size_names(cursor)
        if self.function and self.in_file(cursor):
            if cursor.kind == kind.CALL_EXPR and cursor.referenced is not None:
                self.callers.setdefault(cursor.referenced.spelling, set()).add(self.function)
            self.offer(cursor)
        for child in cursor.get_children():
            self.visit(child)
        if entered:
            self.function = None

    def in_file(self, cursor):
        name = cursor.extent.start.file.name if cursor.extent.start.file else None
        if name not in self.names:
            self.names[name] = name is not None and os.path.realpath(name) == self.real
        return self.names[name]

    def made_by_macro(self, cursor):
        """Whether the node comes from a macro: its text is not the file's."""
        start, end = cursor.extent.start.offset, cursor.extent.end.offset
        end = max(end, start + 1)  # a node made by a macro has an empty extent at its name
        return any(low <= start and end <= high for low, high, _ in self.macros)

    def replaceable(self, cursor):
        """Whether the node's text can be replaced: it holds each macro
        instantiation it meets whole, and no opaque one."""
        start, end = cursor.extent.start.offset, cursor.extent.end.offset
        for low, high, name in self.macros:
            meets = start < high and max(end, start + 1) > low
            if meets and (name in OPAQUE_MACROS or not (start <= low and high <= end)):
                return False
        return True

    def text(self, cursor):
        return self.source[cursor.extent.start.offset:cursor.extent.end.offset].decode()

    def add(self, at, cursor, operator, replacement):
        """A mutant replacing `cursor`'s text, its id at offset `at`."""
        start, end = cursor.extent.start.offset, cursor.extent.end.offset
        original = self.source[start:end].decode()
        if replacement == original or not self.replaceable(cursor):
            return
        line = self.source.count(b"\n", 0, at) + 1
        column = at - (self.source.rfind(b"\n", 0, at) + 1) + 1
        mutant = Mutant(self.shown, line, column, operator, self.function, start, end, original, replacement)
        self.mutants.setdefault(mutant.id, mutant)

    def replace(self, cursor, operator, replacement):
        self.add(cursor.extent.start.offset, cursor, operator, replacement)

    def offer(self, cursor):
        kind = self.ci.CursorKind
        if cursor.kind == kind.BINARY_OPERATOR:
            self.binary(cursor)
        elif cursor.kind == kind.IF_STMT:
            condition = next(iter(cursor.get_children()), None)
            if condition is not None and peeled(condition, self.ci).kind != kind.INTEGER_LITERAL:
                self.replace(condition, "cond-true", "1")
                self.replace(condition, "cond-false", "0")
        elif cursor.kind == kind.CALL_EXPR:
            for argument in cursor.get_arguments():
                self.sized(argument)
                self.principal(argument, compared_with=None)

    def binary(self, cursor):
        lhs, rhs = list(cursor.get_children())
        token = next((t for t in cursor.get_tokens() if t.extent.start.offset >= lhs.extent.end.offset), None)
        if token is None or self.made_by_macro(token):
            return  # the operator is the macro's, not the file's
        op, at = token.spelling, token.extent.start.offset
        if op in BOUNDARY:
            self.add(at, token, "boundary", BOUNDARY[op])
        elif op in ("&&", "||"):
            self.add(at, cursor, "drop-left", self.text(rhs))
            self.add(at, cursor, "drop-right", self.text(lhs))
        elif op in ("==", "!="):
            self.principal(lhs, compared_with=rhs)
            self.principal(rhs, compared_with=lhs)
        elif op == "=":
            if self.size_name(lhs):
                self.sized(rhs, stored_in=lhs)
            self.principal(rhs, compared_with=None)

    def name_of(self, cursor):
        """The last name of a variable or member expression, else None."""
        inner = peeled(cursor, self.ci)
        kind = self.ci.CursorKind
        return inner.spelling if inner.kind in (kind.DECL_REF_EXPR, kind.MEMBER_REF_EXPR) else None

    def size_name(self, cursor):
        name = self.name_of(cursor)
        return bool(name and SIZE_NAME.search(name) and self.integer(cursor))

    def integer(self, cursor):
        return peeled(cursor, self.ci).type.get_canonical().kind in INTEGER_KINDS(self.ci)

    def is_sizeof(self, cursor):
        inner = peeled(cursor, self.ci)
        first = next(iter(inner.get_tokens()), None)
        return inner.kind == self.ci.CursorKind.CXX_UNARY_EXPR and first is not None \
            and first.spelling == "sizeof"

    def size_names(self, function):
        """The distinct sizes in a function's scope, as written: its integer
        parameters and variables with a size's name, and the size members it reads."""
        kind = self.ci.CursorKind
        found = set()
        for c in function.walk_preorder():
            if c.kind in (kind.PARM_DECL, kind.VAR_DECL) and SIZE_NAME.search(c.spelling) \
                    and c.type.get_canonical().kind in INTEGER_KINDS(self.ci):
                found.add(c.spelling)
            elif c.kind == kind.MEMBER_REF_EXPR and self.in_file(c) and self.replaceable(c) \
                    and self.size_name(c) and MEMBER_CHAIN.match(self.text(c)):
                found.add(self.text(c))
        return sorted(found)

    def sized(self, cursor, stored_in=None):
        """Off-by-one and wrong-source mutants of a size passed to a call
        (or assigned to the size `stored_in`)."""
        if not (stored_in or self.size_name(cursor) or self.is_sizeof(cursor)):
            return
        if not self.integer(cursor) and not self.is_sizeof(cursor):
            return
        text = self.text(cursor)
        self.replace(cursor, "size+1", f"({text} + 1)")
        self.replace(cursor, "size-1", f"({text} - 1)")
        same = {self.text(peeled(cursor, self.ci)), self.text(stored_in) if stored_in else None}
        for other in self.sizes:
            if other not in same:
                self.replace(cursor, "length=" + re.sub(r"\s+", "", other), other)

    def principal(self, cursor, compared_with):
        """The caller swapped: for another module, or for the owner it is
        compared with."""
        if self.name_of(cursor) not in PRINCIPALS:
            return
        text = self.text(cursor)
        self.replace(cursor, "principal=other", f"({text} ^ 1)")
        if compared_with is not None and self.name_of(compared_with) in OWNERS:
            self.replace(cursor, "principal=owner", self.text(compared_with))


def INTEGER_KINDS(ci):
    t = ci.TypeKind
    return (t.BOOL, t.CHAR_U, t.UCHAR, t.USHORT, t.UINT, t.ULONG, t.ULONGLONG, t.CHAR_S, t.SCHAR,
            t.SHORT, t.INT, t.LONG, t.LONGLONG, t.ENUM)

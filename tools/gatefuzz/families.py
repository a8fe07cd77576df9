"""Each fuzz target's family, from the service tables (kernel/services.def,
threadx/services.def: GF_SERVICE(id, family, name, ...)): fuzz_<family>_<name>
(fuzz_threadx_<family>_<name>) calls one service; the others (fuzz_sequence,
fuzz_puppet, fuzz_loader, fuzz_device and ThreadX's) are multi-call: they
reach state no single service does. The report plots a family per panel and
the time sharing favours the multi-call targets."""
import re
from functools import lru_cache

from . import paths

MULTI_CALL = "multi-call"
SERVICE = re.compile(r"^GF_SERVICE\(\s*\d+\s*,\s*(\w+)\s*,\s*(\w+)\s*,", re.MULTILINE)
TABLES = {"fuzz_": ("kernel", "services.def"), "fuzz_threadx_": ("threadx", "services.def")}


@lru_cache(maxsize=None)
def _families():
    """{target name: family} for every service of every table present."""
    found = {}
    for prefix, parts in TABLES.items():
        table = paths.SOURCE_DIR.joinpath(*parts)
        if table.exists():
            found.update({f"{prefix}{family}_{name}": family
                          for family, name in SERVICE.findall(table.read_text())})
    return found


def family(target):
    return _families().get(target, MULTI_CALL)


def multi_call(target):
    return family(target) == MULTI_CALL

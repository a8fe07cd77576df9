"""The isolation benchmark: gf_bench_isolation (built with the replay preset)
measures the gate and the isolation backends and writes its figures as JSON;
gf_bench_dirty, beside it, what the write set pays per call to see the bytes
a call changed, against knowing the written pages from Linux
(harnesses/write_set.c); gf_bench_closes what closing a module's code and
data costs by an mprotect each or by one over both (.iso.switch.closes).
--quick is passed as GATEFUZZ_BENCH_QUICK=1, which a program may honour with
fewer iterations and otherwise ignores.

Where this CPU has no protection keys the pkey row is unavailable natively;
the same program then runs once more inside the QEMU guest the pkey tests use
(targets/linux/pkey-qemu), and its table is added, labelled emulated: under
TCG the timings are no performance figure, only proof the rows exist."""
import json
import os
import subprocess
import tempfile
from pathlib import Path

from .. import paths
from ..errors import GatefuzzError
from .tables import markdown_table

TITLE = "Isolation"
PRESET = "replay"


def program_path(name):
    return paths.build_dir(PRESET) / "isolation" / "bench" / name


def run_program(name, quick):
    """(its JSON, its completed process) of one of the bench's programs."""
    program = program_path(name)
    if not program.exists():
        raise GatefuzzError(f"{paths.shown(program)} was not built")
    with tempfile.TemporaryDirectory(prefix="gatefuzz-bench-") as scratch:
        result_file = Path(scratch) / "result.json"
        env = dict(os.environ, GATEFUZZ_BENCH_QUICK="1") if quick else None
        result = subprocess.run([str(program), "--json", str(result_file)], env=env,
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise GatefuzzError(f"{paths.shown(program)} failed (exit {result.returncode}): "
                                f"{result.stderr.strip()[-300:]}")
        return json.loads(result_file.read_text()), result


def run(quick):
    data, result = run_program("gf_bench_isolation", quick)
    text = markdown_table(data)
    if result.stdout.strip():
        text += "\n\n```\n" + result.stdout.strip() + "\n```"
    if "pkey unavailable" in result.stdout or "unavailable on this machine" in result.stdout:
        emulated = run_emulated(program_path("gf_bench_isolation"))
        if emulated:
            data["pkey_emulated"] = emulated
            text += ("\n\npkey under QEMU (emulated — not a performance figure):\n\n```\n"
                     + emulated + "\n```")
    dirty, _ = run_program("gf_bench_dirty", quick)
    data["write_set"] = dirty
    text += ("\n\nThe write set's comparisons per call (`gf_bench_dirty`, "
             f"{dirty['bytes'] // 1024} KiB; uffd-wp: {dirty['uffd_wp']}):\n\n"
             + markdown_table(dirty["rows"]))
    closes, _ = run_program("gf_bench_closes", quick)
    data["closes"] = closes
    text += ("\n\nClosing a module's code and data (`gf_bench_closes`, "
             f"{closes['code_pages']} + {closes['data_pages']} pages; opening both again: "
             f"{closes['open_ns']:.0f} ns):\n\n" + markdown_table(closes["rows"]))
    return {"data": data, "markdown": text}


def headline(data):
    parts = []
    for b in data["backends"]:
        switch = f"switch {b['switch_ratio']:.2f}× (≤ 1.3), " if b["switch_ratio"] is not None else ""
        judged = (f"recovery {b['recovery_vs_floor']:.2f}× its floor (≤ 1.2), "
                  if "recovery_vs_floor" in b else "recovery ")  # results filed before the restated target
        parts.append(f"{b['backend']}: {switch}{judged}{b['recovery_ratio']:.2f}× a bare fault")
    one = data.get("write_set", {}).get("rows", [{}])[0]
    if one:  # results filed before the write set was measured have none
        tracked = (f"{one['uffd_wp_scan_ns']:.0f} ns" if one["uffd_wp_scan_ns"] is not None
                   else "unavailable")
        parts.append(f"write set per call, one page written: {one['update_compare_ns']:.0f} ns "
                     f"compared, uffd-wp scan {tracked}")
    closes = data.get("closes")
    if closes:  # results filed before closes were measured have none
        two, one_call = (row["close_ns"] for row in closes["rows"])
        parts.append(f"closing a module: {two:.0f} ns in two mprotect calls, "
                     f"{one_call:.0f} ns in one")
    return "; ".join(parts)


def run_emulated(program):
    """The bench inside the pkey tests' QEMU guest, or None when the guest
    cannot be had (its init program is built with the pkey tests)."""
    init = paths.build_dir(PRESET) / "pkey-qemu" / "init"
    runner = paths.SOURCE_DIR / "targets" / "linux" / "pkey-qemu" / "gf_pkey_qemu.py"
    if not init.exists():
        return None
    result = subprocess.run(["python3", str(runner), "exec", "--init", str(init), str(program)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        return None
    return result.stdout.strip()

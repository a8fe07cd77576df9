"""The afl-fuzz bridge on the Cortex-M boards: executions per second with one
persistent QEMU serving every input, beside one fresh QEMU per input, measured
in the same run (targets/cortex-m/bench-bridge; acceptance: at least 20x)."""
import json
import subprocess
import tempfile
from pathlib import Path

from .. import deps, paths
from ..errors import GatefuzzError

TITLE = "Cortex-M afl-fuzz bridge"
PRESET = None  # the script builds the board's firmware itself
TARGET = "fuzz_sequence"


def run(quick):
    deps.ensure(["core", "cortex-m"])
    script = paths.SOURCE_DIR / "targets" / "cortex-m" / "bench-bridge"
    rows = []
    with tempfile.TemporaryDirectory(prefix="gatefuzz-bench-cm-") as scratch:
        for board in ("an385", "an505"):
            result_file = Path(scratch) / f"{board}.json"
            command = [str(script), "--board", board, "--target", TARGET, "--json", str(result_file)]
            if quick:
                command += ["--runs", "500", "--fresh-runs", "20"]
            done = subprocess.run(command, cwd=paths.SOURCE_DIR, capture_output=True, text=True)
            if not result_file.exists():
                raise GatefuzzError(f"bench-bridge {board} failed (exit {done.returncode}): "
                                    f"{done.stderr.strip()[-300:]}")
            rows.append(json.loads(result_file.read_text()))
    return {"data": rows, "markdown": markdown(rows)}


def headline(rows):
    return "persistent QEMU vs a fresh one per input: " + ", ".join(
        f"{r['board']} {r['ratio']:.0f}×" for r in rows) + " (≥ 20×)"


def markdown(rows):
    lines = ["| board | target | persistent exec/s | fresh QEMU exec/s | ratio | ≥ 20× |",
             "|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['board']} | {r['target']} | {r['persistent']['execs_per_sec']:.0f} | "
                     f"{r['fresh']['execs_per_sec']:.1f} | {r['ratio']:.0f}× | "
                     f"{'yes' if r['ok'] else 'no'} |")
    return "\n".join(lines)

"""The isolation benchmark: gf_bench_isolation (built with the replay preset)
measures the gate and the isolation backends and writes its figures as JSON.
--quick is passed as GATEFUZZ_BENCH_QUICK=1, which a program may honour with
fewer iterations and otherwise ignores."""
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


def run(quick):
    program = paths.build_dir(PRESET) / "isolation" / "bench" / "gf_bench_isolation"
    if not program.exists():
        raise GatefuzzError(f"{paths.shown(program)} was not built")
    with tempfile.TemporaryDirectory(prefix="gatefuzz-bench-") as scratch:
        result_file = Path(scratch) / "isolation.json"
        env = dict(os.environ, GATEFUZZ_BENCH_QUICK="1") if quick else None
        result = subprocess.run([str(program), "--json", str(result_file)], env=env,
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise GatefuzzError(f"{paths.shown(program)} failed (exit {result.returncode}): "
                                f"{result.stderr.strip()[-300:]}")
        data = json.loads(result_file.read_text())
    text = markdown_table(data)
    if result.stdout.strip():
        text += "\n\n```\n" + result.stdout.strip() + "\n```"
    return {"data": data, "markdown": text}

"""gatefuzz bench: runs benchmark sections and files the results under
bench/results/<date>-<host>.md and .json."""
import json
import platform
import shutil
import socket
import subprocess
from datetime import datetime, timezone
from pathlib import Path

from . import clock, deps, kernels, paths
from .argtypes import cores, positive_float, positive_int
from .bench import SECTIONS
from .errors import GatefuzzError

# the sections that measure the kernel they are given (their option `kernel`)
KERNEL_SECTIONS = [name for name, section in SECTIONS.items()
                   if "kernel" in getattr(section, "OPTIONS", ())]
HELP = "run benchmarks and record the results in bench/results/"
DESCRIPTION = f"""Runs the benchmark sections ({', '.join(SECTIONS)}; default: all), then
writes {paths.shown(paths.BENCH_RESULTS_DIR)}/<date>-<host>.md and .json
with the machine they ran on (<date>-<host>-quick.* for --quick). A day's
file keeps the sections a later run of other sections did not measure.
--kernel threadx measures ThreadX's targets in the sections that run
targets ({', '.join(KERNEL_SECTIONS)}); the others measure the built-in
kernel only."""


def add_parser(subparsers):
    parser = subparsers.add_parser("bench", help=HELP, description=DESCRIPTION)
    parser.add_argument("section", nargs="?", default="all", choices=[*SECTIONS, "all"],
                        help="which benchmark (default: all)")
    parser.add_argument("--quick", action="store_true", help="fewer iterations: a smoke run")
    parser.add_argument("--trials", type=positive_int, metavar="N",
                        help="fuzzing trials per seeded bug and engine (seeded; default: 3, quick: 1)")
    parser.add_argument("--budget", type=positive_float, metavar="CPU_MINUTES",
                        help="CPU-minutes of fuzzing: per trial for seeded (default: 5), "
                             "in all for false-positives (default: 10); quick: much less")
    parser.add_argument("--baseline", metavar="REV",
                        help="throughput: also run the targets of commit REV (built in a worktree "
                             "under build/) side by side, for speed-ups measured in one run")
    parser.add_argument("--json", metavar="FILE", help="also write the JSON results to FILE")
    kernels.add_options(parser, "the kernel whose targets to measure")
    parser.set_defaults(func=main)
    return parser


def machine():
    """What the figures depend on."""
    cpu = ""
    flags = set()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "model name" and not cpu:
                cpu = value.strip()
            elif key.strip() == "flags" and not flags:
                flags = set(value.split())
    except OSError:
        pass
    return {"host": socket.gethostname(), "cpu": cpu, "cores": cores(),
            "protection_keys": "pku" in flags and "ospke" in flags, "kernel": platform.release(),
            "date": clock.utc_now()}


def source_commit():
    """The commit the sources are at, "+changes" when they differ from it."""
    if not shutil.which("git"):
        return "uncommitted"
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=paths.SOURCE_DIR,
                            capture_output=True, text=True).stdout.strip()
    # the results files themselves do not make the tree another
    changed = subprocess.run(["git", "diff", "--quiet", "HEAD", "--", ".", ":!bench"],
                             cwd=paths.SOURCE_DIR).returncode
    return (commit + ("+changes" if changed else "")) if commit else "uncommitted"


def earlier_today(path):
    """The sections already in today's results file, which a run of other
    sections keeps: the file holds the day's latest figure of each."""
    try:
        sections = json.loads(path.read_text()).get("sections", {})
    except (OSError, ValueError):
        return {}
    return {name: entry for name, entry in sections.items()
            if name in SECTIONS and isinstance(entry, dict) and "markdown" in entry}


def run_notes(entry):
    """How a section's entry was run, when not the usual way: " (--quick, threadx kernel)"."""
    notes = []
    if entry["quick"]:
        notes.append("--quick")
    if entry.get("kernel", kernels.BUILTIN) != kernels.BUILTIN:  # older entries are all builtin
        notes.append(f"{entry['kernel']} kernel")
    return f" ({', '.join(notes)})" if notes else ""


def summary(results):
    """A line per section: what the README shows."""
    lines = ["| benchmark | run | result |", "|---|---|---|"]
    for name, section in SECTIONS.items():
        entry = results["sections"].get(name)
        if entry:
            when = entry["date"][:10] + run_notes(entry)
            lines.append(f"| {section.TITLE} | {when} | {section.headline(entry['data'])} |")
    return "\n".join(lines)


def markdown(results):
    here = results["machine"]
    text = [f"# Benchmarks {here['date'][:10]} on {here['host']}", "",
            "| machine | |", "|---|---|"] + [f"| {k} | {v} |" for k, v in here.items()]
    text += ["", "## Summary", "", summary(results)]
    for name in SECTIONS:  # in their order, whenever each ran
        entry = results["sections"].get(name)
        if entry:
            run = f"Run {entry['date']} at commit {entry['commit']}" + run_notes(entry)
            text += ["", f"## {SECTIONS[name].TITLE}", "", run + ".", "", entry["markdown"]]
    return "\n".join(text) + "\n"


def main(args):
    chosen = list(SECTIONS) if args.section == "all" else [args.section]
    if args.kernel == kernels.THREADX:
        for name in chosen:
            if name not in KERNEL_SECTIONS:
                raise GatefuzzError(f"bench {name} measures the builtin kernel only: --kernel threadx "
                                    f"is for {', '.join(KERNEL_SECTIONS)}")
    if args.baseline and not any("baseline" in getattr(SECTIONS[n], "OPTIONS", ()) for n in chosen):
        raise GatefuzzError(f"--baseline is for bench throughput, not {args.section}")
    kernel = kernels.choose(args.kernel, args.threadx)
    deps.ensure(["core"])
    here, commit = machine(), source_commit()
    # a smoke run (--quick) files apart: it never replaces the day's figures
    stem = f"{datetime.now(timezone.utc):%Y-%m-%d}-{here['host']}" + ("-quick" if args.quick else "")
    written = [paths.BENCH_RESULTS_DIR / f"{stem}.md", paths.BENCH_RESULTS_DIR / f"{stem}.json"]
    results = {"machine": here, "sections": earlier_today(written[1])}
    for name in chosen:
        section = SECTIONS[name]
        if section.PRESET:
            kernel.ensure_built(section.PRESET)
        print(f"bench {name} ...", flush=True)
        given = dict(vars(args), kernel=kernel)
        options = {option: given[option] for option in getattr(section, "OPTIONS", ())}
        outcome = section.run(args.quick, **options)
        results["sections"][name] = {"date": clock.utc_now(), "commit": commit, "quick": args.quick,
                                     "kernel": kernel.name, **outcome}
    paths.BENCH_RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    text = markdown(results)
    written[0].write_text(text)
    written[1].write_text(json.dumps(results, indent=1) + "\n")
    if args.json:
        written.append(Path(args.json))
        written[-1].write_text(json.dumps(results, indent=1) + "\n")
    print(text, end="")
    print("written: " + ", ".join(paths.shown(p) for p in written))
    return 0

"""gatefuzz run: a fuzzing campaign over the targets, then triage and a report."""
import fnmatch
import time
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from pathlib import Path

from . import clock, cortex_m, deps, kernels, paths, plot, report, triage
from .argtypes import cores, positive_int
from .campaign import MIN_SHARE, START_UP, STATE, Campaign
from .engines import ENGINES
from .errors import GatefuzzError
from .progress import Progress
from .supervisor import Supervisor

HELP = "fuzz the targets for a time budget, triage what is found, write a report"
DESCRIPTION = f"""Fuzzes every target (or --targets) of the kernel under test within a total
wall-time budget on --jobs cores, each target getting an equal share (at least
{MIN_SHARE} s), then minimises and replays each bug found and writes
out/<campaign>/report.md, report.html and summary.json. The kernel is the
built-in one, or with --kernel threadx the ThreadX module manager built from
the tree --threadx or GATEFUZZ_THREADX names. Ctrl-C stops the fuzzers
cleanly, keeps every corpus input and finding and writes a report marked
interrupted; --resume continues. Exit 0: no bug; 1: bugs found; 2: usage
error, or a target that could not fuzz at all; 130: interrupted."""


def add_parser(subparsers):
    parser = subparsers.add_parser("run", help=HELP, description=DESCRIPTION)
    parser.add_argument("--time", type=positive_int, metavar="SECONDS",
                        help="total wall time (default: 180; on --resume: the campaign's, or a new total)")
    parser.add_argument("--targets", metavar="LIST",
                        help="comma-separated target names or globs (default: all of targets.txt, "
                             "or targets-threadx.txt with --kernel threadx)")
    parser.add_argument("--engine", choices=sorted(ENGINES), help="fuzzing engine (default: libfuzzer)")
    parser.add_argument("--jobs", type=positive_int, metavar="N", help="cores to use (default: nproc)")
    parser.add_argument("--out", metavar="DIR", help="campaign directory (default: out/<UTC timestamp>)")
    parser.add_argument("--resume", nargs="?", const="latest", metavar="DIR",
                        help="continue a campaign, of the same kernel and tree (default: the latest "
                             "under out/)")
    parser.add_argument("--backend", choices=("none", "mprotect", "pkey", "auto"),
                        help="isolation backend, passed as GATEFUZZ_BACKEND (default: auto)")
    parser.add_argument("--target", choices=("host",) + cortex_m.BOARDS, default="host",
                        help="host (default), or a Cortex-M board under QEMU: afl-fuzz through "
                             "the bridge (needs --engine afl and --targets; builtin kernel only)")
    kernels.add_options(parser, "the kernel whose targets to fuzz")
    parser.set_defaults(func=main)
    return parser


def main(args):
    if args.target != "host":
        if args.engine != "afl" or args.resume:
            raise GatefuzzError("--target cortex-m3|cortex-m33 takes --engine afl and no --resume")
        kernels.builtin_only(args, "--target cortex-m3|cortex-m33")
        out = Path(args.out) if args.out else paths.SOURCE_DIR / "out" / f"{args.target}-{int(time.time())}"
        return cortex_m.campaign(args.target, args.targets.split(",") if args.targets else [],
                                 args.time or 60, args.jobs or 1, out)
    if args.resume:
        fixed = [f"--{name}" for name in ("targets", "engine", "out", "backend", "kernel", "threadx")
                 if getattr(args, name)]
        if fixed:
            raise GatefuzzError(f"{', '.join(fixed)} cannot change on --resume (only --time and --jobs)")
    deps.ensure(["core"])
    campaign = Campaign.open(Campaign.latest() if args.resume == "latest" else Path(args.resume)) \
        if args.resume else None
    engine = ENGINES[campaign.engine if campaign else args.engine or "libfuzzer"]
    kernel = kernels.choose(campaign.kernel, campaign.threadx, paths.shown(campaign.dir / STATE)) \
        if campaign else kernels.choose(args.kernel, args.threadx)
    kernel.ensure_built(engine.preset)
    built = paths.target_names(engine.preset, kernel.name)
    if campaign is None:
        campaign = new_campaign(args, engine, kernel, built)
    missing = [t for t in campaign.targets if t not in built or not paths.harness(engine.preset, t).exists()]
    if missing:
        raise GatefuzzError(f"the {engine.preset} build has no target {missing[0]}")

    supervisor = Supervisor(campaign, args.jobs or campaign.state["jobs"])
    campaign.begin_round(args.time or campaign.state["total_time"], supervisor.jobs)
    campaign.make_dirs()
    supervisor.install_signal_handlers()
    fuzz(supervisor, engine)
    interrupted = supervisor.stop.is_set()
    found, unreproduced = triage.triage(supervisor, engine, kernel, complete=not interrupted)
    interrupted = supervisor.stop.is_set()  # a signal may also have come during triage
    campaign.end_round(interrupted)
    picture = plot.coverage_plot(campaign, engine)
    summary = report.summarise(supervisor, engine, found, unreproduced, interrupted, picture)
    report.write(campaign.dir, summary, picture)
    report.print_summary(summary)
    if interrupted:
        return 130
    return 1 if found else 2 if summary["totals"]["not_fuzzed"] else 0


def new_campaign(args, engine, kernel, built):
    directory = Path(args.out) if args.out else paths.OUT_DIR / clock.utc_stamp()
    return Campaign.create(directory, engine.name, select_targets(built, args.targets),
                           args.time or 180, args.jobs or cores(), args.backend or "auto",
                           kernel.name, kernel.threadx)


def select_targets(available, patterns):
    if not patterns:
        if not available:
            raise GatefuzzError("the build lists no fuzz targets")
        return available
    chosen = []
    for pattern in filter(None, (p.strip() for p in patterns.split(","))):
        matched = fnmatch.filter(available, pattern)
        if not matched:
            raise GatefuzzError(f"no target matches '{pattern}'")
        chosen += [t for t in matched if t not in chosen]
    return [t for t in available if t in chosen]


def fuzz(supervisor, engine):
    """Fuzzes the targets that have time left, `targets_at_once` side by side."""
    campaign = supervisor.campaign
    at_once = engine.targets_at_once(supervisor.jobs)
    todo = campaign.remaining(at_once)
    share = campaign.share(at_once)
    side_by_side = min(at_once, len(campaign.targets))
    planned = (sum(seconds for _, seconds in todo) + START_UP * len(todo)) / side_by_side
    if share == MIN_SHARE:
        print(f"note: each target gets the minimum of {MIN_SHARE} s, so the campaign takes "
              f"~{clock.duration(len(campaign.targets) * (share + START_UP) / side_by_side)}")
    print(f"campaign {paths.shown(campaign.dir)}: {len(todo)} of {len(campaign.targets)} targets of the "
          f"{campaign.kernel} kernel to fuzz with {engine.name}, {share:.1f} s each, {supervisor.jobs} jobs, "
          f"~{clock.duration(planned)}")
    progress = Progress(supervisor, engine, planned)

    def fuzz_one(target, seconds):
        if not supervisor.stop.is_set() and engine.fuzz(supervisor, target, seconds) \
                and not supervisor.stop.is_set():
            campaign.mark_done(target, at_once)

    with ThreadPoolExecutor(max_workers=at_once) as pool:
        pending = {pool.submit(fuzz_one, target, seconds) for target, seconds in todo}
        while pending:
            done, pending = wait(pending, timeout=1, return_when=FIRST_EXCEPTION)
            progress.tick()
            for future in done:
                if future.exception():
                    supervisor.request_stop()  # stop the others, then report the failure
                    raise future.exception()
    progress.finish()

"""gatefuzz run: a fuzzing campaign over the targets, then triage and a report."""
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from pathlib import Path

from . import (clock, cortex_m, coverage, deps, efficiency, kernels, paths, plot, report, seeded, sharing,
               threadx_cm3, triage)
from .argtypes import cores, matching, positive_int
from .campaign import MIN_SHARE, START_UP, STATE, Campaign
from .engines import ENGINES, seeded as seeded_engine
from .errors import GatefuzzError
from .progress import Progress
from .supervisor import Supervisor

HELP = "fuzz the targets for a time budget, triage what is found, write a report"
DESCRIPTION = f"""Fuzzes every target (or --targets) of the kernel under test within a total
wall-time budget on --jobs cores, the time shared by the targets' progress (a
short equal first round, then rounds weighted by coverage and corpus growth;
or --sharing equal: an equal share each, at least {MIN_SHARE} s), then
minimises and replays each bug found and writes
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
    parser.add_argument("--sharing", choices=sharing.POLICIES,
                        help="how the time is shared among the targets: by their progress (default: a "
                             "short equal round, then rounds weighted by coverage and corpus growth) or "
                             "equally")
    parser.add_argument("--backend", choices=("none", "mprotect", "pkey", "auto"),
                        help="isolation backend, passed as GATEFUZZ_BACKEND (default: auto)")
    parser.add_argument("--target", choices=("host",) + cortex_m.BOARDS,
                        help="host (default), or a Cortex-M board under QEMU: afl-fuzz through "
                             "the bridge (needs --engine afl and --targets; with --kernel threadx, "
                             "cortex-m3: ThreadX's own port, --targets fuzz_threadx_cm3_sequence)")
    parser.add_argument("--seeded", metavar="all|LIST",
                        help="fuzz the built-in kernel with seeded bugs (kernel/bugs.def, "
                             "docs/seeded-bugs.md): all, or comma-separated ids; the report names the "
                             "seeded bugs behind each title")
    kernels.add_options(parser, "the kernel whose targets to fuzz")
    parser.set_defaults(func=main)
    return parser


def main(args):
    if args.resume:
        fixed = [f"--{name}" for name in ("targets", "engine", "out", "backend", "kernel", "threadx",
                                          "target", "sharing", "seeded")
                 if getattr(args, name)]
        if fixed:
            raise GatefuzzError(f"{', '.join(fixed)} cannot change on --resume (only --time and --jobs)")
    board = args.target if args.target != "host" else None
    if board:
        if args.engine != "afl":
            raise GatefuzzError("--target cortex-m3|cortex-m33 takes --engine afl")
        if args.kernel == kernels.THREADX:
            threadx_cm3.check_board(board)
        else:
            kernels.builtin_only(args, "--target cortex-m3|cortex-m33")
    if args.seeded:
        kernels.builtin_only(args, "--seeded")
        if board:
            raise GatefuzzError("--seeded fuzzes the host's seeded builds (no --target cortex-m3|cortex-m33)")
        args.seeded = seeded.selection(args.seeded)
    deps.ensure(["core"])
    campaign = Campaign.open(Campaign.latest() if args.resume == "latest" else Path(args.resume)) \
        if args.resume else None
    board = campaign.board if campaign else board
    kernel = kernels.choose(campaign.kernel, campaign.threadx, paths.shown(campaign.dir / STATE)) \
        if campaign else kernels.choose(args.kernel, args.threadx)
    if board and kernel.name == kernels.THREADX:  # ThreadX's own Cortex-M3 port (threadx_cm3.py)
        kernel = threadx_cm3.PortKernel(kernel.name, kernel.tree)
        engine = threadx_cm3.PortAFL(kernel)
    else:
        engine = cortex_m.BoardAFL(board) if board else \
            ENGINES[campaign.engine if campaign else args.engine or "libfuzzer"]
        if (campaign.seeded if campaign else args.seeded):
            engine = seeded_engine(engine)
    before_build = efficiency.cpu_seconds()
    if board:  # the board's build is afl-campaign's; the host's replay build confirms its bugs
        chosen = campaign.targets if campaign else \
            [t.strip() for t in (args.targets or "").split(",") if t.strip()]
        engine.check(chosen)
        built = chosen
    else:
        kernel.ensure_built(engine.preset)
        built = paths.target_names(engine.preset, kernel.name)
    build_cpu = efficiency.cpu_seconds() - before_build
    if campaign is None:
        campaign = new_campaign(args, engine, kernel, built, board)
    missing = [t for t in campaign.targets
               if t not in built or not (board or paths.harness(engine.preset, t).exists())]
    if missing:
        raise GatefuzzError(f"the {engine.preset} build has no target {missing[0]}")

    supervisor = Supervisor(campaign, args.jobs or campaign.state["jobs"])
    campaign.begin_round(args.time or campaign.state["total_time"], supervisor.jobs, build_cpu)
    campaign.make_dirs()
    supervisor.install_signal_handlers()
    fuzz(supervisor, engine)
    campaign.end_phase("fuzzing")
    interrupted = supervisor.stop.is_set()
    found, unreproduced = triage.triage(supervisor, engine, kernel, complete=not interrupted)
    campaign.end_phase("triage")
    interrupted = supervisor.stop.is_set()  # a signal may also have come during triage
    # .cov.source: the final corpora replayed by the coverage build, after
    # the fuzzing (an interrupted campaign is measured when it completes)
    kernel_coverage = {"skipped": "interrupted"} if interrupted else \
        coverage.of_campaign(campaign, kernel, board)
    campaign.end_phase("coverage")
    campaign.end_round(interrupted)
    plots = plot.coverage_plots(campaign, engine)
    campaign.end_phase("report")
    summary = report.summarise(supervisor, engine, found, unreproduced, interrupted, plots,
                               kernel_coverage)
    report.write(campaign.dir, summary)
    report.print_summary(summary)
    if interrupted:
        return 130
    return 1 if found else 2 if summary["totals"]["not_fuzzed"] else 0


def new_campaign(args, engine, kernel, built, board):
    directory = Path(args.out) if args.out else paths.OUT_DIR / clock.utc_stamp()
    return Campaign.create(directory, engine.name, select_targets(built, args.targets),
                           args.time or 180, args.jobs or cores(), args.backend or "auto",
                           kernel.name, kernel.threadx, board, args.sharing or "progress", args.seeded)


def select_targets(available, patterns):
    if not patterns:
        if not available:
            raise GatefuzzError("the build lists no fuzz targets")
        return available
    return matching(available, patterns, "target")


def fuzz(supervisor, engine):
    """Fuzzes the targets that have time left, `targets_at_once` side by side:
    their equal shares, or sharing round after sharing round."""
    campaign = supervisor.campaign
    at_once = engine.targets_at_once(supervisor.jobs)
    side_by_side = min(at_once, len(campaign.targets))
    if campaign.sharing == "equal":
        todo = campaign.remaining(at_once)
        share = campaign.share(at_once)
        planned = (sum(seconds for _, seconds in todo) + START_UP * len(todo)) / side_by_side
        if share == MIN_SHARE:
            print(f"note: each target gets the minimum of {MIN_SHARE} s, so the campaign takes "
                  f"~{clock.duration(len(campaign.targets) * (share + START_UP) / side_by_side)}")
        print(f"campaign {paths.shown(campaign.dir)}: {len(todo)} of {len(campaign.targets)} targets of the "
              f"{campaign.kernel} kernel to fuzz with {engine.name}, {share:.1f} s each, "
              f"{supervisor.jobs} jobs, ~{clock.duration(planned)}")
        progress = Progress(supervisor, engine, planned)
        fuzz_round(supervisor, engine, todo, lambda t: campaign.mark_done(t, at_once), progress)
        progress.finish()
        return
    planned = max(0, sharing.budget(campaign, at_once) - sharing.spent(campaign)) / side_by_side
    todo = campaign.round_remaining()  # an interrupted round is finished first
    owed = len(todo) if todo else len(campaign.targets)
    print(f"campaign {paths.shown(campaign.dir)}: {owed} of {len(campaign.targets)} targets of the "
          f"{campaign.kernel} kernel to fuzz with {engine.name}, time shared by progress, "
          f"{supervisor.jobs} jobs, ~{clock.duration(planned)}")
    progress = Progress(supervisor, engine, planned)
    while not supervisor.stop.is_set():
        spent = sharing.spent(campaign)
        if not todo:
            allotted, _ = sharing.next_round(campaign, at_once)
            if not allotted:
                break
            todo = sorted(allotted.items(), key=lambda item: -item[1])  # the longest first: fewer idle cores
            if len(campaign.state["schedule"]) > 1:
                shown = ", ".join(f"{t} {s} s" for t, s in todo[:4]) + (", ..." if len(todo) > 4 else "")
                progress.say(f"sharing round {len(campaign.state['schedule'])}: {len(todo)} targets, {shown}")
        fuzz_round(supervisor, engine, todo, campaign.finish_in_round, progress)
        todo = []
        if sharing.spent(campaign) < spent + 1:
            break  # no fuzzer ran: another round would not either
    progress.finish()


def fuzz_round(supervisor, engine, todo, finished, progress):
    """Fuzzes each (target, seconds) of `todo`; `finished(target)` when it had them."""
    at_once = engine.targets_at_once(supervisor.jobs)

    def fuzz_one(target, seconds):
        if not supervisor.stop.is_set() and engine.fuzz(supervisor, target, seconds) \
                and not supervisor.stop.is_set():
            finished(target)

    with ThreadPoolExecutor(max_workers=at_once) as pool:
        pending = {pool.submit(fuzz_one, target, seconds) for target, seconds in todo}
        while pending:
            done, pending = wait(pending, timeout=1, return_when=FIRST_EXCEPTION)
            progress.tick()
            for future in done:
                if future.exception():
                    supervisor.request_stop()  # stop the others, then report the failure
                    raise future.exception()

"""Triage: every finding is run again to read its bug title (the dedup key);
each title gets triage/<slug>/ holding a minimised reproducer in the shape of
corpus/regressions/ (input + expect), the BUG line, the fuzz build's report
and a confirmation by the replay build. A bug of a class the kernel's
known-bugs file confirms is not minimised: its class has reproducers
already, and ThreadX 6.4.2's default campaign leaves a hundred and more
titles of eleven classes, whose minimisation cost more CPU time than the
fuzzing.

After an interrupted round only the titles are read: minimising and
confirming wait for --resume."""
import json
from concurrent.futures import ThreadPoolExecutor

from . import bugs, clock, corpus, known_bugs, paths, replayer, seeded
from .errors import GatefuzzError

INDEX = "index.json"  # finding (relative to the campaign) -> {target, title, seen}
# A seeded campaign's bugs are confirmed by the seeded build, each seeded bug
# alone (seeded.attribute): the replay build has no seeded bugs to hold.
SEEDED_REPLAY = "not replayed: the replay build holds no seeded bug"


def triage(supervisor, engine, kernel, complete):
    """(bugs, findings that did not reproduce), both in the order first seen.
    `kernel` (kernels.Kernel): the one fuzzed, which the replay build that
    confirms each bug is built with."""
    campaign = supervisor.campaign
    campaign.triage_dir.mkdir(parents=True, exist_ok=True)
    campaign.end_phase("triage")
    unbuilt = SEEDED_REPLAY if campaign.seeded else None
    try:  # once, before any worker: one ninja at a time per build
        if not unbuilt:
            kernel.ensure_built("replay")
    except GatefuzzError as failure:  # the campaign's report matters more than this
        unbuilt = f"not replayed: {failure}"
    campaign.end_phase("build")  # the tree's, not the campaign's (efficiency.py)
    index = _classify_findings(supervisor, engine, replay_built=not unbuilt)
    groups = {}
    for name, finding in sorted(index.items(), key=lambda item: item[1]["seen"]):
        groups.setdefault(finding["title"], []).append(name)
    unreproduced = groups.pop(None, [])
    classes = known_bugs.load(campaign.kernel)
    if complete:
        # One bug per core: a kernel with many bugs (ThreadX: one or two
        # titles per service) would otherwise triage for as long as it fuzzed.
        with ThreadPoolExecutor(max_workers=supervisor.jobs) as pool:
            work = [pool.submit(_triage_one, supervisor, engine, unbuilt, index[names[0]]["target"],
                                title, campaign.dir / names[0], campaign.triage_dir / bugs.slug(title),
                                classes)
                    for title, names in groups.items()
                    if not (campaign.triage_dir / bugs.slug(title) / "meta.json").exists()]
            for done in work:
                done.result()  # a worker's error is the campaign's
    found = [_bug_record(supervisor, index, title, names, campaign.triage_dir / bugs.slug(title))
             for title, names in groups.items()]
    return found, [paths.shown(campaign.dir / n) for n in unreproduced]


def _classify_findings(supervisor, engine, replay_built):
    """Reads the title of each finding not seen before; the index keeps them
    across rounds.  The replay build judges a target's findings in one
    process (it records a BUG and goes on); only those it finds no BUG in
    (a sanitizer's findings) are run again, one process each, by the fuzz
    build, which stops at its first crash: a kernel with many bugs leaves
    thousands of findings."""
    campaign = supervisor.campaign
    index_path = campaign.triage_dir / INDEX
    index = json.loads(index_path.read_text()) if index_path.exists() else {}
    for target in campaign.targets:
        new = [f for f in sorted(campaign.findings_dir(target).iterdir())
               if str(f.relative_to(campaign.dir)) not in index]
        judged = replayer.runner_for("replay", target, supervisor.env(target)).replay(new).outcomes \
            if new and replay_built else [None] * len(new)
        for finding, outcome in zip(new, judged):
            if outcome is None or outcome.verdict != "BUG":
                outcome = engine.runner(supervisor, target).replay([finding]).outcomes[0]
            index[str(finding.relative_to(campaign.dir))] = {
                "target": target, "title": outcome.detail if outcome.verdict == "BUG" else None,
                "seen": campaign.first_seen(str(finding.relative_to(campaign.dir)))}
    index_path.write_text(json.dumps(index, indent=1) + "\n")
    return index


def _triage_one(supervisor, engine, unbuilt, target, title, first, directory, classes):
    """Minimises one bug's first finding, unless its evidence is of one of the
    kernel's known `classes`, and confirms it with the replay build
    (`unbuilt`: why that build is missing, or None)."""
    if supervisor.stop.is_set():
        return
    directory.mkdir(parents=True, exist_ok=True)
    report = engine.runner(supervisor, target).replay([first]).outcomes[0]
    candidate = directory / "minimised"
    minimised = False
    known = known_bugs.classify(classes, report.evidence)
    attributed = seeded.attribute(engine.runner(supervisor, target), first, supervisor.campaign.seeded) \
        if supervisor.campaign.seeded else []
    known = known or attributed
    if not known and engine.minimise(supervisor, target, first, candidate):
        outcome = engine.runner(supervisor, target).replay([candidate]).outcomes[0]
        minimised = outcome.verdict == "BUG" and outcome.detail == title  # still the same bug
    data = (candidate if minimised else first).read_bytes()
    candidate.unlink(missing_ok=True)
    corpus.write_reproducer(directory, data, target, f"BUG {title}")
    reproducer = directory / "input"

    if minimised:
        report = engine.runner(supervisor, target).replay([reproducer]).outcomes[0]
    (directory / "output.txt").write_text(report.output)
    evidence = report.evidence or f"BUG {report.detail}"

    confirmed, said = bool(attributed), unbuilt
    if attributed:
        said = f"BUG with {', '.join(attributed)} alone"
    elif not unbuilt:
        replay = replayer.runner_for("replay", target, supervisor.env(target)).replay([reproducer]).outcomes[0]
        confirmed = replay.verdict == "BUG" and replay.detail == title
        said = f"BUG {replay.detail}" if replay.verdict == "BUG" else f"{replay.verdict} {replay.detail}".strip()
        if confirmed and report.detail != title and replay.evidence:
            # The title is the replay build's (a sanitizer spoke first in the
            # fuzz build): so is the line that says what the bug is.
            evidence = replay.evidence
    (directory / "bug.txt").write_text(evidence + "\n")
    (directory / "replay.txt").write_text(
        f"$ {replay_command(supervisor, target, reproducer, attributed)}\n{paths.shown(reproducer)}: {said}\n"
        f"{'confirmed' if confirmed else 'NOT confirmed'} by the "
        f"{'seeded build, bug by bug' if supervisor.campaign.seeded else 'replay build'}\n")
    meta = {"title": title, "target": target, "minimised": minimised, "size": len(data),
            "replay_confirmed": confirmed, "replay_verdict": said, "original": paths.shown(first),
            "seeded": attributed}
    (directory / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")


def replay_command(supervisor, target, reproducer, attributed=()):
    """The one-line command that replays a reproducer, from the repository
    root: with the replay build, or a seeded campaign's seeded build with
    the seeded bugs `attributed` to it (else all the campaign's)."""
    campaign = supervisor.campaign
    prefix = "" if campaign.backend == "auto" else f"GATEFUZZ_BACKEND={campaign.backend} "
    build = "replay"
    if campaign.seeded:
        prefix += f"{seeded.SWITCH}={','.join(attributed or campaign.seeded)} "
        build = f"seeded-{campaign.engine}"
    return f"{prefix}{paths.shown(paths.harness(build, target))} {paths.shown(reproducer)}"


def _bug_record(supervisor, index, title, names, directory):
    campaign = supervisor.campaign
    first = index[names[0]]
    meta_path = directory / "meta.json"
    meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
    reproducer = directory / "input" if meta else campaign.dir / names[0]
    evidence = (directory / "bug.txt").read_text().splitlines()[0] if meta else None
    kind, service, site = (title.split(" ", 2) + ["", ""])[:3]
    return {"title": title, "kind": kind, "service": service, "site": site,
            "target": first["target"], "first_seen": first["seen"],
            "first_seen_after": round(clock.seconds_between(campaign.state["created"], first["seen"])),
            "findings": len(names), "triaged": bool(meta),
            "triage_dir": paths.shown(directory) if meta else None,
            "reproducer": paths.shown(reproducer), "minimised": meta.get("minimised", False),
            "replay_confirmed": meta.get("replay_confirmed"), "evidence": evidence,
            "seeded": meta.get("seeded", []),
            "replay_command": replay_command(supervisor, first["target"], reproducer, meta.get("seeded"))}

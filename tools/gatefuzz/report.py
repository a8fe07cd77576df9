"""The campaign report: summary.json (every figure), report.md and
report.html (the same tables, the HTML with the coverage plot embedded), and
a short summary on the terminal."""
import base64
import html
import json

from . import known_bugs, paths, stats
from .clock import duration

VERDICT_NAMES = ("OK", "REJECTED", "CONTAINED", "BUG")


def summarise(supervisor, engine, found, unreproduced, interrupted, plot):
    campaign = supervisor.campaign
    classes = known_bugs.load(campaign.kernel)
    for bug in found:  # a confirmed class of the kernel's, or a new bug
        bug["known"] = known_bugs.classify(classes, bug["evidence"])
    at_once = engine.targets_at_once(supervisor.jobs)
    left = dict(campaign.remaining(at_once))
    targets = []
    for target in campaign.targets:
        figures = engine.metrics(campaign, target)
        seconds = campaign.seconds(target)
        verdicts = stats.totals(campaign.stats_dir(target))[1]
        targets.append({
            "target": target,
            "status": "done" if target not in left else "partial" if campaign.runs(target) else "pending",
            "seconds": round(seconds, 1), "execs": figures["execs"],
            "exec_per_sec": round(figures["execs"] / seconds) if seconds else 0,
            "coverage": figures["coverage"],
            "corpus": len(list(campaign.corpus_dir(target).iterdir())),
            "findings": len(list(campaign.findings_dir(target).iterdir())),
            "verdicts": {name: verdicts.get(name, 0) for name in VERDICT_NAMES}})
    return {
        "campaign": campaign.name, "directory": paths.shown(campaign.dir),
        "status": "interrupted" if interrupted else "complete",
        "engine": campaign.engine, "backend": campaign.backend,
        "kernel": campaign.kernel, "threadx": campaign.threadx,
        "budget": {"total_time": campaign.state["total_time"], "jobs": supervisor.jobs,
                   "seconds_per_target": campaign.share(at_once)},
        "created": campaign.state["created"], "rounds": campaign.state["rounds"],
        "coverage_names": list(engine.coverage_names),
        "totals": {"targets": len(targets), "targets_done": sum(t["status"] == "done" for t in targets),
                   "fuzzing_seconds": round(sum(t["seconds"] for t in targets), 1),
                   "execs": sum(t["execs"] for t in targets),
                   "corpus": sum(t["corpus"] for t in targets),
                   "findings": sum(t["findings"] for t in targets),
                   "bugs": len(found), "unreproduced": len(unreproduced),
                   "new_bugs": sum(b["known"] is None for b in found),
                   "not_fuzzed": sum(t["status"] != "pending" and not t["execs"] and not t["findings"]
                                     for t in targets)},
        "targets": targets, "bugs": found, "unreproduced": unreproduced,
        "plot": plot.name if plot else None}


def tables(summary):
    """[(heading, column names, rows)]: the content both report formats render."""
    totals = summary["totals"]
    overview = [
        ("status", summary["status"]),
        ("kernel", summary["kernel"] + (f" (tree: {summary['threadx']})" if summary["threadx"] else "")),
        ("engine", summary["engine"]), ("backend", summary["backend"]),
        ("budget", f"{summary['budget']['total_time']} s on {summary['budget']['jobs']} jobs, "
                   f"{summary['budget']['seconds_per_target']:g} s per target"),
        ("targets", f"{totals['targets']} ({totals['targets_done']} done)"),
        ("fuzzing time", duration(totals["fuzzing_seconds"])),
        ("executions", f"{totals['execs']:,}"),
        ("bugs", f"{totals['bugs']} ({totals['new_bugs']} new, {totals['findings']} findings, "
                 f"{totals['unreproduced']} did not reproduce)"),
        ("started", summary["created"])]
    bug_rows = [(b["title"], b["target"], f"{b['first_seen']} (+{b['first_seen_after']} s)",
                 b["reproducer"] + (" (minimised)" if b["minimised"] else ""),
                 b["replay_command"],
                 "pending (--resume)" if not b["triaged"] else "yes" if b["replay_confirmed"] else "NO",
                 b["known"] or "new")
                for b in summary["bugs"]]
    names = summary["coverage_names"]
    target_rows = [(t["target"], t["status"], duration(t["seconds"]), f"{t['execs']:,}", t["exec_per_sec"],
                    *(t["coverage"].get(n, "") for n in names), t["corpus"],
                    *(t["verdicts"][v] for v in VERDICT_NAMES), t["findings"])
                   for t in summary["targets"]]
    result = [("Campaign", ("", ""), overview),
              ("Bugs", ("title", "target", "first seen", "reproducer", "replay (from the repository root)",
                        "replay build confirms", "known class"), bug_rows),
              ("Targets", ("target", "status", "time", "execs", "exec/s", *names, "corpus",
                           *VERDICT_NAMES, "findings"), target_rows)]
    if summary["unreproduced"]:
        result.append(("Findings that did not reproduce", ("finding",),
                       [(f,) for f in summary["unreproduced"]]))
    return result


def markdown(summary):
    out = [f"# gatefuzz campaign {summary['campaign']}", ""]
    if summary["status"] == "interrupted":
        out += [f"**Interrupted**: continue with `./gatefuzz run --resume {summary['directory']}`", ""]
    cell = lambda value: str(value).replace("|", "\\|")
    for heading, columns, rows in tables(summary):
        out += [f"## {heading}", ""]
        if not rows:
            out += ["none", ""]
            continue
        out.append("| " + " | ".join(columns) + " |")
        out.append("|" + "---|" * len(columns))
        out += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
        out.append("")
    if summary["plot"]:
        out += ["## Coverage over time", "", f"![coverage over time]({summary['plot']})", ""]
    return "\n".join(out)


def html_page(summary, plot):
    e = lambda value: html.escape(str(value))
    out = ["<!doctype html>", "<meta charset='utf-8'>", f"<title>gatefuzz {e(summary['campaign'])}</title>",
           "<style>body{font:14px sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1.5em}"
           "td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}th{background:#eee}"
           ".interrupted{color:#a40}</style>",
           f"<h1>gatefuzz campaign {e(summary['campaign'])}</h1>"]
    if summary["status"] == "interrupted":
        out.append(f"<p class='interrupted'><b>Interrupted</b>: continue with "
                   f"<code>./gatefuzz run --resume {e(summary['directory'])}</code></p>")
    for heading, columns, rows in tables(summary):
        out.append(f"<h2>{e(heading)}</h2>")
        if not rows:
            out.append("<p>none</p>")
            continue
        out.append("<table><tr>" + "".join(f"<th>{e(c)}</th>" for c in columns) + "</tr>")
        out += ["<tr>" + "".join(f"<td>{e(v)}</td>" for v in row) + "</tr>" for row in rows]
        out.append("</table>")
    if plot:
        encoded = base64.b64encode(plot.read_bytes()).decode()
        out += ["<h2>Coverage over time</h2>",
                f"<img alt='coverage over time' src='data:image/png;base64,{encoded}'>"]
    return "\n".join(out) + "\n"


def write(directory, summary, plot):
    (directory / "summary.json").write_text(json.dumps(summary, indent=1) + "\n")
    (directory / "report.md").write_text(markdown(summary))
    (directory / "report.html").write_text(html_page(summary, plot))


def print_summary(summary):
    totals = summary["totals"]
    print(f"campaign {summary['directory']}: {summary['status']} | {summary['kernel']} kernel | "
          f"{totals['targets_done']}/{totals['targets']} targets | {totals['execs']:,} execs in "
          f"{duration(totals['fuzzing_seconds'])} of fuzzing | {totals['bugs']} bugs")
    for bug in summary["bugs"]:
        confirmed = ("" if not bug["triaged"] else "" if bug["replay_confirmed"]
                     else " (the replay build does not confirm it)")
        known = f"known {bug['known']}" if bug["known"] else "NEW"
        print(f"  BUG {bug['title']} [{bug['target']}, first seen +{bug['first_seen_after']} s, "
              f"{known}]{confirmed}")
        print(f"      replay: {bug['replay_command']}")
    if totals["unreproduced"]:
        print(f"  {totals['unreproduced']} findings did not reproduce (listed in the report)")
    if totals["not_fuzzed"]:
        print(f"  {totals['not_fuzzed']} targets did not fuzz at all: see their logs/<target>.log")
    if summary["status"] == "interrupted":
        print(f"continue with: ./gatefuzz run --resume {summary['directory']}")
    print(f"report: {summary['directory']}/report.md, report.html, summary.json")

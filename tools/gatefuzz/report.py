"""The campaign report: summary.json (every figure), report.md and
report.html (the same tables, the bugs first; a coverage sparkline per
target; the HTML with its tables sortable and the plots embedded), and a
short summary on the terminal."""
import base64
import html
import json

from . import coverage_tables, efficiency, families, known_bugs, paths, plot, sharing, stats
from .clock import duration

VERDICT_NAMES = ("OK", "REJECTED", "CONTAINED", "BUG")
# BUG kinds of the model of object state (docs/verdicts.md): the kernel did
# what the state forbids, or answered a status it must not; every other
# kind is memory safety (or a sanitizer's, a hang).
STATE_KINDS = ("state", "wrong-status")


def bug_class(title):
    """ "object state" or "memory safety", by the kind a title starts with."""
    return "object state" if title.split(" ", 1)[0] in STATE_KINDS else "memory safety"
SPARK_BLOCKS = "▁▂▃▄▅▆▇█"


class Spark(list):
    """A table cell: coverage values over time, drawn by each format its own way."""


def summarise(supervisor, engine, found, unreproduced, interrupted, plots, kernel_coverage=None):
    """`plots`: [(family, path)] of plot.coverage_plots; `kernel_coverage`:
    coverage.of_campaign's result."""
    campaign = supervisor.campaign
    classes = known_bugs.load(campaign.kernel)
    for bug in found:  # a confirmed class of the kernel's, the seeded bugs behind it, or a new bug
        bug["known"] = known_bugs.classify(classes, bug["evidence"]) or \
            (f"seeded {', '.join(bug['seeded'])}" if bug["seeded"] else None)
    at_once = engine.targets_at_once(supervisor.jobs)
    left = campaign.unfinished(at_once)
    targets = []
    for target in campaign.targets:
        figures = engine.metrics(campaign, target)
        seconds = campaign.seconds(target)
        verdicts = stats.totals(campaign.stats_dir(target)).verdicts
        targets.append({
            "target": target, "family": families.family(target),
            "status": "done" if target not in left else "partial" if campaign.runs(target) else "pending",
            "seconds": round(seconds, 1), "execs": figures["execs"],
            "exec_per_sec": round(figures["execs"] / seconds) if seconds else 0,
            "coverage": figures["coverage"],
            "coverage_over_time": plot.thinned(plot.series(campaign, target)),
            "corpus": len(list(campaign.corpus_dir(target).iterdir())),
            "findings": len(list(campaign.findings_dir(target).iterdir())),
            "verdicts": {name: verdicts.get(name, 0) for name in VERDICT_NAMES},
            "counted": sum(verdicts.get(name, 0) for name in VERDICT_NAMES)})
    return {
        "campaign": campaign.name, "directory": paths.shown(campaign.dir),
        "status": "interrupted" if interrupted else "complete",
        "engine": campaign.engine, "board": campaign.board or "host", "backend": campaign.backend,
        "kernel": campaign.kernel, "threadx": campaign.threadx,
        "seeded": seeded_found(campaign, found),
        "budget": {"total_time": campaign.state["total_time"], "jobs": supervisor.jobs,
                   "seconds_per_target": campaign.share(at_once)},
        "sharing": {"policy": campaign.sharing, "rule": sharing.RULES[campaign.sharing],
                    "rounds": campaign.state.get("schedule", [])},
        "created": campaign.state["created"], "rounds": campaign.state["rounds"],
        "coverage_names": list(engine.coverage_names),
        "totals": {"targets": len(targets), "targets_done": sum(t["status"] == "done" for t in targets),
                   "fuzzing_seconds": round(sum(t["seconds"] for t in targets), 1),
                   "execs": sum(t["execs"] for t in targets),
                   "counted": sum(t["counted"] for t in targets),
                   "corpus": sum(t["corpus"] for t in targets),
                   "findings": sum(t["findings"] for t in targets),
                   "bugs": len(found), "unreproduced": len(unreproduced),
                   "new_bugs": sum(b["known"] is None for b in found),
                   "state_bugs": sum(bug_class(b["title"]) == "object state" for b in found),
                   "not_fuzzed": sum(t["status"] != "pending" and not t["execs"] and not t["findings"]
                                     for t in targets)},
        "counting": engine.counting,
        "efficiency": efficiency.summarise(campaign, engine),
        "targets": targets, "bugs": found, "unreproduced": unreproduced,
        "plots": [{"family": family, "file": path.name} for family, path in plots],
        "kernel_coverage": kernel_coverage or {"skipped": "not measured"}}


def _efficiency_line(figures):
    if figures["share"] is None:
        return f"not measured ({figures['unmeasured'] or 'no CPU time recorded'})"
    rest = ", ".join(f"{phase} {seconds:g} s" for phase, seconds in figures["phases"].items() if seconds)
    build = f"; builds apart: {figures['build_seconds']:g} s" if figures.get("build_seconds") else ""
    return (f"{figures['share']:.0%} of {figures['cpu_seconds']:g} CPU s executing inputs "
            f"({figures['executing_seconds']:g} s); the rest: {rest}{build}")


def seeded_found(campaign, found):
    """For a campaign with seeded bugs, each one's first title's time (+s),
    or None when no title was attributed to it."""
    if not campaign.seeded:
        return None
    return {"selected": campaign.seeded,
            "found": {bug: min((b["first_seen_after"] for b in found if bug in b["seeded"]), default=None)
                      for bug in campaign.seeded}}


def _seeded_line(seeded):
    found = {bug: after for bug, after in seeded["found"].items() if after is not None}
    missed = [bug for bug in seeded["selected"] if bug not in found]
    return (f"{len(found)} of {len(seeded['selected'])}"
            + "".join(f"; {bug} +{after} s" for bug, after in sorted(found.items(), key=lambda i: i[1]))
            + (f"; not found: {', '.join(missed)}" if missed else ""))


def tables(summary):
    """[(heading, column names, rows)]: the content both report formats render, the bugs first."""
    totals = summary["totals"]
    # memory safety first, then object state: two classes of finding
    ordered = sorted(summary["bugs"], key=lambda b: bug_class(b["title"]) != "memory safety")
    state = sum(bug_class(b["title"]) == "object state" for b in ordered)
    bug_rows = [(b["title"], bug_class(b["title"]), b["known"] or "NEW", b["target"],
                 f"{b['first_seen']} (+{b['first_seen_after']} s)",
                 b["reproducer"] + (" (minimised)" if b["minimised"] else ""),
                 b["replay_command"],
                 "pending (--resume)" if not b["triaged"] else "yes" if b["replay_confirmed"] else "NO")
                for b in ordered]
    overview = [
        ("status", summary["status"]),
        ("kernel", summary["kernel"] + (f" (tree: {summary['threadx']})" if summary["threadx"] else "")
         + (f" with {len(summary['seeded']['selected'])} seeded bugs" if summary.get("seeded") else "")),
        ("engine", f"{summary['engine']} on {summary['board']}"), ("backend", summary["backend"]),
        ("budget", f"{summary['budget']['total_time']} s on {summary['budget']['jobs']} jobs"),
        ("time sharing", f"{summary['sharing']['policy']}: {summary['sharing']['rule']}"
                         + (f" ({summary['budget']['seconds_per_target']:g} s per target)"
                            if summary["sharing"]["policy"] == "equal" else "")),
        ("targets", f"{totals['targets']} ({totals['targets_done']} done)"),
        ("fuzzing time", duration(totals["fuzzing_seconds"])),
        ("executions", f"{totals['execs']:,}"),
        ("verdicts counted", f"{totals['counted']:,} ({summary['counting']})"),
        ("CPU time", _efficiency_line(summary["efficiency"])),
        ("bugs", f"{totals['bugs']} ({totals['new_bugs']} new, {totals['findings']} findings, "
                 f"{totals['unreproduced']} did not reproduce)"),
        ("bugs by class", f"{len(ordered) - state} memory safety, {state} object state"),
        *([("seeded bugs found", _seeded_line(summary["seeded"]))] if summary.get("seeded") else []),
        ("started", summary["created"])]
    names = summary["coverage_names"]
    target_rows = [(t["target"], t["family"], t["status"], duration(t["seconds"]), t["execs"],
                    t["exec_per_sec"], Spark(t["coverage_over_time"]),
                    *(t["coverage"].get(n, "") for n in names), t["corpus"],
                    *(t["verdicts"][v] for v in VERDICT_NAMES), t["findings"])
                   for t in summary["targets"]]
    result = [("Bugs", ("title", "class", "known class", "target", "first seen", "reproducer",
                        "replay (from the repository root)", "replay build confirms"), bug_rows),
              ("Campaign", ("", ""), overview),
              ("Targets", ("target", "family", "status", "time", "execs", "exec/s", "coverage over time",
                           *names, "corpus", *VERDICT_NAMES, "findings"), target_rows)]
    figures = summary["efficiency"]
    if figures["share"] is not None:
        spent = [("executing inputs", figures["executing_seconds"],
                  "the targets' fuzzing loops, less loading")]
        spent += [(phase, seconds, efficiency.WHAT[phase]) for phase, seconds in figures["phases"].items()]
        result.append(("Where the CPU time went", ("", "CPU s", "share", "what"),
                       [(what, f"{seconds:g}", f"{seconds / figures['cpu_seconds']:.0%}", why)
                        for what, seconds, why in spent]
                       + [("build", f"{figures['build_seconds']:g}", "apart", efficiency.WHAT["build"])]))
    rounds = summary["sharing"]["rounds"]
    if rounds:
        shared = [(t["target"], *(r["allotted"].get(t["target"], "") for r in rounds), duration(t["seconds"]),
                   next((r["why"][t["target"]] for r in reversed(rounds) if t["target"] in r["why"]), ""))
                  for t in summary["targets"]]
        shared.sort(key=lambda row: -sum(s for s in row[1:1 + len(rounds)] if s != ""))
        columns = ("target", *(f"round {n} (s)" for n in range(1, len(rounds) + 1)), "fuzzed",
                   "why (its last round)")
        result.append(("How the time was shared", columns, shared))
    measured = summary.get("kernel_coverage") or {"skipped": "not measured"}
    if "skipped" in measured:
        result.append(("Kernel coverage", ("",), [(f"not measured: {measured['skipped']}",)]))
    else:
        result += coverage_tables.tables(measured)
    if summary["unreproduced"]:
        result.append(("Findings that did not reproduce", ("finding",),
                       [(f,) for f in summary["unreproduced"]]))
    return result


def spark_text(values):
    """▁▂▃▅▇: each value against the series' own range."""
    if not values:
        return ""
    low, high = min(values), max(values)
    span = (high - low) or 1
    return "".join(SPARK_BLOCKS[round((v - low) / span * (len(SPARK_BLOCKS) - 1))] for v in values)


def spark_svg(values, width=100, height=18):
    if len(values) < 2:
        return spark_text(values)
    low, high = min(values), max(values)
    span = (high - low) or 1
    points = " ".join(f"{i * width / (len(values) - 1):.1f},"
                      f"{height - 1 - (v - low) / span * (height - 2):.1f}" for i, v in enumerate(values))
    return (f"<svg class='spark' width='{width}' height='{height}'><polyline fill='none' "
            f"stroke='#36c' stroke-width='1.5' points='{points}'/></svg>")


def _md_cell(value):
    if isinstance(value, Spark):
        return spark_text(value)
    text = f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else str(value)
    return text.replace("|", "\\|")


def markdown(summary):
    out = [f"# gatefuzz campaign {summary['campaign']}", ""]
    if summary["status"] == "interrupted":
        out += [f"**Interrupted**: continue with `./gatefuzz run --resume {summary['directory']}`", ""]
    for heading, columns, rows in tables(summary):
        out += [f"## {heading}", ""]
        if not rows:
            out += ["none", ""]
            continue
        out.append("| " + " | ".join(columns) + " |")
        out.append("|" + "---|" * len(columns))
        out += ["| " + " | ".join(_md_cell(v) for v in row) + " |" for row in rows]
        out.append("")
    if summary["plots"]:
        out += ["## Coverage over time", ""]
        out += [f"![{p['family']}]({p['file']})" for p in summary["plots"]] + [""]
    return "\n".join(out)


# Click a column's heading to sort by it (again: the other way); numbers by value.
SORT_SCRIPT = """<script>
document.querySelectorAll('table.sortable th').forEach((th, column) => th.addEventListener('click', () => {
  const table = th.closest('table'), rows = [...table.querySelectorAll('tr')].slice(1);
  const key = r => r.children[column].dataset.sort ?? r.children[column].textContent;
  const down = th.dataset.order !== 'down';
  rows.sort((a, b) => { const x = key(a), y = key(b), nx = parseFloat(x), ny = parseFloat(y);
    const order = isNaN(nx) || isNaN(ny) ? x.localeCompare(y) : nx - ny; return down ? -order : order; });
  table.querySelectorAll('th').forEach(h => delete h.dataset.order);
  th.dataset.order = down ? 'down' : 'up';
  rows.forEach(r => table.appendChild(r));
}));
// report.html#sort=<column>: opened sorted by that column (largest first)
const wanted = decodeURIComponent(location.hash).match(/^#sort=(.+)$/);
if (wanted) document.querySelectorAll('table.sortable th').forEach(th => {
  if (th.textContent === wanted[1]) th.click(); });
</script>"""


def _html_cell(value):
    if isinstance(value, Spark):
        return f"<td data-sort='{value[-1] if value else 0}'>{spark_svg(value)}</td>"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"<td data-sort='{value}' class='number'>{value:,}</td>"
    return f"<td>{html.escape(str(value))}</td>"


def html_page(summary, directory):
    e = lambda value: html.escape(str(value))
    out = ["<!doctype html>", "<meta charset='utf-8'>", f"<title>gatefuzz {e(summary['campaign'])}</title>",
           "<style>body{font:14px sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1.5em}"
           "td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}th{background:#eee}"
           "table.sortable th{cursor:pointer}th[data-order=down]::after{content:' ▼'}"
           "th[data-order=up]::after{content:' ▲'}td.number{text-align:right}"
           ".interrupted{color:#a40}.plots img{display:block;margin-bottom:1em}</style>",
           f"<h1>gatefuzz campaign {e(summary['campaign'])}</h1>"]
    if summary["status"] == "interrupted":
        out.append(f"<p class='interrupted'><b>Interrupted</b>: continue with "
                   f"<code>./gatefuzz run --resume {e(summary['directory'])}</code></p>")
    for heading, columns, rows in tables(summary):
        out.append(f"<h2>{e(heading)}</h2>")
        if not rows:
            out.append("<p>none</p>")
            continue
        sortable = len(rows) > 1 and columns[0]
        out.append(f"<table{' class=sortable' if sortable else ''} id='{e(heading.split()[0].lower())}'><tr>"
                   + "".join(f"<th>{e(c)}</th>" for c in columns) + "</tr>")
        out += ["<tr>" + "".join(_html_cell(v) for v in row) + "</tr>" for row in rows]
        out.append("</table>")
    if summary["plots"]:
        out.append("<h2>Coverage over time</h2><div class='plots'>")
        for p in summary["plots"]:
            encoded = base64.b64encode((directory / p["file"]).read_bytes()).decode()
            out.append(f"<img alt='{e(p['family'])}' src='data:image/png;base64,{encoded}'>")
        out.append("</div>")
    out.append(SORT_SCRIPT)
    return "\n".join(out) + "\n"


def write(directory, summary):
    (directory / "summary.json").write_text(json.dumps(summary, indent=1) + "\n")
    (directory / "report.md").write_text(markdown(summary))
    (directory / "report.html").write_text(html_page(summary, directory))


def print_summary(summary):
    totals = summary["totals"]
    print(f"campaign {summary['directory']}: {summary['status']} | {summary['kernel']} kernel | "
          f"{totals['targets_done']}/{totals['targets']} targets | {totals['execs']:,} execs in "
          f"{duration(totals['fuzzing_seconds'])} of fuzzing | {totals['bugs']} bugs")
    for bug in summary["bugs"]:
        confirmed = ("" if not bug["triaged"] else "" if bug["replay_confirmed"]
                     else " (the replay build does not confirm it)")
        known = f"known {bug['known']}" if bug["known"] else "NEW"
        print(f"  BUG {bug['title']} [{bug_class(bug['title'])}, {bug['target']}, first seen +{bug['first_seen_after']} s, "
              f"{known}]{confirmed}")
        print(f"      replay: {bug['replay_command']}")
    if totals["unreproduced"]:
        print(f"  {totals['unreproduced']} findings did not reproduce (listed in the report)")
    if totals["not_fuzzed"]:
        print(f"  {totals['not_fuzzed']} targets did not fuzz at all: see their logs/<target>.log")
    print(f"  verdicts counted: {totals['counted']:,} of {totals['execs']:,} executions")
    print(f"  CPU time: {_efficiency_line(summary['efficiency'])}")
    if summary["status"] == "interrupted":
        print(f"continue with: ./gatefuzz run --resume {summary['directory']}")
    print(f"report: {summary['directory']}/report.md, report.html, summary.json")

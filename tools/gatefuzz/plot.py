"""The coverage-over-time plots: per family of targets (families.py) one
panel, each target's coverage (libFuzzer cov, AFL edges) against its own
fuzzing time, every line named in the key, drawn by gnuplot from
plot/<target>.tsv (seconds, coverage, executions); and each target's
series, thinned, for the report's sparklines."""
import shutil
import subprocess

from . import families

MAX_KEYED = 16  # lines named in a panel's key: past this the key hides the plot; the rest are grey
SPARK_POINTS = 24


def series(campaign, target):
    """[(seconds, coverage)] of the target's samples, in time order."""
    path = campaign.plot_path(target)
    if not path.exists():
        return []
    points = []
    for line in path.read_text().splitlines():
        fields = line.split("\t")
        try:
            points.append((float(fields[0]), float(fields[1])))
        except (ValueError, IndexError):
            continue  # a line being written
    return sorted(points)


def thinned(points, n=SPARK_POINTS):
    """At most n coverage values, evenly over the fuzzing time (the last kept)."""
    if len(points) <= n:
        return [c for _, c in points]
    end = points[-1][0]
    picked, i = [], 0
    for k in range(n):
        until = end * (k + 1) / n
        while i + 1 < len(points) and points[i + 1][0] <= until:
            i += 1
        picked.append(points[i][1])
    return picked


def coverage_plots(campaign, engine):
    """Writes coverage-<family>.png in the campaign; returns [(family, path)]
    for those drawn (none without data or gnuplot)."""
    if not shutil.which("gnuplot"):
        return []
    grouped = {}
    for target in campaign.targets:
        points = series(campaign, target)
        if points:
            grouped.setdefault(families.family(target), []).append((target, points[-1][1]))
    drawn = []
    for family, members in sorted(grouped.items()):
        output = campaign.dir / f"coverage-{family}.png"
        if _draw(campaign, engine, family, members, output):
            drawn.append((family, output))
    return drawn


def _draw(campaign, engine, family, members, output):
    quote = lambda text: "'" + str(text).replace("'", "''") + "'"
    style = "with linespoints pointtype 7 pointsize 0.4"  # points: a short AFL run has one sample
    ranked = sorted(members, key=lambda m: -m[1])  # the highest coverage named first
    lines = []
    for rank, (target, _) in enumerate(ranked):
        path = quote(campaign.plot_path(target))
        if rank < MAX_KEYED:  # past 8 colours, the same colours dashed
            lines.append(f"{path} using 1:2 {style} linecolor {rank % 8 + 1} dashtype {rank // 8 + 1} "
                         f"title {quote(target.removeprefix('fuzz_'))}")
        else:
            lines.append(f"{path} using 1:2 with lines linecolor rgb '#bbbbbb' notitle")
    others = len(ranked) - MAX_KEYED
    title = f"{family}: coverage over fuzzing time ({engine.coverage_names[0]})" + \
        (f", {others} more in grey" if others > 0 else "")
    script = "\n".join([
        "set terminal pngcairo size 900,420 font ',10' noenhanced",  # names keep their underscores
        f"set output {quote(output)}",
        f"set title {quote(title)}",
        "set xlabel 'fuzzing time of the target (s)'",
        f"set ylabel {quote(engine.coverage_names[0])}",
        "set key outside right",
        "set grid",
        "set xrange [0:*]",
        "set yrange [0:*]",
        f"plot {', '.join(lines)}", ""])
    result = subprocess.run(["gnuplot"], input=script, text=True, capture_output=True)
    return result.returncode == 0 and output.exists()

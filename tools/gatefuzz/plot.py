"""The coverage-over-time plot: each target's coverage (libFuzzer cov, AFL
edges) against its own fuzzing time, drawn by gnuplot from plot/<target>.tsv
(seconds, coverage, executions)."""
import shutil
import subprocess

MAX_KEYED = 12  # past this many lines a key hides the plot


def coverage_plot(campaign, engine):
    """Writes coverage.png in the campaign; returns its path, or None without data or gnuplot."""
    series = [(t, campaign.plot_path(t)) for t in campaign.targets
              if campaign.plot_path(t).exists() and campaign.plot_path(t).stat().st_size]
    if not series or not shutil.which("gnuplot"):
        return None
    output = campaign.dir / "coverage.png"
    quote = lambda text: "'" + str(text).replace("'", "''") + "'"
    style = "with linespoints pointtype 7 pointsize 0.4"  # points: a short AFL run has one sample
    lines = ", ".join(f"{quote(path)} using 1:2 {style} title {quote(target.replace('_', ' '))}"
                      for target, path in series)
    script = "\n".join([
        "set terminal pngcairo size 1000,560 font ',10'",
        f"set output {quote(output)}",
        f"set title {quote('coverage over fuzzing time (' + engine.coverage_names[0] + ')')}",
        "set xlabel 'fuzzing time of the target (s)'",
        f"set ylabel {quote(engine.coverage_names[0])}",
        "set key outside right" if len(series) <= MAX_KEYED else "set key off",
        "set grid",
        "set xrange [0:*]",
        "set yrange [0:*]",
        f"plot {lines}", ""])
    result = subprocess.run(["gnuplot"], input=script, text=True, capture_output=True)
    return output if result.returncode == 0 and output.exists() else None

"""The record of a mutation run, out/<run>/mutation.json (its configuration,
the mutants chosen, each one's result: all --resume needs), and its
reading, out/<run>/mutation.md: the score, every survivor with its diff,
what killed each mutant."""
import json
import os
from collections import Counter
from pathlib import Path

from . import clock, paths
from .errors import GatefuzzError
from .mutation import EQUIVALENT, INVALID, KILLED, SURVIVED

STATE = "mutation.json"
REPORT = "mutation.md"


def create(directory, config):
    directory = Path(directory)
    if (directory / STATE).exists():
        raise GatefuzzError(f"{directory} already holds a mutation run: continue it with --resume {directory}")
    directory.mkdir(parents=True, exist_ok=True)
    state = dict(config, name=directory.name, created=clock.utc_now(), results={}, rounds=[])
    save(directory, state)
    return state


def load(directory):
    try:
        return json.loads((Path(directory) / STATE).read_text())
    except FileNotFoundError:
        raise GatefuzzError(f"{directory} holds no mutation run ({STATE} is missing)")


def latest(out_dir):
    found = sorted(Path(out_dir).glob(f"*/{STATE}"), key=lambda p: p.stat().st_mtime)
    if not found:
        raise GatefuzzError(f"no mutation run to resume in {out_dir}/")
    return found[-1].parent


def save(directory, state):
    state["summary"] = summarise(state)
    temporary = Path(directory) / (STATE + ".tmp")
    temporary.write_text(json.dumps(state, indent=1) + "\n")
    os.replace(temporary, Path(directory) / STATE)


def summarise(state):
    results = state["results"]
    counts = Counter(r["status"] for r in results.values())
    judged = counts[KILLED] + counts[SURVIVED]
    return {"mutants": len(state["mutants"]), "judged": len(results), KILLED: counts[KILLED],
            SURVIVED: counts[SURVIVED], INVALID: counts[INVALID], EQUIVALENT: counts[EQUIVALENT],
            "killed_by": dict(sorted(Counter(r["by"] for r in results.values()
                                             if r["status"] == KILLED).items())),
            "score": round(counts[KILLED] / judged, 4) if judged else None,
            "seconds_per_mutant": round(sum(r["seconds"] for r in results.values()) / len(results), 1)
            if results else None}


def score_text(summary):
    return "n/a" if summary["score"] is None else f"{100 * summary['score']:.1f} %"


def write(directory, state, interrupted):
    """mutation.md from the record; the record saved with its summary."""
    save(directory, state)
    summary = state["summary"]
    results = state["results"]
    score = score_text(summary)
    lines = [f"# Mutation analysis {state['name']}", ""]
    if interrupted or summary["judged"] < summary["mutants"]:
        lines += [f"**Interrupted**: {summary['judged']} of {summary['mutants']} mutants judged; "
                  f"`./gatefuzz mutate --resume {paths.shown(directory)}` continues.", ""]
    lines += [f"Kernel {state['kernel']}, files {', '.join(state['files'])}; "
              f"{state['time']} s of fuzzing per mutant on at most {state['fuzz_targets']} targets, "
              f"{state['jobs']} jobs; started {state['created']}.", "",
              f"**Mutation score: {score}** (killed / (killed + survived)): "
              f"{summary[KILLED]} killed, {summary[SURVIVED]} survived, {summary[INVALID]} invalid "
              f"(did not build), {summary.get(EQUIVALENT, 0)} equivalent (compile to the correct "
              f"kernel's object code); neither of the last two is counted.", ""]
    if summary["killed_by"]:
        lines += ["Killed by: " + ", ".join(f"{k} {n}" for k, n in summary["killed_by"].items()) + ".", ""]
    if summary["seconds_per_mutant"] is not None:
        lines += [f"Wall time per mutant: {summary['seconds_per_mutant']} s on average.", ""]
    survivors = [(i, r) for i, r in results.items() if r["status"] == SURVIVED]
    lines += [f"## Survivors ({len(survivors)})", "",
              "Each is an equivalent mutant (no input can tell it from the correct kernel) or a "
              "hole in the oracle, the seeds or the time given: see docs/mutation.md.", ""]
    for mutant_id, result in survivors:
        lines += [f"### `{mutant_id}`", "", f"In `{result['function']}`; seeds reach it on "
                  f"{len(result['reaching'])} targets; fuzzed on {', '.join(result['fuzzed']) or 'none'}.",
                  "", "```diff", result["diff"].rstrip(), "```", ""]
    lines += ["## Every mutant", "", "| mutant | result | by | target | input | title | seconds |",
              "|---|---|---|---|---|---|---|"]
    for mutant_id in state["mutants"]:
        result = results.get(mutant_id)
        if result is None:
            lines.append(f"| `{mutant_id}` | not judged | | | | | |")
            continue
        title = result.get("title") or result.get("detail", "")
        lines.append(f"| `{mutant_id}` | {result['status']} | {result.get('by', '')} | "
                     f"{result.get('target', '')} | {result.get('input', '')} | "
                     f"{title.replace('|', '/')} | {result['seconds']} |")
    (Path(directory) / REPORT).write_text("\n".join(lines) + "\n")

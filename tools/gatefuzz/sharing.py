"""How a campaign shares its time among its targets (--sharing).

equal: every target gets the same share of the budget (campaign.share).

progress (the default): a short equal first round (FIRST_ROUND of the
budget, at least MIN_SHARE s each), then LATER_ROUNDS rounds that share
what is left (and one more at a time while budget is left: a --resume with
a larger --time) by each target's progress in its last round: the
coverage it gained and the corpus inputs it added per second over the
second half of that round (the first half holds the jump of loading the
corpus), the multi-call targets' weighted MULTI_CALL_WEIGHT times (they
reach kernel state no single service does). A target whose share would be
under MIN_RUN gets none (a run that short is mostly start-up); when no
target progressed, the round goes to the multi-call targets. Every target
has its first round.

The budget is wall time on the cores that fuzz side by side; an allotment
of s seconds costs s + START_UP (the fuzzer starts and runs its corpus
first), a run's recorded seconds are its wall time. The rounds live in campaign.json ("schedule"): each
round's allotments, why, and which targets finished it, so --resume
finishes a round and goes on."""
from datetime import datetime, timedelta

from . import families, plot
from .campaign import MIN_SHARE, START_UP

POLICIES = ("progress", "equal")
FIRST_ROUND = 0.25
LATER_ROUNDS = 3
MIN_RUN = 3
MULTI_CALL_WEIGHT = 2
RULES = {"equal": "every target the same share",
         "progress": "an equal first round, then rounds shared by coverage and corpus growth per second "
                     f"over the second half of each target's last round, multi-call targets weighted "
                     f"x{MULTI_CALL_WEIGHT}"}


def budget(campaign, at_once):
    """Core-seconds: the wall time on the fuzzers that run side by side."""
    return campaign.state["total_time"] * min(at_once, len(campaign.targets))


def spent(campaign):
    """Core-seconds used: a run's seconds are its wall time, start-up included."""
    return sum(run["seconds"] for t in campaign.targets for run in campaign.runs(t))


def progress(campaign, target, runs):
    """(coverage gained per second over the second half of `runs`, a round's
    runs of the target; corpus inputs added per second over the second half
    of the last of them, the one whose start the files' times can be set against)."""
    if not runs:
        return 0.0, 0.0
    fuzzed = sum(r["seconds"] for r in runs)
    before = campaign.seconds(target) - fuzzed
    middle = before + fuzzed / 2
    window = [(s, c) for s, c in plot.series(campaign, target) if s >= before - 0.5]
    gained = 0.0
    if window:
        at_middle = [p for p in window if p[0] <= middle] or window[:1]
        gained = window[-1][1] - at_middle[-1][1]
    last = runs[-1]
    half = timedelta(seconds=last["seconds"] / 2)
    since = (datetime.fromisoformat(last["started"]) + half).timestamp()
    added = sum(1 for f in campaign.corpus_dir(target).iterdir() if f.stat().st_mtime >= since)
    return gained / max(fuzzed / 2, 0.5), added / max(last["seconds"] / 2, 0.5)


def next_round(campaign, at_once):
    """The next round's {target: seconds} and {target: why}, recorded in the
    campaign; empty when the budget is spent."""
    schedule = campaign.state.setdefault("schedule", [])
    targets = campaign.targets
    left = budget(campaign, at_once) - spent(campaign)
    if not schedule:
        share = max(MIN_SHARE, int(budget(campaign, at_once) * FIRST_ROUND / len(targets) - START_UP))
        share = min(share, max(MIN_SHARE, int(campaign.share(at_once))))
        allotted = {t: share for t in targets}
        why = {t: "first round: an equal share" for t in targets}
    else:
        # past the planned rounds (a --resume with a larger --time), one round at a time
        rounds_left = max(1, LATER_ROUNDS + 1 - len(schedule))
        if left < MIN_SHARE + START_UP:
            return {}, {}
        # The rounds left share what is left; when that is too little for
        # any run of MIN_RUN, fewer rounds share it, and the last one takes
        # what is left in runs as short as MIN_SHARE (a small budget).
        tries = [(left / rounds, MIN_RUN) for rounds in range(rounds_left, 0, -1)] + [(left, MIN_SHARE)]
        for round_budget, shortest in tries:
            allotted, why = _by_progress(campaign, round_budget, min(at_once, len(targets)), shortest)
            if allotted:
                break
        else:
            return {}, {}
    campaign.add_round(allotted, why)
    return allotted, why


def _by_progress(campaign, round_budget, side_by_side, shortest):
    weights, why = {}, {}
    last = len(campaign.state["schedule"]) - 1
    for target in campaign.targets:
        runs = [r for r in campaign.runs(target) if r.get("sharing_round") == last]
        coverage, corpus = progress(campaign, target, runs)
        multi = families.multi_call(target)
        weights[target] = (coverage + corpus) * (MULTI_CALL_WEIGHT if multi else 1)
        why[target] = (f"+{coverage:.2f} coverage/s, +{corpus:.2f} inputs/s in its last round"
                       + (f", multi-call x{MULTI_CALL_WEIGHT}" if multi else ""))
    if not any(weights.values()):
        weights = {t: 1.0 for t in campaign.targets if families.multi_call(t)}
        why = {t: "no target progressed: a multi-call target" for t in weights}
    # A target runs on one core: no more than the round's wall time each.
    cap = round_budget / side_by_side - START_UP
    allotted = _water_fill({t: w for t, w in weights.items() if w > 0}, round_budget, cap, shortest)
    # What the progressing targets cannot use goes to those fuzzed least so far.
    unused = round_budget - sum(s + START_UP for s in allotted.values())
    for target in sorted((t for t in campaign.targets if t not in allotted), key=campaign.seconds):
        if unused < shortest + START_UP:
            break
        seconds = int(min(cap, unused - START_UP))
        if seconds < shortest:
            break
        allotted[target] = seconds
        why[target] = "no progress: time the others could not use, to the least fuzzed"
        unused -= allotted[target] + START_UP
    for target in campaign.targets:
        if target not in allotted:
            why[target] = why.get(target, "no progress") + \
                f": no time (a share under {shortest} s is mostly start-up)"
    return allotted, why


def _water_fill(weights, round_budget, cap, shortest):
    """{target: whole seconds} by weight, none over `cap`, none under `shortest`
    (the weakest dropped until every share pays its start-up), what a
    capped target cannot take shared among the others."""
    chosen = dict(weights)
    while chosen:
        shares, capped, budget_left = {}, set(), round_budget
        while True:  # cap the largest shares and share the rest again
            free = {t: w for t, w in chosen.items() if t not in capped}
            total = sum(free.values())
            shares = {t: cap if t in capped or not total else budget_left * chosen[t] / total - START_UP
                      for t in chosen}
            over = {t for t in free if shares[t] > cap}
            if not over:
                break
            capped |= over
            budget_left = round_budget - len(capped) * (cap + START_UP)
            if budget_left <= 0:
                shares = {t: cap for t in capped}
                break
        short = {t for t, s in shares.items() if s < shortest}
        if not short:
            return {t: int(s) for t, s in shares.items()}
        del chosen[min(short, key=lambda t: chosen[t])]
    return {}

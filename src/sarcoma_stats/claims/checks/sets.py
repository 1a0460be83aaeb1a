"""Checks of percentages printed for one group (a list, a breakdown) against its denominator."""

from __future__ import annotations

from fractions import Fraction

from ...printed import rounding as rd
from ..schema import BreakdownClaim, PercentSetClaim
from ._registry import register
from ._base import (N_MAX, Context, Findings, listing, nearest_denominators, pct,
                    percent_text, rules_for_counts)


@register("percent-set")
def check_percent_set(claim: PercentSetClaim, context: Context, f: Findings) -> None:
    """Percentages of one group of patients (adverse events, say) against its N.

    Rule: every denominator n = 1..max(1000, 2N) that makes all printed percentages attainable
    under one rounding rule (a printed count pins its k) is found; the stated N must be among
    them. Items printed as inequalities ("<1%") are checked as inequalities with the stated N.
    No N stated: not checkable, naming the smallest denominators (none at all: inconsistent).

    Examples
    --------
    >>> from sarcoma_stats import verify_record
    >>> v = verify_record({"kind": "percent-set", "quote": "rash (12%), fatigue (25%)", "n": 8,
    ...     "items": [{"label": "rash", "percent": "12"}, {"label": "fatigue", "percent": "25"}]})
    >>> v.verdict, v.explanation
    ('consistent', 'stated N = 8 gives all 2 percentages: 12% = 1 of 8, 25% = 2 of 8')
    """
    n = claim.n
    items = [it for it in claim.items if it.percent.relation == "="]
    for it in claim.items:  # "<1%" and the like: checked on their own when N is known
        p = it.percent
        if p.relation == "=":
            continue
        if n is None:
            f.cannot(percent_text(p), f"{it.label} {p.text}%: an inequality without N")
            continue
        counts = [it.events] if it.events is not None else range(n + 1)
        if any(rd.satisfies(Fraction(100 * k, n), p.value, p.relation) for k in counts):
            f.cannot(percent_text(p), f"{it.label} {p.text}% is possible with N = {n} (an "
                                      f"inequality does not pin the denominator)")
        else:
            f.fail(percent_text(p), f"{it.label} {p.text}% is impossible with N = {n}")
    if not items:
        if not f.items:
            f.cannot(None, "only inequalities printed: nothing pins the denominator")
        return
    pcts = [it.percent for it in items]
    counts = [it.events for it in items]
    upper = max(N_MAX, 2 * n) if n else N_MAX
    ns = rd.denominators_for_percentages([p.value for p in pcts], counts, n_max=upper)
    m = len(items)
    what = f"all {m} percentages" if m > 1 else "the percentage"
    if n is None and context.scope is not None:
        _set_in_scope(f, items, context.scope, ns, upper, context.roundings)
        return
    if n is None:
        if ns.size:
            text = f"no N stated; the smallest denominators giving {what} are {listing(ns, 6)}"
            for p in pcts:
                f.cannot(percent_text(p), text)
        else:
            printed = ", ".join(p.text + "%" for p in pcts)
            text = f"no denominator up to {upper} gives {what} ({printed})"
            for p in pcts:
                f.fail(percent_text(p), text)
        return
    if n in ns:
        rules = [r for r in rd.ROUNDINGS
                 if rd.denominators_for_percentages([p.value for p in pcts], counts, n_min=n,
                                                    n_max=n, roundings=[r]).size]
        parts = []
        for it, p in zip(items, pcts):
            ks = [it.events] if it.events is not None else \
                [int(k) for k in rd.counts_for_percent(p.value, n, rules)]
            parts.append(f"{p.text}% = {'/'.join(map(str, ks[:2]))} of {n}")
            f.ok(percent_text(p), parts[-1], roundings=rules_for_counts(ks, n, p))
        f.notes.append(f"stated N = {n} gives {what}: " + ", ".join(parts))
        return
    hint = (f"the smallest denominators giving {what} are {listing(ns, 5)} (nearest to {n}: "
            f"{', '.join(map(str, nearest_denominators(ns, n)))})" if ns.size
            else f"no denominator up to {upper} gives {what}")
    any_bad = False
    for it, p in zip(items, pcts):
        if it.events is not None:
            fits = bool(rd.percent_roundings(it.events, n, p.value))
            bad = f"{it.label} {it.events} ({p.text}%): {pct(it.events, n, p.decimals)}"
        else:
            fits = bool(rd.counts_for_percent(p.value, n).size)
            below, above = rd.nearest_counts(p.value, n)
            bad = f"{it.label} {p.text}% (" + ", ".join(
                pct(k, n, p.decimals) for k in (below, above) if k is not None) + ")"
        if fits:
            f.ok(percent_text(p), f"{it.label} {p.text}% is attainable with N = {n} on its own")
        else:
            any_bad = True
            f.fail(percent_text(p), f"stated N = {n} does not fit: {bad}; {hint}", roundings=())
    if not any_bad:  # each fits, but under different rounding rules
        for p in pcts:
            f.fail(percent_text(p), f"stated N = {n} does not fit one rounding rule for all of "
                                    f"them; {hint}")


def _set_in_scope(f: Findings, items, scope, ns, upper: int, rules) -> None:
    """Percentages printed without their N, against every N their cohort prints.

    Consistent when one N of the scope gives them all under one of the document's rounding
    rules (``rules``: all three unless the document shows which it uses); otherwise the list is
    inconsistent: the items the best-fitting N of the scope gives are consistent, the others are
    flagged, and the explanation names the smallest N that would give them all (and an N of the
    scope that gives them only by a rule the document does not use)."""
    sizes = scope.sizes
    cohort = f"the Ns printed for {scope.label} ({', '.join(map(str, sizes))})"
    what = f"all {len(items)} percentages" if len(items) > 1 else "the percentage"
    values = [it.percent.value for it in items]
    counts = [it.events for it in items]
    in_rules = rd.denominators_for_percentages(values, counts, n_max=upper, roundings=rules)
    fitting = [n for n in sizes if n in in_rules]
    if fitting:
        n = fitting[0]
        used = [r for r in rules if rd.denominators_for_percentages(
            values, counts, n_min=n, n_max=n, roundings=[r]).size]
        parts = []
        for it in items:
            p = it.percent
            ks = [it.events] if it.events is not None else \
                [int(k) for k in rd.counts_for_percent(p.value, n, used)]
            parts.append(f"{p.text}% = {'/'.join(map(str, ks[:2]))} of {n}")
            f.ok(percent_text(p), parts[-1], roundings=rules_for_counts(ks, n, p), fitted=True)
        f.notes.append(f"N = {n}, of {cohort}, gives {what}: " + ", ".join(parts))
        return

    def fits(it, n):
        if it.events is not None:
            return it.events <= n and bool(set(rd.percent_roundings(
                it.events, n, it.percent.value)) & set(rules))
        return bool(rd.counts_for_percent(it.percent.value, n, rules).size)

    best = max(sizes, key=lambda n: sum(fits(it, n) for it in items))
    would = (f"the smallest N that gives {what} is {int(in_rules[0])}" if in_rules.size
             else f"no N up to {upper} gives {what}")
    summary = f"none of {cohort} gives {what}; {would}"
    other = [n for n in sizes if n in ns]
    if other:
        others = [r for r in rd.ROUNDINGS if r not in rules]
        summary += (f" (N = {other[0]} gives them only by {' or '.join(others)}, a rule this "
                    f"document does not use)")
    flag = f.fail if len(items) > 1 else f.query
    alone = all(fits(it, best) for it in items)  # each fits, but not under one rounding rule
    for it in items:
        p = it.percent
        if alone:
            flag(percent_text(p), f"N = {best} gives each percentage but under no one rounding "
                                  f"rule; {summary}", roundings=())
        elif fits(it, best):
            ks = [it.events] if it.events is not None else \
                rd.counts_for_percent(p.value, best, rules)
            f.ok(percent_text(p), f"{it.label} {p.text}% is {pct(int(ks[0]), best, p.decimals)}"
                                  f" on its own", fitted=True)
        else:
            below, above = rd.nearest_counts(p.value, best)
            near = ", ".join(pct(k, best, p.decimals) for k in (below, above) if k is not None)
            flag(percent_text(p), f"{it.label} {p.text}% is not attainable with N = {best} "
                                  f"({near}); {summary}", roundings=())


def _check_part_percentages(f: Findings, claim: BreakdownClaim, total: int) -> None:
    """Each part's percentage against its count (or some count) out of the total."""
    with_pct = [part for part in claim.parts if part.percent is not None]
    hint = None
    for part in with_pct:
        pc = part.percent
        if part.count is not None:
            rules = rd.percent_roundings(part.count, total, pc.value)
            if rules:
                f.ok(percent_text(pc), f"{part.label} {pct(part.count, total, pc.decimals)} -> "
                                       f"{pc.text}%", roundings=rules)
                continue
            bad = f"{part.label} {part.count} ({pc.text}%): {pct(part.count, total, pc.decimals)}"
        else:
            ks = rd.counts_for_percent(pc.value, total)
            if ks.size:
                f.ok(percent_text(pc), f"{part.label} {pc.text}% of {total} is "
                                       + " or ".join(pct(int(k), total, pc.decimals)
                                                     for k in ks[:2]),
                     roundings=rules_for_counts(ks, total, pc))
                continue
            below, above = rd.nearest_counts(pc.value, total)
            bad = f"{part.label} {pc.text}% (" + ", ".join(
                pct(k, total, pc.decimals) for k in (below, above) if k is not None) + ")"
        if hint is None:
            ns = rd.denominators_for_percentages([p.percent.value for p in with_pct],
                                                 [p.count for p in with_pct],
                                                 n_max=max(N_MAX, 2 * total))
            hint = (f"; all {len(with_pct)} percentages fit n = {listing(ns, 4)}"
                    if ns.size else "")
        f.fail(percent_text(pc), f"percentages of {total} do not match: {bad}{hint}",
               roundings=())


def _total_in_scope(f: Findings, known, scope) -> int | None:
    """Complete parts printed without their total: their sum must be an N the cohort prints
    (then the percentages are checked against it); otherwise a query."""
    s = sum(known)
    terms = " + ".join(map(str, known))
    sizes = ", ".join(map(str, scope.sizes))
    if s in scope.sizes:
        f.ok(str(known[0]), f"{terms} = {s}, an N printed for {scope.label}")
        return s
    f.query(str(known[0]), f"the parts add up to {terms} = {s}, none of the Ns printed for "
                           f"{scope.label} ({sizes})")
    return None


@register("breakdown")
def check_breakdown(claim: BreakdownClaim, context: Context, f: Findings) -> None:
    """Parts that should add up (5 PR, 7 SD and 2 PD of 14 patients).

    Rule: the counts add up to the total (``complete``, the default) or do not exceed it; each
    part's percentage matches count/total (a part with a percentage only: some count gives it),
    and when some do not, the denominators that fit every printed percentage are named; complete
    percentages add to 100 within rounding (half a unit of the last printed digit per part) and
    never exceed 100 beyond rounding. Without a total, counts printed with percentages pin the
    denominator, and complete parts printed without a total must add up to an N their scope
    prints. "At most the total" checks only a bound: it is consistent but trivial.

    Examples
    --------
    >>> from sarcoma_stats import verify_record
    >>> v = verify_record({"kind": "breakdown", "quote": "5 PR, 7 SD and 2 PD of 14",
    ...     "total": 14, "parts": [{"label": "PR", "count": 5}, {"label": "SD", "count": 7},
    ...                             {"label": "PD", "count": 2}]})
    >>> v.verdict, v.explanation
    ('consistent', '5 + 7 + 2 = 14')
    """
    total = claim.total
    complete = claim.complete if claim.complete is not None else True
    parts = claim.parts
    known = [p.count for p in parts if p.count is not None]
    pcts = [p.percent for p in parts]
    if total is None and context.scope is not None and complete and known \
            and len(known) == len(parts):
        total = _total_in_scope(f, known, context.scope)
    elif total is not None and known:
        s = sum(known)
        terms = " + ".join(map(str, known))
        if complete and len(known) == len(parts):
            if s == total:
                f.ok(str(total), f"{terms} = {total}")
            else:
                f.fail(str(total), f"the parts add up to {terms} = {s}, not the stated {total}"
                                   + (f" ({total - s} unaccounted for)" if s < total else
                                      f" ({s - total} too many)"))
        elif s <= total:
            f.ok(str(total), f"{terms} = {s} <= {total}" if len(known) > 1
                 else f"{s} <= {total}", trivial=True)
        else:
            f.fail(str(total), f"the parts ({terms} = {s}) exceed the stated total {total}")
    with_pct = [part for part in parts if part.percent is not None]
    if with_pct and total is not None:
        _check_part_percentages(f, claim, total)
    elif with_pct:  # no total: the counts with percentages pin the denominator
        if any(part.count is not None for part in with_pct):
            ns = rd.denominators_for_percentages([p.percent.value for p in with_pct],
                                                 [p.count for p in with_pct],
                                                 n_min=max(1, sum(known)), n_max=N_MAX)
            for part in with_pct:
                if ns.size:
                    f.ok(percent_text(part.percent), f"no total printed; the counts and "
                                                     f"percentages imply n = {listing(ns, 4)}")
                else:
                    f.fail(percent_text(part.percent), f"no denominator up to {N_MAX} gives "
                                                       f"every printed count its percentage")
    if complete and pcts and all(pc is not None for pc in pcts):
        tot = rd.percentages_total([pc.value for pc in pcts])
        shown = " + ".join(f"{pc.text}%" for pc in pcts)
        if tot.fits:
            f.ok(shown, f"percentages add to {tot.total}%", find=pcts[0].text)
        else:
            f.fail(shown, f"the percentages add to {tot.total}%, not 100% (rounding allows "
                          f"+/-{tot.slack}): a part is missing or a percentage is wrong",
                   find=pcts[0].text)
    elif any(pc is not None for pc in pcts):
        tot = rd.percentages_total([pc.value for pc in pcts if pc is not None])
        if tot.total - tot.slack > 100:
            f.fail(" + ".join(f"{pc.text}%" for pc in pcts if pc is not None),
                   f"the percentages add to {tot.total}%, more than 100%")
    if total is None and not f.items:
        f.cannot(None, "no total printed: the parts have nothing to add up to")

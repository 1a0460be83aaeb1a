"""Checks of rates printed with (some of) their counts: one arm, and two arms compared."""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from ...printed import reproduce as rp
from ...printed import rounding as rd
from ...printed.number import Printed
from ...stats.hypotests import TEST_FAMILIES
from ..schema import ProportionClaim, Scope, TwoProportionsClaim
from ._registry import register
from ._base import (N_MAX, Context, Findings, best_method, bound, bound_components,
                    check_ci, check_percent, ci_over_counts, ci_text, events_of, level_of,
                    listing, num, pct, percent_text, rules_for_counts, suggest_counts,
                    unattainable)


def check_rate(f: Findings, fields, confidence: float, level: str, what: str = "",
               scope: Scope | None = None, rules: tuple[str, ...] = rd.ROUNDINGS):
    """The numbers of one rate (a ``proportion``, or one arm of ``two-proportions``); returns
    the counts ``(k, n)`` as far as the text pins them. Without its own ``n``, a rate is checked
    against the Ns its ``scope`` prints."""
    k, made = events_of(fields.get("events"))
    n = fields.get("n")
    percent: Printed | None = fields.get("percent")
    ci = fields.get("ci")
    prefix = f"{what}: " if what else ""
    detail = f"events {made}; " if made else ""
    if k is not None and n is not None:
        start = len(f.items)
        if percent is not None:
            check_percent(f, k, n, percent, what, detail)
        if ci is not None:
            check_ci(f, k, n, ci, confidence, level, what, fields.get("ci_method")
                     if "ci_method" in fields.field_names() else None)
        if f.failed_since(start) and percent is not None and ci is not None:
            suggest_counts(f, start, k, n, percent, ci, confidence, level)
        if percent is None and ci is None:
            f.cannot(f"{k}/{n}", f"{prefix}{detail}{k} of {n} with no percentage or interval: "
                                 f"nothing to recompute", find=str(k))
        return k, n
    if percent is not None and percent.relation != "=":
        f.cannot(percent_text(percent), f"{prefix}{percent.text}% printed without the counts "
                                        f"that would check it")
        return k, n
    if n is not None:  # a percentage of n, no count
        ks = rd.counts_for_percent(percent.value, n) if percent is not None \
            else np.arange(n + 1)
        if percent is not None:
            if ks.size == 0:
                f.fail(percent_text(percent), prefix + unattainable(percent, n), roundings=())
                return None, n
            f.ok(percent_text(percent),
                 f"{prefix}{percent.text}% of {n} is "
                 + " or ".join(pct(int(kk), n, percent.decimals) for kk in ks[:3]),
                 roundings=rules_for_counts(ks, n, percent))
        if ci is not None:
            ci_over_counts(f, percent, n, ci, confidence, level, prefix)
        return (int(ks[0]) if ks.size == 1 else None), n
    # no n
    if scope is not None and percent is not None:
        _rate_in_scope(f, k, percent, ci, scope, confidence, level, prefix, rules)
        return k, None
    if percent is not None and ci is not None and all(b.is_number for b in ci):
        hits = rp.counts_for_interval(percent.value, ci[0].value, ci[1].value, n_max=N_MAX,
                                      confidence=confidence)
        if k is not None:
            hits = hits[hits.k == k]
        numbers = [percent_text(percent), ci[0].text, ci[1].text]
        if hits.empty:
            text = (f"{prefix}no k/n with n <= {N_MAX} gives {percent.text}% with {level} CI "
                    f"{ci_text(ci)} by any interval method")
            for printed in numbers:
                f.fail(printed, text)
        else:
            pairs = list(dict.fromkeys(zip(hits.k, hits.n)))
            methods = list(dict.fromkeys(hits.method))
            text = (f"{prefix}no denominator printed; {percent.text}% ({ci_text(ci)}) is "
                    f"reproduced by " + listing([f"{a}/{b}" for a, b in pairs], 4)
                    + f" ({', '.join(methods)})")
            for printed in numbers:
                f.ok(printed, text, methods=methods)
        return None, None
    if percent is not None:
        if k is not None:
            ns = rd.denominators_for_percentages([percent.value], [k], n_min=max(k, 1),
                                                 n_max=N_MAX)
            if ns.size == 0:
                f.fail(percent_text(percent), f"{prefix}no denominator up to {N_MAX} makes {k} "
                                              f"events {percent.text}%")
            else:
                f.cannot(percent_text(percent), f"{prefix}no denominator printed: {k} events "
                                                f"give {percent.text}% with n = {listing(ns, 5)}")
        else:
            ns = rd.denominators_for_percentages([percent.value], n_max=N_MAX)
            f.cannot(percent_text(percent), f"{prefix}no denominator printed for "
                                            f"{percent.text}% (attainable with n = "
                                            f"{listing(ns, 6)})")
    elif k is not None:
        f.cannot(str(k), f"{prefix}{k} event{'s' if k != 1 else ''} printed without a "
                         f"denominator: nothing to recompute")
    else:
        f.cannot(ci_text(ci), f"{prefix}an interval without counts or a denominator")
    return k, None


def _rate_in_scope(f: Findings, k, percent: Printed, ci, scope: Scope, confidence: float,
                   level: str, prefix: str, rules: tuple[str, ...]) -> None:
    """A rate printed without its own N, against every N its cohort prints: consistent with the
    first N that reproduces it under the document's rounding ``rules``; otherwise a query (one
    percentage cannot show that the text's N is wrong: it may be of a subgroup the text does
    not size), naming what would fit."""
    ns = scope.sizes
    shown = percent_text(percent)
    cohort = f"the Ns printed for {scope.label} ({', '.join(map(str, ns))})"
    numbers = [shown] + ([b.text for b in ci] if ci is not None else [])
    with_ci = ci is not None and all(b.is_number for b in ci)
    if percent.relation != "=":
        fits = [n for n in ns if any(rd.satisfies(Fraction(100 * kk, n), percent.value,
                                                  percent.relation)
                                     for kk in ([k] if k is not None else range(n + 1)))]
        add = f.ok if fits else f.query
        add(shown, f"{prefix}{percent.text}% " + (f"holds for N = {fits[0]} of {cohort}" if fits
                                                  else f"holds for none of {cohort}"),
            trivial=bool(fits))
        return
    for n in ns:
        if k is not None and k > n:
            continue
        if with_ci:
            hits = rp.counts_for_interval(percent.value, ci[0].value, ci[1].value, n=n,
                                          confidence=confidence)
            if k is not None:
                hits = hits[hits.k == k]
            if not hits.empty:
                methods = list(dict.fromkeys(hits.method))
                text = (f"{prefix}{percent.text}% ({level} CI {ci_text(ci)}) is "
                        f"{pct(int(hits.k.iloc[0]), n, percent.decimals)} with "
                        f"{', '.join(methods)}, N = {n} of {cohort}")
                for printed in numbers:
                    f.ok(printed, text, methods=methods, fitted=True)
                return
            continue
        ks = [k] if k is not None else rd.counts_for_percent(percent.value, n, rules)
        fitting = [r for r in rules_for_counts(ks, n, percent) if r in rules]
        if fitting:
            f.ok(shown, f"{prefix}{percent.text}% is " + " or ".join(
                pct(int(kk), n, percent.decimals) for kk in ks[:2]) + f", N = {n} of {cohort}",
                roundings=fitting, fitted=True)
            for printed in ci or ():
                f.cannot(printed.text, f"{prefix}an interval with an open bound: not checked")
            return
    given = f"{k} events and " if k is not None else ""
    near = rd.denominators_for_percentages([percent.value], None if k is None else [k],
                                           n_min=max(k or 1, 1), n_max=N_MAX, roundings=rules)
    text = (f"{prefix}{given}{percent.text}%" + (f" with {level} CI {ci_text(ci)}" if with_ci
                                                 else "")
            + f" fit none of {cohort}"
            + (f"; {percent.text}% is attainable with n = {listing(near, 5)}" if near.size
               else ""))
    for printed in numbers:
        f.query(printed, text)


@register("proportion")
def check_proportion(claim: ProportionClaim, context: Context, f: Findings) -> None:
    """A rate of one group: percentage, interval and counts against each other.

    Rule: with events and ``n``, the percentage must be ``100 events / n`` under some rounding
    rule (exactly: 12.5 is a tie), and the interval must be what some interval method
    (:data:`~sarcoma_stats.printed.reproduce.CI_METHODS`) gives, both bounds under one rounding
    rule; a printed method must be the one that does. With ``n`` but no events, some count must
    give the percentage (and the interval). Without ``n``, a percentage with its interval is
    searched over every k/n up to n = 1000; a percentage alone cannot be checked.

    Examples
    --------
    >>> from sarcoma_stats import verify_record
    >>> v = verify_record({"kind": "proportion", "quote": "39% (12 of 31; 95% CI 22 to 58)",
    ...                    "events": 12, "n": 31, "percent": "39", "ci": ["22", "58"]})
    >>> v.verdict, v.methods[-1]
    ('consistent', 'clopper-pearson')
    >>> verify_record({"kind": "proportion", "quote": "30% (3/7)", "events": 3, "n": 7,
    ...                "percent": "30"}).explanation
    '30% does not match 3/7 = 42.9%; 30% is not attainable with 7 patients: 2/7 = 28.6%, 3/7 = 42.9%; 3 of 10 would give it'
    """
    confidence, level = level_of(claim.ci_level)
    check_rate(f, claim, confidence, level, scope=context.scope, rules=context.roundings)


def _check_two_arm_p(f: Findings, claim: TwoProportionsClaim, k1, n1, k2, n2,
                     p: Printed) -> None:
    table = rp.pvalue_tests_table(k1, n1, k2, n2, p.value, p.relation)
    matched = [t for t in table.index if table.loc[t, "matches"]]
    shown = f"P {p.relation if p.relation != '=' else '='} {p.text.lstrip('<>=≤≥ ')}"
    printed = f"P {p.text}"
    named = (claim.test or "").lower()
    # the test family a printed test name names: "Fisher's exact test" -> fisher,
    # "chi-square" -> chi2 (with or without Yates), ...
    family = next((fam for fam in TEST_FAMILIES if fam.split("-")[0].rstrip("2") in named),
                  None)
    computed = ", ".join(f"{t} {table.loc[t, 'pvalue']:.2g}" for t in table.index)
    if family is not None and not any(t.startswith(family) for t in matched):
        fam_tests = [t for t in table.index if t.startswith(family)]
        f.fail(printed, f"{shown} is not what the named test ({claim.test}) gives: "
                        + ", ".join(f"{t} {table.loc[t, 'pvalue']:.2g}" for t in fam_tests)
                        + (f"; it fits {', '.join(matched)}" if matched else ""),
               methods=matched)
    elif matched:
        f.ok(printed, f"{shown} reproduced by {', '.join(matched)}", methods=matched)
    else:
        f.fail(printed, f"no two-arm test gives {shown} for {k1}/{n1} vs {k2}/{n2}: {computed}")


def _check_difference(f: Findings, claim: TwoProportionsClaim, k1, n1, k2, n2) -> None:
    diff, diff_ci = claim.difference, claim.difference_ci
    confidence, level = level_of(claim.difference_ci_level or claim.ci_level)
    exact = Fraction(100 * k1, n1) - Fraction(100 * k2, n2)
    # A printed minus sign means arm 1 minus arm 2 as listed; without one, the printed
    # difference may be either way round (authors print the larger rate first).
    signed = any(v is not None and v.is_number and v.value < 0 for v in (diff, *(diff_ci or ())))
    shown = exact if signed else abs(exact)
    a, b = ((k1, n1), (k2, n2)) if signed or exact >= 0 else ((k2, n2), (k1, n1))
    if diff is not None:
        rules = rd.roundings_matching(shown, diff.value)
        if rules:
            f.ok(diff.text, f"difference {num(float(shown), diff.decimals + 1)} points -> "
                            f"{diff.text}", roundings=rules)
        else:
            f.fail(diff.text, f"difference printed {diff.text} but {k1}/{n1} - {k2}/{n2} = "
                              f"{num(float(exact), diff.decimals + 1)} points", roundings=())
    if diff_ci is not None:
        table = rp.difference_methods_table(a[0], a[1], b[0], b[1], bound(diff_ci[0]),
                                            bound(diff_ci[1]), confidence)
        matched = [m for m in table.index if table.loc[m, "matches"]]
        subject = f"{a[0]}/{a[1]} - {b[0]}/{b[1]}"
        if matched:
            text = (f"{level} CI of the difference {ci_text(diff_ci)} reproduced by "
                    f"{', '.join(matched)}")
            bound_components(f, diff_ci, table, matched, matched[0], text, level, subject,
                             matched)
        else:
            nearest = table["error"].astype(float).idxmin()
            text = (f"no method reproduces the difference's {level} CI {ci_text(diff_ci)}; "
                    f"nearest: {nearest} {table.loc[nearest, 'low']:.2f}-"
                    f"{table.loc[nearest, 'high']:.2f}")
            bound_components(f, diff_ci, table, [], best_method(table), text, level, subject)


@register("two-proportions")
def check_two_proportions(claim: TwoProportionsClaim, context: Context, f: Findings) -> None:
    """Two arms compared: each arm as a ``proportion``, the p-value, the difference.

    Rule: each arm's numbers as for a ``proportion``. The p-value against every two-arm test
    (:data:`~sarcoma_stats.printed.reproduce.PVALUE_TESTS`): an inequality must hold, an equality
    must round to the printed digits; a named test must be the one that gives it. The difference
    (percentage points) exactly against ``k1/n1 - k2/n2`` (a printed minus sign means arm 1 minus
    arm 2; without one, either order); its interval against every risk-difference method, at its
    printed level.

    Examples
    --------
    ARST1321 as printed by a news report: 14 of 24 (58%) against 4 of 18 (22%).

    >>> from sarcoma_stats import verify_record
    >>> v = verify_record({"kind": "two-proportions", "quote": "14 of 24 (58%) ... 4 of 18 (22%)",
    ...     "arms": [{"label": "pazopanib", "events": 14, "n": 24, "percent": "58"},
    ...              {"label": "control", "events": 4, "n": 18, "percent": "22"}]})
    >>> v.verdict, [c.printed for c in v.components]
    ('consistent', ['58%', '22%'])
    """
    confidence, level = level_of(claim.ci_level)
    got = [check_rate(f, arm, confidence, level, arm.label) for arm in claim.arms]
    (k1, n1), (k2, n2) = got
    counts_known = None not in (k1, n1, k2, n2)
    p = claim.p
    if p is not None and p.is_number:
        if counts_known:
            _check_two_arm_p(f, claim, k1, n1, k2, n2, p)
        else:
            f.cannot(f"P {p.text}", f"P {p.text}: the counts of both arms are needed to "
                                    f"recompute it")
    if claim.difference is not None or claim.difference_ci is not None:
        if counts_known:
            _check_difference(f, claim, k1, n1, k2, n2)
        else:
            for printed in (claim.difference, *(claim.difference_ci or ())):
                if printed is not None:
                    f.cannot(printed.text, "the difference needs the counts of both arms")

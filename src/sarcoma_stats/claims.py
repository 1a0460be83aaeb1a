"""Claims -> checks -> verdicts.

Every claim in ``data/`` is recomputed from the counts it prints, by the rules of
``docs/verification.md``, and gets one verdict: ``consistent``, ``inconsistent`` or
``not-checkable``, a one-line explanation a reviewer can act on, and the names of the methods (and
roundings) that reproduce the printed numbers. The arithmetic lives in
:mod:`sarcoma_stats.consistency` and the statistics modules; this module only decides what to
check for each kind of claim and words the result.
"""

from __future__ import annotations

import json
import math
import textwrap
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from . import consistency as cs
from .data import Claim, Printed, Table, load_claims, load_tables

__all__ = ["VERDICTS", "verify_claim", "verify_claims", "verdicts_to_json", "render_verdicts"]

#: The three verdicts, in the order reports list them.
VERDICTS = ("inconsistent", "consistent", "not-checkable")
#: Largest denominator searched when a claim prints no ``n``.
N_MAX = 1000
#: Columns of :func:`verify_claims`.
COLUMNS = ["id", "source", "kind", "where", "label", "quote", "verdict", "explanation", "methods"]
_JSON_KEYS = ["id", "source", "quote", "kind", "verdict", "explanation", "methods"]
# an implied Kaplan-Meier SE below this fraction of the binomial SE sqrt(p(1-p)/n) is flagged
_MIN_SE_RATIO = 0.9
# relative tolerance between a printed p-value's z and the Wald z implied by a ratio's interval
_WALD_Z_TOLERANCE = 0.10


# ------------------------------------------------------------------------------------------
# Collecting findings
# ------------------------------------------------------------------------------------------

@dataclass
class _Findings:
    """What the checks of one claim found: passes, failures and what could not be checked."""

    good: list[str] = field(default_factory=list)
    bad: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    methods: list[str] = field(default_factory=list)
    rounding_sets: list[tuple[str, ...]] = field(default_factory=list)

    def ok(self, text: str, methods: Sequence[str] = ()) -> None:
        self.good.append(text)
        self.add_methods(methods)

    def fail(self, text: str, methods: Sequence[str] = ()) -> None:
        self.bad.append(text)
        self.add_methods(methods)

    def cannot(self, text: str) -> None:
        self.missing.append(text)

    def add_methods(self, methods: Sequence[str]) -> None:
        for m in methods:
            if m not in self.methods:
                self.methods.append(m)

    def rounded(self, rules: Sequence[str]) -> None:
        """Record the rounding rules under which one printed number is reproduced."""
        if rules:
            self.rounding_sets.append(tuple(rules))

    def result(self) -> tuple[str, str, list[str]]:
        roundings: list[str] = []
        common: list[str] = []
        if self.rounding_sets:
            common = [r for r in cs.ROUNDINGS if all(r in s for s in self.rounding_sets)]
            roundings = common or [r for r in cs.ROUNDINGS
                                   if any(r in s for s in self.rounding_sets)]
        methods = roundings + [m for m in self.methods if m not in roundings]
        if self.bad:
            return "inconsistent", "; ".join(self.bad), methods
        if self.good:
            text = "; ".join(self.good)
            if self.rounding_sets and not common:
                text += " (the printed numbers mix rounding rules)"
            elif common == ["truncate"]:
                text += " (by truncation only: rounding would not give the printed digits)"
            return "consistent", text, methods
        return "not-checkable", "; ".join(self.missing) or "nothing printed can be checked", methods


# ------------------------------------------------------------------------------------------
# Wording helpers
# ------------------------------------------------------------------------------------------

def _num(value: float, decimals: int) -> str:
    return f"{value:.{max(decimals, 0)}f}"


def _pct(k: int, n: int, printed_decimals: int = 0) -> str:
    """``"2/7 = 28.6%"``: one more decimal than printed."""
    return f"{k}/{n} = {_num(100 * k / n, printed_decimals + 1)}%"


def _dec(p: Printed) -> int:
    return p.decimals


def _list(values, limit: int = 6) -> str:
    values = [str(v) for v in values]
    more = len(values) - limit
    return ", ".join(values[:limit]) + (f", ... ({more} more)" if more > 0 else "")


def _level(claim: Claim) -> tuple[float, str]:
    level = claim.get("ci_level")
    if level is None or not level.is_number:
        return 0.95, "95%"
    return float(level.value) / 100.0, f"{level.text}%"


def _ci_text(ci: Sequence[Printed]) -> str:
    return f"{ci[0].text}-{ci[1].text}"


def _bound(p: Printed):
    """A printed bound for the consistency functions: its Decimal, or None if not a number."""
    return p.value if p.is_number else None


def _nearest_denominators(ns: np.ndarray, n: int, count: int = 3) -> list[int]:
    if ns.size == 0:
        return []
    order = np.argsort(np.abs(ns - n), kind="stable")
    return sorted(int(v) for v in ns[order[:count]])


def _unattainable(printed: Printed, n: int, count: int | None = None) -> str:
    """Why a percentage cannot come from ``n`` patients, and what would give it."""
    below, above = cs.nearest_counts(printed.value, n)
    sides = [_pct(k, n, _dec(printed)) for k in (below, above) if k is not None]
    text = f"{printed.text}% is not attainable with {n} patients: {', '.join(sides)}"
    if count is not None:
        ns = cs.denominators_for_percentages([printed.value], [count], n_min=max(count, 1),
                                             n_max=max(N_MAX, 2 * n))
        near = _nearest_denominators(ns, n)
        if near:
            text += f"; {count} of {' or '.join(map(str, near))} would give it"
    else:
        ns = cs.denominators_for_percentages([printed.value], n_min=1, n_max=max(N_MAX, 2 * n))
        near = _nearest_denominators(ns, n)
        if near:
            text += f"; the nearest denominators giving it are {_list(near)}"
    return text


# ------------------------------------------------------------------------------------------
# Shared checks
# ------------------------------------------------------------------------------------------

def _events(value) -> tuple[int | None, str]:
    """Events as an int and how the text made them (``"7 CR + 34 PR = 41"``)."""
    if value is None:
        return None, ""
    if isinstance(value, Mapping):
        total = sum(value.values())
        return total, " + ".join(f"{v} {k}" for k, v in value.items()) + f" = {total}"
    return int(value), ""


def _check_percent(f: _Findings, k: int, n: int, printed: Printed, what: str = "") -> bool:
    """A printed percentage against ``k / n``; on failure, say what would fit."""
    prefix = f"{what}: " if what else ""
    if printed.relation != "=":
        holds = cs.satisfies(Fraction(100 * k, n), printed.value, printed.relation)
        (f.ok if holds else f.fail)(f"{prefix}{_pct(k, n, _dec(printed))}, "
                                    f"{'' if holds else 'not '}{printed.text}%")
        return holds
    rules = cs.percent_roundings(k, n, printed.value)
    if rules:
        f.rounded(rules)
        f.ok(f"{prefix}{_pct(k, n, _dec(printed))} -> {printed.text}%")
        return True
    text = f"{prefix}{printed.text}% does not match {_pct(k, n, _dec(printed))}"
    ks = cs.counts_for_percent(printed.value, n)
    if ks.size:
        text += f"; {' or '.join(map(str, ks[:3]))} of {n} would give it"
    else:
        text += "; " + _unattainable(printed, n, k)
    f.fail(text)
    return False


# words in a printed interval method -> proportion_ci name; the first that occurs wins
_CI_WORDS = (("mid p", "mid-p"), ("continuity", "wilson-cc"), ("clopper", "clopper-pearson"),
             ("exact", "clopper-pearson"), ("jeffreys", "jeffreys"), ("agresti", "agresti-coull"),
             ("wilson", "wilson"), ("score", "wilson"), ("wald", "wald"), ("normal", "wald"),
             ("asymptotic", "wald"))


def _named_ci_method(text: str | None) -> str | None:
    """The ``proportion_ci`` method a printed ``ci_method`` names, if recognised."""
    if not text:
        return None
    key = " ".join(text.lower().replace("-", " ").split())
    return next((method for words, method in _CI_WORDS if words in key), None)


def _check_ci(f: _Findings, k: int, n: int, ci: Sequence[Printed], confidence: float,
              level: str, what: str = "", named: str | None = None) -> None:
    prefix = f"{what}: " if what else ""
    low, high = _bound(ci[0]), _bound(ci[1])
    if low is None and high is None:
        f.cannot(f"{prefix}the interval has no numeric bound")
        return
    table = cs.ci_methods_table(k, n, low, high, confidence)
    matched = [m for m in table.index if table.loc[m, "matches"]]
    method = _named_ci_method(named)
    if method is not None and method not in matched:
        d = max(_dec(ci[0]), _dec(ci[1]))
        f.fail(f"{prefix}{level} CI {_ci_text(ci)} is printed as {named} but {method} gives "
               f"{_num(table.loc[method, 'low'], d + 1)}-{_num(table.loc[method, 'high'], d + 1)} "
               f"for {k}/{n}" + (f"; it fits {', '.join(matched)}" if matched else ""), matched)
        return
    if matched:
        f.ok(f"{prefix}{level} CI {_ci_text(ci)} for {k}/{n} reproduced by {', '.join(matched)}",
             matched)
        return
    nearest = table["error"].astype(float).idxmin()
    d = max(_dec(ci[0]), _dec(ci[1]))
    f.fail(f"{prefix}no interval method reproduces {level} CI {_ci_text(ci)} for {k}/{n}; "
           f"nearest: {nearest} {_num(table.loc[nearest, 'low'], d + 1)}-"
           f"{_num(table.loc[nearest, 'high'], d + 1)}")


def _check_proportion_fields(f: _Findings, fields: Mapping, confidence: float, level: str,
                             what: str = "") -> tuple[int | None, int | None]:
    """The checks of a ``proportion`` (also each arm of ``two-proportions``)."""
    k, made = _events(fields.get("events"))
    n = fields.get("n")
    percent: Printed | None = fields.get("percent")
    ci = fields.get("ci")
    prefix = f"{what}: " if what else ""
    if made:
        f.ok(f"{prefix}events {made}")
    if k is not None and n is not None:
        failures = len(f.bad)
        if percent is not None:
            _check_percent(f, k, n, percent, what)
        if ci is not None:
            _check_ci(f, k, n, ci, confidence, level, what, fields.get("ci_method"))
        if len(f.bad) > failures and percent is not None and ci is not None:
            _suggest_counts(f, k, n, percent, ci, confidence, level)
        if percent is None and ci is None:
            f.cannot(f"{prefix}{k} of {n} with no percentage or interval: nothing to recompute")
        return k, n
    if percent is not None and percent.relation != "=":
        if k is not None and n is not None:
            _check_percent(f, k, n, percent, what)
        else:
            f.cannot(f"{prefix}{percent.text}% printed without the counts that would check it")
        return k, n
    if n is not None:  # a percentage of n, no count
        ks = cs.counts_for_percent(percent.value, n) if percent is not None else np.arange(n + 1)
        if percent is not None:
            if ks.size == 0:
                f.fail(prefix + _unattainable(percent, n))
                return None, n
            rules = sorted({r for kk in ks
                            for r in cs.percent_roundings(int(kk), n, percent.value)},
                           key=cs.ROUNDINGS.index)
            f.rounded(rules)
            f.ok(f"{prefix}{percent.text}% of {n} is " + " or ".join(_pct(int(kk), n, _dec(percent))
                                                                    for kk in ks[:3]))
        if ci is not None:
            _ci_over_counts(f, percent, n, ci, confidence, level, prefix)
        return (int(ks[0]) if ks.size == 1 else None), n
    # no n
    if percent is not None and ci is not None and all(b.is_number for b in ci):
        hits = cs.counts_for_interval(percent.value, ci[0].value, ci[1].value, n_max=N_MAX,
                                      confidence=confidence)
        if k is not None:
            hits = hits[hits.k == k]
        if hits.empty:
            f.fail(f"{prefix}no k/n with n <= {N_MAX} gives {percent.text}% with {level} CI "
                   f"{_ci_text(ci)} by any interval method")
        else:
            pairs = list(dict.fromkeys(zip(hits.k, hits.n)))
            methods = list(dict.fromkeys(hits.method))
            f.ok(f"{prefix}no denominator printed; {percent.text}% ({_ci_text(ci)}) is "
                 f"reproduced by "
                 + _list([f"{a}/{b}" for a, b in pairs], 4) + f" ({', '.join(methods)})", methods)
        return None, None
    if percent is not None:
        if k is not None:
            ns = cs.denominators_for_percentages([percent.value], [k], n_min=max(k, 1), n_max=N_MAX)
            if ns.size == 0:
                f.fail(f"{prefix}no denominator up to {N_MAX} makes {k} events {percent.text}%")
            else:
                f.cannot(f"{prefix}no denominator printed: {k} events give {percent.text}% with "
                         f"n = {_list(ns, 5)}")
        else:
            ns = cs.denominators_for_percentages([percent.value], n_max=N_MAX)
            f.cannot(f"{prefix}no denominator printed for {percent.text}% (attainable with n = "
                     f"{_list(ns, 6)})")
    elif k is not None:
        f.cannot(f"{prefix}{k} event{'s' if k != 1 else ''} printed without a denominator: "
                 f"nothing to recompute")
    else:
        f.cannot(f"{prefix}an interval without counts or a denominator")
    return k, None


def _suggest_counts(f: _Findings, k: int, n: int, percent: Printed, ci, confidence, level) -> None:
    """After a failure: the k/n nearest the printed ones that give the percentage and its CI."""
    if not all(b.is_number for b in ci):
        return
    hits = cs.counts_for_interval(percent.value, ci[0].value, ci[1].value,
                                  n_max=max(N_MAX, 2 * n), confidence=confidence)
    if hits.empty:
        f.bad[-1] += (f"; no k/n up to n = {max(N_MAX, 2 * n)} gives {percent.text}% with "
                      f"{level} CI {_ci_text(ci)}")
        return
    same_k = hits[hits.k == k]
    pool = same_k if not same_k.empty else hits
    pool = pool.assign(_d=(pool.n - n).abs()).sort_values(["_d", "n"], kind="stable")
    pairs = list(dict.fromkeys(zip(pool.k, pool.n)))[:2]
    shown = "; ".join(
        f"{a}/{b} ({', '.join(pool[(pool.k == a) & (pool.n == b)].method)})" for a, b in pairs)
    f.bad[-1] += f"; {percent.text}% with {level} CI {_ci_text(ci)} would fit {shown}"


def _ci_over_counts(f: _Findings, percent: Printed | None, n: int, ci, confidence, level,
                    prefix) -> None:
    """A CI with n but no count: which counts (giving the percentage, if printed) reproduce it."""
    hits = cs.counts_for_interval(percent.value if percent is not None else None,
                                  _bound(ci[0]), _bound(ci[1]), n=n, confidence=confidence)
    if hits.empty:
        f.fail(f"{prefix}no count out of {n} gives {level} CI {_ci_text(ci)} by any interval "
               f"method")
        return
    found = {k: list(group.method) for k, group in hits.groupby("k", sort=True)}
    f.ok(f"{prefix}{level} CI {_ci_text(ci)} reproduced by "
         + "; ".join(f"{k}/{n} ({', '.join(ms)})" for k, ms in list(found.items())[:3]),
         [m for ms in found.values() for m in ms])


# ------------------------------------------------------------------------------------------
# Kinds
# ------------------------------------------------------------------------------------------

def _proportion(claim: Claim, tables) -> _Findings:
    f = _Findings()
    confidence, level = _level(claim)
    _check_proportion_fields(f, claim.fields, confidence, level)
    return f


def _percent_set(claim: Claim, tables) -> _Findings:
    f = _Findings()
    n = claim.get("n")
    items = [it for it in claim.get("items") if it["percent"].relation == "="]
    for it in claim.get("items"):  # "<1%" and the like: checked on their own when N is known
        p = it["percent"]
        if p.relation != "=" and n is not None:
            if not any(cs.satisfies(Fraction(100 * k, n), p.value, p.relation)
                       for k in ([it["events"]] if it.get("events") is not None else range(n + 1))):
                f.fail(f"{it['label']} {p.text}% is impossible with N = {n}")
    if not items:
        if not f.bad:
            f.cannot("only inequalities printed: nothing pins the denominator")
        return f
    pcts = [it["percent"] for it in items]
    counts = [it.get("events") for it in items]
    upper = max(N_MAX, 2 * n) if n else N_MAX
    ns = cs.denominators_for_percentages([p.value for p in pcts], counts, n_max=upper)
    m = len(items)
    what = f"all {m} percentages" if m > 1 else "the percentage"
    if n is None:
        if ns.size:
            f.cannot(f"no N stated; the smallest denominators giving {what} are {_list(ns, 6)}")
        else:
            printed = ", ".join(p.text + "%" for p in pcts)
            f.fail(f"no denominator up to {upper} gives {what} ({printed})")
        return f
    if n in ns:
        rules = [r for r in cs.ROUNDINGS
                 if cs.denominators_for_percentages([p.value for p in pcts], counts, n_min=n,
                                                    n_max=n, roundings=[r]).size]
        f.rounded(rules)
        parts = []
        for it, p in zip(items, pcts):
            ks = [int(kk) for kk in cs.counts_for_percent(p.value, n, rules)]
            if it.get("events") is not None:
                ks = [it["events"]]
            parts.append(f"{p.text}% = {'/'.join(map(str, ks[:2]))} of {n}")
        f.ok(f"stated N = {n} gives {what}: " + ", ".join(parts))
        return f
    bad = []
    for it, p in zip(items, pcts):
        if it.get("events") is not None:
            if not cs.percent_roundings(it["events"], n, p.value):
                bad.append(f"{it['label']} {it['events']} ({p.text}%): "
                           f"{_pct(it['events'], n, _dec(p))}")
        elif not cs.counts_for_percent(p.value, n).size:
            below, above = cs.nearest_counts(p.value, n)
            bad.append(f"{it['label']} {p.text}% (" + ", ".join(
                _pct(k, n, _dec(p)) for k in (below, above) if k is not None) + ")")
    text = f"stated N = {n} does not fit"
    if bad:
        text += ": " + "; ".join(bad)
    elif m > 1:
        text += " one rounding rule for all of them"
    if ns.size:
        text += (f"; the smallest denominators giving {what} are {_list(ns, 5)}"
                 f" (nearest to {n}: {', '.join(map(str, _nearest_denominators(ns, n)))})")
    else:
        text += f"; no denominator up to {upper} gives {what}"
    f.fail(text)
    return f


def _breakdown(claim: Claim, tables) -> _Findings:
    f = _Findings()
    total = claim.get("total")
    parts = claim.get("parts")
    complete = claim.get("complete", True)
    counts = [p.get("count") for p in parts]
    known = [c for c in counts if c is not None]
    pcts = [p.get("percent") for p in parts]
    if total is not None and known:
        s = sum(known)
        terms = " + ".join(map(str, known))
        if complete and len(known) == len(parts):
            if s == total:
                f.ok(f"{terms} = {total}")
            else:
                f.fail(f"the parts add up to {terms} = {s}, not the stated {total}"
                       + (f" ({total - s} unaccounted for)" if s < total else
                          f" ({s - total} too many)"))
        else:
            if s <= total:
                f.ok(f"{terms} = {s} <= {total}" if len(known) > 1 else f"{s} <= {total}")
            else:
                f.fail(f"the parts ({terms} = {s}) exceed the stated total {total}")
    with_pct = [(p, c, pc) for p, c, pc in zip(parts, counts, pcts) if pc is not None]
    if with_pct and total is not None:
        failures = []
        for part, c, pc in with_pct:
            if c is not None:
                rules = cs.percent_roundings(c, total, pc.value)
                if rules:
                    f.rounded(rules)
                else:
                    failures.append(f"{part['label']} {c} ({pc.text}%): {_pct(c, total, _dec(pc))}")
            else:
                ks = cs.counts_for_percent(pc.value, total)
                if ks.size:
                    f.rounded(sorted({r for kk in ks for r in
                                      cs.percent_roundings(int(kk), total, pc.value)},
                                     key=cs.ROUNDINGS.index))
                else:
                    below, above = cs.nearest_counts(pc.value, total)
                    failures.append(f"{part['label']} {pc.text}% (" + ", ".join(
                        _pct(k, total, _dec(pc)) for k in (below, above) if k is not None) + ")")
        if failures:
            ns = cs.denominators_for_percentages([pc.value for _, _, pc in with_pct],
                                                 [c for _, c, _ in with_pct],
                                                 n_max=max(N_MAX, 2 * total))
            hint = (f"; all {len(with_pct)} percentages fit n = {_list(ns, 4)}" if ns.size
                    else "")
            f.fail(f"percentages of {total} do not match: " + "; ".join(failures) + hint)
        else:
            f.ok(f"each percentage matches its count of {total}")
    elif with_pct:  # no total: the counts with percentages pin the denominator
        pinned = [(c, pc) for _, c, pc in with_pct if c is not None]
        if pinned:
            ns = cs.denominators_for_percentages([pc.value for _, _, pc in with_pct],
                                                 [c for _, c, _ in with_pct],
                                                 n_min=max(1, sum(known)), n_max=N_MAX)
            if ns.size:
                f.ok(f"no total printed; the counts and percentages imply n = {_list(ns, 4)}")
            else:
                f.fail(f"no denominator up to {N_MAX} gives every printed count its percentage")
    if complete and pcts and all(pc is not None for pc in pcts):
        tot = cs.percentages_total([pc.value for pc in pcts])
        if tot.fits:
            f.ok(f"percentages add to {tot.total}%")
        else:
            f.fail(f"the percentages add to {tot.total}%, not 100% (rounding allows "
                   f"+/-{tot.slack}): a part is missing or a percentage is wrong")
    elif pcts and any(pc is not None for pc in pcts):
        tot = cs.percentages_total([pc.value for pc in pcts if pc is not None])
        if tot.total - tot.slack > 100:
            f.fail(f"the percentages add to {tot.total}%, more than 100%")
    if total is None and not f.good and not f.bad:
        f.cannot("no total printed: the parts have nothing to add up to")
    return f


def _two_proportions(claim: Claim, tables) -> _Findings:
    f = _Findings()
    confidence, level = _level(claim)
    arms = claim.get("arms")
    got = [_check_proportion_fields(f, arm, confidence, level, arm["label"]) for arm in arms]
    (k1, n1), (k2, n2) = got
    counts_known = None not in (k1, n1, k2, n2)
    p: Printed | None = claim.get("p")
    if p is not None and p.is_number:
        if counts_known:
            _check_two_arm_p(f, claim, k1, n1, k2, n2, p)
        else:
            f.cannot(f"P {p.text}: the counts of both arms are needed to recompute it")
    diff: Printed | None = claim.get("difference")
    diff_ci = claim.get("difference_ci")
    diff_level = claim.get("difference_ci_level")
    if diff_level is not None:
        confidence, level = float(diff_level.value) / 100, f"{diff_level.text}%"
    if (diff is not None or diff_ci is not None) and counts_known:
        exact = Fraction(100 * k1, n1) - Fraction(100 * k2, n2)
        # A printed minus sign means arm 1 minus arm 2 as listed; without one, the printed
        # difference may be either way round (authors print the larger rate first).
        signed = any(v is not None and v.is_number and v.value < 0
                     for v in (diff, *(diff_ci or ())))
        shown = exact if signed else abs(exact)
        a, b = ((k1, n1), (k2, n2)) if signed or exact >= 0 else ((k2, n2), (k1, n1))
        if diff is not None:
            rules = cs.roundings_matching(shown, diff.value)
            if rules:
                f.rounded(rules)
                f.ok(f"difference {_num(float(shown), diff.decimals + 1)} points -> "
                     f"{diff.text}")
            else:
                f.fail(f"difference printed {diff.text} but {k1}/{n1} - {k2}/{n2} = "
                       f"{_num(float(exact), diff.decimals + 1)} points")
        if diff_ci is not None:
            table = cs.difference_methods_table(a[0], a[1], b[0], b[1], _bound(diff_ci[0]),
                                                _bound(diff_ci[1]), confidence)
            matched = [m for m in table.index if table.loc[m, "matches"]]
            if matched:
                f.ok(f"{level} CI of the difference {_ci_text(diff_ci)} reproduced by "
                     f"{', '.join(matched)}", matched)
            else:
                nearest = table["error"].astype(float).idxmin()
                f.fail(f"no method reproduces the difference's {level} CI {_ci_text(diff_ci)}; "
                       f"nearest: {nearest} {table.loc[nearest, 'low']:.2f}-"
                       f"{table.loc[nearest, 'high']:.2f}")
    elif diff is not None or diff_ci is not None:
        f.cannot("the difference needs the counts of both arms")
    return f


_TEST_FAMILIES = {"fisher": "fisher", "chi": "chi2", "barnard": "barnard", "boschloo": "boschloo"}


def _check_two_arm_p(f: _Findings, claim: Claim, k1, n1, k2, n2, p: Printed) -> None:
    table = cs.pvalue_tests_table(k1, n1, k2, n2, p.value, p.relation)
    matched = [t for t in table.index if table.loc[t, "matches"]]
    shown = f"P {p.relation if p.relation != '=' else '='} {p.text.lstrip('<>=≤≥ ')}"
    named = (claim.get("test") or "").lower()
    family = next((fam for key, fam in _TEST_FAMILIES.items() if key in named), None)
    computed = ", ".join(f"{t} {table.loc[t, 'pvalue']:.2g}" for t in table.index)
    if family is not None and not any(t.startswith(family) for t in matched):
        fam_tests = [t for t in table.index if t.startswith(family)]
        f.fail(f"{shown} is not what the named test ({claim.get('test')}) gives: "
               + ", ".join(f"{t} {table.loc[t, 'pvalue']:.2g}" for t in fam_tests)
               + (f"; it fits {', '.join(matched)}" if matched else ""), matched)
    elif matched:
        f.ok(f"{shown} reproduced by {', '.join(matched)}", matched)
    else:
        f.fail(f"no two-arm test gives {shown} for {k1}/{n1} vs {k2}/{n2}: {computed}")


def _hazard_ratio(claim: Claim, tables) -> _Findings:
    f = _Findings()
    confidence, level = _level(claim)
    hr: Printed = claim.get("hr")
    ci = claim.get("ci")
    p: Printed | None = claim.get("p")
    if not hr.is_number:
        f.cannot(f"HR printed as {hr.text}")
        return f
    if ci is None or not all(b.is_number for b in ci):
        also = f" (P {p.text} cannot be checked without it)" if p is not None else ""
        f.cannot(f"HR {hr.text} printed without a complete interval: nothing to check it "
                 f"against{also}")
        return f
    lo, hi = ci[0].value, ci[1].value
    if lo <= 0:
        f.fail(f"a ratio's lower bound must be positive, got {ci[0].text}")
        return f
    used = (lo, hi)
    malformed = None
    if hi < lo or not lo <= hr.value <= hi:
        problem = ("the upper bound is below the lower" if hi < lo
                   else f"HR {hr.text} lies outside it")
        repairs = cs.interval_repairs(hr.value, lo, hi)
        malformed = f"malformed interval {_ci_text(ci)}: {problem}"
        if repairs:
            which, value = repairs[0]
            if which == "swap":
                used = (hi, lo)
                malformed += f"; the bounds are printed in reverse order ({hi}-{lo})"
            else:
                used = (value, hi) if which == "low" else (lo, value)
                wrong = ci[0].text if which == "low" else ci[1].text
                malformed += (f"; likely {value} for {wrong} (a dropped or misplaced digit): "
                              f"sqrt({used[0]} x {used[1]}) = "
                              f"{math.sqrt(float(used[0]) * float(used[1])):.{hr.decimals + 1}f}, "
                              f"the printed HR {hr.text}")
            f.add_methods(["geometric-midpoint"])
        else:
            malformed += "; no single slip (decimal point, order) makes HR its geometric midpoint"
            used = None
    elif cs.geometric_midpoint_fits(hr.value, lo, hi):
        gm = math.sqrt(float(lo) * float(hi))
        f.ok(f"HR {hr.text} is the geometric midpoint of {_ci_text(ci)} "
             f"(sqrt = {gm:.{hr.decimals + 1}f})", ["geometric-midpoint"])
    else:
        gm = math.sqrt(float(lo) * float(hi))
        f.fail(f"HR {hr.text} is not the geometric midpoint of {_ci_text(ci)} "
               f"(sqrt({lo} x {hi}) = {gm:.{hr.decimals + 1}f}): not a Wald interval on the log "
               f"scale, or a number is misprinted")
    if p is not None and p.is_number and used is not None:
        agree = cs.wald_agreement(p.value, p.relation, hr.value, used[0], used[1], confidence,
                                  _WALD_Z_TOLERANCE)
        shown = f"P {p.text if p.relation == '=' else p.relation + ' ' + str(p.value)}"
        with_it = "with it, " if malformed else ""
        if agree.agrees:
            text = (f"{with_it}{shown} agrees with the Wald p {agree.wald_p:.2g} implied by the "
                    f"interval (z = {agree.wald_z:.2f})")
            if malformed:
                malformed += "; " + text
                f.add_methods(["wald-from-ci"])
            else:
                f.ok(text, ["wald-from-ci"])
        else:
            text = (f"{with_it}{shown} does not agree with the Wald p {agree.wald_p:.2g} "
                    f"implied by the interval (z = {agree.wald_z:.2f}; z differs by more than "
                    f"{_WALD_Z_TOLERANCE:.0%})")
            if malformed:
                malformed += "; " + text
            else:
                f.fail(text)
    if malformed:
        f.fail(malformed)
    return f


def _median(claim: Claim, tables) -> _Findings:
    f = _Findings()
    confidence, level = _level(claim)
    value: Printed = claim.get("value")
    ci = claim.get("ci")
    unit = claim.get("unit") or ""
    n = claim.get("n")
    if value.unit == "%":
        text = (f"a median printed as {value.text} is a percentage, not a time: likely a "
                f"proportion or a survival rate at a time point")
        if ci is not None and all(b.is_number for b in ci):
            hits = cs.counts_for_interval(value.value, ci[0].value, ci[1].value, n=n,
                                          n_max=N_MAX, confidence=confidence)
            if not hits.empty:
                pairs = list(dict.fromkeys(zip(hits.k, hits.n)))
                methods = list(dict.fromkeys(hits.method))
                k0, n0 = pairs[0]
                text += (f"; {_list([f'{a}/{b}' for a, b in pairs], 3)} = "
                         f"{_num(100 * k0 / n0, value.decimals + 1)}% with "
                         f"{', '.join(methods)} {level} CI {_ci_text(ci)} reproduces it")
                f.fail(text, methods)
                return f
            text += (f"; no k/n{' with n = ' + str(n) if n else ''} reproduces it with its "
                     f"{level} CI by any interval method")
        elif n is not None:
            ks = cs.counts_for_percent(value.value, n)
            if ks.size:
                text += f"; {_pct(int(ks[0]), n, value.decimals)} would give it"
        f.fail(text)
        return f
    if not value.is_number:
        f.cannot(f"median {value.text}")
        return f
    if ci is None:
        f.cannot(f"a median ({value.text} {unit}) printed without an interval")
        return f
    lo, hi = ci
    if lo.is_number and hi.is_number:
        if not lo.value <= value.value <= hi.value:
            f.fail(f"median {value.text} lies outside its interval {_ci_text(ci)}")
            return f
        sym = cs.median_symmetry(value.value, lo.value, hi.value, confidence)
        if sym.symmetric:
            f.ok(f"{value.text} -/+ {sym.below:.{value.decimals}f}: symmetric, a normal-"
                 f"approximation interval (SE {sym.se:.{value.decimals + 1}f}"
                 f"{' ' + unit if unit else ''})",
                 ["symmetric-normal"])
        else:
            f.ok(f"asymmetric interval ({sym.below:.{value.decimals}f} below, "
                 f"{sym.above:.{value.decimals}f} above), as Brookmeyer-Crowley intervals are")
        return f
    if lo.is_number:
        if lo.value <= value.value:
            f.ok(f"lower bound {lo.text} <= median {value.text}; upper bound {hi.text}")
        else:
            f.fail(f"median {value.text} lies below its lower bound {lo.text}")
    else:
        f.cannot(f"interval {_ci_text(ci)} without a numeric lower bound")
    return f


def _survival_rate(claim: Claim, tables) -> _Findings:
    f = _Findings()
    confidence, level = _level(claim)
    rate: Printed = claim.get("percent")
    ci = claim.get("ci")
    n = claim.get("n")
    if ci is None or not all(b.is_number for b in ci):
        f.cannot(f"a Kaplan-Meier rate ({rate.text}%) without a complete interval: not a simple "
                 f"k/n under censoring")
        return f
    lo, hi = ci[0].value, ci[1].value
    if not lo <= rate.value <= hi:
        f.fail(f"{rate.text}% lies outside its interval {_ci_text(ci)}")
        return f
    if lo <= 0 or hi >= 100:
        f.ok(f"{rate.text}% lies inside {_ci_text(ci)} (a bound at 0 or 100: no transform check)")
        return f
    fits, table = cs.survival_transforms_fitting(rate.value, lo, hi, confidence)
    below = float(rate.value - lo)
    above = float(hi - rate.value)
    if fits:
        f.ok(f"{level} CI {_ci_text(ci)} is symmetric on the {', '.join(fits)} scale"
             + ("s" if len(fits) > 1 else "")
             + (f" ({rate.text} -/+ {below:.{rate.decimals}f})" if "plain" in fits else ""), fits)
    else:
        f.ok(f"{rate.text}% inside {_ci_text(ci)} ({below:.{rate.decimals}f} below, "
             f"{above:.{rate.decimals}f} above), symmetric on none of the usual scales")
    if n is not None:
        pr = float(rate.value) / 100
        binomial = math.sqrt(pr * (1 - pr) / n) * 100
        scale = max(fits or ["plain"], key=lambda name: float(table.loc[name, "se_rate"]))
        implied = float(table.loc[scale, "se_rate"])
        if implied < _MIN_SE_RATIO * binomial:
            need = math.ceil(pr * (1 - pr) / (implied / 100) ** 2)
            f.fail(f"the interval is too narrow for {n} patients: implied SE {implied:.2f} points "
                   f"({scale} scale) < binomial SE {binomial:.2f} (it would need n >= {need})")
        else:
            f.ok(f"implied SE {implied:.2f} points ({scale} scale) vs binomial SE "
                 f"{binomial:.2f} for n = {n}")
    return f


def _mean(claim: Claim, tables) -> _Findings:
    f = _Findings()
    value: Printed = claim.get("value")
    n = claim.get("n")
    totals = cs.mean_totals(value.value, n)
    if totals.size:
        rules = sorted({r for t in totals for r in
                        cs.roundings_matching(Fraction(int(t), n), value.value)},
                       key=cs.ROUNDINGS.index)
        f.rounded(rules)
        f.ok(f"{value.text} x {n} = {float(value.value) * n:.2f}: a total of "
             + " or ".join(f"{int(t)} ({int(t)}/{n} = {int(t) / n:.{value.decimals + 1}f})"
                           for t in totals[:2]))
    else:
        t0 = math.floor(float(value.value) * n)
        near = ", ".join(f"{t}/{n} = {t / n:.{value.decimals + 1}f}"
                         for t in (t0, t0 + 1) if t >= 0)
        f.fail(f"no whole-number total over {n} patients gives a mean of {value.text} ({near}): "
               f"the mean or n is misprinted (GRIM)")
    return f


def _p_value(claim: Claim, tables) -> _Findings:
    f = _Findings()
    p: Printed = claim.get("p")
    f.cannot(f"P {p.text} printed without the counts or data that would reproduce it")
    return f


# -- tables ----------------------------------------------------------------------------------

def _table(tables: Mapping[str, Table], table_id: str) -> Table:
    try:
        return tables[table_id]
    except KeyError:
        raise ValueError(f"unknown table {table_id!r}") from None


def _describe_where(where: Mapping | None) -> str:
    if not where:
        return "all rows"
    parts = []
    for col, cond in where.items():
        (op, arg), = cond.items()
        arg = "/".join(arg) if isinstance(arg, (list, tuple)) else arg
        parts.append(f"{col} {op.replace('_', ' ')} {arg}")
    return ", ".join(parts)


def _table_count(claim: Claim, tables) -> _Findings:
    f = _Findings()
    table = _table(tables, claim.get("table"))
    where = claim.get("where_rows")
    rows = cs.filter_rows(table.rows, where)
    count = claim.get("count")
    label_col = table.columns[0]
    ids = ", ".join(r[label_col] for r in rows)
    plural = "row" if len(rows) == 1 else "rows"
    if len(rows) == count:
        f.ok(f"{table.where}: {count} {plural} with {_describe_where(where)}"
             + (f" ({label_col} {ids})" if rows and len(rows) <= 8 else ""), ["table-count"])
    else:
        f.fail(f"the text says {count} but {table.where} has {len(rows)} {plural} with "
               f"{_describe_where(where)}" + (f" ({label_col} {ids})" if rows else ""))
    n = claim.get("n")
    percent = claim.get("percent")
    if percent is not None and n is not None:
        _check_percent(f, count, n, percent)
    return f


def _cell_int(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() else None


def _table_percentages(claim: Claim, tables) -> _Findings:
    f = _Findings()
    table = _table(tables, claim.get("table"))
    n = claim.get("n")
    label_col = table.columns[0]
    checked, failures = 0, []
    for row in table.rows:
        for count_col, pct_col in claim.get("cells"):
            count, pct_text = _cell_int(row[count_col]), row[pct_col].strip()
            if count is None or not pct_text:
                continue
            checked += 1
            rules = cs.percent_roundings(count, n, pct_text)
            if rules:
                f.rounded(rules)
            else:
                failures.append(f"{row[label_col]} {count_col} {count} ({pct_text}): "
                                f"{_pct(count, n, Decimal(pct_text).as_tuple().exponent * -1)}")
    if failures:
        f.fail(f"{len(failures)} of {checked} cells of {table.where} do not match N = {n}: "
               + "; ".join(failures))
    elif checked:
        f.ok(f"all {checked} count (percent) cells of {table.where} match N = {n}",
             ["table-percentages"])
    else:
        f.cannot(f"{table.where} has no count (percent) cell")
    return f


def _table_total(claim: Claim, tables) -> _Findings:
    f = _Findings()
    table = _table(tables, claim.get("table"))
    n = claim.get("n")
    label_col = claim.get("label_column")
    columns = claim.get("columns")
    over, totals = [], []
    for row in table.rows:
        values = [_cell_int(row[c]) or 0 for c in columns]
        total = sum(values)
        totals.append((total, row[label_col]))
        if total > n:
            over.append(f"{row[label_col]}: {' + '.join(map(str, values))} = {total}")
    if over:
        f.fail(f"rows of {table.where} count more patients than N = {n}: " + "; ".join(over)
               + " (unless a patient is counted in several columns)")
    else:
        top, label = max(totals)
        f.ok(f"every row of {table.where} totals at most N = {n} (largest: {label}, {top})",
             ["table-total"])
    return f


def _table_match(claim: Claim, tables) -> _Findings:
    """Rows of one table against rows of another.

    Each row is looked up in ``against`` by ``match_on`` (exact text); when several rows match
    (e.g. two patients of the same age), the row is consistent if one of them satisfies every
    ``compare`` condition; otherwise the candidate satisfying most conditions is reported.
    """
    f = _Findings()
    table = _table(tables, claim.get("table"))
    against = _table(tables, claim.get("against"))
    match_on = claim.get("match_on")
    label_col = table.columns[0]
    other_label = against.columns[0]
    problems, matched_rows, checked = [], [], 0
    for row in table.rows:
        key = {a: row[c].strip() for c, a in match_on}
        candidates = [r for r in against.rows if all(r[a].strip() == v for a, v in key.items())]
        shown = ", ".join(f"{c} {row[c]}" for c, _ in match_on)
        if not candidates:
            problems.append(f"{row[label_col]} ({shown}) matches no row of {against.where}")
            continue
        comparisons = []
        for comp in claim.get("compare"):
            printed = row[comp["column"]].strip()
            condition = comp["values"].get(printed)
            if condition is not None:
                comparisons.append((comp, printed, condition))
        checked += len(comparisons)
        misses_per = []
        for cand in candidates:
            misses = [(comp, printed, condition) for comp, printed, condition in comparisons
                      if not cs.condition_holds(cand[comp["against"]], condition)]
            misses_per.append((len(misses), cand, misses))
        n_miss, best, misses = min(misses_per, key=lambda item: item[0])
        if n_miss == 0:
            matched_rows.append(f"{row[label_col]} = {other_label} {best[other_label]}")
            continue
        details = []
        for comp, printed, condition in misses:
            (op, arg), = condition.items()
            arg = "/".join(arg) if isinstance(arg, (list, tuple)) else arg
            details.append(f"{comp['column']} '{printed}' but {comp['against']} "
                           f"'{best[comp['against']]}' (expected {op.replace('_', ' ')} {arg})")
        problems.append(f"{row[label_col]} ({shown}; best match {other_label} "
                        f"{best[other_label]} of {against.where}): " + ", ".join(details))
    if problems:
        f.fail(f"{table.where} disagrees with {against.where}: " + "; ".join(problems))
    elif checked:
        f.ok(f"{checked} values of {table.where} agree with {against.where} "
             f"({'; '.join(matched_rows)})", ["table-match"])
    else:
        f.cannot(f"no value of {table.where} could be compared with {against.where}")
    return f


_KIND_CHECKS: dict[str, Callable[[Claim, Mapping[str, Table]], _Findings]] = {
    "proportion": _proportion,
    "percent-set": _percent_set,
    "breakdown": _breakdown,
    "two-proportions": _two_proportions,
    "hazard-ratio": _hazard_ratio,
    "median": _median,
    "survival-rate": _survival_rate,
    "mean": _mean,
    "p-value": _p_value,
    "table-count": _table_count,
    "table-percentages": _table_percentages,
    "table-total": _table_total,
    "table-match": _table_match,
}


# ------------------------------------------------------------------------------------------
# Public API
# ------------------------------------------------------------------------------------------

def verify_claim(claim: Claim, tables: Mapping[str, Table] | None = None) -> dict:
    """Verdict, explanation and methods of one claim.

    Parameters
    ----------
    claim : Claim
        A claim as :func:`sarcoma_stats.load_claims` returns it.
    tables : mapping of str to Table, optional
        The printed tables a ``table-*`` claim refers to (default: the bundled tables).

    Returns
    -------
    dict
        Keys ``id``, ``source``, ``kind``, ``where``, ``label``, ``quote``, ``verdict``,
        ``explanation``, ``methods``.

    Raises
    ------
    ValueError
        If the claim's kind is unknown.

    Examples
    --------
    >>> from sarcoma_stats import load_claims
    >>> orr = next(c for c in load_claims("ni2024-anlotinib") if c.id == "ni2024-orr")
    >>> row = verify_claim(orr)
    >>> row["verdict"], row["methods"]
    ('consistent', ['half-up', 'half-even', 'truncate'])
    """
    if claim.kind not in _KIND_CHECKS:
        raise ValueError(f"claim kind must be one of {', '.join(sorted(_KIND_CHECKS))}; "
                         f"got {claim.kind!r}")
    if tables is None:
        tables = load_tables()
    try:
        findings = _KIND_CHECKS[claim.kind](claim, tables)
    except ValueError as exc:  # printed numbers the statistics cannot take (e.g. low = high)
        findings = _Findings()
        findings.cannot(f"could not be recomputed: {exc}")
    verdict, explanation, methods = findings.result()
    return {"id": claim.id, "source": claim.source, "kind": claim.kind, "where": claim.where,
            "label": claim.label, "quote": " ".join(claim.quote.split()), "verdict": verdict,
            "explanation": explanation, "methods": list(methods)}


def verify_claims(source: str | None = None, *, claims: Sequence[Claim] | None = None,
                  tables: Mapping[str, Table] | None = None) -> pd.DataFrame:
    """Recompute every claim and give it a verdict.

    Parameters
    ----------
    source : str, optional
        Only the claims of this source id (bundled data).
    claims : sequence of Claim, optional
        Verify these claims instead of the bundled ones (then ``source`` filters them).
    tables : mapping of str to Table, optional
        The tables ``table-*`` claims refer to (default: the bundled tables).

    Returns
    -------
    pandas.DataFrame
        One row per claim, in data order, with columns ``id``, ``source``, ``kind``, ``where``,
        ``label``, ``quote``, ``verdict`` (``consistent`` | ``inconsistent`` |
        ``not-checkable``), ``explanation`` (one line) and ``methods`` (list of the method and
        rounding names that reproduce the printed values, possibly empty).

    Raises
    ------
    ValueError
        If ``source`` is not a known source id.
    sarcoma_stats.DataError
        If the bundled data are malformed.

    Notes
    -----
    The rules per kind are those of ``docs/verification.md``: percentages are compared with
    ``events / n`` exactly under half-up, half-even and truncation; intervals with every
    ``proportion_ci`` method; p-values with every two-arm test; hazard ratios with the geometric
    midpoint of their interval and the Wald p-value it implies (Altman & Bland 2011); medians
    and Kaplan-Meier rates with the symmetry of their intervals; means with the GRIM test
    (Brown & Heathers 2017).

    References
    ----------
    .. [1] Altman DG, Bland JM. How to obtain the P value from a confidence interval. BMJ
           2011;343:d2304.
    .. [2] Brown NJL, Heathers JAJ. The GRIM test. Soc Psychol Personal Sci 2017;8:363-369.
    .. [3] Newcombe RG. Two-sided confidence intervals for the single proportion: comparison of
           seven methods. Stat Med 1998;17:857-872.

    Examples
    --------
    >>> from sarcoma_stats import verify_claims
    >>> df = verify_claims()
    >>> set(df["verdict"]) <= {"consistent", "inconsistent", "not-checkable"}
    True
    >>> df.columns[:4].tolist()
    ['id', 'source', 'kind', 'where']
    """
    if claims is None:
        claims = load_claims(source)
    elif source is not None:
        claims = [c for c in claims if c.source == source]
    if tables is None:
        tables = load_tables()
    rows = [verify_claim(c, tables) for c in claims]
    return pd.DataFrame(rows, columns=COLUMNS)


def verdicts_to_json(frame: pd.DataFrame) -> str:
    """The verdicts as a JSON array, the format of ``sarcoma-stats verify --json``.

    Parameters
    ----------
    frame : pandas.DataFrame
        As returned by :func:`verify_claims`.

    Returns
    -------
    str
        A JSON array of objects with keys ``id``, ``source``, ``quote``, ``kind``, ``verdict``,
        ``explanation``, ``methods`` (a list), in that order; UTF-8 text kept as is.

    Examples
    --------
    >>> import json
    >>> from sarcoma_stats import verify_claims
    >>> records = json.loads(verdicts_to_json(verify_claims()))
    >>> sorted(records[0])
    ['explanation', 'id', 'kind', 'methods', 'quote', 'source', 'verdict']
    """
    records = [{key: (list(row[key]) if key == "methods" else row[key]) for key in _JSON_KEYS}
               for _, row in frame.iterrows()]
    return json.dumps(records, indent=2, ensure_ascii=False)


def render_verdicts(frame: pd.DataFrame, width: int = 100) -> str:
    """A readable text table of verdicts, grouped by source, inconsistent claims first.

    Parameters
    ----------
    frame : pandas.DataFrame
        As returned by :func:`verify_claims`.
    width : int
        Line width for wrapping quotes and explanations.

    Returns
    -------
    str
        A summary line (counts per verdict), then per source (in data order) a header with its
        counts and one block per claim: verdict, id and kind; the quote; the explanation; the
        methods. Within a source: inconsistent, then consistent, then not-checkable.

    Examples
    --------
    >>> from sarcoma_stats import verify_claims
    >>> text = render_verdicts(verify_claims())
    >>> "claims:" in text.splitlines()[0]
    True
    """
    counts = frame["verdict"].value_counts()
    lines = [f"{len(frame)} claims: " + ", ".join(f"{int(counts.get(v, 0))} {v}" for v in VERDICTS)]
    order = {v: i for i, v in enumerate(VERDICTS)}
    indent = " " * 4
    for source, group in frame.groupby("source", sort=False):
        gc = group["verdict"].value_counts()
        lines.append("")
        lines.append(f"== {source} ({len(group)} claims: "
                     + ", ".join(f"{int(gc.get(v, 0))} {v}" for v in VERDICTS) + ")")
        group = group.assign(_o=group["verdict"].map(order)).sort_values("_o", kind="stable")
        for _, row in group.iterrows():
            lines.append(f"  {row['verdict'].upper():<14} {row['id']}  [{row['kind']}]")
            quote = row["quote"] if len(row["quote"]) <= 160 else row["quote"][:157] + "..."
            lines += textwrap.wrap(f'"{quote}"', width, initial_indent=indent,
                                   subsequent_indent=indent)
            lines += textwrap.wrap(row["explanation"], width, initial_indent=indent + "-> ",
                                   subsequent_indent=indent + "   ")
            if len(row["methods"]):
                lines.append(f"{indent}methods: {', '.join(row['methods'])}")
    return "\n".join(lines)

"""What every check shares: the findings of one claim, the context it is checked in, wording,
and the checks of a percentage and of a proportion's interval (used by several kinds)."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Mapping, Sequence

import numpy as np

from ...printed import reproduce as rp
from ...printed import rounding as rd
from ...printed.number import Printed
from ..schema import Claim, Scope, Table
from ..verdict import Component, locate

#: Largest denominator searched when a claim prints no ``n``.
N_MAX = 1000


@dataclass(frozen=True)
class Context:
    """What a check may consult besides its claim: the printed tables, the claim's scope, and
    the rounding rules its document uses (all three when the document does not show which:
    :mod:`sarcoma_stats.claims.conventions`); percentages checked against the Ns of a scope
    are fitted under the document's rules only."""

    tables: Mapping[str, Table]
    scope: Scope | None = None
    roundings: tuple[str, ...] = rd.ROUNDINGS

    def table(self, table_id: str) -> Table:
        try:
            return self.tables[table_id]
        except KeyError:
            raise ValueError(f"unknown table {table_id!r}") from None


class Findings:
    """The components one claim's check produces, in the order its numbers are checked."""

    def __init__(self, claim: Claim):
        self.claim = claim
        self.fragments = claim.fragments or (claim.quote,)
        # offsets map to the source text only when the quote is the text itself, unsquashed
        self.span = claim.span if self.fragments == (claim.quote,) else None
        self.items: list[dict] = []
        self.notes: list[str] = []
        self._position = (0, 0)

    def add(self, printed: str | None, verdict: str, explanation: str, *, methods=(),
            roundings=None, trivial: bool = False, find: str | None = None,
            quote: str | None = None, fitted: bool = False) -> dict:
        """Record the verdict on one printed number; ``find`` is the text to locate in the
        claim's quote (default: ``printed``); ``quote`` gives the verbatim text around the
        number directly instead (a table caption for a table cell)."""
        span = None
        if quote is None:
            quote, self._position, span = locate(self.fragments, find or printed,
                                                 self._position, self.span)
        item = {"quote": quote, "printed": printed or "", "verdict": verdict,
                "explanation": explanation, "trivial": trivial,
                "methods": tuple(dict.fromkeys(methods)),
                "roundings": tuple(roundings) if roundings is not None else None, "span": span,
                "fitted": fitted}
        self.items.append(item)
        return item

    def ok(self, printed, explanation, **kw) -> dict:
        return self.add(printed, "consistent", explanation, **kw)

    def fail(self, printed, explanation, **kw) -> dict:
        return self.add(printed, "inconsistent", explanation, **kw)

    def query(self, printed, explanation, **kw) -> dict:
        return self.add(printed, "query", explanation, **kw)

    def cannot(self, printed, explanation, **kw) -> dict:
        return self.add(printed, "not-checkable", explanation, **kw)

    def failed_since(self, start: int) -> list[dict]:
        """The inconsistent items recorded since item number ``start``."""
        return [item for item in self.items[start:] if item["verdict"] == "inconsistent"]

    def components(self) -> tuple[Component, ...]:
        return tuple(Component(**item) for item in self.items)


# --------------------------------------------------------------------------------------------
# Wording
# --------------------------------------------------------------------------------------------

def num(value: float, decimals: int) -> str:
    return f"{value:.{max(decimals, 0)}f}"


def pct(k: int, n: int, printed_decimals: int = 0) -> str:
    """``"2/7 = 28.6%"``: one more decimal than printed."""
    return f"{k}/{n} = {num(100 * k / n, printed_decimals + 1)}%"


def listing(values, limit: int = 6) -> str:
    values = [str(v) for v in values]
    more = len(values) - limit
    return ", ".join(values[:limit]) + (f", ... ({more} more)" if more > 0 else "")


def percent_text(printed: Printed) -> str:
    """A printed percentage as shown in a component: ``"35.7%"``, ``">90%"``."""
    return printed.text if printed.text.endswith("%") else f"{printed.text}%"


def level_of(level: Printed | None) -> tuple[float, str]:
    """The confidence level of a printed ``ci_level`` (default 95%): as a fraction and text."""
    if level is None or not level.is_number:
        return 0.95, "95%"
    return float(level.value) / 100.0, f"{level.text}%"


def ci_text(ci: Sequence[Printed]) -> str:
    return f"{ci[0].text}-{ci[1].text}"


def bound(p: Printed):
    """A printed bound for the printed-number functions: its Decimal, or None if not a number."""
    return p.value if p.is_number else None


def nearest_denominators(ns: np.ndarray, n: int, count: int = 3) -> list[int]:
    if ns.size == 0:
        return []
    order = np.argsort(np.abs(ns - n), kind="stable")
    return sorted(int(v) for v in ns[order[:count]])


def unattainable(printed: Printed, n: int, count: int | None = None) -> str:
    """Why a percentage cannot come from ``n`` patients, and what would give it."""
    below, above = rd.nearest_counts(printed.value, n)
    sides = [pct(k, n, printed.decimals) for k in (below, above) if k is not None]
    text = f"{printed.text}% is not attainable with {n} patients: {', '.join(sides)}"
    if count is not None:
        ns = rd.denominators_for_percentages([printed.value], [count], n_min=max(count, 1),
                                             n_max=max(N_MAX, 2 * n))
        near = nearest_denominators(ns, n)
        if near:
            text += f"; {count} of {' or '.join(map(str, near))} would give it"
    else:
        ns = rd.denominators_for_percentages([printed.value], n_min=1, n_max=max(N_MAX, 2 * n))
        near = nearest_denominators(ns, n)
        if near:
            text += f"; the nearest denominators giving it are {listing(near)}"
    return text


def events_of(value) -> tuple[int | None, str]:
    """Events as an int and how the text made them (``"7 CR + 34 PR = 41"``)."""
    if value is None:
        return None, ""
    if isinstance(value, Mapping):
        total = sum(value.values())
        return total, " + ".join(f"{v} {k}" for k, v in value.items()) + f" = {total}"
    return int(value), ""


def rules_for_counts(ks, n: int, printed: Printed) -> list[str]:
    """The rounding rules under which some count of ``ks`` out of ``n`` prints as ``printed``."""
    return sorted({r for k in ks for r in rd.percent_roundings(int(k), n, printed.value)},
                  key=rd.ROUNDINGS.index)


# --------------------------------------------------------------------------------------------
# A percentage, an interval of a proportion
# --------------------------------------------------------------------------------------------

def check_percent(f: Findings, k: int, n: int, printed: Printed, what: str = "",
                  detail: str = "") -> bool:
    """A printed percentage against ``k / n`` (exactly, under every rounding rule); on failure,
    say what would fit."""
    prefix = f"{what}: " if what else ""
    shown = percent_text(printed)
    if printed.relation != "=":
        holds = rd.satisfies(Fraction(100 * k, n), printed.value, printed.relation)
        add = f.ok if holds else f.fail
        add(shown, f"{prefix}{detail}{pct(k, n, printed.decimals)}, "
                   f"{'' if holds else 'not '}{printed.text}%")
        return holds
    rules = rd.percent_roundings(k, n, printed.value)
    if rules:
        f.ok(shown, f"{prefix}{detail}{pct(k, n, printed.decimals)} -> {printed.text}%",
             roundings=rules)
        return True
    text = f"{prefix}{printed.text}% does not match {pct(k, n, printed.decimals)}"
    ks = rd.counts_for_percent(printed.value, n)
    if ks.size:
        text += f"; {' or '.join(map(str, ks[:3]))} of {n} would give it"
    else:
        text += "; " + unattainable(printed, n, k)
    f.fail(shown, text, roundings=())
    return False


# words in a printed interval method -> proportion_ci name; the first that occurs wins
_CI_WORDS = (("mid p", "mid-p"), ("continuity", "wilson-cc"), ("clopper", "clopper-pearson"),
             ("exact", "clopper-pearson"), ("jeffreys", "jeffreys"), ("agresti", "agresti-coull"),
             ("wilson", "wilson"), ("score", "wilson"), ("wald", "wald"), ("normal", "wald"),
             ("asymptotic", "wald"))


def named_ci_method(text: str | None) -> str | None:
    """The ``proportion_ci`` method a printed ``ci_method`` names, if recognised."""
    if not text:
        return None
    key = " ".join(text.lower().replace("-", " ").split())
    return next((method for words, method in _CI_WORDS if words in key), None)


def bound_components(f: Findings, ci: Sequence[Printed], table, matched: Sequence[str],
                     best: str, explanation: str, level: str, subject: str,
                     methods: Sequence[str] = ()) -> None:
    """One component per printed bound, from a methods table (``ci_methods_table`` or
    ``difference_methods_table``): when ``matched`` is empty, a bound that the nearest method
    ``best`` reproduces on its own is consistent ("the other bound is the problem"), the others
    carry ``explanation``."""
    for side, printed in zip(("low", "high"), ci):
        if not printed.is_number:
            f.cannot(printed.text, f"{side} bound {printed.text}: not a number")
            continue
        if matched:
            f.ok(printed.text, explanation, methods=methods)
        elif bool(table.loc[best, f"{side}_fits"]):
            f.ok(printed.text, f"{side} bound {printed.text} of {level} CI {ci_text(ci)} "
                               f"fits {best} ({table.loc[best, side]:.{printed.decimals + 1}f}) "
                               f"for {subject}; the other bound does not")
        else:
            f.fail(printed.text, explanation, methods=methods)


def best_method(table, named: str | None = None) -> str:
    """The named method, else the one reproducing most bounds, nearest first."""
    if named is not None:
        return named
    fits = table["low_fits"].astype(int) + table["high_fits"].astype(int)
    order = sorted(table.index, key=lambda m: (-int(fits[m]), float(table.loc[m, "error"])))
    return order[0]


def check_ci(f: Findings, k: int, n: int, ci: Sequence[Printed], confidence: float, level: str,
             what: str = "", named: str | None = None) -> None:
    """A printed interval of ``k / n`` against every interval method (both bounds under one
    rounding rule); a named method must be the one that reproduces it."""
    prefix = f"{what}: " if what else ""
    low, high = bound(ci[0]), bound(ci[1])
    if low is None and high is None:
        f.cannot(ci_text(ci), f"{prefix}the interval has no numeric bound")
        return
    table = rp.ci_methods_table(k, n, low, high, confidence)
    matched = [m for m in table.index if table.loc[m, "matches"]]
    method = named_ci_method(named)
    d = max(ci[0].decimals, ci[1].decimals)
    subject = f"{k}/{n}"
    if method is not None and method not in matched:
        text = (f"{prefix}{level} CI {ci_text(ci)} is printed as {named} but {method} gives "
                f"{num(table.loc[method, 'low'], d + 1)}-{num(table.loc[method, 'high'], d + 1)} "
                f"for {k}/{n}" + (f"; it fits {', '.join(matched)}" if matched else ""))
        for printed in ci:
            f.fail(printed.text, text, methods=matched)
        return
    if matched:
        text = f"{prefix}{level} CI {ci_text(ci)} for {k}/{n} reproduced by {', '.join(matched)}"
        bound_components(f, ci, table, matched, matched[0], text, level, subject, matched)
        return
    nearest = table["error"].astype(float).idxmin()
    text = (f"{prefix}no interval method reproduces {level} CI {ci_text(ci)} for {k}/{n}; "
            f"nearest: {nearest} {num(table.loc[nearest, 'low'], d + 1)}-"
            f"{num(table.loc[nearest, 'high'], d + 1)}")
    bound_components(f, ci, table, [], best_method(table), text, level, subject)


def suggest_counts(f: Findings, start: int, k: int, n: int, percent: Printed, ci, confidence,
                   level) -> None:
    """After a failure: the k/n nearest the printed ones that give the percentage and its CI,
    added to the explanation of the failed numbers."""
    failed = f.failed_since(start)
    if not failed or not all(b.is_number for b in ci):
        return
    hits = rp.counts_for_interval(percent.value, ci[0].value, ci[1].value,
                                  n_max=max(N_MAX, 2 * n), confidence=confidence)
    if hits.empty:
        extra = (f"; no k/n up to n = {max(N_MAX, 2 * n)} gives {percent.text}% with "
                 f"{level} CI {ci_text(ci)}")
    else:
        same_k = hits[hits.k == k]
        pool = same_k if not same_k.empty else hits
        pool = pool.assign(_d=(pool.n - n).abs()).sort_values(["_d", "n"], kind="stable")
        pairs = list(dict.fromkeys(zip(pool.k, pool.n)))[:2]
        shown = "; ".join(f"{a}/{b} ({', '.join(pool[(pool.k == a) & (pool.n == b)].method)})"
                          for a, b in pairs)
        extra = f"; {percent.text}% with {level} CI {ci_text(ci)} would fit {shown}"
    for item in failed:
        item["explanation"] += extra


def ci_over_counts(f: Findings, percent: Printed | None, n: int, ci, confidence, level,
                   prefix) -> None:
    """A CI with n but no count: which counts (giving the percentage, if printed) reproduce it."""
    hits = rp.counts_for_interval(percent.value if percent is not None else None,
                                  bound(ci[0]), bound(ci[1]), n=n, confidence=confidence)
    if hits.empty:
        text = (f"{prefix}no count out of {n} gives {level} CI {ci_text(ci)} by any interval "
                f"method")
        for printed in ci:
            f.fail(printed.text, text)
        return
    found = {k: list(group.method) for k, group in hits.groupby("k", sort=True)}
    methods = [m for ms in found.values() for m in ms]
    text = (f"{prefix}{level} CI {ci_text(ci)} reproduced by "
            + "; ".join(f"{k}/{n} ({', '.join(ms)})" for k, ms in list(found.items())[:3]))
    for printed in ci:
        f.ok(printed.text, text, methods=methods)

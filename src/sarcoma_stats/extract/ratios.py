"""Ratios and p-values: "HR 0.31 (95% CI 0.24-0.40; P < .001)", "hazard ratio of 0.449 (95% CI
0.270 - 0.744)", "odds ratio 2.1 (1.2-3.6)", "RR = 0.8", and p-values printed alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .intervals import Interval, match_interval
from .numbers import Printed, printed_number

__all__ = ["PValue", "match_pvalue", "PVALUE_RE", "Ratio", "find_ratios"]


PVALUE_RE = re.compile(
    r"""(?<![\w-])[Pp](?:\s?-?\s?values?)?
    (?:\s?\((?:log-?rank|two-sided|2-sided|one-sided|Fisher|chi-?square)[^()]{0,20}\))?
    (?:\s?(?P<rel>[<>=\u2264\u2265]=?|=<)|\s(?:was|of|were|is)\b)\s?(?P<p>(?:0|1)?\.\d+|[01](?![\d.]))""",
    re.VERBOSE)
_TEST_WORDS = re.compile(
    r"(?i)\b(log-?rank|fisher'?s?(?:\s+exact)?|chi-?square|chi2|\u03c7\s?2|barnard|boschloo|"
    r"wilcoxon|mann-whitney|cox|t-test|cochran-mantel-haenszel|CMH|stratified)\b")
_TESTS = {"logrank": "log-rank", "log-rank": "log-rank", "chi-square": "chi-square",
          "chisquare": "chi-square", "chi2": "chi-square"}


@dataclass(frozen=True)
class PValue:
    """A printed p-value and, if printed next to it, the name of its test."""

    p: Printed
    test: str | None
    start: int
    end: int


def match_pvalue(folded: str, pos: int, endpos: int | None = None) -> PValue | None:
    """The first p-value at or after ``pos`` (before ``endpos``).

    Examples
    --------
    >>> match_pvalue("(P < .001, log-rank test)", 0).p.text
    '<.001'
    >>> match_pvalue("(P < .001, log-rank test)", 0).test
    'log-rank'
    """
    m = PVALUE_RE.search(folded, pos, len(folded) if endpos is None else endpos)
    if m is None:
        return None
    rel = m.group("rel")
    p = printed_number(folded, *m.span("p"), rel if rel and rel != "=" else None, m.start())
    p = Printed(p.text, m.start(), m.end(), p.approx)
    around = folded[max(0, m.start() - 40):min(len(folded), m.end() + 40)]
    t = _TEST_WORDS.search(around)
    test = None
    if t:
        word = t.group(1).lower().replace("'", "")
        test = _TESTS.get(word, "fisher" if word.startswith("fisher") else word)
    return PValue(p, test, m.start(), m.end())


# ---------------------------------------------------------------------------------------------
# Hazard, odds and risk ratios
# ---------------------------------------------------------------------------------------------

_RATIO_RE = re.compile(
    r"""(?P<term>(?i:(?:adjusted|unadjusted|stratified|subdistribution|cause-specific|pooled)\s+)?
        (?i:hazard\s+ratio|odds\s+ratio|relative\s+risk|risk\s+ratio|rate\s+ratio|
            incidence\s+rate\s+ratio)s?
      |\b(?:a?HR|aOR|OR|RR|IRR|sHR)\b)
    (?:\s?[(\[](?:a?HR|OR|RR|IRR)[)\]])?
    (?:\s(?i:for)\s[^=:,;()\d]{1,40}?)?
    (?:\s?(?:,|:|=|(?i:of|was|were|is|at|reached))){0,2}\s?
    (?P<value>"""  # the estimate
    + r"(?<![\w.])(?:\d+(?:\.\d+)?|\.\d+)(?![\w]|\.\d)" + ")", re.VERBOSE)
_TERM_NAMES = {"hr": "HR", "hazard ratio": "HR", "or": "OR", "odds ratio": "OR", "rr": "RR",
               "relative risk": "RR", "risk ratio": "RR", "rate ratio": "RR", "irr": "IRR",
               "incidence rate ratio": "IRR", "ahr": "HR", "aor": "OR", "shr": "HR"}


def _ratio_term(text: str) -> str:
    words = " ".join(text.lower().split())
    words = re.sub(r"^(?:adjusted|unadjusted|stratified|subdistribution|cause-specific|pooled) ",
                   "", words)
    return _TERM_NAMES.get(words, _TERM_NAMES.get(words.removesuffix("s"), words.upper()))


@dataclass(frozen=True)
class Ratio:
    """A printed ratio (hazard, odds or risk ratio) with its interval and p-value if printed."""

    term: str             # "HR", "OR", "RR", "IRR"
    value: Printed
    ci: Interval | None
    p: PValue | None
    start: int
    end: int


def find_ratios(folded: str, start: int, end: int) -> list[Ratio]:
    """Every ratio printed in one sentence ``folded[start:end]``, with the interval and the
    p-value printed after it (or, if the sentence prints one p-value and one ratio, before it).

    Examples
    --------
    >>> t = "(hazard ratio [HR] 0.31, 95% CI 0.24-.040, P < 0.0001)"
    >>> r, = find_ratios(t, 0, len(t))
    >>> r.term, r.value.text, r.ci.high.text, r.p.p.text
    ('HR', '0.31', '.040', '<0.0001')
    """
    out = []
    for m in _RATIO_RE.finditer(folded, start, end):
        value = Printed(m.group("value"), *m.span("value"))
        pos = m.end()
        ci = match_interval(folded, pos, bare=True)
        if ci is not None and ci.end <= end:
            pos = ci.end
        else:
            ci = None
        p = match_pvalue(folded, pos, end)
        if p is not None and (p.start - pos > 25 or _RATIO_RE.search(folded, pos, p.start)):
            p = None
        if p is not None:
            pos = p.end
        close = re.match(r"\s?[)\]]", folded[pos:end])
        if close and folded[m.start():pos].count("(") > folded[m.start():pos].count(")"):
            pos += close.end()
        out.append(Ratio(_ratio_term(m.group("term")), value, ci, p, m.start(), pos))
    if len(out) == 1 and out[0].p is None:
        alone = _pvalues(folded, start, end)
        if len(alone) == 1:
            r = out[0]
            p = alone[0]
            out[0] = Ratio(r.term, r.value, r.ci, p, min(r.start, p.start), max(r.end, p.end))
    return out


def _pvalues(folded: str, start: int, end: int) -> list[PValue]:
    found = []
    pos = start
    while True:
        p = match_pvalue(folded, pos, end)
        if p is None:
            return found
        found.append(p)
        pos = p.end

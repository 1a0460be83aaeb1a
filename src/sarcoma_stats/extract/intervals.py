"""Intervals as reports print them: "(95% CI 22-58)", "95% CI, 0.24 to 0.40", "(95% confidence
interval [CI] = 34.8%-70.2%)", "(83.8% CI 16.5-55.8)", "(2-sided 95% CI 11.9 - 24.0 weeks)",
"(95% CI 27.2 - not estimable)", and, after a ratio, an unlabelled "(0.24-0.40)".

Bounds keep their printed text (".040" stays ".040"); "not reached", "NR", "NE" are kept as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import NUM, UNIT_TIME, Printed

__all__ = ["Interval", "match_interval"]


_NOT_REACHED = r"(?i:not\s+(?:yet\s+)?reached|not\s+estimable|not\s+evaluable|not\s+calculable|NR|NE|NA)"
_BOUND = rf"(?:-\s?)?(?:{NUM})|{_NOT_REACHED}"
_CI_WORDS = r"(?:CI|C\.I\.|confidence\s+intervals?|CrI|credible\s+intervals?)"
_CI_RE = re.compile(
    rf"""[\s,;:(\[]*                                   # what separates it from the estimate
    (?:(?i:fig(?:ure)?s?\.?|table|supplementary\s+\w+)\s?[\w.]+\s?[;,]\s?)?   # "(Fig. 2; 95% CI"
    (?:(?i:two|2|one|1)-sided\s+)?
    (?:(?P<level>{NUM})\s?%\s?)?{_CI_WORDS}         # 95% CI / CI
    (?:\s*\[CI\])?(?:\s*(?:[,:=]|of|was|from|is|ranging\s+from))?\s*[(\[]?\s*
    (?P<lo>{_BOUND})\s?%?\s?(?:-|to|,|;|\u2192)\s?(?P<hi>{_BOUND})
    (?:\s?%|\s(?:{UNIT_TIME}))?\s?[)\]]?""", re.VERBOSE)
_BARE_RANGE_RE = re.compile(
    rf"\s?[(\[]\s?(?P<lo>{_BOUND})\s?(?:-|to|,|;)\s?(?P<hi>{_BOUND})\s?[)\]]")


@dataclass(frozen=True)
class Interval:
    """A printed confidence interval: bounds as printed, the level (percent) if printed."""

    low: Printed
    high: Printed
    level: Printed | None
    start: int
    end: int


def _bound(folded: str, match: re.Match, name: str) -> Printed:
    start, end = match.span(name)
    raw = folded[start:end]
    if re.fullmatch(_NOT_REACHED, raw):
        return Printed(raw, start, end)
    sign = "-" if raw.startswith("-") else ""
    body = raw.lstrip("- ")
    return Printed(sign + body.replace(",", ""), start, end)


def match_interval(folded: str, pos: int, bare: bool = False) -> Interval | None:
    """An interval printed at ``pos`` (after separators): "(95% CI 22-58)", "95% CI, 0.24 to
    0.40", "[CI] = 34.8%-70.2%"; with ``bare``, also an unlabelled "(0.24-0.40)".

    Examples
    --------
    >>> ci = match_interval("39% (95% CI 22 to 58)", 3)
    >>> ci.low.text, ci.high.text, ci.level.text
    ('22', '58', '95')
    >>> match_interval("HR 0.31 (0.24-0.40)", 7, bare=True).high.text
    '0.40'
    """
    m = _CI_RE.match(folded, pos)
    if m is None and bare:
        m = _BARE_RANGE_RE.match(folded, pos)
    if m is None:
        return None
    level = None
    if "level" in m.re.groupindex and m.group("level"):
        level = Printed(m.group("level"), *m.span("level"))
    return Interval(_bound(folded, m, "lo"), _bound(folded, m, "hi"), level, m.start(), m.end())

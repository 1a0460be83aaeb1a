"""Printed numbers: numerals, counts, inequalities and approximations, time units.

The regular-expression fragments here are the vocabulary of every pattern module. They run on
folded text (:func:`sarcoma_stats.extract.text.fold`), so a dash is ``-`` and a decimal point is
``.``; no fragment nests an unbounded quantifier inside another, so matching stays linear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .words import WORD, word_value

__all__ = ["NUM", "COUNT", "REL", "UNIT_TIME", "IDENTIFIER_BEFORE", "Printed", "printed_number"]

# a numeral: 1,234 / 35.7 / .040 (not glued to letters or to other digits: FGFR1, NCT0478, 1p13)
NUM = r"(?<![\w.])(?:\d{1,3}(?:,\d{3})+(?![\d,])|\d+)(?:\.\d+)?(?![\w]|\.\d)|(?<![\w.])\.\d+(?!\w)"

# an inequality or approximation before a number
REL = (r"(?:(?:[<>\u2264\u2265]=?|=<|~|\u2248|\u223c)\s?|"
       r"(?i:(?:just\s+)?(?:more|greater|higher|fewer|less|lower)\s+than|(?:just\s+)?over|above|"
       r"under|below|at\s+least|at\s+most|up\s+to|approximately|approx\.|about|around|nearly|"
       r"almost|roughly|approaching|some)\s+)")
_REL_TEXT = {"<": "<", ">": ">", "\u2264": "<=", "\u2265": ">=", "<=": "<=", ">=": ">=",
             "=<": "<=", "\u2264=": "<=", "\u2265=": ">="}
_REL_WORDS = {"more than": ">", "greater than": ">", "higher than": ">", "over": ">",
              "above": ">", "fewer than": "<", "less than": "<", "lower than": "<", "under": "<",
              "below": "<", "at least": ">=", "at most": "<=", "up to": "<="}

# a word before a number that makes it a label, not a quantity ("grade 3", "stage IV", "cycle 2")
IDENTIFIER_BEFORE = re.compile(
    r"(?i)\b(?:grades?|stages?|phases?|types?|cycles?|day|days|weeks?|months?|years?|versions?|"
    r"levels?|class|arms?|cohorts?|schedules?|parts?|steps?|tables?|figs?\.?|figures?|refs?\.?|"
    r"visits?|lines?|ECOG|scores?|chromosomes?|G|CTCAE|v)\s?(?:[\u2264\u2265<>]=?\s?)?"
    r"(?:[\dIV]+\s?(?:or|and|-|/|to|,)\s?)?$")

# a count: a numeral or a number in words
COUNT = rf"(?:{NUM}|{WORD})"

UNIT_TIME = r"(?i:months?|mos?\.?|weeks?|wks?\.?|years?|yrs?\.?|days?)(?![\w])"


@dataclass(frozen=True)
class Printed:
    """One printed number: its text for the data files, its span, and how it was printed."""

    text: str            # "35.7", "<0.001", ".040", "NR"
    start: int
    end: int
    approx: bool = False  # printed with "approximately", "~", "about", ...

    @property
    def value(self) -> Decimal | None:
        m = re.search(r"\d*\.?\d+", self.text)
        return Decimal(m.group()) if m else None


def printed_number(folded: str, start: int, end: int, rel: str | None = None,
                   rel_start: int | None = None) -> Printed:
    """A :class:`Printed` for ``folded[start:end]`` (a numeral or a number in words), with an
    optional inequality or approximation ``rel`` printed before it.

    Examples
    --------
    >>> t = "P < .001"
    >>> printed_number(t, 4, 8, "<", 2)
    Printed(text='<.001', start=2, end=8, approx=False)
    """
    raw = folded[start:end].strip()
    digits = raw.replace(",", "") if re.fullmatch(r"[\d,]*\.?\d+", raw) else str(word_value(raw))
    approx = False
    prefix = ""
    if rel:
        key = " ".join(rel.lower().split())
        if key in _REL_TEXT:
            prefix = _REL_TEXT[key]
        elif key.removeprefix("just ") in _REL_WORDS:
            prefix = _REL_WORDS[key.removeprefix("just ")]
        else:
            approx = True
    return Printed(prefix + digits, rel_start if rel and rel_start is not None else start, end,
                   approx)

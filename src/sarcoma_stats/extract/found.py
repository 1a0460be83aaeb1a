"""What a pattern module finds: a claim in the making, with the span of every printed number.

Each pattern module returns :class:`Found` objects. A printed number (a percentage, a bound, a
p-value) is *owned* by at most one claim, so that two modules never report the same number
twice; counts used as denominators may be shared (a breakdown's total is also a proportion's
``n``). :class:`Ledger` keeps track of owned spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .numbers import Printed

__all__ = ["Found", "Ledger", "group_label", "group_before", "clean_label", "POPULATION"]

# nouns that make a count a number of people (or of tumours, samples, cases)
POPULATION = (r"(?i:patients?|participants?|subjects?|adults?|children|adolescents?|women|men|"
              r"girls|boys|infants|individuals|persons|people|cases|volunteers|survivors|"
              r"samples|tumou?rs|lesions|responders)\b")


@dataclass
class Found:
    """A claim found in the text, before ids, scopes and ``where`` are assigned.

    ``fields`` holds the kind-specific fields in the data format (printed numbers as strings,
    counts as ints); ``numbers`` lists ``(field path, Printed)`` for every printed number, so that
    the annotated page can mark each one.
    """

    kind: str
    start: int
    end: int
    fields: dict
    numbers: list[tuple[str, Printed]] = field(default_factory=list)
    label: str | None = None
    term: str | None = None
    note: str | None = None
    scoped: bool = False      # a percentage (or list) printed without its own N


class Ledger:
    """Spans of printed numbers already owned by a claim (kept as character positions, so that a
    look-up costs the length of the number, not the number of claims)."""

    def __init__(self):
        self._owned: set[int] = set()

    def owned(self, *printed: Printed | None) -> bool:
        """True if any of the numbers is owned (overlapping spans count)."""
        return any(pos in self._owned for p in printed if p is not None
                   for pos in range(p.start, max(p.end, p.start + 1)))

    def take(self, *printed: Printed | None) -> None:
        for p in printed:
            if p is not None:
                self._owned.update(range(p.start, max(p.end, p.start + 1)))

    def take_found(self, found: Found, shared: tuple[str, ...] = ()) -> Found:
        """Own every number of ``found`` except the fields named in ``shared``."""
        for path, p in found.numbers:
            if path.split(".")[-1] not in shared and path not in shared:
                self.take(p)
        return found


_GROUP_AFTER = re.compile(
    r"""\s?(?:,\s?)?(?:of\s+(?:the\s+)?(?:patients|participants)\s+)?
    (?:in|with|for|among|on|versus|vs\.?|and)?\s?
    (?:the\s+|all\s+|those\s+|patients\s+|participants\s+)?
    (?:(?:who\s+(?:were\s+|had\s+been\s+)?)?(?:treated|receiving|received|given|assigned|allocated|randomi[sz]ed|taking)
       (?:\s+(?:with|to))?\s+(?:the\s+)?)?
    (?P<g>[A-Za-z][\w+/-]*(?:\s(?!(?:had|have|has|was|were|is|are|and|or|but|while|whereas|who|which|that|of|at|in|after)\b)[\w+/().-]+){0,4}?)
    \s?(?P<noun>group|arm|cohort|regimen|population)\b""", re.VERBOSE | re.IGNORECASE)
_GROUP_WITH = re.compile(
    r"""\s?(?:,\s?)?(?:of\s+(?:the\s+)?(?:patients|participants)\s+)?
    (?:(?:(?:in|among|for)\s(?:the\s)?)?(?:patients|participants|those)\s|in\s|with\s|for\s|on\s|
       (?:of\s+(?:the\s+)?patients\s+)?(?:treated|receiving|given|assigned\s+to|randomi[sz]ed\s+to)\s(?:with\s)?)
    (?:receiving\s|treated\s+with\s|given\s|on\s|who\s+received\s)?
    (?P<g>(?:the\s)?[A-Za-z][\w+/-]*(?:\s(?!(?:compared|versus|vs|and|or|had|has|was|were|who|
       which|that|at|of|after|while|whereas|respectively)\b)[A-Za-z+][\w+/-]*){0,4})""",
    re.VERBOSE | re.IGNORECASE)
_NOT_GROUP = re.compile(r"(?i)^(?:the\s)?(?:patients?|respectively|all|a|an|both|each|at|"
                        r"progression|response|disease|grade|median|total|this|these|those|"
                        r"stable|partial|complete|overall)\b")


def group_label(folded: str, pos: int, endpos: int) -> tuple[str | None, int]:
    """The treatment group named right after ``pos`` ("in the pazopanib group", "with placebo",
    "for anlotinib"), and where it ends.

    Examples
    --------
    >>> t = "58% in the pazopanib group versus 22%"
    >>> group_label(t, 3, len(t))
    ('pazopanib group', 26)
    >>> t = "41% with nirogacestat versus 8%"
    >>> group_label(t, 3, len(t))
    ('nirogacestat', 21)
    """
    m = _GROUP_AFTER.match(folded, pos, endpos)
    if m and not _NOT_GROUP.match(m.group("g")):
        return f"{m.group('g')} {m.group('noun')}".strip(), m.end()
    m = _GROUP_WITH.match(folded, pos, endpos)
    if m and not _NOT_GROUP.match(m.group("g")):
        return clean_label(m.group("g")), m.end()
    return None, pos


_GROUP_BEFORE = re.compile(
    r"(?i)(?:in|with|for|among)\s(?:the\s)?(?P<g>[A-Za-z][\w+/-]*(?:\s[A-Za-z+][\w+/-]*){0,3}?)"
    r"\s(?P<noun>group|arm|cohort)\b[^.;]{0,40}$")


def group_before(folded: str, start: int, pos: int) -> str | None:
    """The treatment group named before ``pos`` in ``folded[start:pos]`` ("In the pazopanib
    group, 14 of 24 ...").

    Examples
    --------
    >>> t = "In the pazopanib group, 14 of 24"
    >>> group_before(t, 0, len(t))
    'pazopanib group'
    """
    m = _GROUP_BEFORE.search(folded, start, pos)
    return f"{m.group('g')} {m.group('noun')}" if m and not _NOT_GROUP.match(m.group("g")) else None


def clean_label(text: str) -> str:
    """A label cut from the text: white space collapsed, leading articles and conjunctions and
    trailing punctuation dropped.

    Examples
    --------
    >>> clean_label(" and the  weight loss,")
    'weight loss'
    """
    text = " ".join(text.split())
    text = re.sub(r"(?i)^(?:(?:(?:and|or|the|a|an|with|of|were|was|in|including|included|"
                  r"such\s+as)\b|e\.g\.|i\.e\.|[:,;])\s*)+", "", text)
    return text.strip(" ,;:.-")

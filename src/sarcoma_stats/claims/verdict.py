"""Verdicts: the vocabulary, one verdict per printed number, and how a claim's verdict follows.

A check records one :class:`Component` per printed number it tests (a percentage, each bound of
an interval, a p-value, each item of a list, each table cell). The claim's verdict is the most
severe of its components' verdicts, in the order of :data:`VERDICTS`; "not checkable" is the
least severe (a claim with one consistent and one uncheckable number is consistent).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from ..printed.number import find_printed
from ..printed.rounding import ROUNDINGS

__all__ = ["VERDICTS", "Component", "Verdict", "worst"]

#: The verdicts, most severe first: ``inconsistent`` (no reading of the text makes the number
#: right), ``query`` (the numbers disagree only under an assumption the text does not state, or
#: need a rule the rest of the document does not use), ``consistent`` (recomputed and
#: reproduced), ``not-checkable`` (nothing to recompute it from).
VERDICTS = ("inconsistent", "query", "consistent", "not-checkable")
_SEVERITY = {v: i for i, v in enumerate(VERDICTS)}
#: A component's quote is cut to about this many characters around its number.
QUOTE_WINDOW = 160


def worst(verdicts: Sequence[str]) -> str:
    """The most severe of some verdicts (``not-checkable`` for none).

    Examples
    --------
    >>> worst(["consistent", "not-checkable"]), worst(["consistent", "query"]), worst([])
    ('consistent', 'query', 'not-checkable')
    """
    return min(verdicts, key=_SEVERITY.__getitem__, default="not-checkable")


@dataclass(frozen=True)
class Component:
    """The verdict on one printed number.

    Attributes
    ----------
    quote : str
        A verbatim fragment of the source around the number (never an elided quote).
    printed : str
        The number as printed (``"35.7%"``, ``"P < 0.0001"``, ``"48"``).
    verdict : str
        One of :data:`VERDICTS`.
    explanation : str
        What was recomputed and what it gave; for a flag, what would make it right.
    trivial : bool
        True when "consistent" only means that a bound holds (``42 <= 81``): nothing was
        recomputed. Summaries count these apart.
    methods : tuple of str
        The methods and roundings that reproduce the number.
    roundings : tuple of str or None
        The rounding rules under which the number is reproduced, when rounding matters to it
        (``None`` otherwise); used to infer the document's rounding convention.
    span : (int, int) or None
        Character offsets of the number in the source text, when the claim carries a span.
    fitted : bool
        True when the N the number was checked against was chosen among candidates (the Ns of
        a scope) because it fits: such a number is no evidence of how its document rounds.
    """

    quote: str
    printed: str
    verdict: str
    explanation: str
    trivial: bool = False
    methods: tuple[str, ...] = ()
    roundings: tuple[str, ...] | None = None
    span: tuple[int, int] | None = None
    fitted: bool = False

    def to_record(self) -> dict:
        """The JSON object of ``verify --json``: quote, printed, verdict, explanation,
        trivial, methods (span when known)."""
        record = {"quote": self.quote, "printed": self.printed, "verdict": self.verdict,
                  "explanation": self.explanation, "trivial": self.trivial,
                  "methods": list(self.methods)}
        if self.span is not None:
            record["span"] = list(self.span)
        return record


@dataclass(frozen=True)
class Verdict:
    """A claim's verdict, its explanation, the methods that reproduce it and its components."""

    id: str
    source: str
    kind: str
    where: str
    label: str | None
    quote: str
    verdict: str
    explanation: str
    methods: tuple[str, ...]
    components: tuple[Component, ...] = field(default_factory=tuple)
    #: remarks about the claim as a whole (part of the explanation; kept to recompute it)
    notes: tuple[str, ...] = ()

    @property
    def trivial(self) -> bool:
        """Consistent, and only because bounds hold: nothing was recomputed."""
        checked = [c for c in self.components if c.verdict == "consistent"]
        return self.verdict == "consistent" and bool(checked) and all(c.trivial for c in checked)

    def to_record(self) -> dict:
        """A row of :func:`~sarcoma_stats.verify_claims`."""
        return {"id": self.id, "source": self.source, "kind": self.kind, "where": self.where,
                "label": self.label, "quote": self.quote, "verdict": self.verdict,
                "explanation": self.explanation, "methods": list(self.methods),
                "components": [c.to_record() for c in self.components],
                "trivial": self.trivial}


def combine(components: Sequence[Component], notes: Sequence[str] = ()) -> tuple[str, str,
                                                                                  tuple]:
    """A claim's verdict, explanation and methods from its components.

    The explanation joins the explanations of the components that carry the claim's verdict
    and ``notes``, remarks about the claim as a whole (a claim that is not flagged is summed up
    by its notes alone, when it has some). The methods are the rounding rules
    common to every rounded number (all that occur, if none is common), then every other method
    in the order found.
    """
    verdict = worst([c.verdict for c in components])
    texts = list(dict.fromkeys(c.explanation for c in components if c.verdict == verdict))
    if notes and verdict in ("consistent", "not-checkable"):
        texts = []  # the notes sum the claim up; the components keep the details
    rounding_sets = [c.roundings for c in components if c.roundings]
    common = [r for r in ROUNDINGS if all(r in s for s in rounding_sets)] if rounding_sets \
        else []
    roundings = common or [r for r in ROUNDINGS if any(r in s for s in rounding_sets)]
    methods = list(roundings)
    for component in components:
        methods += [m for m in component.methods if m not in methods]
    explanation = "; ".join([*texts, *notes]) or "nothing printed can be checked"
    if verdict == "consistent" and rounding_sets:
        if not common:
            explanation += " (the printed numbers mix rounding rules)"
        elif common == ["truncate"]:
            explanation += " (by truncation only: rounding would not give the printed digits)"
    return verdict, explanation, tuple(methods)


def locate(fragments: Sequence[str], printed: str | None, after: tuple[int, int] = (0, 0),
           span: tuple[int, int] | None = None) -> tuple[str, tuple[int, int], tuple | None]:
    """The verbatim fragment around a printed number, where it is, and its span in the text.

    Searches the fragments from ``after`` (fragment index, offset) on, then from the start;
    returns ``(quote, position, span)``: the fragment cut to about :data:`QUOTE_WINDOW`
    characters around the number at word boundaries, the position to search on from, and the
    number's offsets in the source text when the claim's ``span`` is known and the quote has a
    single fragment.
    """
    number = None if printed is None else re.sub(r"^P\s*", "", printed).rstrip("%")
    if number:
        order = [(after[0], after[1]), (0, 0)]
        for start_fragment, start_offset in order:
            for index in range(start_fragment, len(fragments)):
                offset = start_offset if index == start_fragment else 0
                hit = find_printed(fragments[index], number, offset)
                if hit is not None:
                    quote = _window(fragments[index], *hit)
                    where = None
                    if span is not None and len(fragments) == 1:
                        where = (span[0] + hit[0], span[0] + hit[1])
                    return quote, (index, hit[1]), where
    return _window(fragments[0], 0, 0), after, None


def _window(text: str, start: int, end: int) -> str:
    """``text`` cut to about QUOTE_WINDOW characters around ``[start, end)`` at spaces."""
    if len(text) <= QUOTE_WINDOW:
        return text
    room = max(QUOTE_WINDOW - (end - start), 0) // 2
    lo, hi = max(0, start - room), min(len(text), end + room)
    if lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space >= 0 else lo
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space >= 0 else hi
    return text[lo:hi]

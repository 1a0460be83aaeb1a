"""A document's conventions, inferred from all its claims: how it rounds, which interval methods
its intervals fit, how many decimals its percentages carry.

A document rounds its numbers one way. A number that only a rule the rest of the document does
not use reproduces (truncation once, in a document that otherwise rounds half up) is a
``query``: it may be a misprint that happens to match another rule. A document that truncates
throughout is consistent under truncation.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import Sequence

from ..printed.reproduce import CI_METHODS
from ..printed.rounding import ROUNDINGS
from .verdict import Component, Verdict, combine

__all__ = ["MIN_SUPPORT", "Conventions", "apply_conventions", "document_conventions",
           "document_roundings"]

#: How many numbers that tell rounding rules apart must fit a rule before the document counts as
#: using it.
MIN_SUPPORT = 3


@dataclass(frozen=True)
class Conventions:
    """What one document's printed numbers show about how they were made.

    Attributes
    ----------
    source : str
    rounding : tuple of str
        The rounding rules most of the numbers that tell the rules apart fit (empty when none
        does).
    support : int
        How many such numbers fit them.
    telling : int
        How many numbers tell the rules apart (a tie such as 12.5 % or a truncated digit).
    interval_methods : tuple of (str, int)
        Interval methods and how many printed intervals of proportions each reproduces.
    decimals : tuple of (int, int)
        Decimals printed with percentages, and how often.
    """

    source: str
    rounding: tuple[str, ...]
    support: int
    telling: int
    interval_methods: tuple[tuple[str, int], ...]
    decimals: tuple[tuple[int, int], ...]


def _telling(component: Component) -> bool:
    """A consistent number that some rounding rules print and others do not, checked against
    an N the text gives it (not one chosen among a scope's because it fits)."""
    return (component.verdict == "consistent" and component.roundings is not None
            and 0 < len(component.roundings) < len(ROUNDINGS) and not component.fitted)


def _conventions(source: str, verdicts: Sequence[Verdict]) -> Conventions:
    components = [c for v in verdicts for c in v.components]
    telling = [c for c in components if _telling(c)]
    support = Counter(r for c in telling for r in c.roundings)
    best = max(support.values(), default=0)
    rounding = tuple(r for r in ROUNDINGS if best and support[r] == best)
    methods = Counter(m for c in components if c.verdict == "consistent"
                      for m in c.methods if m in CI_METHODS)
    decimals = Counter(len(c.printed.rstrip("%").partition(".")[2]) for c in components
                       if c.printed.endswith("%") and c.printed[:1].isdigit())
    return Conventions(source=source, rounding=rounding, support=best, telling=len(telling),
                       interval_methods=tuple(methods.most_common()),
                       decimals=tuple(sorted(decimals.items())))


def document_conventions(verdicts: Sequence[Verdict]):
    """Each document's conventions, inferred from the verdicts of its claims.

    Parameters
    ----------
    verdicts : sequence of Verdict

    Returns
    -------
    dict of str to Conventions
        By source id, in the order the sources first appear.

    Examples
    --------
    >>> from sarcoma_stats.claims.verify import verdict_objects
    >>> conventions = document_conventions(verdict_objects(source="ni2024-anlotinib"))
    >>> conventions["ni2024-anlotinib"].rounding
    ('half-up', 'half-even')
    """
    by_source: dict[str, list[Verdict]] = {}
    for verdict in verdicts:
        by_source.setdefault(verdict.source, []).append(verdict)
    return {source: _conventions(source, group) for source, group in by_source.items()}


def _support(verdicts: Sequence[Verdict]) -> dict[str, dict[str, Counter]]:
    """source -> claim id -> how many of the claim's telling numbers fit each rounding rule."""
    support: dict[str, dict[str, Counter]] = {}
    for v in verdicts:
        support.setdefault(v.source, {})[v.id] = Counter(
            r for c in v.components if _telling(c) for r in c.roundings)
    return support


def document_roundings(verdicts: Sequence[Verdict]) -> dict[str, tuple[str, ...]]:
    """The rounding rules each document uses: those at least :data:`MIN_SUPPORT` of its
    telling numbers fit (all three rules when no rule has that support).

    Examples
    --------
    >>> from sarcoma_stats.claims.verify import verdict_objects
    >>> document_roundings(verdict_objects(source="review-targeted-sts"))
    {'review-targeted-sts': ('half-up', 'half-even')}
    """
    out = {}
    for source, claims in _support(verdicts).items():
        total = sum(claims.values(), Counter())
        out[source] = tuple(r for r in ROUNDINGS if total[r] >= MIN_SUPPORT) or ROUNDINGS
    return out


def apply_conventions(verdicts: Sequence[Verdict]) -> list[Verdict]:
    """The verdicts with every number that needs a rounding rule its document does not use
    turned into a ``query``.

    Of the numbers that tell rounding rules apart (a tie such as 12.5 %, a truncated digit), a
    document uses a rule when at least :data:`MIN_SUPPORT` of them, in its other claims, fit
    it. A consistent number none of whose rules the document uses, in a document that uses
    some rule, becomes a query naming both. Numbers fitted to a scope's N count as no evidence,
    and are not judged: they were fitted under the document's rules already.

    Examples
    --------
    Three ties rounded half up, then 5.2% of 152 (8/152 = 5.26%): only truncation prints 5.2.

    >>> from sarcoma_stats.claims.verify import verify_record
    >>> ties = [verify_record({"id": f"tie{i}", "kind": "proportion", "quote": "13% (1/8)",
    ...                        "events": 1, "n": 8, "percent": "13"}) for i in range(3)]
    >>> cut = verify_record({"id": "cut", "kind": "proportion", "quote": "5.2% (8/152)",
    ...                      "events": 8, "n": 152, "percent": "5.2"})
    >>> [v.verdict for v in apply_conventions([*ties, cut])]
    ['consistent', 'consistent', 'consistent', 'query']
    """
    support = _support(verdicts)
    out = []
    for verdict in verdicts:
        per_claim = support[verdict.source]
        others = sum((count for cid, count in per_claim.items() if cid != verdict.id),
                     Counter())
        used = [r for r in ROUNDINGS if others[r] >= MIN_SUPPORT]
        changed, components = False, []
        for c in verdict.components:
            if used and _telling(c) and not set(c.roundings) & set(used):  # (not fitted)
                changed = True
                count = max(others[r] for r in used)
                c = replace(c, verdict="query", explanation=(
                    f"{c.explanation}: only by {' or '.join(c.roundings)}, which no other "
                    f"number of this document needs, while {count} of them fit "
                    f"{' or '.join(used)}"))
            components.append(c)
        if not changed:
            out.append(verdict)
            continue
        state, explanation, methods = combine(components, verdict.notes)
        out.append(replace(verdict, verdict=state, explanation=explanation, methods=methods,
                           components=tuple(components)))
    return out

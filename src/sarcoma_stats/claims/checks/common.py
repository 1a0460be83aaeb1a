"""Rules that apply to a claim of any kind, after the check of its kind: the printed word for
the number, the places that print the same numbers again, and the reading a cross-check rests on.
"""

from __future__ import annotations

import re
from typing import Mapping

from ...printed.number import Printed, find_printed
from ..schema import Claim, Record, term_category
from ._base import Findings

# what the numbers of each kind are, for the printed term: "rate" (a share of patients),
# "landmark" (a rate at a time point), "time" (a median or mean duration), "ratio"
_KIND_IS = {"proportion": "rate", "percent-set": "rate", "breakdown": "rate",
            "two-proportions": "rate", "table-count": "rate", "table-percentages": "rate",
            "survival-rate": "landmark", "hazard-ratio": "ratio"}
# term category -> the categories of numbers it may name
_TERM_FITS = {"rate": {"rate", "landmark"}, "landmark": {"landmark", "rate"},
              "median": {"time"}, "mean": {"time"}, "ratio": {"ratio"}}
_WHAT = {"rate": "a share of patients", "landmark": "a rate at a time point",
         "time": "a median or mean", "ratio": "a ratio"}


def _number_kind(claim: Claim) -> str | None:
    """What the claim's numbers are: a percentage printed as a median is a rate."""
    if claim.kind in ("median", "mean"):
        return "rate" if claim.value.unit == "%" else "time"
    return _KIND_IS.get(claim.kind)


def check_term(claim: Claim, f: Findings) -> None:
    """The printed word for a number against what the numbers are.

    Rule: a "median" or "mean" must be a median or mean (not a percentage of patients or a
    landmark rate); a "rate", "ORR", "proportion" or "3-year" figure must be a share of patients
    or a landmark rate; an "HR" must be a ratio. The text's word is one component.

    Examples
    --------
    "the median 6 months PFS was 30% (95% CI 9-51)": a six-month landmark rate, not a median.

    >>> from sarcoma_stats import verify_record
    >>> v = verify_record({"kind": "survival-rate", "quote": "the median 6 months PFS was 30% "
    ...     "(95% CI 9-51)", "percent": "30", "ci": ["9", "51"], "time": "6 months",
    ...     "term": "median"})
    >>> v.verdict, v.components[-1].explanation
    ('inconsistent', 'printed as a median, but 30% at 6 months is a rate at a time point (a landmark rate), not a median')
    """
    if claim.term is None:
        return
    category = term_category(claim.term)
    actual = _number_kind(claim)
    if actual is None:
        return
    if actual in _TERM_FITS[category]:
        # an agreeing word is evidence only beside numbers that were recomputed: alone, it
        # would turn a claim with nothing to recompute into a consistent one
        if any(item["verdict"] != "not-checkable" for item in f.items):
            f.ok(claim.term, f"'{claim.term}' names {_WHAT[actual]}, as the numbers are")
        return
    if claim.kind == "survival-rate":
        what = f"{claim.percent.text}% at {claim.time} is a rate at a time point (a landmark " \
               f"rate)"
    elif claim.kind in ("median", "mean"):
        what = f"{claim.value.text} is a percentage of patients"
    else:
        what = f"the numbers are {_WHAT[actual]}"
    f.fail(claim.term, f"printed as a {claim.term}, but {what}, not a {claim.term}"
           if category in ("median", "mean") else
           f"printed as '{claim.term}', but {what}")


def _values(value):
    """The printed texts of a field value: numbers, counts, and those of nested records."""
    if isinstance(value, Printed):
        yield value.text
    elif isinstance(value, bool) or value is None or isinstance(value, str):
        return
    elif isinstance(value, int):
        yield str(value)
    elif isinstance(value, Record):
        for name in value.field_names():
            yield from _values(getattr(value, name))
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _values(item)
    elif isinstance(value, tuple):
        for item in value:
            yield from _values(item)


def _printed_numbers(claim: Claim) -> list[str]:
    """The numbers the claim records that its quote prints, each once, in field order."""
    quote = " ".join(claim.fragments)
    numbers = []
    for text in _values(tuple(claim.fields.values())):
        if text not in numbers and find_printed(quote, text) is not None:
            numbers.append(text)
    return numbers


_NUMBER = re.compile(r"(?<![\d.·])\d+(?:[.·]\d+)?")


def _replacement(value: str, printed: list[str], repeat: str) -> str | None:
    """A number of the repeat, not among the claim's, close enough to ``value`` to be the same
    quantity printed differently (within 1 unit or 10%), or None."""
    target = float(value.lstrip("<>=≤≥ ").replace("·", "."))
    for token in _NUMBER.findall(repeat):
        if token in printed:
            continue
        x = float(token.replace("·", "."))
        if abs(x - target) <= max(1.0, 0.1 * abs(target)):
            return token
    return None


def check_repeats(claim: Claim, f: Findings) -> None:
    """Every other place that prints the claim's numbers must print them the same way.

    Rule: for each repeat (abstract, results, discussion; text and table), every number of the
    claim that the repeat prints must have the same digits; a number the repeat prints with
    other digits (a number within one unit or 10% of it, in its place) is inconsistent. A repeat
    may leave numbers out (an abstract without the interval). One component per repeat.

    Examples
    --------
    >>> from sarcoma_stats import verify_record
    >>> v = verify_record({"kind": "proportion", "quote": "ORR was 35.7% (5/14)", "events": 5,
    ...     "n": 14, "percent": "35.7", "repeats": [{"where": "Discussion",
    ...     "quote": "The ORR was 36% (5/14)"}]})
    >>> v.verdict, v.components[-1].explanation
    ('inconsistent', 'Discussion prints 36 where the quote prints 35.7')
    """
    numbers = _printed_numbers(claim)
    for repeat in claim.repeats or ():
        found = [x for x in numbers if find_printed(repeat.quote, x) is not None]
        changed = [(x, other) for x in numbers if x not in found
                   for other in [_replacement(x, numbers, repeat.quote)] if other is not None]
        shown = f"{repeat.where}: " + ", ".join(found or numbers)
        if changed:
            f.fail(shown, f"{repeat.where} prints " + ", ".join(
                f"{other} where the quote prints {x}" for x, other in changed),
                quote=repeat.quote)
        elif found:
            left = [x for x in numbers if x not in found]
            f.ok(shown, f"{repeat.where} prints {', '.join(found)} the same way"
                        + (f" (and leaves out {', '.join(left)})" if left else ""),
                 quote=repeat.quote)
        else:
            f.cannot(shown, f"{repeat.where} prints none of the claim's numbers",
                     quote=repeat.quote)


def apply_assumption(claim: Claim, f: Findings) -> None:
    """A cross-check that rests on a reading the text does not state is a query, not an
    inconsistency.

    Rule: when the claim records the assumption its check rests on ("first-line means no
    previous chemotherapy"), every number the check flags becomes a ``query`` whose explanation
    names the assumption.

    Examples
    --------
    >>> from sarcoma_stats import verify_record
    >>> v = verify_record({"kind": "breakdown", "quote": "87 patients", "total": 87,
    ...     "parts": [{"label": "sorafenib", "count": 50}, {"label": "placebo", "count": 35}],
    ...     "assumption": "35, the placebo response denominator, is the placebo arm"})
    >>> v.verdict
    'query'
    """
    if claim.assumption is None:
        return
    for item in f.items:
        if item["verdict"] == "inconsistent":
            item["verdict"] = "query"
            item["explanation"] += f" (if {claim.assumption}: the text does not say so)"

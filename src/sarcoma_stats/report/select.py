"""Which claims a figure or table shows, and the numbers it needs from them.

Claims are chosen by the tags stored with them in the data (``tags: [harm, study-arst1321]``),
never by source id or label. The tags the report reads:

``primary-endpoint``
    a two-arm comparison of a study's primary outcome (drawn in full, and its power);
``planned-enrolment``
    a breakdown whose total is the enrolment a study planned;
``randomised-comparison``, ``harm``, ``subgroup-contrast``
    what kind of comparison a two-arm claim is: groups of the comparison chart;
``single-arm-rate``
    a rate of one cohort printed with its counts (the single-arm forest chart);
``toxicity-table``
    a ``table-percentages`` claim whose printed table is drawn by grade;
``study-<name>``
    the study a claim reports on: claims of different sources about one study that print the
    same counts are one comparison, shown once.

This module is also the one place that reads claim fields for the report; everything else
works on the plain values returned here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

STUDY_PREFIX = "study-"
# tag -> the group of a two-arm comparison in the report, in the order the groups are shown
_GROUP_OF_TAG = (("harm", "Harms"), ("randomised-comparison", "Randomised comparisons"),
                 ("subgroup-contrast", "Subgroup contrasts (not randomised)"))
COMPARISON_GROUPS = tuple(name for _, name in _GROUP_OF_TAG) + ("Other comparisons",)


@dataclass(frozen=True)
class Arm:
    """One arm of a two-arm claim: its label, counts (None when not printed) and printed %."""

    label: str
    events: int | None
    n: int | None
    percent: object | None  # a Printed

    @property
    def has_counts(self) -> bool:
        return self.events is not None and bool(self.n)


def tags(claim) -> tuple[str, ...]:
    """A claim's tags (none when the data give none)."""
    return tuple(claim.tags or ())


def tagged(claims, *wanted, kind=None):
    """The claims carrying every one of ``wanted`` tags (and of ``kind``, when given), in data
    order."""
    return [c for c in claims if set(wanted) <= set(tags(c)) and (kind is None or c.kind == kind)]


def study(claim) -> str:
    """The study a claim reports on: its ``study-*`` tag, else its source."""
    return next((t for t in tags(claim) if t.startswith(STUDY_PREFIX)), claim.source)


def count(value):
    """A claim's events: an int, or the sum of a mapping of printed parts (CR + PR)."""
    if value is None:
        return None
    return sum(value.values()) if isinstance(value, Mapping) else int(value)


def arms(claim) -> list[Arm]:
    """The arms of a two-proportions claim."""
    return [Arm(arm.get("label"), count(arm.get("events")), arm.get("n"), arm.get("percent"))
            for arm in claim.get("arms")]


def has_counts(claim) -> bool:
    """True for a two-arm claim printing events and n in both arms."""
    return all(arm.has_counts for arm in arms(claim))


def counts_key(claim):
    """(k1, n1, k2, n2) of a two-arm claim with counts."""
    (a, b) = arms(claim)
    return a.events, a.n, b.events, b.n


def comparison_group(claim) -> str:
    """The group of a two-arm comparison in the report, from its tags."""
    return next((name for tag, name in _GROUP_OF_TAG if tag in tags(claim)),
                COMPARISON_GROUPS[-1])


def distinct_comparisons(claims):
    """Two-arm claims with counts, one entry per comparison: ``[(claim, [claims])]``.

    Claims about the same study (``study-*`` tag) with the same counts are one comparison,
    listed under the first of them; order is data order.
    """
    groups: dict = {}
    for claim in claims:
        if claim.kind == "two-proportions" and has_counts(claim):
            groups.setdefault((study(claim), counts_key(claim)), []).append(claim)
    return [(members[0], members) for members in groups.values()]


def printed_level(printed) -> float:
    """A printed confidence level ("83.8") as a fraction; 0.95 when none is printed."""
    return 0.95 if printed is None or not printed.is_number else float(printed.value) / 100.0


def as_float(printed) -> float:
    """A printed number as a float, NaN when absent or not a number ("NR")."""
    return float(printed.value) if printed is not None and printed.is_number else math.nan


_SIGNS = ((">=", "≥"), ("<=", "≤"), ("+/-", "±"))


def readable(text) -> str:
    """Text from the data as a reader expects it: typographic ≥, ≤, ±; collapsed spaces."""
    text = " ".join(str(text).split())
    for ascii_sign, sign in _SIGNS:
        text = text.replace(ascii_sign, sign)
    return text


def sentence(text) -> str:
    """``readable(text)`` with a capital first letter."""
    text = readable(text)
    return text[:1].upper() + text[1:]


def source_name(source) -> str:
    """A short name a reader recognises: "Fuchs et al. 2023", "The ASCO Post 2023"."""
    if source.authors:
        first = source.authors.split(",")[0].split()[0]
        many = "," in source.authors
        name = f"{first} et al." if many else first
    else:
        name = re.sub(r"\s*\(.*", "", source.publisher or source.title).strip()
    return f"{name} {source.year}" if source.year else name


def source_names(sources) -> dict[str, str]:
    """Short names of every source, made unique with the source id where two coincide."""
    names = {sid: source_name(s) for sid, s in sources.items()}
    counts: dict[str, int] = {}
    for name in names.values():
        counts[name] = counts.get(name, 0) + 1
    return {sid: name if counts[name] == 1 else f"{name} ({sid})" for sid, name in names.items()}

"""Lists of percentages of one group: adverse events ("The most common AEs were fatigue (65%),
diarrhea (58%), nausea (54%), and weight loss (48%)", "neutropenia 22.7%, elevated transaminases
6.8%, and vomiting 6.8%"), responses ("complete response in 5.2% of patients, partial response
rate of 55.2%, and stable disease in 27.6% of 152 patients"), "The best ORR and DCR were 16 and
94%, respectively", and printed ranges ("30-50% of patients").

The percentages of a sentence that carry no count and no interval and are not a two-arm
comparison form one ``percent-set``; each item's label is the phrase printed next to its
percentage. A single such percentage is a ``proportion``. Without an N printed in the list, the
set is linked to a scope (:mod:`.scopes`).
"""

from __future__ import annotations

import re

from .counts import Percent, proportion_found
from .found import Found, Ledger, clean_label

__all__ = ["find_percent_sets", "item_label"]

_BACK_DELIMITER = re.compile(
    r"(?i)(?:[,;:()\[\]]|\band\b|\bwere\b|\bwas\b|\bis\b|\bare\b|\bincluded?\b|"
    r"\bincluding\b|\bsuch\s+as\b|\bbeing\b|\bnamely\b|\be\.g\.|\bwith\b|\bof\b|\bthe\b|"
    r"\bshowed\b|\bhad\b|\bin\b|\d)")
_AFTER_LABEL = re.compile(
    r"(?i)\s(?:of\s+(?:all\s+|the\s+)?(?:patients|participants|cases)\s+)?"
    r"(?:(?:had|with|were|was|showed|experienced|developed|achieved|having)\s+)?"
    r"(?P<label>[A-Za-z][\w/+-]*(?:\s(?!and\b|or\b|in\b|of\b|while\b|whereas\b|at\b|for\b)"
    r"[A-Za-z][\w/+-]*){0,5})")
_OF_LABEL = re.compile(
    r"(?i)\s(?:of|among)\s(?!(?:the\s|all\s|these\s)?(?:patients|participants|cases|subjects|"
    r"responders|women|men|children|adults)\b)(?!the\s+\d|\d)"
    r"(?P<label>[A-Za-z][\w/-]*(?:\s(?!and\b|or\b|in\b|while\b|whereas\b|at\b|for\b|were\b|was\b)"
    r"[A-Za-z][\w/-]*){0,4})")
_RESPECTIVELY = re.compile(
    r"(?i)(?P<subjects>[\w/-]+(?:\s?,\s?[\w/-]+)*,?\s(?:and|or)\s[\w/-]+)\s(?:rates?\s|values?\s)?"
    r"(?:were|was|are|is|of|reached)\s(?:\w+\s)?$")
_GRADE_ONLY = re.compile(
    r"(?i)\b(?:were|was|are|is|being|of)\s+(?:CTCAE\s+)?grades?\s?(?:[\u2265>]=?\s?)?[1-5IV]+"
    r"(?:\s?(?:or|and|-|/|to)\s?[1-5IV]+)?(?:\s+or\s+(?:higher|more|above))?\s?[(\[]?\s?$")
_FUNCTION_END = re.compile(
    r"(?i)\b(?:a|an|the|of|in|including|and|with|showed|shown|was|were|is|are|by|to|for|"
    r"among|at|reached|achieved|had|rates?\s+of|rates?\s+was)\s*$")


def item_label(folded: str, p: Percent, floor: int) -> str:
    """The label printed with one percentage of a list, searching no further back than
    ``floor``: the phrase before "(65%)" or "neutropenia 22.7%"; after "15% of pediatric
    tumours" or "45% had stable disease" or "7% complete response"; before "in 5.2% of
    patients".

    Examples
    --------
    >>> from sarcoma_stats.extract.counts import find_percents
    >>> t = "AEs were fatigue (65%), weight loss (48%)"
    >>> first, second = find_percents(t, 0, len(t))
    >>> item_label(t, second, first.qend)
    'weight loss'
    """
    of = _OF_LABEL.match(folded, p.qend)
    if of:
        return clean_label(of.group("label"))
    window = folded[floor:p.qstart]
    before = window.rstrip(" ([")
    cut = 0
    for m in _BACK_DELIMITER.finditer(before):
        if m.end() < len(before):
            cut = m.end()
    label_before = clean_label(before[cut:])
    in_parens = window.rstrip().endswith(("(", "["))
    function_word = _FUNCTION_END.search(before)
    if in_parens or (label_before and not function_word):
        return label_before
    after = _AFTER_LABEL.match(folded, p.qend)
    if after:
        return clean_label(after.group("label"))
    return clean_label(_FUNCTION_END.sub("", before)[cut:]) if function_word else label_before


def find_percent_sets(folded: str, start: int, end: int, bare: list[Percent],
                      ledger: Ledger) -> list[Found]:
    """Percent-sets (or single proportions) from the percentages of one sentence that carry no
    count, no interval and no comparison.

    Examples
    --------
    >>> from sarcoma_stats.extract.counts import find_percents
    >>> t = "The most common AEs were fatigue (65%), diarrhea (58%), and weight loss (48%)."
    >>> f, = find_percent_sets(t, 0, len(t), find_percents(t, 0, len(t)), Ledger())
    >>> [(i["label"], i["percent"]) for i in f.fields["items"]]
    [('fatigue', '65'), ('diarrhea', '58'), ('weight loss', '48')]
    """
    bare = [p for p in bare if not ledger.owned(p.pct)]
    out = []
    for p in [p for p in bare if _GRADE_ONLY.search(folded, max(start, p.qstart - 40), p.qstart)]:
        # "most AEs were Grade 1 or 2 (95%)": a share of the adverse events, not of patients
        found = proportion_found(folded, start, p)
        found.scoped = False
        found.note = "a share of the adverse events (by grade), not of patients"
        out.append(ledger.take_found(found))
        bare.remove(p)
    if not bare:
        return out
    groups = [p.group for p in bare]
    if len(bare) == 1 or (all(groups) and len(set(groups)) == len(groups)):
        # one percentage, or one per named group ("19% for the LMS group and 20% for the LPS
        # group"): not one set of one group's percentages
        return out + [ledger.take_found(proportion_found(folded, start, p), shared=("n",))
                      for p in bare]
    items = []
    numbers = []
    floor = start
    n = None
    for i, p in enumerate(bare):
        label = item_label(folded, p, floor) or f"item {i + 1}"
        if p.skip == "range-low":
            label = "lower end of the printed range"
        elif p.skip == "range":
            label = "upper end of the printed range"
        items.append({"label": label, "percent": p.pct.text})
        numbers.append((f"items[{i}].percent", p.pct))
        floor = p.qend
        if p.n is not None:
            n = p.n
    if re.search(r"(?i)\brespectively\b", folded[start:end]):
        subjects = _RESPECTIVELY.search(folded[start:bare[0].qstart])
        if subjects:
            names = [clean_label(x) for x in re.split(r"\s?,\s?(?:and\s|or\s)?|\s(?:and|or)\s",
                                                        subjects.group("subjects"))]
            if len(names) == len(items):
                for item, name in zip(items, names):
                    item["label"] = name
    fields: dict = {}
    if n is not None:
        fields["n"] = int(n.text)
        numbers.append(("n", n))
    fields["items"] = items
    first = bare[0].qstart
    label_at = folded.rfind(items[0]["label"], start, first)
    if label_at >= 0:
        first = start if label_at - start <= 60 else label_at
    found = Found("percent-set", first, bare[-1].qend, fields, numbers, scoped=n is None)
    if any(p.skip == "range" for p in bare):
        found.note = "a printed range is recorded as its two ends"
    return out + [ledger.take_found(found, shared=("n",))]

"""Counts and percentages: "14 of 24 (58%)", "39% (12/31)", "n = 5, 35.7%", "Twenty percent
(7 of 35 patients)", "52% (16 of 31)", "11 (20%)", "27.6% of 152 patients", two-arm comparisons
("... versus 4 of 18 (22%) in the control group"), differences between arms, and rates with
their intervals.

Every percentage of a sentence is read with what is printed around it: a count and a
denominator before or after it, an interval after it, the group it belongs to. A percentage that
is an interval's level, a threshold ("the most common (>= 10%) AEs"), a change ("+15%", "a 30%
decrease"), a range ("25-30%") or a design parameter ("80% power") is not a proportion.
Percentages printed without their own N are marked for a scope (:mod:`.scopes`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..claims.schema import TERMS
from .found import POPULATION, Found, Ledger, group_before, group_label
from .intervals import Interval, match_interval
from .numbers import COUNT, IDENTIFIER_BEFORE, NUM, REL, Printed, printed_number
from .words import FRACTION, WORD, count_value
from .ratios import match_pvalue

__all__ = ["Percent", "find_percents", "find_proportions", "PCT_RE"]

PCT_RE = re.compile(
    rf"(?P<rel>{REL})?(?:(?P<num>{NUM})\s?%|(?P<word>{NUM}|{WORD})\s(?i:percent|per\s?cent)\b)")
# what makes a percentage something else than a proportion
_CI_LEVEL_AFTER = re.compile(r"\s?(?i:CI\b|C\.I\.|confidence|credible|CrI\b|prediction|level)")
_CHANGE_AFTER = re.compile(
    r"\s(?i:decrease|increase|reduction|rise|drop|decline|improvement|change|higher|lower|"
    r"greater|more|less|relative|shrinkage|tumou?r\s+shrinkage|or\s+(?:higher|more|greater|"
    r"above|better)|necrosis|of\s+the\s+tumou?r|power|significance|w/v|v/v)\b")
_DESIGN_BEFORE = re.compile(r"(?i)(?:power|alpha|\u03b1|significance\s+level|type\s+I\s+error|"
                            r"by|[+]|[-](?<!\d-))\s?(?:of\s)?$")
_THRESHOLD_BEFORE = re.compile(
    r"(?i)\b(?:most\s+common|AEs?|adverse\s+events?|events|toxicit(?:y|ies)|TEAEs?|reactions?|"
    r"effects?)\b[^.;%]{0,60}$")
_RANGE_BEFORE = re.compile(rf"(?P<a>{NUM})\s?%?\s?(?:-|to)\s?$")
_COORD_BEFORE = re.compile(
    rf"(?:(?P<a0>{NUM}),\s)?(?P<a>{NUM})(?:\s?%)?,?\s(?i:and|or|vs\.?|versus)\s$")

_POP = POPULATION
_KOFN_BEFORE = re.compile(
    rf"(?P<k>{COUNT})\s(?:(?i:patients?|participants?)\s)?(?i:out\s)?(?i:of)\s(?i:the\s|all\s)?"
    rf"(?P<n>{COUNT})(?:\s[A-Za-z-]+){{0,3}}?\s?[(\[]\s?$")
_KPCT_OFN_AROUND = re.compile(rf"(?P<k>{COUNT})\s?[(\[]\s?$")
_OFN_AFTER = re.compile(
    rf"\s?[)\]]\s(?:(?i:patients?)\s)?(?i:out\s)?(?i:of)\s(?i:the\s|all\s)?(?P<n>{COUNT})"
    rf"(?!\s?(?:%|/|(?i:percent|months?|weeks?|years?|days?|mg|cycles?|times)\b))"
    rf"(?![\w.])")
_NEQ_BEFORE = re.compile(
    rf"(?<![\w])[nN]\s?=\s?(?P<k>{NUM})(?:\s?/\s?(?P<n>{NUM}))?\s?(?:[,;]\s?|[(\[]\s?)$")
_KN_BEFORE = re.compile(rf"(?<![\w/.])(?P<k>{NUM})\s?/\s?(?P<n>{NUM})\s?[(\[]\s?$")
_KN_AFTER = re.compile(
    rf"\s?[(\[]\s?(?P<k>{COUNT})\s?(?:/|(?i:of|out\s+of))\s?(?P<n>{COUNT})"
    rf"(?:\s(?i:evaluable\s)?(?i:patients?|participants?|subjects?|cases|women|men))?"
    rf"\s?(?:[)\]]|(?=[;,]))")
_OF_N_POP_AFTER = re.compile(
    rf"\s(?i:of)\s(?i:the\s|all\s|these\s)?(?P<n>{COUNT})\s(?:[A-Za-z-]+\s){{0,3}}?{_POP}")
_GRADE_BEFORE = re.compile(r"(?i)(?:grade|grades|stage|cycles?|days?|G)\s?$")

# the printed words of the vocabulary (claims.schema.TERMS) that can name a percentage or a
# median, longest first ("objective response rate" before "rate"); ratio words (HR, OR, RR)
# belong to the ratio patterns
_TERMS = re.compile(r"(?i)\b(" + "|".join(sorted(
    (re.escape(word).replace(r"\ ", r"\s+") for word, category in TERMS.items()
     if category in ("rate", "median", "mean")), key=len, reverse=True)) + r")\b")


@dataclass
class Percent:
    """A printed percentage and what is printed around it."""

    pct: Printed
    start: int                      # span of the percentage with its sign
    end: int
    events: Printed | None = None
    n: Printed | None = None
    ci: Interval | None = None
    qstart: int = 0                 # span of the whole phrase (counts, interval)
    qend: int = 0
    group: str | None = None
    gend: int = 0                   # where the group's name ends
    skip: str = ""                  # why this is not a proportion


def _pct_printed(folded: str, m: re.Match) -> Printed:
    name = "num" if m.group("num") else "word"
    return printed_number(folded, *m.span(name), m.group("rel"), m.start())


def _count(folded: str, m: re.Match, name: str, offset: int = 0) -> Printed | None:
    if not m.group(name):
        return None
    a, b = m.span(name)
    v = count_value(m.group(name))
    return None if v is None else Printed(str(v), a + offset, b + offset)


@lru_cache(maxsize=256)
def find_percents(folded: str, start: int, end: int) -> tuple[Percent, ...]:
    """Every percentage printed in ``folded[start:end]``, with its counts, interval and group.

    Examples
    --------
    >>> t = "14 of 24 (58%) in the pazopanib group versus 4 of 18 (22%) in the control group"
    >>> [(p.pct.text, p.events.text, p.n.text, p.group) for p in find_percents(t, 0, len(t))]
    [('58', '14', '24', 'pazopanib group'), ('22', '4', '18', 'control group')]
    """
    out: list[Percent] = []
    for m in PCT_RE.finditer(folded, start, end):
        p = _pct_printed(folded, m)
        item = Percent(p, m.start(), m.end(), qstart=m.start(), qend=m.end())
        before = folded[max(start, m.start() - 80):m.start()]
        after_pos = m.end()
        if _CI_LEVEL_AFTER.match(folded, after_pos):
            continue  # the level of an interval
        if _CHANGE_AFTER.match(folded, after_pos) or _DESIGN_BEFORE.search(before):
            item.skip = "change"
        elif m.group("rel") and _THRESHOLD_BEFORE.search(before):
            item.skip = "threshold"
        range_m = _RANGE_BEFORE.search(before)
        if range_m and not item.skip:
            a = range_m.start("a") + m.start() - len(before)
            low = Printed(range_m.group("a"), a, a + len(range_m.group("a")))
            item.skip = "range"
            out.append(Percent(low, low.start, low.end, qstart=low.start, qend=m.end(),
                               skip="range-low"))
            item.qstart = low.start
        coord = _COORD_BEFORE.search(before)
        if coord and not item.skip and not re.search(r"%\s?,?\s\S+\s$", coord.group()):
            base = m.start() - len(before)
            for name in ("a0", "a"):
                if coord.group(name):
                    a = coord.start(name) + base
                    out.append(Percent(Printed(coord.group(name), a, a + len(coord.group(name))),
                                       a, a + len(coord.group(name)), qstart=a,
                                       qend=a + len(coord.group(name))))
        _read_counts(folded, start, end, m, item, before)
        ci = match_interval(folded, item.qend)
        if ci is not None and ci.end <= end:
            item.ci = ci
            item.qend = ci.end
        if item.n is None:
            of_n = _OF_N_POP_AFTER.match(folded, item.qend, end)
            if of_n:
                item.n = _count(folded, of_n, "n")
                item.qend = of_n.end("n")
        item.group, item.gend = group_label(folded, item.qend, end)
        out.append(item)
    out.sort(key=lambda x: x.start)
    return tuple(out)


def _read_counts(folded, start, end, m, item: Percent, before: str) -> None:
    """Counts printed with the percentage: before it ("k of n (", "n = k, ", "k/n (", "k (")
    or after it ("(k/n)", "(k of n patients)", ") of n")."""
    base = m.start() - len(before)
    for regex in (_KOFN_BEFORE, _NEQ_BEFORE, _KN_BEFORE):
        b = regex.search(before)
        if b is None or (regex is _KN_BEFORE and _GRADE_BEFORE.search(before[:b.start()])):
            continue
        item.events = _count(folded, b, "k", base)
        item.n = _count(folded, b, "n", base)
        item.qstart = b.start() + base
        close = re.match(r"\s?[)\]]", folded[item.qend:end])
        if close:
            item.qend += close.end()
        return
    b = _KPCT_OFN_AROUND.search(before)
    if b is not None and IDENTIFIER_BEFORE.search(before[:b.start()]):
        b = None
    if b is not None:
        item.events = _count(folded, b, "k", base)
        item.qstart = b.start() + base
        of_n = _OFN_AFTER.match(folded, m.end(), end)
        if of_n:
            item.n = _count(folded, of_n, "n")
            item.qend = of_n.end("n")
        else:
            close = re.match(r"\s?[)\]]", folded[m.end():end])
            item.qend = m.end() + (close.end() if close else 0)
        return
    a = _KN_AFTER.match(folded, m.end(), end)
    if a is not None:
        k, n = _count(folded, a, "k"), _count(folded, a, "n")
        if k is not None and n is not None and int(k.text) <= int(n.text):
            item.events, item.n = k, n
            item.qend = a.end()


def _term(folded: str, start: int, pos: int) -> str | None:
    """The word printed for the number, in its own clause ("Median age was 61 years and 62% of
    patients ...": the 62% has none)."""
    floor = max(start, pos - 70)
    cuts = [floor + m.end() for m in re.finditer(r"[,;]|\band\b|\bwhile\b", folded[floor:pos])]
    terms = list(_TERMS.finditer(folded, max([floor] + cuts), pos))
    return " ".join(terms[-1].group(1).split()) if terms else None


def proportion_found(folded: str, sent_start: int, p: Percent) -> Found:
    """A ``proportion`` claim from one percentage and what is printed around it."""
    fields: dict = {}
    numbers: list[tuple[str, Printed]] = []
    if p.events is not None:
        fields["events"] = int(p.events.text)
        numbers.append(("events", p.events))
    if p.n is not None:
        fields["n"] = int(p.n.text)
        numbers.append(("n", p.n))
    fields["percent"] = p.pct.text
    numbers.append(("percent", p.pct))
    _add_interval(fields, numbers, "ci", p.ci)
    found = Found("proportion", p.qstart, p.qend, fields, numbers,
                  term=_term(folded, sent_start, p.qstart), scoped=p.n is None)
    if p.pct.approx:
        found.note = "printed as an approximation"
    return found


def _add_interval(fields, numbers, name: str, ci: Interval | None, level_name: str | None = None):
    if ci is None:
        return
    fields[name] = [ci.low.text, ci.high.text]
    numbers += [(f"{name}[0]", ci.low), (f"{name}[1]", ci.high)]
    if ci.level is not None:
        level_name = level_name or f"{name}_level"
        fields[level_name] = ci.level.text


_VERSUS = re.compile(r"(?i)^[\s,;()]*(?:versus|vs\.?|compared\s+(?:with|to)|against|"
                     r"as\s+against|relative\s+to|than)\b")
_AND = re.compile(r"(?i)^[\s,;()]*(?:and|while|whereas|but)\b")
_DIFFERENCE = re.compile(r"(?i)\b(?:(?:between-group|absolute|risk|rate|treatment)\s+)?difference\b")
_SIGNED = re.compile(rf"(?P<d>[-+]?\s?{NUM})(?P<unit>\s?(?:%|percentage\s+points?|points?))?")


def find_proportions(folded: str, start: int, end: int, items: list[Percent],
                     ledger: Ledger) -> tuple[list[Found], list[Percent]]:
    """Two-arm comparisons and proportions with counts or an interval, from the percentages
    ``items`` of one sentence ``folded[start:end]``; returns them and the percentages left over
    (no count, no interval, no comparison: see :mod:`.lists`).

    Two percentages joined by "versus", "compared with" (or by "and" when each names its own
    group) are one ``two-proportions`` claim, with the sentence's p-value and difference if
    printed.

    Examples
    --------
    >>> t = "Responses: 14 of 24 (58%) in the pazopanib group versus 4 of 18 (22%) in the control group (P = 0.02)."
    >>> found, rest = find_proportions(t, 0, len(t), find_percents(t, 0, len(t)), Ledger())
    >>> [f.kind for f in found], rest
    (['two-proportions'], [])
    """
    items = [p for p in items if not ledger.owned(p.pct)]
    out: list[Found] = []
    used: set[int] = set()
    for i in range(len(items) - 1):
        a, b = items[i], items[i + 1]
        if i in used or a.skip or b.skip:
            continue
        between = folded[max(a.qend, a.gend):b.qstart]
        versus = _VERSUS.match(between) or (
            len(between) < 120 and ";" not in between and re.search(r"(?i)\b(?:versus|vs\.?|compared\s+(?:with|to))\b",
                                            between))
        # "and" joins two arms only when the sentence compares them: a p-value, or both counts
        compared = match_pvalue(folded, b.qend, end) is not None or (a.n and b.n)
        paired = versus or (_AND.match(between) and a.group and b.group and a.group != b.group
                            and compared)
        if not paired or a.pct.approx or b.pct.approx:
            continue
        out.append(_two_proportions(folded, start, end, a, b, ledger))
        used |= {i, i + 1}
    rest = []
    for i, p in enumerate(items):
        if i in used:
            continue
        if p.events is not None or p.n is not None or p.ci is not None:
            if not p.skip:
                out.append(ledger.take_found(proportion_found(folded, start, p), shared=("n",)))
        elif not p.skip or p.skip.startswith("range"):
            rest.append(p)
    return out, rest


def _difference(folded: str, start: int, end: int) -> tuple[Printed, Interval | None] | None:
    """The difference between arms printed after the word "difference": the first number after
    it that an interval follows, else the first printed in percent or percentage points."""
    word = _DIFFERENCE.search(folded, start, end)
    if word is None:
        return None
    fallback = None
    for m in _SIGNED.finditer(folded, word.end(), min(end, word.end() + 120)):
        d = Printed(m.group("d").replace(" ", ""), *m.span("d"))
        ci = match_interval(folded, m.end())
        if ci is not None and ci.end <= end:
            return d, ci
        if fallback is None and m.group("unit"):
            fallback = (d, None)
    return fallback


def _two_proportions(folded, start, end, a: Percent, b: Percent, ledger: Ledger) -> Found:
    fields: dict = {"arms": []}
    numbers: list[tuple[str, Printed]] = []
    labels = [a.group or group_before(folded, start, a.qstart),
              b.group or group_before(folded, a.qend, b.qstart)]
    for i, (p, label) in enumerate(zip((a, b), labels)):
        arm: dict = {"label": label or ("first group" if i == 0 else "second group")}
        if p.events is not None:
            arm["events"] = int(p.events.text)
            numbers.append((f"arms[{i}].events", p.events))
        if p.n is not None:
            arm["n"] = int(p.n.text)
            numbers.append((f"arms[{i}].n", p.n))
        arm["percent"] = p.pct.text
        numbers.append((f"arms[{i}].percent", p.pct))
        if p.ci is not None:
            arm["ci"] = [p.ci.low.text, p.ci.high.text]
            numbers += [(f"arms[{i}].ci[0]", p.ci.low), (f"arms[{i}].ci[1]", p.ci.high)]
        fields["arms"].append(arm)
    qend = b.qend
    pv = match_pvalue(folded, b.qend, end)
    if pv is not None and not ledger.owned(pv.p) and pv.start - b.qend < 60:
        fields["p"] = pv.p.text
        numbers.append(("p", pv.p))
        if pv.test:
            fields["test"] = pv.test
        qend = max(qend, pv.end)
    diff = _difference(folded, start, end)
    if diff is not None:
        d, ci = diff
        fields["difference"] = d.text
        numbers.append(("difference", d))
        qend = max(qend, d.end)
        if ci is not None:
            fields["difference_ci"] = [ci.low.text, ci.high.text]
            numbers += [("difference_ci[0]", ci.low), ("difference_ci[1]", ci.high)]
            if ci.level is not None:
                fields["difference_ci_level"] = ci.level.text
            qend = max(qend, ci.end)
    found = Found("two-proportions", a.qstart, qend, fields, numbers,
                  term=_term(folded, start, a.qstart),
                  scoped=a.n is None or b.n is None)
    return ledger.take_found(found, shared=("n",))


# ---------------------------------------------------------------------------------------------
# Counts without a percentage
# ---------------------------------------------------------------------------------------------

_K_OF_N = re.compile(
    rf"(?P<k>{COUNT})\s(?:(?i:patients?|participants?)\s)?(?i:out\s)?(?i:of)\s"
    rf"(?:(?i:the|all)\s)?(?P<n>{COUNT})(?!\s?(?:%|/|(?i:percent)))"
    rf"(?=\s(?:[A-Za-z-]+\s){{0,3}}?{_POP}|\s?[),;.]|\s(?i:had|have|were|with|in|achieved|showed|"
    rf"experienced|developed|responded|evaluable|assessable))")
_K_SLASH_N = re.compile(rf"[(\[]\s?(?P<k>{NUM})\s?/\s?(?P<n>{NUM})\s?(?=[,;)\]])")
_K_OF_THESE = re.compile(
    rf"(?P<k>{COUNT})\s(?i:of\s(?:these|those|them|whom))(?:\s{_POP})?")
_OUTCOME = (r"(?i:had|has|have|experienced|achieved|showed|developed|died|required|"
            r"discontinued|reported|attained|relapsed|progressed|responded|suffered|"
            r"still\s+showed|underwent)")
_EVENT = re.compile(
    rf"(?<![\w.])(?P<k>{COUNT})\s(?:[A-Za-z-]+\s){{0,2}}?(?i:patients?|cases?|participants?|"
    rf"women|men|children)\s(?:[^.;,()]{{0,40}}?\s)?{_OUTCOME}\b"
    rf"|(?<![\w.])(?P<k2>{COUNT})\s(?i:cases?|episodes?|events?)\s(?i:of)\s"
    rf"|(?<![\w.])(?P<k3>{COUNT})\s(?:(?i:confirmed|objective|durable|complete|partial|major|"
    rf"minor|pathologic(?:al)?|serious|treatment[\s-]related|drug[\s-]related|grade\s?\S+)\s)"
    rf"{{1,3}}(?i:responses?|remissions?|deaths?|AEs?|adverse\s+events?|events?|toxicit(?:y|ies))\b")


# "one-third of patients (14/42)", "14 of 42 (one-third)"
_FRACTION_COUNTS = re.compile(
    rf"(?P<f>{FRACTION})\s(?:of\s)?(?:the\s|all\s)?(?:(?i:patients?|participants?)\s)?[(\[]\s?"
    rf"(?P<k>{COUNT})\s?(?:/|(?i:of))\s?(?P<n>{COUNT})(?:\s(?i:patients?))?\s?[)\]]"
    rf"|(?P<k2>{COUNT})\s?(?:/|(?i:of))\s?(?P<n2>{COUNT})\s?[(\[]\s?(?P<f2>{FRACTION})\s?[)\]]")


def find_fractions(folded: str, start: int, end: int, ledger: Ledger) -> list[Found]:
    """Counts printed with a fraction in words ("one-third of patients (14/42)"): a proportion
    of the counts, the fraction kept in a note (the data model has no field for it).

    Examples
    --------
    >>> t = "Responses were seen in one-third of patients (14/42)."
    >>> f, = find_fractions(t, 0, len(t), Ledger())
    >>> f.fields, f.note
    ({'events': 14, 'n': 42}, "printed as a fraction in words: 'one-third'")
    """
    out = []
    for m in _FRACTION_COUNTS.finditer(folded, start, end):
        k_name, n_name, f_name = ("k", "n", "f") if m.group("k") else ("k2", "n2", "f2")
        k, n = _count(folded, m, k_name), _count(folded, m, n_name)
        if k is None or n is None or int(k.text) > int(n.text) or ledger.owned(k, n):
            continue
        found = Found("proportion", m.start(), m.end(), {"events": int(k.text), "n": int(n.text)},
                      [("events", k), ("n", n)],
                      note=f"printed as a fraction in words: {m.group(f_name)!r}")
        out.append(ledger.take_found(found, shared=("n",)))
    return out


def find_counts(folded: str, start: int, end: int, ledger: Ledger, cohorts) -> list[Found]:
    """Counts printed without a percentage in one sentence: "24 of 27 patients with DD LPS had
    ...", "(17/34, ...)", "three of these patients", "Three patients in the pexidartinib group
    had ...", "one case of grade 3 diarrhea", "with one partial response". Each is a
    ``proportion`` with ``events`` (and ``n`` when printed; otherwise linked to a scope).

    ``cohorts`` are the sentence's cohort Ns (:func:`.scopes.cohort_ns`): a count that is one is
    a denominator, not an event.

    Examples
    --------
    >>> t = "In the 41 evaluable patients, 24 of 27 patients with DD LPS had partial response."
    >>> [(f.fields["events"], f.fields.get("n")) for f in find_counts(t, 0, len(t), Ledger(), [])]
    [(24, 27)]
    """
    out: list[Found] = []
    cohort_starts = {c.number.start for c in cohorts}
    taken: list[tuple[int, int]] = []

    def add(k: Printed, n: Printed | None, qstart: int, qend: int) -> None:
        if ledger.owned(k, n) or any(a < qend and qstart < b for a, b in taken):
            return
        if n is not None and int(k.text) > int(n.text):
            return
        fields: dict = {"events": int(k.text)}
        numbers = [("events", k)]
        if n is not None:
            fields["n"] = int(n.text)
            numbers.append(("n", n))
        taken.append((qstart, qend))
        out.append(ledger.take_found(Found("proportion", qstart, qend, fields, numbers,
                                           scoped=n is None), shared=("n",)))

    for regex in (_K_OF_N, _K_SLASH_N):
        for m in regex.finditer(folded, start, end):
            if regex is _K_SLASH_N and _GRADE_BEFORE.search(folded[max(start, m.start() - 8):m.start()]):
                continue
            k, n = _count(folded, m, "k"), _count(folded, m, "n")
            if k is not None and n is not None:
                add(k, n, m.start("k"), m.end("n"))
    for m in _K_OF_THESE.finditer(folded, start, end):
        k = _count(folded, m, "k")
        if k is not None:
            add(k, None, m.start(), m.end())
    for m in _EVENT.finditer(folded, start, end):
        name = next(g for g in ("k", "k2", "k3") if m.group(g))
        k = _count(folded, m, name)
        if k is None or m.start(name) in cohort_starts or \
                IDENTIFIER_BEFORE.search(folded[max(start, m.start(name) - 16):m.start(name)]) or \
                re.match(r"(?i)\s?(?:of|out\s+of)\s", folded[m.end(name):m.end(name) + 8]):
            continue
        add(k, None, m.start(name), m.end())
    return out


# ---------------------------------------------------------------------------------------------
# Means of counts
# ---------------------------------------------------------------------------------------------

_MEAN = re.compile(
    r"(?i)\b(?P<term>mean|average)\s(?:number\s+of\s+)?(?P<what>[a-z][\w-]*(?:\s[a-z][\w-]*){0,3}?)"
    r"\s(?:was|were|is|of|=|:)\s?(?P<v>\d+\.\d+)(?![\w%]|\.\d|\s?(?:%|cm|mm|kg|mg|g\b|ml|mo|months?|"
    r"weeks?|days?|years?|hours?|m2|points?|units?))")
_NOT_COUNTED = re.compile(r"(?i)\b(?:size|diameter|dose|weight|height|BMI|score|level|"
                          r"concentration|duration|time|volume|age|length|area|ratio|index)\b")


def find_means(folded: str, start: int, end: int, ledger: Ledger) -> list[Found]:
    """Means of whole numbers per patient ("The average cycles of treatment were 3.86"): a
    ``mean`` claim, checked by the GRIM test against the N of its scope. Means printed with a
    unit or of a measurement (size, dose, age, time) are not means of counts and are left out.

    Examples
    --------
    >>> t = "The average cycles of treatment were 3.86."
    >>> [(f.kind, f.fields, f.term) for f in find_means(t, 0, len(t), Ledger())]
    [('mean', {'value': '3.86'}, 'average')]
    """
    out = []
    for m in _MEAN.finditer(folded, start, end):
        value = Printed(m.group("v"), *m.span("v"))
        if ledger.owned(value) or _NOT_COUNTED.search(m.group("what")):
            continue
        out.append(ledger.take_found(Found("mean", m.start(), m.end(), {"value": value.text},
                                           [("value", value)], term=m.group("term").lower(),
                                           scoped=True)))
    return out

"""Breakdowns: counts that should add up to a total.

"A total of 14 patients ... consisting of 4 liposarcoma, 3 undifferentiated sarcoma, ...",
"Among the 14 patients, 5 had partial response (PR), 7 had stable disease (SD), and 2 had
progressive disease (PD)", "9 patients were male and 5 patients were female", "Thirty patients
enrolled in the study (21 with leiomyosarcoma, 9 with LPS)", "randomly assigned to the pazopanib
group (n=42) or the control group (n=39)", "partial response in 5 cases, stable disease in 3
cases, and progression in one case", "myopericytoma (two patients), ... (three patients)", and
a cohort within a cohort ("a trial of 34 patients ..., of the 31 evaluable patients", "Thirty
patients were enrolled in the study and 29 included for analysis").

A list of counts is a breakdown only when its items are printed the same way ("5 had PR, 7 had
SD": the same verb), since differently printed counts often overlap ("12 had previous surgery
and 4 received chemotherapy"). The total is the cohort N printed before the list in the sentence
(or in the sentence before, after "Of these patients"); without one the breakdown is linked to
a scope. ``complete`` (the parts exhaust the total) is set only when the text says so
("consisting of", a parenthetical split, a randomisation) or the categories are exhaustive (male
and female; responses including progression).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .found import Found, Ledger, clean_label
from .numbers import COUNT, IDENTIFIER_BEFORE, NUM, Printed
from .scopes import CohortN, cohort_ns
from .words import count_value

__all__ = ["find_breakdowns", "find_nested_cohorts", "arm_breakdown"]

_FRAME_WORDS = (r"(?:patients?|cases?|participants?|subjects?|women|men|children|had|have|has|"
                r"were|was|achieved|showed|experienced|developed|diagnosed(?:\s+with)?|received|"
                r"receiving|treated\s+with|assigned\s+to|randomi[sz]ed\s+to|allocated\s+to|to|"
                r"presented(?:\s+with)?|a|an|the|of\s+(?:the|these)\s+patients|in\s+the\s+study)")
_LABEL = (r"[A-Za-z][\w'/+-]*(?:\s(?!(?:and|or|while|whereas|but|were|was|had|among|during|after|"
          r"before|at|in\s+the|of\s+the)\b)[A-Za-z][\w'/+.-]*){0,7}?")
_ABBREV = r"(?:\s?\([A-Za-z][\w/ -]{0,15}\))?"
_END = (r"(?=\s?(?:[,;.)\]]|\s(?:and|or|among|in|of|during|after|before|at|were|was|had|who|"
        r"which|that)\s|\s[(\[]|$)|\s\d)")
_COUNT_FIRST = re.compile(
    rf"(?<![\w.])(?P<c>{COUNT})(?:\s?[(\[]\s?(?P<p>{NUM})\s?%\s?[)\]])?"
    rf"(?P<frame>(?:\s{_FRAME_WORDS}){{0,4}})\s(?P<label>{_LABEL}{_ABBREV}){_END}")
_PAREN_ANCHOR = re.compile(
    rf"\s?[(\[]\s?(?:[nN]\s?=\s?)?(?P<c>{COUNT})(?:\s(?i:patients?|cases?))?"
    rf"(?:[,;]\s?(?P<p>{NUM})\s?%)?\s?[)\]]")
_IN_ANCHOR = re.compile(rf"\s(?i:in|for)\s(?P<c>{COUNT})\s(?i:patients?|cases?|participants?)\b")
_BACK_DELIMITER = re.compile(
    r"(?i)(?:[,;:()]|\band\b|\bor\b|\bincluded?\b|\bincluding\b|\bwere\b|\bwas\b|\bto\b|"
    r"\bsuch\s+as\b|\bwith\b|\bhad\b|\bbeing\b|\d)")
_SEPARATOR = re.compile(r"^\s?[,;]?\s?(?:(?:and|or)\s)?(?:the\s)?$", re.IGNORECASE)
_NOT_A_LABEL = re.compile(
    r"(?i)^(?:months?|weeks?|years?|days?|hours?|mg|g|ml|kg|cm|mm|cycles?|times?|hospitals?|"
    r"centers?|centres?|sites?|countries|trials?|studies|doses?|lines?|types?|of|to|and|or|"
    r"percent|%|patients?|cases?|additional|other|more|fewer|prior|previous|per|in|at|on|for|by|"
    r"from|than|times|there|here|this|these|those|it|they|we)\b")
# a count directly followed by one of these is a number of things, not of patients
_THINGS = re.compile(
    r"(?i)(?:trials?|studies|cycles?|doses?|lines?|times|years?|months?|weeks?|days?|hours?|"
    r"sites?|cent(?:er|re)s?|hospitals?|countries|subtypes?|regimens?|groups?|cohorts?|arms?)$")
_COMPLETE_CUE = re.compile(
    r"(?i)\b(?:consisting\s+of|comprising|composed\s+of|divided\s+into|split\s+into|"
    r"randomi[sz]ed|randomly\s+assigned|allocated|assigned\s+to)\b")
_LEAD_TOTAL = re.compile(
    rf"(?<![\w.])(?P<t>{COUNT})\s(?:\([^()]{{0,12}}\)\s)?[^,;.()\d]{{0,90}}?"
    rf"(?i:including|consisting\s+of|comprising|composed\s+of|namely)\s$")
_TOTAL_AFTER = re.compile(rf"\s(?i:among|of|in|out\s+of)\s(?:(?i:the|all|these)\s)?(?P<t>{COUNT})\s")
_FOLLOW_UP = re.compile(r"(?i)^\W*(?:of|among|in)\s+(?:these|those|them|whom)\b")


@dataclass
class _Item:
    count: Printed
    percent: Printed | None
    label: str
    frame: str
    start: int              # where the list item starts (after the comma or conjunction)
    end: int
    label_start: int = -1   # where its label starts (a lead-in may come between)

    def __post_init__(self):
        if self.label_start < 0:
            self.label_start = self.start


def _frame(text: str, label: str = "") -> str:
    """What is printed between an item's count and its label, as a key that items of one list
    share ("5 had PR, 7 had SD"; "2 with CNS disease and 24 without")."""
    words = [w for w in text.lower().split()
             if w not in ("patients", "patient", "cases", "case", "participants", "subjects",
                          "a", "an", "the", "women", "men", "children")]
    if re.match(r"(?i)with(?:out)?\b", label):
        words.append("with")
    return " ".join(words)


def _count_printed(folded: str, m: re.Match, name: str) -> Printed | None:
    value = count_value(m.group(name))
    return None if value is None else Printed(str(value), *m.span(name))


def _label_before(folded: str, floor: int, pos: int) -> tuple[str, int, int]:
    """The label printed before ``pos``, where its list item starts (after the last comma,
    semicolon or conjunction) and where the label starts."""
    before = folded[floor:pos]
    cut = segment = 0
    for m in _BACK_DELIMITER.finditer(before):
        cut = m.end()
        if re.fullmatch(r"(?i)[,;:()]|and|or|including|such\s+as", m.group()):
            segment = m.end()
    label = clean_label(before[cut:])
    while segment < len(before) and before[segment].isspace():
        segment += 1
    at = before.find(label, cut) if label else -1
    return label, floor + segment, floor + (at if at >= 0 else cut)


_COHORT_FRAME = re.compile(r"(?i)\b(?:enrolled|randomi[sz]ed|randomly|assigned|allocated|"
                           r"included|recruited|evaluable|treated)\b")


def _items(folded: str, start: int, end: int, ledger: Ledger) -> list[_Item]:
    items: list[_Item] = []
    pos = start
    while (m := _COUNT_FIRST.search(folded, pos, end)) is not None:
        pos = m.end("c")   # a rejected match must not hide an item that starts inside it
        if _COHORT_FRAME.match(m.group("label")) or re.search(
                r"(?i)\bthe\s$", folded[max(start, m.start() - 8):m.start()]):
            continue   # a cohort ("The 60 patients were randomly assigned"), not a list item
        count = _count_printed(folded, m, "c")
        label = " ".join(m.group("label").split())
        if not re.match(r"(?i)with(?:out)?\b", label):
            label = clean_label(label)
        if count is None or ledger.owned(count) or _NOT_A_LABEL.search(label) or \
                _NOT_A_LABEL.match(m.group("label")) or \
                (not m.group("frame").strip() and _THINGS.search(label)) or \
                IDENTIFIER_BEFORE.search(folded[max(start, m.start() - 12):m.start()]) or \
                re.match(r"(?i)\s?(?:of|out\s+of)\b", folded[m.end("c"):m.end("c") + 7]):
            continue
        percent = Printed(m.group("p"), *m.span("p")) if m.group("p") else None
        items.append(_Item(count, percent, label, _frame(m.group("frame"), label), m.start(),
                           m.end()))
        pos = m.end()
    for regex, frame in ((_PAREN_ANCHOR, "(n)"), (_IN_ANCHOR, "in n")):
        floor = start
        for m in regex.finditer(folded, start, end):
            count = _count_printed(folded, m, "c")
            if count is None or ledger.owned(count) or \
                    any(i.start <= m.start("c") < i.end for i in items):
                continue
            label, at, label_at = _label_before(folded, max(floor, m.start() - 80), m.start())
            if not label or _NOT_A_LABEL.match(label):
                continue
            percent = Printed(m.group("p"), *m.span("p")) if m.groupdict().get("p") else None
            items.append(_Item(count, percent, label, frame, at, m.end(), label_at))
            floor = m.end()
    items.sort(key=lambda i: i.start)
    return items


def _runs(folded: str, items: list[_Item]) -> list[list[_Item]]:
    """Items printed one after the other, the same way, joined by commas or conjunctions; an
    item overlapping the one before is dropped."""
    runs: list[list[_Item]] = []
    for item in sorted(items, key=lambda i: (i.label_start, i.end)):
        last = runs[-1][-1] if runs else None
        if last is not None and item.label_start < last.end:
            continue
        if last is not None and item.start >= last.end and item.frame == last.frame and \
                _SEPARATOR.match(folded[last.end:item.start]):
            runs[-1].append(item)
        else:
            runs.append([item])
    return [r for r in runs if len(r) >= 2]


def _exhaustive(labels: list[str]) -> bool:
    text = " | ".join(labels).lower()
    if re.search(r"\bmale\b", text) and re.search(r"\bfemale\b", text):
        return True
    if re.search(r"\bmen\b", text) and re.search(r"\bwomen\b", text):
        return True
    if re.search(r"progress|\bpd\b", text) and re.search(r"stable|\bsd\b|partial|\bpr\b", text):
        return True
    return bool(re.search(r"\bwith\b", text) and re.search(r"\bwithout\b", text))


def find_breakdowns(folded: str, start: int, end: int, ledger: Ledger,
                    previous: tuple[int, int] | None = None) -> list[Found]:
    """The breakdowns of one sentence ``folded[start:end]``; ``previous`` is the span of the
    sentence before (for "Of these patients, ...").

    Examples
    --------
    >>> t = "Among the 14 patients, 5 had partial response (PR), 7 had stable disease (SD), and 2 had progressive disease (PD)."
    >>> f, = find_breakdowns(t, 0, len(t), Ledger())
    >>> f.fields["total"], [(p["label"], p["count"]) for p in f.fields["parts"]], f.fields["complete"]
    (14, [('partial response (PR)', 5), ('stable disease (SD)', 7), ('progressive disease (PD)', 2)], True)
    """
    out = []
    for run in _runs(folded, _items(folded, start, end, ledger)):
        counts = [int(i.count.text) for i in run]
        total: CohortN | None = None
        opening = run[0].label_start
        paren = folded.rfind("(", start, opening)
        in_paren = paren >= 0 and folded.find(")", paren, opening) < 0
        for c in cohort_ns(folded, start, opening):
            if c.n >= max(counts) and not ledger.owned(c.number) and \
                    not any(i.label_start <= c.number.start < i.end for i in run):
                total = c
        if total is None and previous is not None and _FOLLOW_UP.match(folded[start:opening]):
            before = cohort_ns(folded, *previous)
            total = before[-1] if before and before[-1].n >= max(counts) else None
        lead_total = _LEAD_TOTAL.search(folded, start, opening)
        if total is None and lead_total:
            # "11 (20%) of the patients had other sarcomas including myopericytoma (two patients), ..."
            value = count_value(lead_total.group("t"))
            if value is not None and value >= sum(counts):
                number = Printed(str(value), *lead_total.span("t"))
                total = CohortN(value, lead_total.start("t"), lead_total.end("t"), number)
        if total is None:
            # "5 achieved PR, 7 achieved SD, 2 achieved PD among 14 patients"
            after = _TOTAL_AFTER.match(folded, run[-1].end, end)
            if after:
                total = next(iter(cohort_ns(folded, after.start("t"), after.end())), None)
        labels = [i.label for i in run]
        lead = folded[start:opening]
        complete = bool(_COMPLETE_CUE.search(lead) or (in_paren and total is not None)
                        or _exhaustive(labels))
        fields: dict = {}
        numbers: list[tuple[str, Printed]] = []
        if total is not None:
            fields["total"] = total.n
            numbers.append(("total", total.number))
        fields["parts"] = []
        for j, item in enumerate(run):
            part = {"label": item.label, "count": int(item.count.text)}
            numbers.append((f"parts[{j}].count", item.count))
            if item.percent is not None:
                part["percent"] = item.percent.text
                numbers.append((f"parts[{j}].percent", item.percent))
            fields["parts"].append(part)
        fields["complete"] = complete
        qstart = total.start if total is not None and total.start >= start else opening
        found = Found("breakdown", min(qstart, opening), run[-1].end, fields, numbers,
                      scoped=total is None)
        out.append(ledger.take_found(found, shared=("total",)))
    return out


_QUALIFIER = re.compile(
    r"(?i)\b(?:evaluable|assessable|analy[sz]ed|analysis|included|eligible|remaining|remained|"
    r"still|of\s+(?:which|whom|those|these)|efficacy|safety|available|treated|randomi[sz]ed|"
    r"completed|received)\b")


_NESTED_AFTER = re.compile(
    rf"(?i)(?:\band\s(?P<c1>{COUNT})\s(?P<q1>(?:were\s)?(?:included|evaluable|assessable|"
    rf"analy[sz]ed|eligible|remained|treated)[\w\s+-]{{0,30}}?)"
    rf"|\b(?:of\s+(?:which|whom)|among\s+(?:them|whom))\s(?P<c2>{COUNT})\s"
    rf"(?P<q2>[A-Za-z][\w+-]*[\w\s+-]{{0,30}}?))(?=\s?[,.;(]|$)")


def find_nested_cohorts(folded: str, start: int, end: int, ledger: Ledger,
                        previous: tuple[int, int] | None = None) -> list[Found]:
    """A cohort within a cohort in one sentence: "a trial of 34 patients ..., of the 31
    evaluable patients", "44 patients were enrolled of which 9 had ALK-positive IMT".

    Examples
    --------
    >>> t = "Thirty patients were enrolled in the study and 29 included for analysis."
    >>> f, = find_nested_cohorts(t, 0, len(t), Ledger())
    >>> f.fields
    {'total': 30, 'parts': [{'label': 'included for analysis', 'count': 29}], 'complete': False}
    """
    out = []
    ns = list(cohort_ns(folded, start, end))
    before = cohort_ns(folded, *previous) if previous else ()
    if before and ns and re.fullmatch(r"\W*", folded[start:ns[0].start]):
        # "31 patients had enrolled in the phase II study. Thirty patients were still on study"
        ns = [before[-1]] + ns
    for outer, inner in zip(ns, ns[1:]):
        if not inner.n < outer.n or ledger.owned(inner.number):
            continue
        phrase = folded[inner.start:min(end, inner.end + 40)]
        between = folded[outer.end:inner.start]
        if not (_QUALIFIER.search(phrase) or re.search(r"(?i)\bof\s+(?:which|whom)\s*$", between)
                or re.search(r"(?i)\b(?:of|among|in|for)\s+the\s*$",
                             folded[max(start, inner.start - 12):inner.start])):
            continue
        label = clean_label(re.sub(r"^\W*\S+\s?", "", folded[inner.number.start:inner.end])) or \
            "subgroup"
        fields = {"total": outer.n, "parts": [{"label": label, "count": inner.n}],
                  "complete": False}
        numbers = [("total", outer.number), ("parts[0].count", inner.number)]
        out.append(Found("breakdown", outer.start, inner.end, fields, numbers))
    # "Thirty patients were enrolled in the study and 29 included for analysis", "44 patients
    # were enrolled of which 9 had ALK-positive IMT"
    for m in _NESTED_AFTER.finditer(folded[start:end]):
        k = "1" if m.group("c1") else "2"
        c = count_value(m.group(f"c{k}"))
        outer = next((o for o in reversed(ns) if o.end <= start + m.start()), None)
        if c is None or outer is None or not c < outer.n:
            continue
        number = Printed(str(c), start + m.start(f"c{k}"), start + m.end(f"c{k}"))
        if ledger.owned(number) or any(f.numbers[1][1].start == number.start for f in out):
            continue
        fields = {"total": outer.n, "parts": [{"label": " ".join(m.group(f"q{k}").split()),
                                               "count": c}],
                  "complete": False}
        out.append(Found("breakdown", outer.start, start + m.end(), fields,
                         [("total", outer.number), ("parts[0].count", number)]))
    return out


def arm_breakdown(folded: str, start: int, found: Found) -> Found | None:
    """The arms of a two-arm comparison as a breakdown of the cohort N printed before them in
    the sentence ("Among the 42 patients ..., 14 of 24 (58%) ... versus 4 of 18 (22%)")."""
    arms = found.fields.get("arms", [])
    if len(arms) != 2 or any("n" not in a for a in arms):
        return None
    ns = [c for c in cohort_ns(folded, start, found.start) if c.n > max(a["n"] for a in arms)]
    if not ns:
        return None
    total = ns[-1]
    arm_ns = [p for path, p in found.numbers if path.endswith("].n")]
    numbers = [("total", total.number)] + [(f"parts[{i}].count", p) for i, p in enumerate(arm_ns)]
    fields = {"total": total.n,
              "parts": [{"label": a["label"], "count": a["n"]} for a in arms], "complete": True}
    return Found("breakdown", total.start, found.end, fields, numbers)


_RESPONSE_PART = re.compile(r"(?i)^(?:(?P<cr>complete\s+(?:response|remission)s?|CRs?)|"
                            r"(?P<pr>partial\s+(?:response|remission)s?|PRs?))\b")


_N_EQUALS = re.compile(r"(?<![\w])[nN]\s?=\s?$|(?<![\w])[nN]\s?=\s?\d")


def _count_breakdown(folded: str, start: int, group: list[Found]) -> Found:
    parts, numbers = [], []
    for j, f in enumerate(group):
        part = {"label": f"count {j + 1}", "count": f.fields["events"]}
        numbers.append((f"parts[{j}].count", dict(f.numbers)["events"]))
        if "percent" in f.fields:
            part["percent"] = f.fields["percent"]
            numbers.append((f"parts[{j}].percent", dict(f.numbers)["percent"]))
        label = re.search(r"(?i)(?:had|with|achieved|showed|were)\s+(?:an?\s+)?"
                          r"(?P<l>[A-Za-z][\w-]*(?:\s(?!and\b|or\b)[A-Za-z][\w-]*){0,4})",
                          folded[f.start:f.end])
        if label:
            part["label"] = clean_label(label.group("l"))
        parts.append(part)
    fields: dict = {}
    first = group[0]
    if "n" in first.fields:
        fields["total"] = first.fields["n"]
        numbers.insert(0, ("total", dict(first.numbers)["n"]))
    else:
        before = [c for c in cohort_ns(folded, start, first.start)
                  if c.n >= max(p["count"] for p in parts)]
        if before:
            fields["total"] = before[-1].n
            numbers.insert(0, ("total", before[-1].number))
    fields["parts"] = parts
    fields["complete"] = _exhaustive([p["label"] for p in parts])
    return Found("breakdown", min(f.start for f in group), max(f.end for f in group),
                 fields, numbers, scoped="total" not in fields)


def _count_set(folded: str, start: int, group: list[Found]) -> Found:
    items, numbers = [], []
    floor = start
    for j, f in enumerate(group):
        events = dict(f.numbers)["events"]
        before = folded[floor:events.start]
        label = clean_label(re.sub(r"(?i)[,;(\[]?\s*[nN]\s?=\s?$", "", before)
                            .split("(")[-1].split(",")[-1]) or f"item {j + 1}"
        items.append({"label": label, "percent": f.fields["percent"], "events": f.fields["events"]})
        numbers += [(f"items[{j}].percent", dict(f.numbers)["percent"]),
                    (f"items[{j}].events", events)]
        floor = f.end
    return Found("percent-set", min(f.start for f in group), max(f.end for f in group),
                 {"items": items}, numbers, scoped=True)


def merge_counts(folded: str, start: int, found: list[Found]) -> list[Found]:
    """Join what one sentence prints as separate counts into what it means.

    - Counts with percentages and no N ("18 (58%) had PR, 12 (39%) had SD") become one
      breakdown of the cohort printed before them.
    - Counts of one denominator ("12 of 23 had PR and 7 of 23 had SD") become a breakdown of it.
    - A response rate followed by its complete and partial responses ("67% (95% CI 30-93) had
      response with 1 complete response and 5 partial responses") gets them as its ``events``
      (the breakdown is kept when it also lists other responses).
    """
    out = list(found)
    loose = [f for f in out if f.kind == "proportion" and "events" in f.fields
             and "n" not in f.fields and "percent" in f.fields and "ci" not in f.fields]
    same_n: dict[int, list[Found]] = {}
    for f in out:
        if f.kind == "proportion" and "n" in f.fields and "percent" not in f.fields \
                and isinstance(f.fields.get("events"), int):
            same_n.setdefault(f.fields["n"], []).append(f)
    if len(loose) >= 2 and all(_N_EQUALS.search(folded, max(start, f.start - 1), dict(f.numbers)["events"].start + 1)
                               for f in loose):
        # "neutropenia (grade 3, n = 20 [33%], grade 4, n = 2 [3%])": one group's counts
        out = _without(out, loose) + [_count_set(folded, start, loose)]
        loose = []
    for group in [loose] + list(same_n.values()):
        if len(group) < 2:
            continue
        out = _without(out, group) + [_count_breakdown(folded, start, group)]
    for rate in [f for f in out if f.kind == "proportion" and "percent" in f.fields
                 and "events" not in f.fields]:
        follow = [b for b in out if b.kind == "breakdown" and b.end > rate.end
                  and all(
                      _RESPONSE_PART.match(p["label"]) for p in b.fields["parts"][:2])]
        if not follow:
            continue
        b = follow[0]
        events, numbers = {}, []
        for j, part in enumerate(b.fields["parts"]):
            m = _RESPONSE_PART.match(part["label"])
            if m is None:
                continue
            key = "CR" if m.group("cr") else "PR"
            events[key] = part["count"]
            numbers.append((f"events.{key}", dict(b.numbers)[f"parts[{j}].count"]))
        if not events:
            continue
        rate.fields = {"events": events, **rate.fields}
        rate.numbers = numbers + rate.numbers
        if "total" in b.fields and "n" not in rate.fields:
            rate.fields = {"events": events, "n": b.fields["total"],
                           **{k: v for k, v in rate.fields.items() if k != "events"}}
            rate.numbers.append(("n", dict(b.numbers)["total"]))
            rate.scoped = False
        rate.end = max(rate.end, b.end)
        if len(events) == len(b.fields["parts"]):
            out = _without(out, [b])
    return out


def _without(found: list[Found], drop: list[Found]) -> list[Found]:
    ids = {id(f) for f in drop}
    return [f for f in found if id(f) not in ids]


def subgroup_breakdown(folded: str, start: int, found: list[Found]) -> Found | None:
    """Denominators of several proportions as a breakdown of the cohort that opens the sentence
    ("In the 41 evaluable patients with LPS, 24 of 27 patients with DD LPS ... and 13 of 14
    patients with WD LPS ...": 27 + 14 of 41)."""
    subgroups = [f for f in found if f.kind == "proportion" and "n" in f.fields]
    if len({f.fields["n"] for f in subgroups}) < 2:
        return None
    ns = cohort_ns(folded, start, min(f.start for f in subgroups))
    lead = ns[0] if ns and re.fullmatch(r"(?i)\W*(?:of|among|in|for)\s+(?:the\s+|these\s+|all\s+)?",
                                        folded[start:ns[0].start]) else None
    if lead is None or lead.n <= max(f.fields["n"] for f in subgroups):
        return None
    parts, numbers = [], [("total", lead.number)]
    for j, f in enumerate(subgroups):
        label = re.search(r"(?i)\b(?:with|without|in|of)\s+(?P<l>[A-Za-z][\w+/-]*(?:\s(?!had\b|have\b|was\b|were\b|and\b)[A-Za-z][\w+/-]*){0,3})",
                          folded[f.start:f.end])
        parts.append({"label": clean_label(label.group("l")) if label else f"subgroup {j + 1}",
                      "count": f.fields["n"]})
        numbers.append((f"parts[{j}].count", dict(f.numbers)["n"]))
    return Found("breakdown", lead.start, max(f.end for f in subgroups),
                 {"total": lead.n, "parts": parts, "complete": False}, numbers)

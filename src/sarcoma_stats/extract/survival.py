"""Medians and landmark rates: "median PFS was 8.25 months (95% CI 4.88-11.62)", "12.9 months of
median follow-up", "median treatment duration of 7.9 and 5.7 months, respectively", "3-year EFS
was 52.5% (95% CI 34.8-70.2) ... vs 50.6%", "PFS at 12 weeks was 76%", "At 1 year, 71% of
responses were ongoing", "with 3 month and 6 month PFS rates of 66% and 37%".

A time value is a median when the sentence names an endpoint or prints "median" before it and
the value is not a landmark or a threshold ("at 12 months", "for more than 4 months", "every 2
cycles"). A median printed with a percent sign is kept as printed ("83.7%"): the checks decide.
A percentage after a landmark (a time and an endpoint) is a survival rate, unless counts are
printed with it (then it is a proportion, :mod:`.counts`).
"""

from __future__ import annotations

import re

from .counts import Percent, find_percents
from .found import Found, Ledger
from .intervals import match_interval
from .numbers import COUNT, NUM, REL, UNIT_TIME, Printed, printed_number
from .words import WORD, count_value

__all__ = ["find_medians", "find_landmark_rates", "ENDPOINT"]

ENDPOINT = (
    r"(?i:(?:overall|progression[\s-]free|event[\s-]free|disease[\s-]free|relapse[\s-]free|"
    r"recurrence[\s-]free|metastasis[\s-]free|distant[\s-]metastasis[\s-]free|failure[\s-]free|"
    r"cancer[\s-]specific|disease[\s-]specific|sarcoma[\s-]specific|local[\s-]recurrence[\s-]free)"
    r"\s+survival|survival|local\s+control|freedom\s+from\s+\w+|time\s+to\s+(?:progression|"
    r"response|treatment\s+failure|next\s+treatment)|duration\s+of\s+(?:response|disease\s+control|"
    r"treatment)|(?:treatment\s+)?duration|follow-?up)"
    r"|\b(?:PFS|OS|EFS|DFS|RFS|MFS|DMFS|LRFS|DSS|CSS|FFS|TTP|TTR|TTF|DOR|DoR|LC)\b")
_ENDPOINT_RE = re.compile(ENDPOINT)
_ENDPOINT_NAMES = {"pfs": "progression-free survival", "os": "overall survival",
                   "efs": "event-free survival", "dfs": "disease-free survival",
                   "rfs": "relapse-free survival", "mfs": "metastasis-free survival",
                   "dss": "disease-specific survival", "css": "cancer-specific survival",
                   "ttp": "time to progression", "ttr": "time to response",
                   "dor": "duration of response", "lc": "local control",
                   "followup": "follow-up", "follow-up": "follow-up"}
_UNITS = {"mo": "months", "mos": "months", "month": "months", "months": "months",
          "wk": "weeks", "wks": "weeks", "week": "weeks", "weeks": "weeks", "yr": "years",
          "yrs": "years", "year": "years", "years": "years", "day": "days", "days": "days"}

_VALUE_RE = re.compile(
    rf"(?P<rel>{REL})?(?P<v>{NUM}|{WORD}(?=\s?{UNIT_TIME}))(?:\s?(?P<u>{UNIT_TIME})"
    rf"|(?=\s(?i:with|for|in)\s[^.;]{{0,40}}?(?i:versus|vs\.?|compared\s+(?:with|to))\s(?:{NUM})"
    rf"\s?{UNIT_TIME})|(?=,?\s(?i:and|vs\.?|versus)\s(?:{NUM})\s?{UNIT_TIME}))"
    r"|(?P<nr>(?i:not\s+(?:yet\s+)?reached|not\s+estimable|NR\b))")
# words before a value that make it a landmark, a duration or a threshold, not a median
_NOT_MEDIAN_BEFORE = re.compile(
    r"(?i)(?:\bat|\bafter|\bfor|\bwithin|\bevery|\bby|\bpast|\bbeyond|\bthan|\bover|\bunder|"
    r"\bup\s+to|\buntil|\bthe\s+first|\blast|\bprior|\bduring|\bpast|[<>\u2264\u2265]=?|"
    r"\d\s?(?:-|to))\s?(?:\(|the\s|a\s)?$")
_NOT_MEDIAN_AFTER = re.compile(
    r"(?i)\s?(?:or\s+(?:longer|more|greater|above)|and\s+(?:longer|beyond)|after|before|prior|"
    r"later|earlier|old|of\s+age|apart|post|from\s+(?:diagnosis|surgery|randomi[sz]ation)|"
    r"following|since)\b")
_NOT_A_TIME_SUBJECT = re.compile(
    r"(?i)\b(?:age[ds]?|lines?|cycles?|doses?|number|size|diameter|weight|BMI|score|count|level|"
    r"concentration|interval\s+between|delay|dose|courses?)\b")
_MEDIAN = re.compile(r"(?i)\bmedian\b")
_FOLLOW_UP_AFTER = re.compile(r"(?i)\s(?:of\s)?(?P<median>median\s)?follow-?up\b")


def _endpoint_name(text: str | None) -> str | None:
    if not text:
        return None
    key = " ".join(text.split()).lower()
    return _ENDPOINT_NAMES.get(key.replace("-", "").replace(" ", ""),
                               _ENDPOINT_NAMES.get(key, key.replace(" free", "-free")))


def find_medians(folded: str, start: int, end: int, ledger: Ledger) -> list[Found]:
    """The medians of one sentence ``folded[start:end]``.

    Examples
    --------
    >>> t = "The median PFS was 8.25 months (Fig. 2; 95% CI 4.88-11.62)."
    >>> f, = find_medians(t, 0, len(t), Ledger())
    >>> f.fields
    {'value': '8.25', 'ci': ['4.88', '11.62'], 'unit': 'months', 'endpoint': 'progression-free survival'}
    """
    out: list[Found] = []
    pending: list[Found] = []      # values waiting for a unit printed later ("5.6 ... 11.1 months")
    for m in _VALUE_RE.finditer(folded, start, end):
        vstart = m.start()
        if m.group("v"):
            value = printed_number(folded, *m.span("v"), m.group("rel"), m.start())
        else:
            value = Printed(m.group("nr"), *m.span("nr"))
        if ledger.owned(value):
            continue
        clause_start = _clause_start(folded, start, vstart)
        endpoint = _last(_ENDPOINT_RE, folded, clause_start, vstart) or \
            _last(_ENDPOINT_RE, folded, start, vstart)
        median_before = _last(_MEDIAN, folded, start, vstart)
        follow_up = _FOLLOW_UP_AFTER.match(folded, m.end(), end)
        if follow_up:   # "12.9 months of median follow-up"
            endpoint, median_before = follow_up, follow_up if follow_up.group("median") else None
        if not (median_before or endpoint):
            continue
        if m.group("nr") and not median_before:
            continue
        if not follow_up and (_NOT_MEDIAN_BEFORE.search(folded[max(start, vstart - 12):vstart])
                              or _NOT_MEDIAN_AFTER.match(folded, m.end(), end)):
            continue
        subject_from = median_before.end() if median_before else clause_start
        if _NOT_A_TIME_SUBJECT.search(folded, subject_from, vstart) and not endpoint:
            continue
        if _NOT_A_TIME_SUBJECT.search(folded, subject_from, vstart) and median_before and \
                (endpoint is None or endpoint.start() < median_before.start()):
            continue
        fields: dict = {"value": value.text}
        numbers = [("value", value)]
        qend = m.end()
        ci = match_interval(folded, qend)
        if ci is not None and ci.end <= end:
            fields["ci"] = [ci.low.text, ci.high.text]
            numbers += [("ci[0]", ci.low), ("ci[1]", ci.high)]
            if ci.level is not None and ci.level.text != "95":
                fields["ci_level"] = ci.level.text
            qend = ci.end
        unit = m.group("u")
        if unit:
            fields["unit"] = _UNITS.get(unit.lower().rstrip("."), unit.lower())
        name = "follow-up" if follow_up else _endpoint_name(endpoint.group() if endpoint else None)
        if name:
            fields["endpoint"] = name
        qstart = vstart if out or follow_up else \
            min(x.start() for x in (median_before, endpoint) if x is not None)
        qend = max(qend, follow_up.end()) if follow_up else qend
        found = Found("median", qstart, qend, fields, numbers,
                      term="median" if median_before else None, scoped=True)
        if not median_before:
            found.note = "printed without the word 'median'"
        if not unit and not m.group("nr"):
            pending.append(found)
            out.append(found)
            continue
        for waiting in pending:
            waiting.fields["unit"] = fields["unit"]
            waiting.fields = _ordered(waiting.fields)
        pending = []
        out.append(found)
    for found in out:
        ledger.take_found(found)
    return out


def _ordered(fields: dict) -> dict:
    order = ["value", "ci", "ci_level", "unit", "endpoint"]
    return {k: fields[k] for k in sorted(fields, key=lambda k: order.index(k) if k in order else 9)}


def _last(regex: re.Pattern, folded: str, start: int, end: int):
    last = None
    for m in regex.finditer(folded, start, end):
        last = m
    return last


def _clause_start(folded: str, start: int, pos: int) -> int:
    cut = max(folded.rfind(";", start, pos), folded.rfind(". ", start, pos))
    return start if cut < 0 else cut + 1


# ---------------------------------------------------------------------------------------------
# Landmark rates
# ---------------------------------------------------------------------------------------------



def _time(name: str, unit: str) -> str:
    return rf"(?P<{name}>{COUNT})[\s-](?P<{unit}>(?i:year|month|week|day)s?)"


_TIMES = rf"(?:{_time('t0', 'u0')}(?:,?\s(?i:and|or)\s|,\s))?{_time('t1', 'u1')}"
_HEAD_BEFORE = re.compile(
    rf"(?P<median>(?i:median)\s)?{_TIMES}[\s-](?:(?i:observed|estimated|actuarial|cumulative)\s)?"
    rf"(?P<ep>{ENDPOINT})(?:\s(?i:rates?|probability|probabilities|estimates?))?")
_HEAD_AFTER = re.compile(
    rf"(?P<ep>{ENDPOINT})(?:\s(?i:rates?|probability))?\s(?i:at|after)\s"
    rf"{_time('t1', 'u1')}")
_HEAD_AT = re.compile(rf"(?i:\bat|\bafter)\s{_time('t1', 'u1')}\s?,")
_AT_ENDPOINT_AFTER = re.compile(
    r"(?i)\s(?:of\s+(?:all\s+|the\s+)?(?:patients|responses|responders)\s+)?"
    r"(?:(?:were|was|remained|had)\s+(?:still\s+)?)?(?P<ep>(?:progression|event|disease|relapse|"
    r"recurrence)-free|alive|ongoing|in\s+response)")
_STOP_LANDMARK = re.compile(
    r"(?i)\bmedian\b|\b(?:ORR|DCR|response\s+rate|hazard\s+ratio|HR)\b|;")


def _time_text(folded: str, m: re.Match, name: str, unit: str) -> str:
    value = count_value(m.group(name))
    u = m.group(unit).lower().rstrip("s")
    return f"{value} {u}" + ("" if value == 1 else "s")


def find_landmark_rates(folded: str, start: int, end: int, ledger: Ledger) -> list[Found]:
    """The survival rates at a time point printed in one sentence ``folded[start:end]``.

    Examples
    --------
    >>> t = "The 3-year EFS was 52.5% (95% CI 34.8-70.2) with pazopanib vs 50.6% (95% CI 32-69.2) with placebo."
    >>> [(f.fields["time"], f.fields["percent"], f.fields["ci"]) for f in find_landmark_rates(t, 0, len(t), Ledger())]
    [('3 years', '52.5', ['34.8', '70.2']), ('3 years', '50.6', ['32', '69.2'])]
    """
    heads = []
    for regex in (_HEAD_BEFORE, _HEAD_AFTER):
        for m in regex.finditer(folded, start, end):
            times = [_time_text(folded, m, f"t{i}", f"u{i}") for i in (0, 1)
                     if f"t{i}" in m.re.groupindex and m.group(f"t{i}")]
            ep = _endpoint_name(m.group("ep"))
            median = "median" in m.re.groupindex and m.group("median")
            terms = ["median"] * len(times) if median else \
                [folded[m.start(f"t{i}"):m.end(f"u{i}")] for i in (0, 1)
                 if f"t{i}" in m.re.groupindex and m.group(f"t{i}")]
            heads.append((m.start(), m.end(), times, ep, terms, None))
    for m in _HEAD_AT.finditer(folded, start, end):
        if not any(a <= m.start() < b for a, b, *_ in heads):
            heads.append((m.start(), m.end(), [_time_text(folded, m, "t1", "u1")], None,
                          [f"{m.group('t1')} {m.group('u1')}"], "after"))
    heads.sort()
    out: list[Found] = []
    percents = [p for p in find_percents(folded, start, end)
                if not p.skip and not ledger.owned(p.pct) and p.events is None]
    for i, (hstart, hend, times, ep, terms, mode) in enumerate(heads):
        limit = heads[i + 1][0] if i + 1 < len(heads) else end
        stop = _STOP_LANDMARK.search(folded, hend, limit)
        if stop:
            limit = stop.start()
        mine = [p for p in percents if hend <= p.start < limit]
        if mode == "after":
            mine = [p for p in mine if _AT_ENDPOINT_AFTER.match(folded, p.end)]
        for j, p in enumerate(mine):
            k = j if len(times) == len(mine) else len(times) - 1
            time, term = times[k], terms[k]
            endpoint = ep
            if mode == "after":
                word = _AT_ENDPOINT_AFTER.match(folded, p.end).group("ep").lower()
                endpoint = {"alive": "overall survival", "ongoing": "duration of response",
                            "in response": "duration of response"}.get(
                    word, word.replace("-free", "-free survival"))
            out.append(_rate(folded, p, time, endpoint, term, hstart if j == 0 else p.qstart))
    for found in out:
        ledger.take_found(found, shared=("n",))
    return out


def _rate(folded: str, p: Percent, time: str, endpoint: str | None, term: str | None,
          qstart: int) -> Found:
    fields: dict = {"percent": p.pct.text}
    numbers = [("percent", p.pct)]
    if p.ci is not None:
        fields["ci"] = [p.ci.low.text, p.ci.high.text]
        numbers += [("ci[0]", p.ci.low), ("ci[1]", p.ci.high)]
        if p.ci.level is not None and p.ci.level.text != "95":
            fields["ci_level"] = p.ci.level.text
    fields["time"] = time
    if endpoint:
        fields["endpoint"] = endpoint
    if p.n is not None:
        fields["n"] = int(p.n.text)
        numbers.append(("n", p.n))
    return Found("survival-rate", min(qstart, p.qstart), p.qend, fields, numbers, term=term,
                 scoped=p.n is None)

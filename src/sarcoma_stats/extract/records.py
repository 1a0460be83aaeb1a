"""Text in, claim records out: the pattern modules in order, scopes, ids and quotes.

The modules run sentence by sentence in a fixed order, each taking the printed numbers it
recognises so that no number is reported twice: ratios (with their intervals and p-values),
landmark rates, medians, percentages with counts or intervals and two-arm comparisons, lists of
percentages, breakdowns, counts without a percentage, and p-values printed alone. Tables are read
block by block (:mod:`.tables`). Every record is a plain dict in the format of ``data/claims``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .breakdowns import (arm_breakdown, find_breakdowns, find_nested_cohorts, merge_counts,
                         subgroup_breakdown)
from .counts import find_counts, find_fractions, find_means, find_percents, find_proportions
from .found import Found, Ledger
from .lists import find_percent_sets
from .ratios import PValue, find_ratios, match_pvalue
from .scopes import CohortN, Scopes, cohort_ns, qualified_end
from .survival import find_landmark_rates, find_medians
from .tables import find_tables, is_table, table_text_claims
from ..claims.schema import term_category
from .text import parse_document, sentences

__all__ = ["Extraction", "extract_claims", "source_slug"]

_KIND_SHORT = {"proportion": "prop", "two-proportions": "arms", "hazard-ratio": "ratio",
               "median": "median", "survival-rate": "rate", "percent-set": "set",
               "breakdown": "sum", "p-value": "p", "mean": "mean", "table-count": "tcount",
               "table-percentages": "tpct", "table-total": "ttotal", "table-match": "tmatch"}
_FIELD_ORDER = ("events", "n", "total", "value", "hr", "percent", "ci", "ci_level", "ci_method",
                "unit", "time", "endpoint", "arms", "items", "parts", "complete", "p", "test",
                "comparison", "difference", "difference_ci", "difference_ci_level", "table",
                "where_rows", "count", "cells", "columns", "label_column", "against",
                "match_on", "compare", "population")


@dataclass
class Extraction:
    """The claim records extracted from one text.

    Attributes
    ----------
    source : str
        The source id every record belongs to.
    text : str
        The text the spans refer to.
    claims : list of dict
        Claim records in the format of ``data/claims/*.yaml``, each with ``span: [start, end]``
        (offsets in ``text``) and ``quote`` (``text[start:end]``).
    scopes : list of dict
        The scopes the claims refer to (``id``, ``label``, ``where``, ``ns``).
    tables : list of dict
        Table entries (``id``, ``file``, ``where``, ``quote``, ``columns``).
    table_rows : dict
        Table id -> list of rows (column -> cell text as printed).
    numbers : dict
        Claim id -> list of ``(field path, start, end)``: where each printed number of the claim
        is in ``text`` (for the annotated page).
    """

    source: str
    text: str
    claims: list[dict] = field(default_factory=list)
    scopes: list[dict] = field(default_factory=list)
    tables: list[dict] = field(default_factory=list)
    table_rows: dict[str, list[dict]] = field(default_factory=dict)
    numbers: dict[str, list[tuple[str, int, int]]] = field(default_factory=dict)

    def as_claims_file(self) -> dict:
        """The records as one claims file (``source``, ``tables``, ``scopes``, ``claims``)."""
        out: dict = {"source": self.source}
        if self.tables:
            out["tables"] = self.tables
        if self.scopes:
            out["scopes"] = self.scopes
        out["claims"] = self.claims
        return out

    def __len__(self) -> int:
        return len(self.claims)


def source_slug(name: str) -> str:
    """A source id (lowercase slug) from a file name or title.

    Examples
    --------
    >>> source_slug("Trial Report (2024).TXT")
    'trial-report-2024-txt'
    """
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug or "document"


def _sentence_claims(folded: str, a: int, b: int, ledger: Ledger,
                     previous: tuple[int, int] | None) -> list[Found]:
    found: list[Found] = []
    for r in find_ratios(folded, a, b):
        if ledger.owned(r.value):
            continue
        fields: dict = {"hr": r.value.text}
        numbers = [("hr", r.value)]
        if r.ci is not None:
            fields["ci"] = [r.ci.low.text, r.ci.high.text]
            numbers += [("ci[0]", r.ci.low), ("ci[1]", r.ci.high)]
            if r.ci.level is not None and r.ci.level.text != "95":
                fields["ci_level"] = r.ci.level.text
        if r.p is not None:
            fields["p"] = r.p.p.text
            numbers.append(("p", r.p.p))
        note = None if r.term == "HR" else \
            f"printed as {r.term}: a ratio checked on the log scale like a hazard ratio"
        found.append(ledger.take_found(Found("hazard-ratio", r.start, r.end, fields, numbers,
                                             term=r.term, note=note)))
    found += find_landmark_rates(folded, a, b, ledger)
    found += find_medians(folded, a, b, ledger)
    found += find_means(folded, a, b, ledger)
    found += find_fractions(folded, a, b, ledger)
    compared, bare = find_proportions(folded, a, b, find_percents(folded, a, b), ledger)
    found += compared
    found += find_percent_sets(folded, a, b, bare, ledger)
    for f in compared:
        if f.kind == "two-proportions":
            arms = arm_breakdown(folded, a, f)
            if arms is not None:
                found.append(arms)
    found += find_nested_cohorts(folded, a, b, ledger, previous)
    found += find_breakdowns(folded, a, b, ledger, previous)
    found += find_counts(folded, a, b, ledger, cohort_ns(folded, a, b))
    found = merge_counts(folded, a, found)
    subgroups = subgroup_breakdown(folded, a, found)
    if subgroups is not None:
        found.append(subgroups)
    _sentence_cohort(folded, a, b, previous, found)
    pos = a
    while (p := match_pvalue(folded, pos, b)) is not None:
        pos = p.end
        if not ledger.owned(p.p):
            found.append(ledger.take_found(_p_value(p)))
    return found


_LEAD_COHORT = re.compile(r"(?i)\W*(?:of|among|in|for)\s+(?:the\s+|these\s+|all\s+)?$")
_OF_THESE = re.compile(r"(?i)^\s?(?:[)\]]\s?)?of\s+(?:these|those|them|whom)\b")
_WITHOUT_N = ("proportion", "percent-set", "survival-rate", "median", "mean")


def _sentence_cohort(folded: str, a: int, b: int, previous, found: list[Found]) -> None:
    """Give an N to what a sentence prints without one when the sentence names its cohort:
    "Of the 62 patients in the ES cohort, ... 15% ..." (every such number), "... 19 (59.4%) of
    these patients" (the cohort printed before it)."""
    ns = cohort_ns(folded, a, b)
    lead = ns[0] if ns and _LEAD_COHORT.fullmatch(folded[a:ns[0].start]) else None
    for f in found:
        if f.kind not in _WITHOUT_N or not f.scoped or "n" in f.fields:
            continue
        cohort = None
        numbers = dict(f.numbers)
        anchor = numbers.get("percent") or numbers.get("events")
        if anchor is not None and _OF_THESE.match(folded, anchor.end + (1 if folded[anchor.end:anchor.end + 1] == "%" else 0)):
            before = [c for c in ns if c.end <= anchor.start] or \
                (cohort_ns(folded, *previous) if previous else [])
            cohort = before[-1] if before else None
        elif lead is not None and lead.end <= min(p.start for _, p in f.numbers):
            cohort = lead
        events = f.fields.get("events")
        if cohort is None or (isinstance(events, int) and events > cohort.n):
            continue
        f.fields["n"] = cohort.n
        f.numbers.append(("n", cohort.number))
        f.scoped = False


def _p_value(p: PValue) -> Found:
    fields = {"p": p.p.text}
    if p.test:
        fields["test"] = p.test
    return Found("p-value", p.start, p.end, fields, [("p", p.p)])


def extract_claims(text: str, source: str = "document") -> Extraction:
    """Read the printed numbers of a report's text as claim records.

    Parameters
    ----------
    text : str
        The report as plain text (see :func:`sarcoma_stats.extract.read_document` for Markdown,
        HTML and PDF files).
    source : str
        The source id of every record (a lowercase slug).

    Returns
    -------
    Extraction
        The claim records (plain dicts in the format of ``data/claims/*.yaml``, each with its
        verbatim ``quote`` and ``span``), the scopes they refer to, and the tables the text
        prints.

    Notes
    -----
    Deterministic: regular expressions and parsing code only, no model and no network. The
    patterns are documented per family in :mod:`sarcoma_stats.extract` and in
    ``docs/checking.md``. No pattern nests unbounded quantifiers, so the time is linear in the
    length of the text.

    Examples
    --------
    >>> from sarcoma_stats import extract_claims
    >>> ex = extract_claims("We enrolled 31 patients. Twelve (39%; 95% CI 22-58) responded.",
    ...                     source="demo")
    >>> c = ex.claims[0]
    >>> c["kind"], c["events"], c["percent"], c["ci"], c["scope"]
    ('proportion', 12, '39', ['22', '58'], 'demo-p0')
    >>> ex.scopes[0]["ns"]
    [{'n': 31, 'quote': '31 patients'}]
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", source or ""):
        raise ValueError(f"source must be a lowercase slug (letters, digits, '-'), got {source!r}")
    doc = parse_document(text, is_table=is_table)
    ledger = Ledger()
    out = Extraction(source=source, text=text)
    found: list[tuple[Found, str]] = []
    for block in doc.blocks:
        if block.kind == "paragraph":
            previous = None
            for a, b in sentences(doc.folded, block.start, block.end):
                for f in _sentence_claims(doc.folded, a, b, ledger, previous):
                    f.start, f.end = _clause(doc.folded, f.start, f.end, a, b)
                    found.append((f, block.where))
                previous = (a, b)
    tables = find_tables(doc, source, ledger)
    text_claims = [f for f, _ in found]
    for table in tables:
        out.tables.append(table.entry)
        out.table_rows[table.entry["id"]] = table.rows
        found += [(f, table.entry["where"]) for f in table.claims]
    for f in table_text_claims(doc, tables, text_claims):
        block = doc.block_at(f.start)
        found.append((f, block.where if block else "text"))
    numbers = [(path, p) for f, _ in found for path, p in f.numbers]
    events = {p.start for path, p in numbers if re.search(r"(?:^|\.)events(?:\.\w+)?$", path)}
    cohorts = [CohortN(int(p.text), p.start,
                       qualified_end(doc.folded, _phrase_end(doc.folded, p.end)), p)
               for path, p in numbers if re.search(r"(?:^|\.)(?:n|total|count)$", path)
               and p.text.isdigit() and int(p.text) > 0 and p.start not in events
               and doc.block_at(p.start) is not None
               and doc.block_at(p.start).kind == "paragraph"]
    scopes = Scopes(doc, source, events, cohorts)
    found.sort(key=lambda fw: (fw[0].start, fw[0].end))
    counters: dict[str, int] = {}
    for f, where in found:
        short = _KIND_SHORT[f.kind]
        counters[short] = counters.get(short, 0) + 1
        ident = f"{source}-{short}-{counters[short]}"
        record: dict = {"id": ident, "where": where or "text",
                        "quote": text[f.start:f.end], "kind": f.kind}
        if f.label:
            record["label"] = f.label
        record.update({k: f.fields[k] for k in _FIELD_ORDER if k in f.fields})
        if f.term and term_category(f.term) is not None:
            record["term"] = f.term
        if f.scoped:
            least = _at_least(f.fields)
            scope = scopes.scope_for(f.start, least)
            if scope is not None:
                scope = _group_scope(doc, f, scopes, scope, least)
            if scope is not None:
                record["scope"] = scope
            if f.kind == "mean":
                # the data model needs the N of a mean: taken from its scope when that prints one
                sizes = {n["n"] for s in scopes.records if s["id"] == scope for n in s["ns"]}
                if len(sizes) != 1:
                    counters[short] -= 1
                    continue
                record["n"] = sizes.pop()
        record["span"] = [f.start, f.end]
        if f.note:
            record["note"] = f.note
        out.claims.append(record)
        out.numbers[ident] = [(path, p.start, p.end) for path, p in f.numbers]
    out.scopes = scopes.records
    return out


_NAMED_GROUP = re.compile(
    r"(?i)\b(?:of|in|among|for)\s+(?:all\s+)?(?:the\s+)?(?:patients\s+)?(?:(?:with|in|on|treated\s+"
    r"with|receiving|given)\s+(?:the\s+)?)?(?P<q>[A-Za-z][\w/+-]*(?:\s[A-Za-z][\w/+-]*){0,2}?)\s?"
    r"(?P<noun>group|arm|cohort|population)\b"
    r"|\b(?:of|in|among)\s+(?:all\s+)?(?:the\s+)?patients\s+(?:with|treated\s+with|receiving|given|"
    r"on)\s+(?:the\s+)?(?P<q2>[A-Za-z][\w/+-]*(?:\s[A-Za-z][\w/+-]*){0,1})")
# "the response rate with sarcotinib": narrows the candidates when an N is printed for it
_WITH_GROUP = re.compile(r"(?i)\b(?:with|for|in\s+patients\s+(?:given|receiving|treated\s+with|on))\s+"
                         r"(?:the\s+)?(?P<q>[A-Za-z][\w/+-]*)")
_GENERIC = {"group", "arm", "cohort", "population", "patients", "the", "disease", "with", "and",
            "study", "trial", "analysis", "all", "a", "an", "of", "in", "treated", "receiving",
            "safety", "efficacy", "evaluable", "whole", "overall", "total", "most", "common",
            "frequent", "any", "those", "these", "response", "responses", "treatment", "therapy",
            "progression", "survival", "evaluation", "assessment", "respect", "regard"}


def _last_match(regex, text: str, start: int, end: int):
    last = None
    for last in regex.finditer(text, start, end):
        pass
    return last


def _group_scope(doc, f: Found, scopes: Scopes, scope: str, at_least: int) -> str | None:
    """Narrow a scope to the group the claim names ("20% for the LPS group": the Ns printed
    with "LPS"); no scope when the claim names a group none of whose Ns the text prints ("of
    patients with WD/DD LPS", "in the safety population" beside Ns of other groups)."""
    anchor = min(p.start for _, p in f.numbers)
    after = _NAMED_GROUP.search(doc.folded, anchor, min(f.end, anchor + 80))
    m = after or _last_match(_NAMED_GROUP, doc.folded, f.start, anchor)
    narrow_only = m is None
    if m is None:
        m = _last_match(_WITH_GROUP, doc.folded, max(f.start, anchor - 30), anchor)
    if m is None:
        return scope
    named = m.group("q") or m.group("q2") if not narrow_only else m.group("q")
    keys = [w.strip(".,;:") for w in named.lower().split() if w.strip(".,;:") not in _GENERIC]
    if not keys:
        return scope
    ns = scopes.ns_of(scope)
    def phrase(c: CohortN) -> str:
        # the words printed with the N: after it ("52 receiving anlotinib"), or before an
        # "(n = 42)" ("the pazopanib group (n = 42)")
        before = doc.folded[max(0, c.start - 25):c.start] if doc.folded[c.start] in "nN" else ""
        return (before + doc.folded[c.start:c.end]).lower()

    near = [c for c in ns if c.n >= at_least and any(
        re.search(rf"(?<![\w+-]){re.escape(k)}(?![\w+-])", phrase(c)) for k in keys)]
    if not near:
        return scope if narrow_only else None
    return scopes.subset(scope, near, keys[0]) if len(near) < len(ns) else scope


def _phrase_end(folded: str, pos: int) -> int:
    """The end of the few words after a number ("52 receiving anlotinib"), for a scope quote."""
    m = re.match(r"(?:\s[A-Za-z][\w+/-]*){0,3}", folded[pos:pos + 60])
    return pos + (m.end() if m else 0)


def _at_least(fields: dict) -> int:
    """The smallest N a claim's numbers allow: its events, the sum of its parts (a scope whose
    Ns are all smaller cannot be the claim's cohort)."""
    events = fields.get("events")
    counts = [sum(events.values()) if isinstance(events, dict) else events or 0]
    counts.append(sum(p.get("count", 0) for p in fields.get("parts", [])))
    counts += [a.get("events", 0) for a in fields.get("arms", []) if isinstance(a.get("events"), int)]
    return max(1, *counts)


def _clause(folded: str, a: int, b: int, sa: int, sb: int) -> tuple[int, int]:
    """Widen ``[a, b)`` to its clause within the sentence ``[sa, sb)``: back to the previous
    comma or semicolon, forward to the next comma, semicolon or full stop, outside parentheses.
    A span inside a parenthesis that opens with words ("(hazard ratio [HR] 0.31, ...)") stays
    inside it; one that opens with the number ("neutropenia (n = 5, 35.7%)") takes the words
    before it."""
    depth = 0
    i = a
    while i > sa:
        c = folded[i - 1]
        if c == ")":
            depth += 1
        elif c == "(":
            if depth == 0 and folded[i:a].strip():
                break
            depth = max(0, depth - 1)
        elif c in ",;" and depth == 0:
            break
        i -= 1
    while i < a and folded[i].isspace():
        i += 1
    conjunction = re.match(r"(?i)(?:and|or|but|while|whereas|with)\s+", folded[i:a])
    if conjunction:
        i += conjunction.end()
    opened = folded[i:b].count("(") - folded[i:b].count(")")
    j = b
    while j < sb:
        c = folded[j]
        if c == "(":
            opened += 1
        elif c == ")":
            if opened <= 0:
                break
            opened -= 1
            if opened == 0 and folded[i - 1:i] == "(":
                j += 1
                break
        elif c in ",;" and opened <= 0:
            break
        elif c == "." and opened <= 0 and (j + 1 == sb or folded[j + 1].isspace()):
            j += 1
            break
        j += 1
    if j - i > 320:
        return a, b
    return i, j

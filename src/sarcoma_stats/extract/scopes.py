"""Scopes: the numbers of patients a text prints for its cohorts, as candidates for the
denominator of a percentage printed without its own N.

A *cohort N* is a count of people that defines a group: "87 patients with progressive DTs",
"the fifty patients in the sorafenib group", "Of the 55 patients", "(n=42)", "N = 14", the
denominator of "7 of 35". A count followed by an outcome ("three patients had grade 3
diarrhoea") is an event, not a cohort.

A percentage without its own N is linked to the scope of its paragraph: every cohort N printed
in the paragraph. A paragraph that prints none (an adverse-event paragraph after a results
paragraph) takes the scope of the nearest paragraph before it in the same section that prints
some; failing that, the N of a table caption of its section; failing that, the Ns large enough printed
earlier in the document if there are few of them. A claim that names a group whose size the text never
prints ("of patients with WD/DD LPS") gets no scope. The extractor records the candidates with
their quotes; the checks decide which N fits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .found import POPULATION
from .numbers import COUNT, IDENTIFIER_BEFORE, NUM, Printed
from .text import Document
from .words import count_value

__all__ = ["CohortN", "cohort_ns", "Scopes", "MAX_EARLIER"]

#: A claim whose paragraph and section print no N takes the Ns printed earlier in the document
#: only when there are at most this many distinct ones (one study, not a review of many).
MAX_EARLIER = 3

_ADJ = (r"(?:(?!(?i:in|of|with|had|has|have|and|or|to|for|at|by|a|an|the|was|were|who|that|which|"
        r"from|on|after|before|than)\b)[A-Za-z][\w+/-]*,?\s){0,4}?")
_COHORT_RE = re.compile(
    rf"""(?P<pre>(?i:\b(?:of|among|in|from|for|within|including|enrolled|randomi[sz]ed|included|
                      treated|analy[sz]ed|total\s+of|all|the|these|those|on)\s+(?:the\s+|all\s+)?)?)
    (?P<n>{COUNT})\s(?:(?i:of\s(?:the|these|all)\s))?(?P<adj>{_ADJ})(?P<noun>{POPULATION})""",
    re.VERBOSE)
_N_EQUALS_RE = re.compile(
    rf"(?<![\w])[nN]\s?=\s?(?P<n>{NUM})(?!\s?/|\s?[,;]\s?(?:{NUM})\s?%|\s?[(\[]\s?(?:{NUM})\s?%)")
_DENOMINATOR_RE = re.compile(
    rf"(?:{COUNT})\s(?:(?i:patients?|participants?)\s)?(?i:out\s)?(?i:of)\s(?i:the\s|all\s)?"
    rf"(?P<n>{COUNT})(?!\s?(?:%|percent|/))|(?<![\w/.])(?:{NUM})\s?/\s?(?P<n2>{NUM})(?![\w/])")
_OUTCOME_AFTER = re.compile(
    r"(?i)\s?(?:[\w-]+\s){0,6}?(?:had|has|have|experienced|achieved|showed|developed|died|"
    r"required|discontinued|reported|attained|relapsed|progressed|responded|suffered|"
    r"still\s+showed|achieving|having|with\s+(?:a\s+)?(?:grade|confirmed|objective|partial|"
    r"complete|stable|progressive|serious))\b")
_COHORT_AFTER = re.compile(
    r"(?i)\s?(?:had\s+(?:been\s+)?(?:enrolled|randomi[sz]ed|treated|included|recruited|accrued)|"
    r"with|who|were\s+(?:randomly\s+assigned|enrolled|randomi[sz]ed|treated|included|evaluable|assessable|"
    r"analy[sz]ed|eligible|recruited|accrued)|enrolled|randomi[sz]ed|received|receiving|treated|"
    r"evaluable|assessable|in\s+(?:the|this|each)\s+(?:study|trial|analysis|cohort|group|arm))\b")
_EVENT_PRE = re.compile(r"(?i)\b(?:these|those)\s+$")


@dataclass(frozen=True)
class CohortN:
    """A printed number of people defining a group, with the phrase that prints it."""

    n: int
    start: int
    end: int            # span of the phrase (the quote)
    number: Printed     # span of the number itself


_QUALIFIER = re.compile(
    r"(?:\s?\([^()]{0,20}\))?,?\s(?i:with|without|in\s+the|receiving|treated\s+with|given|on|"
    r"assigned\s+to|randomi[sz]ed\s+to|diagnosed\s+with|in\s+whom|who\s+had)\s[\w/+-]+"
    r"(?:\s(?!(?i:had|have|has|was|were|and|or|who|in|at|of|for|to|is|are)\b)[\w/+-]+){0,3}")


def qualified_end(folded: str, end: int) -> int:
    """The end of a cohort's phrase with the words that name its group ("87 patients with
    progressive, symptomatic", "24 (58%) in the pazopanib group", "52 receiving anlotinib").

    Examples
    --------
    >>> t = "14 of 24 (58%) in the pazopanib group had"
    >>> t[:qualified_end(t, 8)]
    '14 of 24 (58%) in the pazopanib group'
    """
    m = _QUALIFIER.match(folded, end, min(len(folded), end + 80))
    return m.end() if m else end


@lru_cache(maxsize=1024)
def cohort_ns(folded: str, start: int, end: int) -> tuple[CohortN, ...]:
    """Every cohort N printed in ``folded[start:end]``, in text order.

    Examples
    --------
    >>> t = "Of the 62 patients in the cohort, three patients had grade 3 anemia; 7 of 35 (20%) in the placebo group (n = 35)."
    >>> [c.n for c in cohort_ns(t, 0, len(t))]
    [62, 35, 35]
    """
    found: dict[int, CohortN] = {}

    def label_number(pos: int) -> bool:
        return bool(IDENTIFIER_BEFORE.search(folded[max(start, pos - 16):pos]))

    for m in _COHORT_RE.finditer(folded, start, end):
        value = count_value(m.group("n"))
        if value is None or value == 0 or label_number(m.start("n")):
            continue
        pre = m.group("pre").strip().lower()
        if _EVENT_PRE.search(m.group("pre")) or (
                not pre and _OUTCOME_AFTER.match(folded, m.end(), end)
                and not _COHORT_AFTER.match(folded, m.end(), end)):
            continue
        if re.match(r"(?i)out|of\s\d", folded[m.end("n"):m.end("n") + 8].strip()):
            continue
        number = Printed(str(value), *m.span("n"))
        found[m.start("n")] = CohortN(value, m.start("n"), qualified_end(folded, m.end()), number)
    for m in _N_EQUALS_RE.finditer(folded, start, end):
        value = int(m.group("n").replace(",", ""))
        if value:
            found.setdefault(m.start(), CohortN(value, m.start(), qualified_end(folded, m.end()),
                                                Printed(str(value), *m.span("n"))))
    for m in _DENOMINATOR_RE.finditer(folded, start, end):
        name = "n" if m.group("n") else "n2"
        value = count_value(m.group(name))
        if value and not label_number(m.start()):
            found.setdefault(m.start(name), CohortN(value, m.start(), qualified_end(folded, m.end()),
                                                    Printed(str(value), *m.span(name))))
    return tuple(found[k] for k in sorted(found))


class Scopes:
    """The scopes of one document: which cohort Ns a percentage at a given place may be of."""

    def __init__(self, doc: Document, prefix: str, events: set[int] = frozenset(),
                 claimed: list[CohortN] = ()):
        """``events``: offsets of counts that are events, not cohorts; ``claimed``: the
        denominators, totals and parts the extracted claims print (cohorts too, though no
        population noun follows them: "with 52 receiving anlotinib")."""
        self.doc = doc
        self.prefix = prefix
        self._by_block: dict[int, list[CohortN]] = {}
        claimed_in: dict[int, list[CohortN]] = {}
        for c in claimed:
            i = doc.block_index(c.number.start)
            if i is not None:
                claimed_in.setdefault(i, []).append(c)
        self._sections: dict[int, list[int]] = {}
        for i, block in enumerate(doc.blocks):
            if block.kind == "heading":
                continue
            found = {c.number.start: c for c in cohort_ns(doc.folded, block.start, block.end)
                     if c.number.start not in events}
            for c in claimed_in.get(i, ()):
                found.setdefault(c.number.start, c)
            self._by_block[i] = [found[k] for k in sorted(found)]
            if found:
                self._sections.setdefault(block.section_id, []).append(i)
        self._captions: dict[int, list[int]] = {}
        for i, block in enumerate(doc.blocks):
            nxt = doc.blocks[i + 1:i + 3]
            if block.kind == "paragraph" and self._by_block.get(i) and \
                    any(b.kind == "table" for b in nxt):
                self._captions.setdefault(block.section_id, []).append(i)
        self._records: dict[str, dict] = {}
        self._ns: dict[str, list[CohortN]] = {}
        self._first: dict[int, tuple[int, CohortN]] | None = None
        self._values: list[int] = []

    def _record(self, key: str, label: str, where: str, ns: list[CohortN]) -> str:
        ident = f"{self.prefix}-{key}"
        self._ns.setdefault(ident, list(ns))
        if ident not in self._records:
            seen: dict[int, dict] = {}
            for c in ns:
                seen.setdefault(c.n, {"n": c.n, "quote": " ".join(
                    self.doc.text[c.start:c.end].split())})
            self._records[ident] = {"id": ident, "label": label, "where": where,
                                    "ns": list(seen.values())}
        return ident

    def scope_for(self, pos: int, at_least: int = 1) -> str | None:
        """The id of the scope of a number printed at offset ``pos`` whose N must be at least
        ``at_least`` (its count of events, the sum of its parts); None when no cohort fits.

        In order: the paragraph, or the nearest paragraph before it in its section, printing an
        N that large; the caption of a table of the section ("Table 2 (N = 14)"); the Ns that
        large printed anywhere before it, when there are at most :data:`MAX_EARLIER` of them (a
        report of one study, not a review of many).
        """
        index = self.doc.block_index(pos)
        if index is None:
            return None

        def fitting(ns: list[CohortN]) -> list[CohortN]:
            return [c for c in ns if c.n >= at_least]

        block = self.doc.blocks[index]
        for j in range(index, -1, -1):
            candidate = self.doc.blocks[j]
            if candidate.kind == "heading" or candidate.section_id != block.section_id:
                break
            if fitting(self._by_block.get(j, [])):
                return self._record(f"p{j}", f"cohorts printed in {candidate.where}",
                                    candidate.where, self._by_block[j])
        captions = fitting([c for j in self._captions.get(block.section_id, [])
                            for c in self._by_block[j]])
        if captions:
            name = block.section or "the text before the first heading"
            return self._record(f"tab{block.section_id + 1}", f"the Ns of the tables of {name}",
                                name, captions)
        earlier = self._earlier(index, at_least)
        if earlier:
            return self._record(f"b{index}-{at_least}", "cohorts printed earlier in the document",
                                "earlier in the document", earlier)
        return None

    def _earlier(self, index: int, at_least: int) -> list[CohortN]:
        """The Ns of at least ``at_least`` printed before block ``index``, one per value, if
        there are at most :data:`MAX_EARLIER` of them (else none)."""
        if self._first is None:
            self._first = {}
            for j in sorted(self._by_block):
                for c in self._by_block[j]:
                    self._first.setdefault(c.n, (j, c))
            self._values = sorted(self._first, reverse=True)
        found = []
        for n in self._values:
            if n < at_least:
                break
            j, c = self._first[n]
            if j < index:
                found.append(c)
                if len(found) > MAX_EARLIER:
                    return []
        return sorted(found, key=lambda c: c.start)

    def subset(self, ident: str, ns: list[CohortN], name: str) -> str:
        """A scope holding only some Ns of another: those printed for a named group."""
        base = self._records[ident]
        key = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "group"
        return self._record(f"{ident.removeprefix(self.prefix + '-')}-{key}",
                            f"{base['label']}, for {name}", base["where"], ns)

    def ns_of(self, ident: str) -> list[CohortN]:
        """The cohort Ns of a scope this object recorded."""
        return self._ns[ident]

    @property
    def records(self) -> list[dict]:
        """The scopes that claims refer to, in the data format."""
        return list(self._records.values())

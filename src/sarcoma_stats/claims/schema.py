"""The typed records of the data: sources, scopes, tables and one frozen dataclass per claim kind.

Each field is declared once, here, with the type tag the loader validates it by
(:func:`spec`). A field that is not declared for a kind is a load error, so a misspelt field can
never silently turn a claim not-checkable; the checks read attributes, never strings.

Claim kinds are registered by :func:`claim_kind`; :data:`KINDS` maps each kind name to its class
and is the one list of kinds in the package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any, ClassVar, Mapping

from ..printed.number import Printed

__all__ = [
    "CONDITION_OPERATORS",
    "KINDS",
    "TERMS",
    "Arm",
    "Claim",
    "Compare",
    "Item",
    "Part",
    "Repeat",
    "Scope",
    "ScopeN",
    "Source",
    "Table",
    "claim_kind",
    "fields_table",
    "spec",
    "term_category",
]

#: Operators of a table-row condition (``{equals: M}``, ``{in: [PR, SD]}``, ...).
CONDITION_OPERATORS = ("equals", "in", "contains", "not_contains", "startswith")

#: The printed words for what a number is, and the category each names: a ``median`` or a
#: ``mean`` (of a time or another quantity, never a share of patients), a ``rate`` (a share of
#: patients), a ``landmark`` (a Kaplan-Meier rate at a time point; also any "<number>-year /
#: -month / -week" term), a ``ratio`` (HR, OR, RR).
TERMS = MappingProxyType({
    "median": "median", "mean": "mean", "average": "mean",
    "rate": "rate", "proportion": "rate", "percentage": "rate", "percent": "rate",
    "share": "rate", "incidence": "rate", "ORR": "rate", "DCR": "rate", "CBR": "rate",
    "response rate": "rate", "overall response rate": "rate",
    "objective response rate": "rate", "disease control rate": "rate",
    "clinical benefit rate": "rate", "response": "rate", "objective response": "rate",
    "overall response": "rate", "complete response": "rate", "partial response": "rate",
    "complete response rate": "rate", "partial response rate": "rate",
    "stable disease": "rate", "disease control": "rate", "pCR": "rate", "CRR": "rate",
    "prevalence": "rate",
    "OS time": "median", "PFS time": "median", "survival time": "median",
    "landmark": "landmark", "survival rate": "landmark", "PFS rate": "landmark",
    "OS rate": "landmark",
    "HR": "ratio", "hazard ratio": "ratio", "OR": "ratio", "odds ratio": "ratio",
    "RR": "ratio", "risk ratio": "ratio", "relative risk": "ratio",
})
_TERM_KEYS = {key.lower(): category for key, category in TERMS.items()}
_LANDMARK_TERM = re.compile(
    r"^(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|"
    r"eighteen|twenty-four)[- ](?:year|month|week|day)s?(?: [a-z]+){0,3}$", re.IGNORECASE)


def term_category(term: str) -> str | None:
    """The category a printed term names (see :data:`TERMS`), or None if it is not in the
    vocabulary.

    Examples
    --------
    >>> term_category("ORR"), term_category("3-year"), term_category("twelve-week PFS")
    ('rate', 'landmark', 'landmark')
    >>> term_category("typical") is None
    True
    """
    key = " ".join(term.split()).lower()
    if key in _TERM_KEYS:
        return _TERM_KEYS[key]
    return "landmark" if _LANDMARK_TERM.match(key) else None


def spec(tag: Any, *, required: bool = False, doc: str = ""):
    """Declare a record field: its type tag (how the loader validates it), whether the data must
    give it, and a one-line description (shown in ``docs/data-model.md`` and error messages).

    Tags: ``"str"``, ``"slug"``, ``"slugs"``, ``"count"`` (an integer >= 0), ``"size"`` (an
    integer >= 1: a number of patients), ``"events"`` (a count, or a mapping of printed
    component counts), ``"printed"``, ``"percent"``, ``"pvalue"``, ``"signed"`` (printed
    numbers, as strings), ``"ci"``, ``"ci_pct"``, ``"signed_ci"`` (a pair of printed bounds),
    ``"strlist"``, ``"bool"``, ``"span"``, ``"term"``, ``"pairs"``, ``"conditions"``,
    ``"rowconditions"``, or a record class (a list of such records).
    """
    return field(default=None, metadata={"tag": tag, "required": required, "doc": doc})


class Record:
    """Base of every record: strict, read-only access by field name."""

    def get(self, name: str, default: Any = None) -> Any:
        """The value of a field, or ``default`` when the data do not give it.

        Unlike a dictionary's ``get``, a name that is not a field of this record raises
        ``AttributeError``: a misspelt field is an error, never a silent ``None``.
        """
        if name not in self.field_names():
            raise AttributeError(f"{type(self).__name__} has no field {name!r} "
                                 f"(fields: {', '.join(self.field_names())})")
        value = getattr(self, name)
        return default if value is None else value

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    @classmethod
    def data_fields(cls):
        """The fields the data files give (those declared with :func:`spec`)."""
        return [f for f in fields(cls) if "tag" in f.metadata]


# --------------------------------------------------------------------------------------------
# Nested records
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Arm(Record):
    """One arm of a two-arm comparison."""

    label: str = spec("str", required=True, doc="the arm, as the text names it")
    events: Any = spec("events", doc="patients with the outcome")
    n: int = spec("size", doc="patients in the arm")
    percent: Printed = spec("percent", doc="the printed percentage")
    ci: tuple[Printed, Printed] = spec("ci_pct", doc="the printed interval of the percentage")


@dataclass(frozen=True)
class Item(Record):
    """One percentage of a list printed for one group (adverse events, say)."""

    label: str = spec("str", required=True, doc="what the percentage is of")
    percent: Printed = spec("percent", required=True, doc="the printed percentage")
    events: int = spec("count", doc="the printed count, if any")


@dataclass(frozen=True)
class Part(Record):
    """One part of a breakdown that should add up to a total."""

    label: str = spec("str", required=True, doc="the part")
    count: int = spec("count", doc="the printed count")
    percent: Printed = spec("percent", doc="the printed percentage")


@dataclass(frozen=True)
class Compare(Record):
    """A column of one table compared with a column of another (``table-match``)."""

    column: str = spec("str", required=True, doc="column of the table")
    against: str = spec("str", required=True, doc="column of the other table")
    values: Mapping[str, Mapping] = spec("conditions", required=True,
                                         doc="printed value of `column` -> condition on `against`")


@dataclass(frozen=True)
class Repeat(Record):
    """Another place where the document prints the same numbers."""

    where: str = spec("str", required=True, doc="section, table, row")
    quote: str = spec("str", required=True, doc="verbatim text of the repeat")


@dataclass(frozen=True)
class ScopeN(Record):
    """A number of patients the text prints for a cohort, with the words that print it."""

    n: int = spec("size", required=True, doc="the number of patients")
    quote: str = spec("str", required=True, doc="verbatim text that prints it")


# --------------------------------------------------------------------------------------------
# Sources, scopes, tables
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Scope(Record):
    """A study or cohort inside a document, with every N the text prints for it.

    A percentage printed without its own N (a list of adverse-event rates after "the fifty
    patients") is checked against every N of its scope.
    """

    id: str = spec("slug", required=True, doc="unique across the data")
    label: str = spec("str", required=True, doc="the study or cohort")
    where: str = spec("str", doc="section or paragraph")
    ns: tuple[ScopeN, ...] = spec(ScopeN, required=True, doc="every N the text prints for it")
    source: str = ""

    @property
    def sizes(self) -> tuple[int, ...]:
        """The distinct Ns, in the order printed."""
        return tuple(dict.fromkeys(entry.n for entry in self.ns))


@dataclass(frozen=True)
class Source(Record):
    """A source document: where printed numbers come from."""

    id: str = spec("slug", required=True, doc="stable slug")
    title: str = spec("str", required=True, doc="the document's title")
    authors: str = spec("str", doc="authors (or give publisher)")
    publisher: str = spec("str", doc="publisher of a web page (or give authors)")
    year: int = spec("count", doc="year of publication, if printed")
    doi: str = spec("str", doc="DOI (or give url)")
    url: str = spec("str", doc="address (or give doi)")
    seed: str = spec("str", doc="file name of the document's text, if kept")
    note: str = spec("str", doc="anything a reviewer needs to know")
    tags: tuple[str, ...] = spec("slugs", doc="slugs the report selects by")
    scopes: tuple[Scope, ...] = ()


@dataclass(frozen=True)
class Table(Record):
    """A table a source prints: cell text exactly as printed (strings)."""

    id: str = spec("slug", required=True, doc="unique across the data")
    file: str = spec("str", required=True, doc="CSV file name in tables/")
    where: str = spec("str", required=True, doc="Table n")
    quote: str = spec("str", required=True, doc="the caption, verbatim")
    columns: tuple[str, ...] = spec("strlist", required=True, doc="the CSV header, in order")
    tags: tuple[str, ...] = spec("slugs", doc="slugs the report selects by")
    source: str = ""
    rows: tuple[Mapping[str, str], ...] = ()
    #: the physical line of each row in its CSV file (blank lines counted), for messages
    line_numbers: tuple[int, ...] = ()

    def to_frame(self):
        """The rows as a pandas DataFrame of strings."""
        import pandas as pd

        return pd.DataFrame(list(self.rows), columns=list(self.columns))


# --------------------------------------------------------------------------------------------
# Claims
# --------------------------------------------------------------------------------------------

#: kind name -> claim class, in the order the kinds are declared below
KINDS: dict[str, type["Claim"]] = {}

_ELISION = re.compile(r"\s+(?:\.\.\.|…)\s+")


@dataclass(frozen=True)
class Claim(Record):
    """One printed statement to check: the fields every kind shares.

    ``source`` and ``file`` are set by the loader (the claims file names the source once).
    """

    kind: ClassVar[str] = ""

    id: str = spec("slug", required=True, doc="stable slug, unique across the data")
    where: str = spec("str", required=True, doc="section, table, row")
    quote: str = spec("str", required=True,
                      doc='verbatim text; " ... " joins fragments that are not adjacent')
    label: str = spec("str", doc="what the number is, in plain words")
    note: str = spec("str", doc="anything a reviewer needs to know")
    tags: tuple[str, ...] = spec("slugs", doc="slugs the report selects by")
    scope: str = spec("slug", doc="the scope (cohort) whose printed Ns apply")
    term: str = spec("term", doc='the printed word for the number ("median", "ORR", "3-year")')
    assumption: str = spec("str", doc="the reading of the text a cross-check rests on, when "
                                      "the text does not state it")
    repeats: tuple[Repeat, ...] = spec(Repeat, doc="other places printing the same numbers")
    span: tuple[int, int] = spec("span", doc="[start, end] offsets of the quote in the text")
    source: str = ""
    file: str = ""

    @property
    def fragments(self) -> tuple[str, ...]:
        """The verbatim fragments of the quote (split at " ... " elisions), white space
        normalised."""
        text = " ".join(self.quote.split())
        return tuple(part for part in _ELISION.split(text) if part)

    @property
    def fields(self) -> Mapping[str, Any]:
        """The kind-specific values the data give, by name."""
        common = {f.name for f in fields(Claim)}
        return MappingProxyType({f.name: getattr(self, f.name) for f in fields(self)
                                 if f.name not in common and getattr(self, f.name) is not None})


def claim_kind(name: str):
    """Register a claim class under its kind name (a class decorator)."""

    def register(cls):
        cls.kind = name
        KINDS[name] = cls
        return cls

    return register


@claim_kind("proportion")
@dataclass(frozen=True)
class ProportionClaim(Claim):
    """A share of patients: "35.7% (5/14)", "39% (95% CI 22-58)"."""

    events: Any = spec("events", doc="patients with the outcome (or {CR: 7, PR: 34})")
    n: int = spec("size", doc="patients")
    percent: Printed = spec("percent", doc="the printed percentage")
    ci: tuple[Printed, Printed] = spec("ci_pct", doc="the printed interval, in percent")
    ci_level: Printed = spec("percent", doc='confidence level in percent (default "95")')
    ci_method: str = spec("str", doc="the interval method, if printed")


@claim_kind("percent-set")
@dataclass(frozen=True)
class PercentSetClaim(Claim):
    """Percentages printed for one group of patients (adverse events, say)."""

    n: int = spec("size", doc="the N the text states for these percentages, if any")
    items: tuple[Item, ...] = spec(Item, required=True, doc="the percentages")
    population: str = spec("str", doc="the group, in words")


@claim_kind("breakdown")
@dataclass(frozen=True)
class BreakdownClaim(Claim):
    """Parts that should add up to a total (5 PR, 7 SD, 2 PD of 14)."""

    total: int = spec("count", doc="the printed total")
    parts: tuple[Part, ...] = spec(Part, required=True, doc="the parts")
    complete: bool = spec("bool", doc="the parts are meant to exhaust the total (default true)")


@claim_kind("two-proportions")
@dataclass(frozen=True)
class TwoProportionsClaim(Claim):
    """Two arms compared: rates, a p-value, a difference and its interval."""

    arms: tuple[Arm, Arm] = spec(Arm, required=True, doc="exactly two arms")
    p: Printed = spec("pvalue", doc="the printed p-value")
    test: str = spec("str", doc="the test, if printed")
    difference: Printed = spec("signed", doc="the printed difference, percentage points")
    difference_ci: tuple[Printed, Printed] = spec("signed_ci", doc="its printed interval")
    difference_ci_level: Printed = spec("percent", doc='its level in percent (default "95")')
    ci_level: Printed = spec("percent", doc='the level of the arms\' intervals (default "95")')


@claim_kind("hazard-ratio")
@dataclass(frozen=True)
class HazardRatioClaim(Claim):
    """A hazard ratio with its interval and p-value."""

    hr: Printed = spec("printed", required=True, doc="the printed ratio")
    ci: tuple[Printed, Printed] = spec("ci", doc="its printed interval")
    ci_level: Printed = spec("percent", doc='confidence level (default "95")')
    p: Printed = spec("pvalue", doc="the printed p-value")
    endpoint: str = spec("str", doc="the outcome")
    arms: tuple[str, ...] = spec("strlist", doc="the two arms, treatment first")


@claim_kind("median")
@dataclass(frozen=True)
class MedianClaim(Claim):
    """A median (of a time, usually) with its interval."""

    value: Printed = spec("printed", required=True, doc="the printed median")
    ci: tuple[Printed, Printed] = spec("ci", doc="its printed interval")
    ci_level: Printed = spec("percent", doc='confidence level (default "95")')
    unit: str = spec("str", doc="months, weeks, ...")
    endpoint: str = spec("str", doc="the outcome")
    n: int = spec("size", doc="patients, if printed")


@claim_kind("survival-rate")
@dataclass(frozen=True)
class SurvivalRateClaim(Claim):
    """A Kaplan-Meier rate at a time point with its interval."""

    percent: Printed = spec("percent", required=True, doc="the printed rate")
    ci: tuple[Printed, Printed] = spec("ci_pct", doc="its printed interval")
    ci_level: Printed = spec("percent", doc='confidence level (default "95")')
    time: str = spec("str", required=True, doc='the time point ("2 years")')
    endpoint: str = spec("str", doc="the outcome")
    n: int = spec("size", doc="patients, if printed")


@claim_kind("mean")
@dataclass(frozen=True)
class MeanClaim(Claim):
    """A mean of whole numbers per patient (cycles, say)."""

    value: Printed = spec("printed", required=True, doc="the printed mean")
    n: int = spec("size", doc="patients (else the Ns of the claim's scope are tried)")


@claim_kind("p-value")
@dataclass(frozen=True)
class PValueClaim(Claim):
    """A p-value printed without the counts that would check it."""

    p: Printed = spec("pvalue", required=True, doc="the printed p-value")
    test: str = spec("str", doc="the test, if printed")
    comparison: str = spec("str", doc="what was compared")


@claim_kind("table-count")
@dataclass(frozen=True)
class TableCountClaim(Claim):
    """A count the text states that a table's rows must reproduce."""

    table: str = spec("slug", required=True, doc="the table id")
    where_rows: Mapping[str, Mapping] = spec("rowconditions", doc="column -> condition")
    count: int = spec("count", required=True, doc="the count the text states")
    n: int = spec("size", doc="the denominator of its percentage")
    percent: Printed = spec("percent", doc="the printed percentage")


@claim_kind("table-percentages")
@dataclass(frozen=True)
class TablePercentagesClaim(Claim):
    """Every ``count (percent)`` cell of a table against its printed N."""

    table: str = spec("slug", required=True, doc="the table id")
    n: int = spec("size", required=True, doc="the printed N")
    cells: tuple[tuple[str, str], ...] = spec("pairs", required=True,
                                              doc="[count column, percent column] pairs")


@claim_kind("table-total")
@dataclass(frozen=True)
class TableTotalClaim(Claim):
    """A table's per-row totals against N."""

    table: str = spec("slug", required=True, doc="the table id")
    n: int = spec("size", required=True, doc="the printed N")
    columns: tuple[str, ...] = spec("strlist", required=True, doc="count columns to add per row")
    label_column: str = spec("str", required=True, doc="the column naming each row")


@claim_kind("table-match")
@dataclass(frozen=True)
class TableMatchClaim(Claim):
    """Rows of one table against rows of another."""

    table: str = spec("slug", required=True, doc="the table id")
    against: str = spec("slug", required=True, doc="the other table id")
    match_on: tuple[tuple[str, str], ...] = spec("pairs", required=True,
                                                 doc="[column, against column] pairs")
    compare: tuple[Compare, ...] = spec(Compare, required=True, doc="what to compare")


def _tag_name(tag) -> str:
    return f"list of {tag.__name__}" if isinstance(tag, type) else tag


def fields_table():
    """Every field the data format has, from the declarations above: one row per (record,
    field) with its type tag, whether it is required and what it means.

    Returns
    -------
    pandas.DataFrame
        Columns ``record`` (a claim kind, or ``common``, ``arm``, ``item``, ``part``, ...),
        ``field``, ``type``, ``required``, ``meaning``.

    Examples
    --------
    >>> table = fields_table()
    >>> table[table.record == "proportion"].field.tolist()
    ['events', 'n', 'percent', 'ci', 'ci_level', 'ci_method']
    """
    import pandas as pd

    common = {f.name for f in Claim.data_fields()}
    records = [("common", Claim, ())]
    records += [(kind, cls, common) for kind, cls in KINDS.items()]
    records += [(cls.__name__.lower(), cls, ()) for cls in (Arm, Item, Part, Compare, Repeat,
                                                             Scope, ScopeN, Source, Table)]
    rows = [{"record": name, "field": f.name, "type": _tag_name(f.metadata["tag"]),
             "required": f.metadata["required"], "meaning": f.metadata["doc"]}
            for name, cls, skip in records for f in cls.data_fields() if f.name not in skip]
    return pd.DataFrame(rows, columns=["record", "field", "type", "required", "meaning"])

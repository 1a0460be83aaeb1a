"""Load and validate the bundled data: sources, claims and printed tables.

The data files record what source documents printed, with provenance. This module parses them
into typed objects and refuses a broken file whole, naming the file, the claim and the field.
See ``docs/data-model.md`` for the format.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

import yaml

__all__ = [
    "DataError",
    "Printed",
    "Source",
    "Claim",
    "Table",
    "parse_printed",
    "load_sources",
    "load_claims",
    "load_tables",
    "claims_frame",
]


class DataError(ValueError):
    """A data file is malformed; the message names the file, the entry and the field."""


# --------------------------------------------------------------------------------------------
# Printed numbers
# --------------------------------------------------------------------------------------------

_NOT_REACHED = {"nr", "ne", "not reached", "not estimable", "not evaluable"}
_PRINTED_RE = re.compile(
    r"^(?P<rel><=|>=|<|>|≤|≥)?\s*(?P<sign>[-−])?(?P<num>[0-9]*\.?[0-9]+)\s*(?P<unit>%)?$")
_RELATIONS = {"≤": "<=", "≥": ">="}


@dataclass(frozen=True)
class Printed:
    """A number as a document printed it.

    Attributes
    ----------
    text : str
        The printed text, e.g. ``"35.7"``, ``"<0.001"``, ``".040"``, ``"83.7%"``, ``"NR"``.
    value : decimal.Decimal or None
        The number, exactly (``None`` for "not reached" / "not estimable").
    decimals : int
        Digits printed after the decimal point (``"50.0"`` has 1, ``"58"`` has 0).
    relation : str
        ``"="`` for a plain number, else ``"<"``, ``"<="``, ``">"`` or ``">="``.
    unit : str
        ``"%"`` when a percent sign was printed with the number, else ``""``.

    Examples
    --------
    >>> p = parse_printed("<0.001")
    >>> p.relation, p.value, p.decimals
    ('<', Decimal('0.001'), 3)
    >>> float(parse_printed(".040"))
    0.04
    """

    text: str
    value: Decimal | None
    decimals: int
    relation: str = "="
    unit: str = ""

    @property
    def is_number(self) -> bool:
        """True unless the text is "not reached" / "not estimable"."""
        return self.value is not None

    def __float__(self) -> float:
        if self.value is None:
            raise ValueError(f"{self.text!r} is not a number")
        return float(self.value)

    def __str__(self) -> str:
        return self.text


def parse_printed(text: str) -> Printed:
    """Parse a printed number, keeping its precision and any inequality.

    Parameters
    ----------
    text : str
        The number as printed, e.g. ``"58"``, ``"35.7"``, ``"<0.0001"``, ``"NR"``.

    Returns
    -------
    Printed

    Raises
    ------
    ValueError
        If the text is not a printed number.

    Examples
    --------
    >>> parse_printed("50.0").decimals
    1
    >>> parse_printed("NR").is_number
    False
    """
    if not isinstance(text, str):
        raise ValueError(f"a printed number must be a quoted string, got {text!r}")
    stripped = text.strip()
    if stripped.lower() in _NOT_REACHED:
        return Printed(text=stripped, value=None, decimals=0)
    match = _PRINTED_RE.match(stripped)
    if not match:
        raise ValueError(f"{text!r} is not a printed number")
    num = match.group("num")
    value = Decimal(num)  # the pattern admits only decimal numerals
    if match.group("sign"):
        value = -value
    decimals = len(num.split(".")[1]) if "." in num else 0
    rel = match.group("rel") or "="
    return Printed(
        text=stripped,
        value=value,
        decimals=decimals,
        relation=_RELATIONS.get(rel, rel),
        unit=match.group("unit") or "",
    )


# --------------------------------------------------------------------------------------------
# Typed records
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """A source document: where printed numbers come from."""

    id: str
    title: str
    authors: str | None
    publisher: str | None
    year: int | None
    doi: str | None
    url: str | None
    seed: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Claim:
    """One printed statement to check.

    ``fields`` holds the kind-specific values, parsed: printed numbers as :class:`Printed`, counts
    as ``int``, lists and mappings as tuples and read-only mappings.
    """

    id: str
    source: str
    where: str
    quote: str
    kind: str
    fields: Mapping[str, Any] = field(default_factory=dict)
    label: str | None = None
    note: str | None = None
    file: str = ""
    tags: tuple[str, ...] = ()

    def get(self, name: str, default: Any = None) -> Any:
        """The parsed value of a kind-specific field, or ``default`` when absent."""
        return self.fields.get(name, default)


@dataclass(frozen=True)
class Table:
    """A table a source prints: cell text exactly as printed (strings)."""

    id: str
    source: str
    where: str
    quote: str
    columns: tuple[str, ...]
    rows: tuple[Mapping[str, str], ...]
    file: str = ""

    def to_frame(self):
        """The rows as a pandas DataFrame of strings."""
        import pandas as pd

        return pd.DataFrame(list(self.rows), columns=list(self.columns))


# --------------------------------------------------------------------------------------------
# Schema: field name -> type tag.  Tags are interpreted by _Validator.value().
# --------------------------------------------------------------------------------------------

_COMMON = {"id": "slug", "where": "str", "quote": "str", "kind": "str", "label": "str", "note": "str",
           "tags": "slugs"}
_CONDITION_OPS = {"equals": "str", "in": "strlist", "contains": "str", "not_contains": "str",
                  "startswith": "str"}

_ARM = {"label": "str", "events": "events", "n": "count", "percent": "percent", "ci": "ci_pct"}
_ITEM = {"label": "str", "percent": "percent", "events": "count"}
_PART = {"label": "str", "count": "count", "percent": "percent"}
_COMPARE = {"column": "str", "against": "str", "values": "conditions"}

# kind -> (fields, required fields)
_KINDS: dict[str, tuple[dict[str, Any], set[str]]] = {
    "proportion": (
        {"events": "events", "n": "count", "percent": "percent", "ci": "ci_pct",
         "ci_level": "percent", "ci_method": "str"},
        set(),
    ),
    "percent-set": (
        {"n": "count", "items": ("list", _ITEM, {"label", "percent"}), "population": "str"},
        {"items"},
    ),
    "breakdown": (
        {"total": "count", "parts": ("list", _PART, {"label"}), "complete": "bool"},
        {"parts"},
    ),
    "two-proportions": (
        {"arms": ("list", _ARM, {"label"}), "p": "pvalue", "test": "str",
         "difference": "signed", "difference_ci": "signed_ci",
         "difference_ci_level": "percent"},
        {"arms"},
    ),
    "hazard-ratio": (
        {"hr": "printed", "ci": "ci", "ci_level": "percent", "p": "pvalue", "endpoint": "str",
         "arms": "strlist"},
        {"hr"},
    ),
    "median": (
        {"value": "printed", "ci": "ci", "ci_level": "percent", "unit": "str", "endpoint": "str",
         "n": "count"},
        {"value"},
    ),
    "survival-rate": (
        {"percent": "percent", "ci": "ci_pct", "ci_level": "percent", "time": "str",
         "endpoint": "str", "n": "count"},
        {"percent", "time"},
    ),
    "mean": ({"value": "printed", "n": "count"}, {"value", "n"}),
    "p-value": ({"p": "pvalue", "test": "str", "comparison": "str"}, {"p"}),
    "table-count": (
        {"table": "table", "where_rows": "rowconditions", "count": "count", "n": "count",
         "percent": "percent"},
        {"table", "count"},
    ),
    "table-percentages": (
        {"table": "table", "n": "count", "cells": "pairs"},
        {"table", "n", "cells"},
    ),
    "table-total": (
        {"table": "table", "n": "count", "columns": "strlist", "label_column": "str"},
        {"table", "n", "columns", "label_column"},
    ),
    "table-match": (
        {"table": "table", "against": "table", "match_on": "pairs",
         "compare": ("list", _COMPARE, {"column", "against", "values"})},
        {"table", "against", "match_on", "compare"},
    ),
}

KINDS = tuple(sorted(_KINDS))
_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _freeze(value):
    if isinstance(value, dict):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


class _Validator:
    """Parses one file's entries, raising DataError with file / entry / field in the message."""

    def __init__(self, filename: str, entry: str = ""):
        self.filename = filename
        self.entry = entry

    def fail(self, field_name: str, message: str):
        where = f"{self.filename}: {self.entry}" if self.entry else self.filename
        raise DataError(f"{where}: {field_name}: {message}" if field_name else f"{where}: {message}")

    # -- scalar values ---------------------------------------------------------------------
    def value(self, name: str, raw: Any, tag: Any):
        if isinstance(tag, tuple):  # ("list", schema, required)
            _, schema, required = tag
            if not isinstance(raw, list) or not raw:
                self.fail(name, f"must be a non-empty list, got {raw!r}")
            return [self.mapping(f"{name}[{i}]", item, schema, required) for i, item in enumerate(raw)]
        if tag == "str":
            if not isinstance(raw, str) or not raw.strip():
                self.fail(name, f"must be non-empty text, got {raw!r}")
            return raw
        if tag == "slug":
            if not isinstance(raw, str) or not _SLUG_RE.match(raw):
                self.fail(name, f"must be a lowercase slug (letters, digits, '-'), got {raw!r}")
            return raw
        if tag == "table":
            return self.value(name, raw, "slug")
        if tag == "slugs":
            if not isinstance(raw, list) or not raw:
                self.fail(name, f"must be a non-empty list of slugs, got {raw!r}")
            return [self.value(f"{name}[{i}]", v, "slug") for i, v in enumerate(raw)]
        if tag == "bool":
            if not isinstance(raw, bool):
                self.fail(name, f"must be true or false, got {raw!r}")
            return raw
        if tag == "count":
            if isinstance(raw, bool) or not isinstance(raw, int):
                self.fail(name, f"must be a whole number (unquoted), got {raw!r}")
            if raw < 0:
                self.fail(name, f"must not be negative, got {raw}")
            return raw
        if tag == "events":
            if isinstance(raw, dict):
                if not raw:
                    self.fail(name, "must not be an empty mapping")
                return {str(k): self.value(f"{name}.{k}", v, "count") for k, v in raw.items()}
            return self.value(name, raw, "count")
        if tag in ("printed", "percent", "pvalue", "signed"):
            printed = self.printed(name, raw)
            if tag != "signed" and printed.is_number and printed.value < 0:
                self.fail(name, f"must not be negative, got {raw!r}")
            if tag == "percent" and printed.is_number and printed.value > 100:
                self.fail(name, f"a percentage over 100: {raw!r}")
            if tag == "pvalue" and printed.is_number and printed.value > 1:
                self.fail(name, f"a p-value over 1: {raw!r}")
            return printed
        if tag in ("ci", "ci_pct", "signed_ci"):
            if not isinstance(raw, list) or len(raw) != 2:
                self.fail(name, f"must be a list [low, high] of two printed numbers, got {raw!r}")
            bounds = [self.value(f"{name}[{i}]", b, "signed" if tag == "signed_ci" else "printed")
                      for i, b in enumerate(raw)]
            if tag == "ci_pct":
                for i, b in enumerate(bounds):
                    if b.is_number and b.value > 100:
                        self.fail(f"{name}[{i}]", f"a percentage over 100: {raw[i]!r}")
            return bounds
        if tag == "strlist":
            if not isinstance(raw, list) or not raw:
                self.fail(name, f"must be a non-empty list of text, got {raw!r}")
            return [self.value(f"{name}[{i}]", v, "str") for i, v in enumerate(raw)]
        if tag == "pairs":
            if not isinstance(raw, list) or not raw:
                self.fail(name, f"must be a non-empty list of [column, column] pairs, got {raw!r}")
            for i, pair in enumerate(raw):
                if not isinstance(pair, list) or len(pair) != 2:
                    self.fail(f"{name}[{i}]", f"must be a pair [column, column], got {pair!r}")
                for j, col in enumerate(pair):
                    self.value(f"{name}[{i}][{j}]", col, "str")
            return raw
        if tag == "conditions":  # printed value -> condition
            if not isinstance(raw, dict) or not raw:
                self.fail(name, f"must be a mapping of printed value to condition, got {raw!r}")
            return {str(k): self.condition(f"{name}.{k}", v) for k, v in raw.items()}
        if tag == "rowconditions":  # column -> condition
            if not isinstance(raw, dict) or not raw:
                self.fail(name, f"must be a mapping of column to condition, got {raw!r}")
            return {self.value(name, k, "str"): self.condition(f"{name}.{k}", v) for k, v in raw.items()}
        raise AssertionError(f"unknown schema tag {tag!r}")  # pragma: no cover

    def printed(self, name: str, raw: Any) -> Printed:
        try:
            return parse_printed(raw)
        except ValueError as exc:
            self.fail(name, f"{exc}; printed numbers are quoted strings such as \"35.7\" or \"<0.001\"")

    def condition(self, name: str, raw: Any):
        if not isinstance(raw, dict) or len(raw) != 1:
            self.fail(name, f"must be one operator ({', '.join(sorted(_CONDITION_OPS))}) "
                            f"with its argument, got {raw!r}")
        (op, arg), = raw.items()
        if op not in _CONDITION_OPS:
            self.fail(name, f"operator must be one of {', '.join(sorted(_CONDITION_OPS))}; got {op!r}")
        if _CONDITION_OPS[op] == "str":
            arg = str(arg) if isinstance(arg, (int, float)) and not isinstance(arg, bool) else arg
        return {op: self.value(f"{name}.{op}", arg, _CONDITION_OPS[op])}

    def mapping(self, name: str, raw: Any, schema: Mapping[str, Any], required: set[str]):
        prefix = f"{name}." if name else ""
        if not isinstance(raw, dict):
            self.fail(name or "entry", f"must be a mapping, got {raw!r}")
        for key in raw:
            if key not in schema:
                self.fail(f"{prefix}{key}", f"unknown field (allowed: {', '.join(sorted(schema))})")
        for key in sorted(required):
            if key not in raw or raw[key] is None:
                self.fail(f"{prefix}{key}", "missing required field")
        out = {k: self.value(f"{prefix}{k}", v, schema[k]) for k, v in raw.items() if v is not None}
        self.check_events(name, out)
        return out

    def check_events(self, name: str, values: Mapping[str, Any]):
        prefix = f"{name}." if name else ""
        events = values.get("events")
        n = values.get("n")
        if isinstance(events, dict):
            events = sum(events.values())
        if events is not None and n is not None and events > n:
            self.fail(f"{prefix}events", f"events {events} exceeds n {n}")


# --------------------------------------------------------------------------------------------
# Reading files
# --------------------------------------------------------------------------------------------

_SOURCE_FIELDS = {"id": "slug", "title": "str", "authors": "str", "publisher": "str",
                  "year": "count", "doi": "str", "url": "str", "seed": "str", "note": "str"}


def _data_root():
    """The bundled ``data/``: inside the installed package (a wheel carries it there), or, in an
    editable install of a source checkout, the checkout's top-level ``data/``."""
    installed = resources.files("sarcoma_stats").joinpath("data")
    if installed.is_dir():
        return installed
    checkout = Path(__file__).resolve().parents[2] / "data"
    if (checkout / "sources.yaml").is_file():
        return checkout
    raise DataError(f"the bundled data are missing: neither {installed} nor {checkout} exists "
                    f"(a broken installation; reinstall sarcoma-stats)")


def _read_yaml(path, display: str):
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DataError(f"{display}: malformed YAML: {exc}") from None
    if not isinstance(loaded, dict):
        raise DataError(f"{display}: must be a YAML mapping at the top level")
    return loaded


def _parse_sources(raw: Any, display: str) -> dict[str, Source]:
    v = _Validator(display)
    if set(raw) != {"sources"} or not isinstance(raw["sources"], list):
        v.fail("sources", "the file must hold exactly one key, 'sources', a list of source entries")
    sources: dict[str, Source] = {}
    for i, entry in enumerate(raw["sources"]):
        ident = entry.get("id") if isinstance(entry, dict) else None
        v.entry = f"source {ident!r}" if isinstance(ident, str) else f"sources[{i}]"
        values = v.mapping("", entry, _SOURCE_FIELDS, {"id", "title"})
        if "authors" not in values and "publisher" not in values:
            v.fail("authors", "a source needs 'authors' or 'publisher'")
        if "doi" not in values and "url" not in values:
            v.fail("doi", "a source needs a 'doi' or a 'url'")
        if values["id"] in sources:
            v.fail("id", f"duplicate source id {values['id']!r}")
        sources[values["id"]] = Source(**{k: values.get(k) for k in _SOURCE_FIELDS})
    return sources


def _parse_table_csv(text: str, display: str, columns: tuple[str, ...]):
    reader = csv.DictReader(io.StringIO(text))
    header = tuple(reader.fieldnames or ())
    missing = [c for c in columns if c not in header]
    if missing:
        raise DataError(f"{display}: columns: missing declared column(s) {', '.join(missing)}")
    extra = [c for c in header if c not in columns]
    if extra:
        raise DataError(f"{display}: columns: undeclared column(s) {', '.join(extra)}")
    rows = []
    for line, row in enumerate(reader, start=2):
        if None in row or any(v is None for v in row.values()):
            raise DataError(f"{display}: line {line}: wrong number of cells")
        rows.append(MappingProxyType({c: row[c].strip() for c in columns}))
    if not rows:
        raise DataError(f"{display}: the table has no rows")
    return tuple(rows)


def _table_columns_used(claim_fields: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """(field path, table id, column) for every column a table claim names."""
    used = []
    table = claim_fields.get("table")
    for col in claim_fields.get("where_rows", {}):
        used.append(("where_rows", table, col))
    for i, pair in enumerate(claim_fields.get("cells", ())):
        used.extend((f"cells[{i}]", table, c) for c in pair)
    for col in claim_fields.get("columns", ()):
        used.append(("columns", table, col))
    if "label_column" in claim_fields:
        used.append(("label_column", table, claim_fields["label_column"]))
    against = claim_fields.get("against")
    for i, (a, b) in enumerate(claim_fields.get("match_on", ())):
        used += [(f"match_on[{i}]", table, a), (f"match_on[{i}]", against, b)]
    for i, comp in enumerate(claim_fields.get("compare", ())):
        used += [(f"compare[{i}].column", table, comp["column"]),
                 (f"compare[{i}].against", against, comp["against"])]
    return used


@dataclass(frozen=True)
class _Bundle:
    sources: Mapping[str, Source]
    claims: tuple[Claim, ...]
    tables: Mapping[str, Table]


def _load(root) -> _Bundle:
    """Read and validate every file under ``root``; raise DataError on the first problem."""
    sources = _parse_sources(_read_yaml(root / "sources.yaml", "data/sources.yaml"),
                             "data/sources.yaml")
    claims: list[Claim] = []
    tables: dict[str, Table] = {}
    seen: dict[str, str] = {}
    claims_dir = root / "claims"
    files = sorted((p for p in claims_dir.iterdir() if p.name.endswith((".yaml", ".yml"))),
                   key=lambda p: p.name) if claims_dir.is_dir() else []
    pending_table_checks = []
    for path in files:
        display = f"data/claims/{path.name}"
        raw = _read_yaml(path, display)
        v = _Validator(display)
        for key in raw:
            if key not in ("source", "tables", "claims"):
                v.fail(key, "unknown top-level key (allowed: claims, source, tables)")
        source = raw.get("source")
        if source not in sources:
            v.fail("source", f"unknown source id {source!r} (not in data/sources.yaml)")
        for i, traw in enumerate(raw.get("tables") or []):
            tid = traw.get("id") if isinstance(traw, dict) else None
            v.entry = f"table {tid!r}" if isinstance(tid, str) else f"tables[{i}]"
            t = v.mapping("", traw, {"id": "slug", "file": "str", "where": "str", "quote": "str",
                                     "columns": "strlist"},
                          {"id", "file", "where", "quote", "columns"})
            if t["id"] in seen or t["id"] in tables:
                v.fail("id", f"duplicate id {t['id']!r}")
            tpath = root / "tables" / t["file"]
            tdisplay = f"data/tables/{t['file']}"
            if not tpath.is_file():
                v.fail("file", f"table file {tdisplay} not found")
            rows = _parse_table_csv(tpath.read_text(encoding="utf-8"), tdisplay,
                                    tuple(t["columns"]))
            tables[t["id"]] = Table(id=t["id"], source=source, where=t["where"],
                                    quote=t["quote"], columns=tuple(t["columns"]), rows=rows,
                                    file=tdisplay)
        entries = raw.get("claims")
        if not isinstance(entries, list):
            v.entry = ""
            v.fail("claims", "must be a list of claims")
        for i, craw in enumerate(entries):
            cid = craw.get("id") if isinstance(craw, dict) else None
            v.entry = f"claim {cid!r}" if isinstance(cid, str) else f"claims[{i}]"
            if not isinstance(craw, dict):
                v.fail("", f"must be a mapping, got {craw!r}")
            kind = craw.get("kind")
            if kind not in _KINDS:
                v.fail("kind", f"must be one of {', '.join(KINDS)}; got {kind!r}")
            schema, required = _KINDS[kind]
            values = v.mapping("", craw, {**_COMMON, **schema},
                               {"id", "where", "quote", "kind"} | required)
            if values["id"] in seen or values["id"] in tables:
                v.fail("id", f"duplicate id {values['id']!r} (also in {seen.get(values['id'], 'tables')})")
            seen[values["id"]] = display
            _check_kind(v, kind, values)
            specific = {k: val for k, val in values.items() if k not in _COMMON}
            if kind.startswith("table-"):
                pending_table_checks.append((display, values["id"], specific))
            claims.append(Claim(id=values["id"], source=source, where=values["where"],
                                quote=values["quote"], kind=kind, fields=_freeze(specific),
                                label=values.get("label"), note=values.get("note"),
                                file=display, tags=tuple(values.get("tags", ()))))
    for display, cid, specific in pending_table_checks:
        v = _Validator(display, f"claim {cid!r}")
        for fname, tid, col in _table_columns_used(specific):
            if tid not in tables:
                v.fail("table", f"unknown table {tid!r}")
            if col not in tables[tid].columns:
                v.fail(fname, f"table {tid!r} has no column {col!r}")
    return _Bundle(sources=MappingProxyType(sources), claims=tuple(claims),
                   tables=MappingProxyType(tables))


def _check_kind(v: _Validator, kind: str, values: Mapping[str, Any]):
    """Cross-field rules that the per-field schema cannot express."""
    if kind == "proportion" and not {"percent", "ci", "events"} & set(values):
        v.fail("percent", "a proportion needs at least one of percent, ci, events")
    if kind == "two-proportions" and len(values["arms"]) != 2:
        v.fail("arms", f"must list exactly two arms, got {len(values['arms'])}")
    if kind == "breakdown" and "total" in values:
        for i, part in enumerate(values["parts"]):
            if part.get("count", 0) > values["total"]:
                v.fail(f"parts[{i}].count", f"count {part['count']} exceeds total {values['total']}")
    for name in ("ci", "difference_ci"):
        bounds = values.get(name)
        if bounds is not None and not any(b.is_number for b in bounds):
            v.fail(name, "an interval needs at least one numeric bound")


@lru_cache(maxsize=1)
def _bundle() -> _Bundle:
    return _load(_data_root())


def load_sources() -> Mapping[str, Source]:
    """The bundled sources, validated, keyed by source id.

    Returns
    -------
    Mapping[str, Source]

    Raises
    ------
    DataError
        If any bundled data file is malformed (nothing is half-loaded).

    Examples
    --------
    >>> from sarcoma_stats import load_sources
    >>> sources = load_sources()
    >>> all(s.title for s in sources.values())
    True
    """
    return _bundle().sources


def load_claims(source: str | None = None) -> tuple[Claim, ...]:
    """The bundled claims, validated, in file order.

    Parameters
    ----------
    source : str, optional
        Only the claims of this source id.

    Returns
    -------
    tuple of Claim

    Raises
    ------
    DataError
        If any bundled data file is malformed.
    ValueError
        If ``source`` is not a known source id.

    Examples
    --------
    >>> from sarcoma_stats import load_claims
    >>> claims = load_claims()
    >>> len({c.id for c in claims}) == len(claims)
    True
    """
    bundle = _bundle()
    if source is None:
        return bundle.claims
    if source not in bundle.sources:
        raise ValueError(f"source must be one of {', '.join(sorted(bundle.sources))}; got {source!r}")
    return tuple(c for c in bundle.claims if c.source == source)


def load_tables() -> Mapping[str, Table]:
    """The bundled printed tables, validated, keyed by table id.

    Examples
    --------
    >>> from sarcoma_stats import load_tables
    >>> tables = load_tables()
    >>> all(len(t.rows) > 0 for t in tables.values())
    True
    """
    return _bundle().tables


def claims_frame(source: str | None = None):
    """The claims as a pandas DataFrame: one row per claim (id, source, kind, where, quote, label).

    Examples
    --------
    >>> from sarcoma_stats import claims_frame
    >>> list(claims_frame().columns)[:4]
    ['id', 'source', 'kind', 'where']
    """
    import pandas as pd

    rows = [{"id": c.id, "source": c.source, "kind": c.kind, "where": c.where, "quote": c.quote,
             "label": c.label} for c in load_claims(source)]
    return pd.DataFrame(rows, columns=["id", "source", "kind", "where", "quote", "label"])

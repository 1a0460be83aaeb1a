"""Load and validate a data folder (or in-memory records): sources, scopes, tables and claims.

A data folder holds ``sources.yaml``, ``claims/*.yaml`` and ``tables/*.csv`` (format:
``docs/data-model.md``). Everything is validated before anything is returned: a broken file is
refused whole with a :class:`DataError` naming the file, the entry and the field, with every value
shown cut to a bounded length. What is refused is listed in ``docs/data-model.md``.
"""

from __future__ import annotations

import csv
import io
import re
import reprlib
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping, NamedTuple, Sequence

from ..printed.number import Printed, parse_printed
from .schema import (CONDITION_OPERATORS, KINDS, Claim, Record, Scope, Source, Table,
                     term_category)
from .strict_yaml import YamlError, read_yaml

__all__ = [
    "MAX_COUNT",
    "DataError",
    "Dataset",
    "claims_frame",
    "dataset_from_records",
    "load_claims",
    "load_dataset",
    "load_sources",
    "load_tables",
]

#: The largest count or number of patients accepted (larger than any trial).
MAX_COUNT = 1_000_000
_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TABLE_FILE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\.csv$")
_FILE_KEYS = ("source", "tables", "scopes", "claims")
_SHOW = reprlib.Repr()
_SHOW.maxstring = _SHOW.maxother = 60
_SHOW.maxlist = _SHOW.maxtuple = _SHOW.maxdict = 4
_SHOW.maxlevel = 2


class DataError(ValueError):
    """A data file is malformed; the message names the file, the entry and the field."""


class Dataset(NamedTuple):
    """Everything a data folder holds, validated.

    Attributes
    ----------
    sources : Mapping[str, Source]
        By source id; each source carries its scopes.
    claims : tuple of Claim
        In file order (files sorted by name).
    tables : Mapping[str, Table]
        By table id.
    """

    sources: Mapping[str, Source]
    claims: tuple[Claim, ...]
    tables: Mapping[str, Table]


def _show(value: Any) -> str:
    """A bounded repr of a raw value for an error message (fast on any structure)."""
    return _SHOW.repr(value)


def _squash(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------------------------
# Field validation, driven by the schema
# --------------------------------------------------------------------------------------------

class _Validator:
    """Validates raw values against schema tags; every failure names file, entry and field."""

    def __init__(self, display: str, entry: str = ""):
        self.display = display
        self.entry = entry

    def fail(self, field: str, message: str):
        parts = [self.display, self.entry, field]
        raise DataError(": ".join(p for p in parts if p) + f": {message}")

    def record(self, cls: type[Record], raw: Any, name: str = "", **extra) -> Record:
        """Build a record of ``cls`` from a raw mapping: unknown, missing and ill-typed fields
        are refused."""
        prefix = f"{name}." if name else ""
        if not isinstance(raw, dict):
            self.fail(name or "entry", f"must be a mapping of fields, got {_show(raw)}")
        declared = {f.name: f for f in cls.data_fields()}
        for key in raw:
            if key not in declared:
                shown = key if isinstance(key, str) else _show(key)
                self.fail(f"{prefix}{shown}",
                          f"unknown field (allowed: {', '.join(sorted(declared))})")
        values = {}
        for fname, f in declared.items():
            raw_value = raw.get(fname)
            if raw_value is None:
                if f.metadata["required"]:
                    self.fail(f"{prefix}{fname}", "missing required field")
                continue
            values[fname] = self.value(f"{prefix}{fname}", raw_value, f.metadata["tag"])
        return cls(**values, **extra)

    def value(self, name: str, raw: Any, tag: Any):
        if isinstance(tag, type):  # a list of nested records
            if not isinstance(raw, list) or not raw:
                self.fail(name, f"must be a non-empty list, got {_show(raw)}")
            return tuple(self.record(tag, item, f"{name}[{i}]") for i, item in enumerate(raw))
        method = getattr(self, f"_tag_{tag}")
        return method(name, raw)

    # -- scalars ---------------------------------------------------------------------------
    def _tag_str(self, name, raw):
        if not isinstance(raw, str) or not raw.strip():
            self.fail(name, f"must be non-empty text, got {_show(raw)}")
        return raw

    def _tag_slug(self, name, raw):
        if not isinstance(raw, str) or not _SLUG_RE.match(raw) or len(raw) > 100:
            self.fail(name, f"must be a lowercase slug (letters, digits, '-'), got {_show(raw)}")
        return raw

    def _tag_slugs(self, name, raw):
        if not isinstance(raw, list) or not raw:
            self.fail(name, f"must be a non-empty list of slugs, got {_show(raw)}")
        return tuple(self._tag_slug(f"{name}[{i}]", v) for i, v in enumerate(raw))

    def _tag_strlist(self, name, raw):
        if not isinstance(raw, list) or not raw:
            self.fail(name, f"must be a non-empty list of text, got {_show(raw)}")
        return tuple(self._tag_str(f"{name}[{i}]", v) for i, v in enumerate(raw))

    def _tag_bool(self, name, raw):
        if not isinstance(raw, bool):
            self.fail(name, f"must be true or false, got {_show(raw)}")
        return raw

    def _tag_count(self, name, raw, least: int = 0):
        if isinstance(raw, bool) or not isinstance(raw, int):
            hint = " (printed numbers are strings, counts are plain integers)" \
                if isinstance(raw, (str, float)) else ""
            self.fail(name, f"must be a whole number, got {_show(raw)}{hint}")
        if raw < least:
            self.fail(name, f"must be at least {least}, got {raw}")
        if raw > MAX_COUNT:
            self.fail(name, f"must be at most {MAX_COUNT:,}, got {_show(raw)}")
        return raw

    def _tag_size(self, name, raw):
        return self._tag_count(name, raw, least=1)

    def _tag_events(self, name, raw):
        if isinstance(raw, dict):
            if not raw:
                self.fail(name, "must not be an empty mapping")
            return MappingProxyType({self._tag_str(name, str(k) if isinstance(k, int) else k):
                                     self._tag_count(f"{name}.{k}", v) for k, v in raw.items()})
        return self._tag_count(name, raw)

    def _tag_term(self, name, raw):
        self._tag_str(name, raw)
        if term_category(raw) is None:
            self.fail(name, f"{_show(raw)} is not in the vocabulary of printed terms (median, "
                            f"mean, rate, ORR, DCR, HR, '3-year', ...: "
                            f"sarcoma_stats.claims.schema.TERMS)")
        return raw

    def _tag_span(self, name, raw):
        if (not isinstance(raw, list) or len(raw) != 2
                or not all(isinstance(v, int) and not isinstance(v, bool) for v in raw)
                or not 0 <= raw[0] < raw[1]):
            self.fail(name, f"must be [start, end] character offsets with 0 <= start < end, "
                            f"got {_show(raw)}")
        return tuple(raw)

    # -- printed numbers -------------------------------------------------------------------
    def printed(self, name, raw) -> Printed:
        if not isinstance(raw, str):
            self.fail(name, f"a printed number must be a quoted string such as \"35.7\" or "
                            f"\"<0.001\" (keeping its printed digits), got {_show(raw)}")
        try:
            return parse_printed(raw)
        except ValueError:
            self.fail(name, f"{_show(raw)} is not a printed number (such as \"35.7\", "
                            f"\"<0.001\", \".040\" or \"NR\")")

    def _tag_printed(self, name, raw):
        printed = self.printed(name, raw)
        if printed.is_number and printed.value < 0:
            self.fail(name, f"must not be negative, got {_show(raw)}")
        return printed

    def _tag_signed(self, name, raw):
        return self.printed(name, raw)

    def _tag_percent(self, name, raw):
        printed = self._tag_printed(name, raw)
        if printed.is_number and printed.value > 100:
            self.fail(name, f"a percentage over 100: {_show(raw)}")
        return printed

    def _tag_pvalue(self, name, raw):
        printed = self._tag_printed(name, raw)
        if printed.is_number and printed.value > 1:
            self.fail(name, f"a p-value over 1: {_show(raw)}")
        return printed

    def _interval(self, name, raw, bound_tag):
        if not isinstance(raw, list) or len(raw) != 2:
            self.fail(name, f"must be a list [low, high] of two printed numbers, got {_show(raw)}")
        bounds = tuple(self.value(f"{name}[{i}]", b, bound_tag) for i, b in enumerate(raw))
        if not any(b.is_number for b in bounds):
            self.fail(name, "an interval needs at least one numeric bound")
        return bounds

    def _tag_ci(self, name, raw):
        return self._interval(name, raw, "printed")

    def _tag_ci_pct(self, name, raw):
        return self._interval(name, raw, "percent")

    def _tag_signed_ci(self, name, raw):
        return self._interval(name, raw, "signed")

    # -- table references ------------------------------------------------------------------
    def _tag_pairs(self, name, raw):
        if not isinstance(raw, list) or not raw:
            self.fail(name, f"must be a non-empty list of [column, column] pairs, got {_show(raw)}")
        pairs = []
        for i, pair in enumerate(raw):
            if not isinstance(pair, list) or len(pair) != 2:
                self.fail(f"{name}[{i}]", f"must be a pair [column, column], got {_show(pair)}")
            pairs.append(tuple(self._tag_str(f"{name}[{i}][{j}]", c) for j, c in enumerate(pair)))
        return tuple(pairs)

    def condition(self, name, raw):
        ops = ", ".join(CONDITION_OPERATORS)
        if not isinstance(raw, dict) or len(raw) != 1:
            self.fail(name, f"must be one operator ({ops}) with its argument, got {_show(raw)}")
        (op, arg), = raw.items()
        if op not in CONDITION_OPERATORS:
            self.fail(name, f"operator must be one of {ops}; got {_show(op)}")
        if op == "in":
            return MappingProxyType({op: self._tag_strlist(f"{name}.{op}", arg)})
        if isinstance(arg, int) and not isinstance(arg, bool):
            arg = str(arg)
        return MappingProxyType({op: self._tag_str(f"{name}.{op}", arg)})

    def _tag_conditions(self, name, raw):  # printed value -> condition
        if not isinstance(raw, dict) or not raw:
            self.fail(name, f"must be a mapping of printed value to condition, got {_show(raw)}")
        return MappingProxyType({str(k): self.condition(f"{name}.{k}", v) for k, v in raw.items()})

    def _tag_rowconditions(self, name, raw):  # column -> condition
        if not isinstance(raw, dict) or not raw:
            self.fail(name, f"must be a mapping of column to condition, got {_show(raw)}")
        return MappingProxyType({self._tag_str(name, k): self.condition(f"{name}.{k}", v)
                                 for k, v in raw.items()})


# --------------------------------------------------------------------------------------------
# Rules across fields of one claim
# --------------------------------------------------------------------------------------------

def _events_total(events) -> int | None:
    if isinstance(events, Mapping):
        return sum(events.values())
    return events


def _check_claim(v: _Validator, claim: Claim) -> None:
    """What one claim's fields must satisfy together."""
    kind = claim.kind
    if kind == "proportion" and claim.percent is None and claim.ci is None \
            and claim.events is None:
        v.fail("percent", "a proportion needs at least one of percent, ci, events")
    if kind == "two-proportions" and len(claim.arms) != 2:
        v.fail("arms", f"must list exactly two arms, got {len(claim.arms)}")
    carriers = [("", claim)]
    if kind == "two-proportions":
        carriers = [(f"arms[{i}].", arm) for i, arm in enumerate(claim.arms)]
    for prefix, carrier in carriers:
        events = _events_total(carrier.get("events")) if "events" in carrier.field_names() \
            else None
        n = carrier.get("n") if "n" in carrier.field_names() else None
        if events is not None and n is not None and events > n:
            v.fail(f"{prefix}events", f"events {events} exceeds n {n}")
    if kind == "percent-set" and claim.n is not None:
        for i, item in enumerate(claim.items):
            if item.events is not None and item.events > claim.n:
                v.fail(f"items[{i}].events", f"events {item.events} exceeds n {claim.n}")
    if kind == "breakdown" and claim.total is not None:
        for i, part in enumerate(claim.parts):
            if part.count is not None and part.count > claim.total:
                v.fail(f"parts[{i}].count", f"count {part.count} exceeds total {claim.total}")
    if kind == "table-count" and claim.n is not None and claim.count > claim.n:
        v.fail("count", f"count {claim.count} exceeds n {claim.n}")


def _table_columns_used(claim: Claim) -> list[tuple[str, str, str, str]]:
    """(field path, table id, column, role) for every column a table claim names; role is
    ``count``, ``percent`` or ``text`` (what its cells must hold)."""
    kind = claim.kind
    used = []
    if kind == "table-count":
        used += [("where_rows", claim.table, col, "text") for col in claim.where_rows or {}]
    elif kind == "table-percentages":
        for i, (count_col, pct_col) in enumerate(claim.cells):
            used += [(f"cells[{i}]", claim.table, count_col, "count"),
                     (f"cells[{i}]", claim.table, pct_col, "percent")]
    elif kind == "table-total":
        used += [("columns", claim.table, col, "count") for col in claim.columns]
        used.append(("label_column", claim.table, claim.label_column, "text"))
    elif kind == "table-match":
        for i, (a, b) in enumerate(claim.match_on):
            used += [(f"match_on[{i}]", claim.table, a, "text"),
                     (f"match_on[{i}]", claim.against, b, "text")]
        for i, comp in enumerate(claim.compare):
            used += [(f"compare[{i}].column", claim.table, comp.column, "text"),
                     (f"compare[{i}].against", claim.against, comp.against, "text")]
    return used


def _check_cells(v: _Validator, field: str, table: Table, column: str, role: str) -> None:
    """Cells a claim reads as counts or percentages must be exactly that, or empty."""
    if role == "text":
        return
    for line, row in zip(table.line_numbers, table.rows):
        cell = row[column]
        if not cell:
            continue
        if role == "count":
            ok = cell.isascii() and cell.isdigit() and int(cell) <= MAX_COUNT
        else:
            try:
                printed = parse_printed(cell)
                ok = printed.is_number and printed.relation == "=" and 0 <= printed.value <= 100
            except ValueError:
                ok = False
        if not ok:
            what = "a whole number of patients" if role == "count" else "a percentage"
            v.fail(field, f"{table.file} line {line}, column {column!r}: {_show(cell)} is not "
                          f"{what} (or empty)")


# --------------------------------------------------------------------------------------------
# Tables (CSV)
# --------------------------------------------------------------------------------------------

def _parse_csv(text: str, display: str, columns: tuple[str, ...], v: _Validator):
    """The rows of a table's CSV text; a header that does not match the declared columns is the
    declaration's error (``v``: the claims file's table entry), anything else the CSV's."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise DataError(f"{display}: the file is empty (a header row is needed)")
        header = [h.strip() for h in header]
        duplicates = sorted({h for h in header if header.count(h) > 1})
        if duplicates:
            raise DataError(f"{display}: line 1: duplicate column name(s) "
                            f"{', '.join(map(_show, duplicates))}")
        missing = [c for c in columns if c not in header]
        if missing:
            v.fail("columns", f"{display} lacks the declared column(s) "
                              f"{', '.join(map(_show, missing))}")
        extra = [c for c in header if c not in columns]
        if extra:
            v.fail("columns", f"{display} has undeclared column(s) "
                              f"{', '.join(map(_show, extra))}")
        rows, lines = [], []
        for cells in reader:
            if not cells or all(not c.strip() for c in cells):
                continue  # a blank line
            if len(cells) != len(header):
                raise DataError(f"{display}: line {reader.line_num}: wrong number of cells "
                                f"({len(cells)}, the header has {len(header)})")
            row = dict(zip(header, (c.strip() for c in cells)))
            rows.append(MappingProxyType({c: row[c] for c in columns}))
            lines.append(reader.line_num)
    except csv.Error as exc:
        raise DataError(f"{display}: line {reader.line_num}: malformed CSV: {exc}") from None
    if not rows:
        raise DataError(f"{display}: the table has no rows")
    return tuple(rows), tuple(lines)


def _read_bytes(path: Path, display: str, what: str = "") -> bytes:
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise DataError(f"{display}: is a folder, not a file") from None
    except OSError as exc:
        raise DataError(f"{display}: cannot be read{what}: {exc.strerror or exc}") from None


def _decode(data: bytes, display: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(f"{display}: not UTF-8 text (byte {exc.start}); save it as UTF-8") \
            from None


def _yaml(data: bytes, display: str):
    try:
        loaded = read_yaml(_decode(data, display))
    except YamlError as exc:
        raise DataError(f"{display}: {exc}") from None
    if not isinstance(loaded, dict):
        raise DataError(f"{display}: must be a YAML mapping at the top level, got "
                        f"{type(loaded).__name__}")
    return loaded


# --------------------------------------------------------------------------------------------
# Assembling a dataset
# --------------------------------------------------------------------------------------------

class _Builder:
    """Collects the validated parts of a dataset, refusing duplicates and dangling references."""

    def __init__(self, sources: Mapping[str, Source]):
        self.sources = dict(sources)
        self.claims: list[Claim] = []
        self.tables: dict[str, Table] = {}
        self.scopes: dict[str, Scope] = {}
        self.ids: dict[str, str] = {}  # claim, table and scope ids -> file
        self.pending: list[tuple[str, Claim]] = []  # (display, claim): checked once all is read

    def claim_file(self, raw: Any, display: str, read_table) -> None:
        v = _Validator(display)
        if not isinstance(raw, dict):
            v.fail("", "must be a mapping with keys source, tables, scopes, claims")
        for key in raw:
            if key not in _FILE_KEYS:
                v.fail(_show(key) if not isinstance(key, str) else key,
                       f"unknown top-level key (allowed: {', '.join(_FILE_KEYS)})")
        source = raw.get("source")
        if not isinstance(source, str) or source not in self.sources:
            v.fail("source", f"unknown source id {_show(source)} (not in sources.yaml)")
        for i, traw in enumerate(self._entries(v, raw, "tables")):
            v.entry = self._entry_name("table", traw, i)
            table = v.record(Table, traw, source=source)
            self._new_id(v, table.id, display)
            if not _TABLE_FILE_RE.match(table.file):
                v.fail("file", f"must be a plain .csv file name inside tables/, got "
                               f"{_show(table.file)}")
            rows, lines = read_table(v, table)
            self.tables[table.id] = replace(table, rows=rows, line_numbers=lines)
        for i, sraw in enumerate(self._entries(v, raw, "scopes")):
            v.entry = self._entry_name("scope", sraw, i)
            scope = v.record(Scope, sraw, source=source)
            self._new_id(v, scope.id, display)
            self.scopes[scope.id] = scope
        v.entry = ""
        if "claims" not in raw:
            v.fail("claims", "missing (a list of claims)")
        for i, craw in enumerate(self._entries(v, raw, "claims")):
            v.entry = self._entry_name("claim", craw, i)
            if not isinstance(craw, dict):
                v.fail("", f"must be a mapping, got {_show(craw)}")
            kind = craw.get("kind")
            if not isinstance(kind, str) or kind not in KINDS:
                v.fail("kind", f"must be one of {', '.join(KINDS)}; got {_show(kind)}")
            body = {k: val for k, val in craw.items() if k != "kind"}
            claim = v.record(KINDS[kind], body, source=source, file=display)
            self._new_id(v, claim.id, display)
            _check_claim(v, claim)
            self.claims.append(claim)
            self.pending.append((display, claim))

    @staticmethod
    def _entries(v: _Validator, raw: Mapping, key: str) -> list:
        entries = raw.get(key)
        if entries is None:
            return []
        if not isinstance(entries, list):
            v.entry = ""
            v.fail(key, f"must be a list, got {_show(entries)}")
        return entries

    @staticmethod
    def _entry_name(what: str, raw: Any, i: int) -> str:
        ident = raw.get("id") if isinstance(raw, dict) else None
        return f"{what} {ident!r}" if isinstance(ident, str) and len(ident) <= 100 \
            else f"{what}s[{i}]"

    def _new_id(self, v: _Validator, ident: str, display: str) -> None:
        if ident in self.ids:
            v.fail("id", f"duplicate id {ident!r} (also in {self.ids[ident]})")
        self.ids[ident] = display

    def finish(self, texts: Mapping[str, str]) -> Dataset:
        """Check references between files and quotes against the source texts; assemble."""
        for display, claim in self.pending:
            v = _Validator(display, f"claim {claim.id!r}")
            if claim.scope is not None:
                scope = self.scopes.get(claim.scope)
                if scope is None or scope.source != claim.source:
                    v.fail("scope", f"unknown scope {claim.scope!r} (scopes are declared in a "
                                    f"claims file of source {claim.source!r})")
            for fname in ("table", "against"):
                tid = getattr(claim, fname, None)
                if tid is not None and tid not in self.tables:
                    v.fail(fname, f"unknown table {tid!r}")
            for fname, tid, col, role in _table_columns_used(claim):
                table = self.tables[tid]
                if col not in table.columns:
                    v.fail(fname, f"table {tid!r} has no column {col!r}")
                _check_cells(v, fname, table, col, role)
        for source_id, text in texts.items():
            self._check_quotes(source_id, text)
        scopes_of: dict[str, list[Scope]] = {}
        for scope in self.scopes.values():
            scopes_of.setdefault(scope.source, []).append(scope)
        sources = {sid: replace(s, scopes=tuple(scopes_of.get(sid, ())))
                   for sid, s in self.sources.items()}
        return Dataset(sources=MappingProxyType(sources), claims=tuple(self.claims),
                       tables=MappingProxyType(dict(self.tables)))

    def _check_quotes(self, source_id: str, text: str) -> None:
        """Every quote of the source is verbatim in its text (white space aside; an elision
        " ... " joins fragments that follow each other in order)."""
        squashed = _squash(text)
        for display, claim in self.pending:
            if claim.source != source_id:
                continue
            v = _Validator(display, f"claim {claim.id!r}")
            position = 0
            for fragment in claim.fragments:
                found = squashed.find(fragment, position)
                if found < 0:
                    v.fail("quote", f"{_show(fragment)} is not verbatim in the source text "
                                    f"(in order)")
                position = found + len(fragment)
            for i, repeat in enumerate(claim.repeats or ()):
                if _squash(repeat.quote) not in squashed:
                    v.fail(f"repeats[{i}].quote", f"{_show(repeat.quote)} is not verbatim in "
                                                  f"the source text")
            if claim.span is not None and claim.span[1] > len(text):
                v.fail("span", f"ends at {claim.span[1]}, after the end of the text "
                               f"({len(text)} characters)")
        for entry in [*self.scopes.values(), *self.tables.values()]:
            if entry.source != source_id:
                continue
            what = "scope" if isinstance(entry, Scope) else "table"
            v = _Validator("", f"{what} {entry.id!r}")
            quotes = [(f"ns[{i}].quote", n.quote) for i, n in enumerate(entry.ns)] \
                if isinstance(entry, Scope) else [("quote", entry.quote)]
            for fname, quote in quotes:
                if _squash(quote) not in squashed:
                    v.fail(fname, f"{_show(quote)} is not verbatim in the source text")


def _parse_sources(raw: Any, display: str) -> dict[str, Source]:
    v = _Validator(display)
    if not isinstance(raw, dict) or set(raw) != {"sources"} or not isinstance(raw["sources"],
                                                                             list):
        v.fail("sources", "the file must hold exactly one key, 'sources', a list of source "
                          "entries")
    sources: dict[str, Source] = {}
    for i, entry in enumerate(raw["sources"]):
        v.entry = _Builder._entry_name("source", entry, i)
        source = v.record(Source, entry)
        if source.authors is None and source.publisher is None:
            v.fail("authors", "a source needs 'authors' or 'publisher'")
        if source.doi is None and source.url is None:
            v.fail("doi", "a source needs a 'doi' or a 'url'")
        if source.id in sources:
            v.fail("id", f"duplicate source id {source.id!r}")
        sources[source.id] = source
    return sources


def _load_folder(root: Path, display_root: str, texts: Path | None) -> Dataset:
    sources_path = root / "sources.yaml"
    sources_display = f"{display_root}/sources.yaml"
    if not sources_path.is_file():
        raise DataError(f"{sources_display}: not found (a data folder holds sources.yaml, "
                        f"claims/ and tables/)")
    sources = _parse_sources(_yaml(_read_bytes(sources_path, sources_display), sources_display),
                             sources_display)
    claims_dir = root / "claims"
    if not claims_dir.is_dir():
        raise DataError(f"{display_root}/claims: not found (a data folder holds sources.yaml, "
                        f"claims/ and tables/)")
    builder = _Builder(sources)
    tables_dir = (root / "tables").resolve()

    def read_table(v: _Validator, table: Table):
        path = (root / "tables" / table.file)
        display = f"{display_root}/tables/{table.file}"
        if path.is_symlink() or not path.resolve().is_relative_to(tables_dir):
            v.fail("file", f"{display} must be a regular file inside the tables folder")
        if not path.is_file():
            v.fail("file", f"table file {display} not found")
        text = _decode(_read_bytes(path, display), display)
        return _parse_csv(text, display, table.columns, v)

    files = sorted((p for p in claims_dir.iterdir() if p.suffix in (".yaml", ".yml")),
                   key=lambda p: p.name)
    for path in files:
        display = f"{display_root}/claims/{path.name}"
        builder.claim_file(_yaml(_read_bytes(path, display), display), display, read_table)
    return builder.finish(_source_texts(builder.sources, texts))


def _source_texts(sources: Mapping[str, Source], texts: Path | None) -> dict[str, str]:
    """The text of every source whose ``seed`` file is in the ``texts`` folder."""
    if texts is None:
        return {}
    found = {}
    for source in sources.values():
        if source.seed is None:
            continue
        path = Path(texts) / source.seed
        if path.is_file():
            display = str(path)
            found[source.id] = _decode(_read_bytes(path, display), display)
    return found


def _data_root():
    """The bundled ``data/``: inside the installed package (a wheel carries it there), or, in an
    editable install of a source checkout, the checkout's top-level ``data/``."""
    installed = resources.files("sarcoma_stats").joinpath("data")
    if installed.is_dir():
        return Path(str(installed))
    checkout = Path(__file__).resolve().parents[3] / "data"
    if (checkout / "sources.yaml").is_file():
        return checkout
    raise DataError(f"the bundled data are missing: neither {installed} nor {checkout} exists "
                    f"(a broken installation; reinstall sarcoma-stats)")


def load_dataset(path=None, *, texts=None) -> Dataset:
    """Load and validate a data folder: the bundled data, or a user's own.

    Parameters
    ----------
    path : str or os.PathLike, optional
        A folder in the format of ``data/`` (``sources.yaml``, ``claims/*.yaml``,
        ``tables/*.csv``; see ``docs/data-model.md``). Default: the bundled data.
    texts : str or os.PathLike, optional
        A folder holding the source documents' texts (files named by each source's ``seed``):
        every quote of those sources must then be verbatim in its text.

    Returns
    -------
    Dataset
        ``(sources, claims, tables)``, validated; each source carries its scopes.

    Raises
    ------
    DataError
        If any file is malformed (nothing is half-loaded); the message names the file, the
        entry and the field.

    Examples
    --------
    >>> from sarcoma_stats import load_dataset
    >>> sources, claims, tables = load_dataset()
    >>> {c.source for c in claims} <= set(sources)
    True
    """
    if path is None and texts is None:
        return _bundled()
    if path is None:
        return _load_folder(_data_root(), "data", Path(texts))
    root = Path(path)
    if not root.is_dir():
        raise DataError(f"{root}: not a folder (a data folder holds sources.yaml, claims/ and "
                        f"tables/)")
    return _load_folder(root, str(root), None if texts is None else Path(texts))


def dataset_from_records(source: Mapping, claims: Sequence[Mapping], *,
                         scopes: Sequence[Mapping] = (), tables: Sequence[Mapping] = (),
                         table_rows: Mapping[str, str] | None = None, text: str | None = None,
                         name: str = "<records>") -> Dataset:
    """Validate in-memory records exactly as a data folder's files are validated.

    Parameters
    ----------
    source : mapping
        One source entry (the fields of a ``sources.yaml`` entry).
    claims, scopes, tables : sequences of mappings
        Claim, scope and table entries, as in a claims file.
    table_rows : mapping of str to str, optional
        Table file name -> CSV text, for the ``tables`` entries.
    text : str, optional
        The source document's text: every quote must then be verbatim in it, every span inside
        it.
    name : str
        What error messages call the record set.

    Returns
    -------
    Dataset

    Raises
    ------
    DataError

    Examples
    --------
    >>> ds = dataset_from_records(
    ...     {"id": "demo", "title": "A demo", "publisher": "me", "url": "https://example.org"},
    ...     [{"id": "demo-orr", "where": "Results", "quote": "5 of 14 (35.7%)",
    ...       "kind": "proportion", "events": 5, "n": 14, "percent": "35.7"}],
    ...     text="Of the patients, 5 of 14 (35.7%) responded.")
    >>> ds.claims[0].percent.text
    '35.7'
    """
    sources = _parse_sources({"sources": [dict(source)]}, f"{name}: source")
    builder = _Builder(sources)
    rows = dict(table_rows or {})

    def read_table(v: _Validator, table: Table):
        if table.file not in rows:
            v.fail("file", f"no rows given for {table.file!r}")
        return _parse_csv(rows[table.file], f"{name}: {table.file}", table.columns, v)

    raw = {"source": source.get("id"), "tables": list(tables), "scopes": list(scopes),
           "claims": list(claims)}
    builder.claim_file(raw, name, read_table)
    texts = {} if text is None else {source.get("id"): text}
    return builder.finish(texts)


@lru_cache(maxsize=1)
def _bundled() -> Dataset:
    return _load_folder(_data_root(), "data", None)


def load_sources() -> Mapping[str, Source]:
    """The bundled sources, validated, keyed by source id.

    Examples
    --------
    >>> from sarcoma_stats import load_sources
    >>> all(s.title for s in load_sources().values())
    True
    """
    return _bundled().sources


def load_claims(source: str | None = None) -> tuple[Claim, ...]:
    """The bundled claims, validated, in file order.

    Parameters
    ----------
    source : str, optional
        Only the claims of this source id.

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
    return _select(_bundled(), source)


def _select(dataset: Dataset, source: str | None) -> tuple[Claim, ...]:
    if source is None:
        return dataset.claims
    if source not in dataset.sources:
        raise ValueError(f"source must be one of {', '.join(sorted(dataset.sources))}; "
                         f"got {_show(source)}")
    return tuple(c for c in dataset.claims if c.source == source)


def load_tables() -> Mapping[str, Table]:
    """The bundled printed tables, validated, keyed by table id.

    Examples
    --------
    >>> from sarcoma_stats import load_tables
    >>> all(len(t.rows) > 0 for t in load_tables().values())
    True
    """
    return _bundled().tables


def claims_frame(source: str | None = None, *, dataset: Dataset | None = None):
    """The claims as a pandas DataFrame: one row per claim (id, source, kind, where, quote,
    label).

    Examples
    --------
    >>> from sarcoma_stats import claims_frame
    >>> list(claims_frame().columns)[:4]
    ['id', 'source', 'kind', 'where']
    """
    import pandas as pd

    columns = ["id", "source", "kind", "where", "quote", "label"]
    rows = [{name: getattr(c, name) for name in columns}
            for c in _select(dataset or _bundled(), source)]
    return pd.DataFrame(rows, columns=columns)

"""Plain-text tables: pipe tables (Markdown), tab-separated rows, columns aligned with two or
more spaces, and rows of counts after a label ("Neutropenia 7 (50.0) 2 (14.3) 0 0", the way
PDF and HTML copies flatten a toxicity table), with their caption ("Table 2. Toxicity profile (N
= 14, n (%))").

Cells are kept as printed; a ``count (percent)`` cell is split into two columns ``<name>_n`` and
``<name>_pct`` (the data format). A table yields:

- ``table-percentages``: every count (percent) cell against the N of its caption or of its
  column header ("Pazopanib (n = 24)");
- ``table-total``: the counts of a row over grade columns ("Grade 1" ... "Grade 4": one patient
  counted once per event, at the worst grade) against that N;
- against the text (:func:`table_text_claims`): a count the text prints for a row of a count table
  ("grade 3-4 neutropenia (n = 5)") as a breakdown of that row's cells, and a count the text prints
  for a category of a table of patients ("5 had partial response (PR)", "9 patients were male") as
  a ``table-count``, the category matched to the column's values exactly, through an abbreviation
  the text defines ("partial response (PR)"), or as an abbreviation of the words (Schwartz and
  Hearst 2003: "M" for male, "LPS" for liposarcoma).

References
----------
.. [1] Schwartz AS, Hearst MA. A simple algorithm for identifying abbreviation definitions in
       biomedical text. Pac Symp Biocomput 2003:451-462.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .found import Found, Ledger
from .numbers import NUM, Printed
from .text import Document

__all__ = ["is_table", "find_tables", "Table", "table_text_claims", "abbreviates"]

_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_COUNT_PCT = re.compile(rf"^(?P<n>\d+)\s?[(\[]\s?(?P<p>{NUM})\s?%?\s?[)\]]$")
_NUMERIC_CELL = rf"\d+\s?[(\[]\s?(?:{NUM})\s?%?\s?[)\]]|(?:{NUM})\s?%?|[-\u2013]|NA|NR|NE"
_NUMERIC_ROW = re.compile(rf"^(?P<label>\S.*?)\s(?P<cells>(?:(?:{_NUMERIC_CELL})(?:\s+|$)){{2,}})$")
_CAPTION_N = re.compile(r"(?<![\w])[Nn]\s?=\s?(?P<n>\d+)|\b(?:of|in)\s(?P<n2>\d+)\s(?:patients|participants)")
_GRADE_HEADER = re.compile(r"(?i)^(?:grade|g|ctcae\s+grade)\s?(?P<g>[1-5])(?:\s?[-/\u2013]\s?(?P<g2>[1-5]))?$")


def _split(line: str, style: str) -> list[tuple[int, int]]:
    """Cell spans of one line (offsets within the line)."""
    if style == "pipe":
        spans = []
        pos = 0
        for cell in line.split("|"):
            a, b = pos, pos + len(cell)
            pos = b + 1
            if cell.strip():
                spans.append((a + len(cell) - len(cell.lstrip()), b - (len(cell) - len(cell.rstrip()))))
            elif 0 < a and b < len(line):
                spans.append((a, a))
        return spans
    sep = r"\t" if style == "tab" else r"\s{2,}"
    spans = []
    pos = 0
    for m in re.finditer(sep, line):
        if m.start() > pos or style == "tab":
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(line):
        spans.append((pos, len(line.rstrip())))
    return [(a + len(line[a:b]) - len(line[a:b].lstrip()), b) for a, b in spans]


def _numeric_split(line: str) -> list[tuple[int, int]] | None:
    m = _NUMERIC_ROW.match(line.rstrip())
    if m is None:
        return None
    spans = [(m.start("label"), m.end("label"))]
    for c in re.finditer(_NUMERIC_CELL, line[m.start("cells"):m.end("cells")]):
        spans.append((m.start("cells") + c.start(), m.start("cells") + c.end()))
    return spans


def _style(lines: list[str]) -> str | None:
    body = [ln for ln in lines if ln.strip()]
    if sum("|" in ln for ln in body) >= max(2, len(body) - 1):
        return "pipe"
    if sum("\t" in ln for ln in body) >= max(2, len(body) - 1):
        return "tab"
    if sum(bool(re.search(r"\S\s{2,}\S", ln)) for ln in body) >= max(2, len(body) - 1):
        return "aligned"
    rows = [_numeric_split(ln) for ln in body[1:]]
    if len(rows) >= 2 and all(r is not None for r in rows) and \
            len({len(r) for r in rows}) == 1 and not body[0].rstrip().endswith("."):
        return "numeric"
    return None


def is_table(lines: list[str]) -> bool:
    """True if a block of lines is a table (pipe, tab, aligned columns or rows of counts).

    Examples
    --------
    >>> is_table(["Toxicity Grade 1 Grade 2", "Anemia 5 (35.7) 4 (28.6)", "Nausea 6 (42.9) 2 (14.3)"])
    True
    >>> is_table(["Of 20 patients, 5 responded.", "The median PFS was 4 months."])
    False
    """
    return _style(lines) is not None


@dataclass
class Table:
    """A table read from the text: its entry for the claims file, rows and claims."""

    entry: dict
    rows: list[dict]
    claims: list[Found] = field(default_factory=list)
    cells: dict = field(default_factory=dict)     # (row index, column) -> Printed
    n: Printed | None = None
    column_n: dict = field(default_factory=dict)  # count column -> Printed (header "(n = 24)")
    label_column: str = ""
    count_columns: list[str] = field(default_factory=list)
    grades: dict = field(default_factory=dict)    # count column -> (low grade, high grade)


def _slug(text: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "column"
    if base[0].isdigit():
        base = f"c{base}"
    name, k = base, 2
    while name in taken:
        name, k = f"{base}_{k}", k + 1
    taken.add(name)
    return name


def _header_cells(header: str, style: str, width: int) -> list[str]:
    if style != "numeric":
        return [header[a:b].strip() for a, b in _split(header, style)]
    words = header.split()
    # "Toxicity Grade 1 Grade 2 Grade 3 Grade 4": a first label, then width - 1 equal groups
    rest = len(words) - 1
    if width > 1 and rest % (width - 1) == 0 and rest:
        size = rest // (width - 1)
        return [words[0]] + [" ".join(words[1 + i * size:1 + (i + 1) * size]) for i in range(width - 1)]
    if width > 1 and len(words) >= width - 1:
        return [" ".join(words[:len(words) - width + 1])] + words[len(words) - width + 1:]
    return [f"column {j + 1}" for j in range(width)]


def _caption(doc: Document, index: int) -> tuple[str, int, int]:
    """The caption printed before table block ``index``: up to two short blocks ("Table 2.",
    "Toxicity profile (N = 14, n (%))") or the first line of the block."""
    parts = []
    for j in (index - 1, index - 2):
        if j < 0:
            break
        b = doc.blocks[j]
        text = doc.text[b.start:b.end]
        if b.kind == "table" or len(text) > 200 or "\n" in text.strip():
            break
        parts.insert(0, (b.start, b.end))
        if re.match(r"(?i)^\s*table\s+\w+", text):
            break
    if not parts:
        return "", doc.blocks[index].start, doc.blocks[index].start
    a, b = parts[0][0], parts[-1][1]
    return " ".join(doc.text[a:b].split()), a, b


def find_tables(doc: Document, source: str, ledger: Ledger) -> list[Table]:
    """Every table block of the document, read into rows, with its own claims."""
    out = []
    for index, block in enumerate(doc.blocks):
        if block.kind != "table":
            continue
        table = _read_table(doc, index, source, len(out) + 1)
        if table is not None:
            for f in table.claims:
                ledger.take_found(f, shared=("n",))
            out.append(table)
    return out


def _read_table(doc: Document, index: int, source: str, number: int) -> Table | None:
    block = doc.blocks[index]
    raw_lines = []
    pos = block.start
    for line in doc.folded[block.start:block.end].split("\n"):
        raw_lines.append((pos, line))
        pos += len(line) + 1
    lines = [(p, ln) for p, ln in raw_lines if ln.strip() and not _PIPE_RULE.match(ln)]
    style = _style([ln for _, ln in lines])
    if style is None or len(lines) < 2:
        return None
    split = _numeric_split if style == "numeric" else (lambda ln: _split(ln, style))
    body = [(p, ln, split(ln)) for p, ln in lines[1:]]
    body = [(p, ln, s) for p, ln, s in body if s]
    width = max(len(s) for _, _, s in body)
    header = _header_cells(lines[0][1], style, width)
    header += [f"column {j + 1}" for j in range(len(header), width)]
    caption, ca, cb = _caption(doc, index)
    ident = f"{source}-table-{number}"
    where = re.match(r"(?i)^\s*(table\s+\w+)", caption)
    where = where.group(1) if where else f"table {number}"
    taken: set[str] = set()
    names = [_slug(h, taken) for h in header[:width]]
    split_cols = set()
    for j in range(1, width):
        cells = [ln[s[j][0]:s[j][1]].strip() for _, ln, s in body if j < len(s)]
        pairs = sum(bool(_COUNT_PCT.match(c)) for c in cells)
        counts = sum(bool(re.fullmatch(r"\d+|[-\u2013]|NA", c)) for c in cells)
        if pairs and pairs + counts >= max(1, len(cells) - 1):
            split_cols.add(j)
    columns = []
    for j, name in enumerate(names):
        columns += [f"{name}_n", f"{name}_pct"] if j in split_cols else [name]
    table = Table(entry={"id": ident, "file": f"{ident}.csv", "where": where,
                         "quote": caption or " ".join(doc.text[lines[0][0]:lines[0][0] + len(lines[0][1])].split()),
                         "columns": columns},
                  rows=[], label_column=names[0])
    for i, (p, ln, spans) in enumerate(body):
        row = {c: "" for c in columns}
        for j, (a, b) in enumerate(spans[:width]):
            cell = ln[a:b].strip()
            m = _COUNT_PCT.match(cell)
            if j in split_cols:
                if m:
                    row[f"{names[j]}_n"], row[f"{names[j]}_pct"] = m.group("n"), m.group("p")
                    table.cells[(i, f"{names[j]}_n")] = Printed(m.group("n"), p + a + m.start("n"), p + a + m.end("n"))
                    table.cells[(i, f"{names[j]}_pct")] = Printed(m.group("p"), p + a + m.start("p"), p + a + m.end("p"))
                else:
                    row[f"{names[j]}_n"] = cell
                    if re.fullmatch(r"\d+", cell):
                        table.cells[(i, f"{names[j]}_n")] = Printed(cell, p + a, p + b)
            else:
                row[names[j]] = doc.text[p + a:p + b].strip()
                if re.fullmatch(r"\d+", cell):
                    table.cells[(i, names[j])] = Printed(cell, p + a, p + b)
        table.rows.append(row)
    _table_ns(table, caption, ca, header, names, split_cols, doc)
    quote = (ca, cb) if caption else (lines[0][0], lines[0][0] + len(lines[0][1]))
    _own_claims(table, names, split_cols, quote)
    return table


def _table_ns(table: Table, caption: str, ca: int, header, names, split_cols, doc) -> None:
    m = _CAPTION_N.search(doc.folded, ca, ca + len(caption) + 40) if caption else None
    if m:
        name = "n" if m.group("n") else "n2"
        table.n = Printed(m.group(name), *m.span(name))
    for j in split_cols:
        hm = re.search(r"(?<![\w])[Nn]\s?=\s?(\d+)", header[j])
        if hm:
            table.column_n[f"{names[j]}_n"] = int(hm.group(1))
        g = _GRADE_HEADER.match(header[j].strip())
        if g:
            table.grades[f"{names[j]}_n"] = (int(g.group("g")), int(g.group("g2") or g.group("g")))
    table.count_columns = [f"{names[j]}_n" for j in sorted(split_cols)]


def _own_claims(table: Table, names, split_cols, quote_span: tuple[int, int]) -> None:
    ident = table.entry["id"]
    if not split_cols:
        return
    groups: dict[int, list[list[str]]] = {}
    for j in sorted(split_cols):
        n = table.column_n.get(f"{names[j]}_n") or (int(table.n.text) if table.n else None)
        if n is not None:
            groups.setdefault(n, []).append([f"{names[j]}_n", f"{names[j]}_pct"])
    for n, cells in groups.items():
        numbers = [(f"cells.{r}.{c}", p) for (r, c), p in sorted(table.cells.items())
                   if any(c in pair for pair in cells)]
        if table.n is not None:
            numbers.append(("n", table.n))
        table.claims.append(Found("table-percentages", *quote_span,
                                  {"table": ident, "n": n, "cells": cells}, numbers))
    if table.n is not None and len(table.grades) >= 2:
        table.claims.append(Found(
            "table-total", *quote_span,
            {"table": ident, "n": int(table.n.text), "columns": list(table.grades),
             "label_column": table.label_column}, [("n", table.n)],
            note="assumes each patient is counted once per row, at the worst grade"))


# ---------------------------------------------------------------------------------------------
# The text against the tables
# ---------------------------------------------------------------------------------------------

def abbreviates(short: str, long: str) -> bool:
    """True if ``short`` abbreviates ``long`` (Schwartz and Hearst 2003): its letters appear
    in order in ``long``, the first at the start of a word.

    Examples
    --------
    >>> abbreviates("PR", "partial response"), abbreviates("M", "male"), abbreviates("LPS", "liposarcoma")
    (True, True, True)
    >>> abbreviates("SD", "partial response")
    False
    """
    s = [c for c in short.lower() if c.isalnum()]
    text = long.lower()
    if not s or not text or len(s) > len(text):
        return False
    i, j = len(s) - 1, len(text) - 1
    while i >= 0:
        while j >= 0 and (text[j] != s[i] or (i == 0 and j > 0 and text[j - 1].isalnum())):
            j -= 1
        if j < 0:
            return False
        i -= 1
        j -= 1
    return True


_GRADE_TEXT = re.compile(
    r"(?i)\bgrades?\s?(?P<a>[1-5])(?:\s?(?:-|/|to|and|or)\s?(?P<b>[1-5]))?(?P<plus>\s?(?:\+|or\s+(?:higher|more|above)))?"
    r"|\bgrades?\s?(?P<ge>[\u2265>]=?)\s?(?P<c>[1-5])")


def _grade_range(text: str) -> tuple[int, int] | None:
    m = _GRADE_TEXT.search(text)
    if m is None:
        return None
    if m.group("c"):
        low = int(m.group("c")) + (1 if m.group("ge") == ">" else 0)
        return low, 5
    low = int(m.group("a"))
    high = 5 if m.group("plus") else int(m.group("b") or m.group("a"))
    return low, high


def _abbreviations(text: str) -> dict[str, str]:
    """Abbreviations the text defines: "partial response (PR)" -> {"PR": "partial response"}."""
    out = {}
    for m in re.finditer(r"(?P<long>[A-Za-z][\w-]*(?:\s[A-Za-z][\w-]*){0,5})\s\((?P<short>[A-Z][A-Za-z0-9]{0,7})\)", text):
        words = m.group("long").split()
        for k in range(1, len(words) + 1):
            candidate = " ".join(words[-k:])
            if abbreviates(m.group("short"), candidate):
                out[m.group("short")] = candidate.lower()
                break
    return out


def table_text_claims(doc: Document, tables: list[Table], found: list[Found]) -> list[Found]:
    """Claims that compare counts the text prints with the tables' rows (see the module)."""
    out = []
    defined = None
    for table in tables:
        if table.count_columns:
            out += _row_sums(doc, table, found)
        else:
            defined = _abbreviations(doc.text) if defined is None else defined
            out += _category_counts(doc, table, found, defined)
    return out


def _row_sums(doc: Document, table: Table, found: list[Found]) -> list[Found]:
    out = []
    labels = {i: row[table.label_column] for i, row in enumerate(table.rows)}
    for f in found:
        if f.kind != "proportion" or "events" not in f.fields:
            continue
        quote = doc.folded[f.start:f.end]
        for i, label in labels.items():
            if not label or not re.search(rf"(?i)\b{re.escape(label)}\b", quote):
                continue
            grades = _grade_range(quote)
            cols = [c for c, (lo, hi) in table.grades.items()
                    if grades is None or (grades[0] <= lo and hi <= grades[1])]
            if not cols:
                continue
            parts, numbers = [], [("total", next(p for path, p in f.numbers if path == "events"))]
            for k, c in enumerate(cols):
                cell = table.cells.get((i, c))
                if cell is None:
                    continue
                parts.append({"label": f"{label}, {c.removesuffix('_n').replace('_', ' ')} ({table.entry['where']})",
                              "count": int(cell.text)})
                numbers.append((f"parts[{k}].count", cell))
            if parts:
                out.append(Found("breakdown", f.start, f.end,
                                 {"total": f.fields["events"], "parts": parts, "complete": True},
                                 numbers, note=f"the parts are cells of {table.entry['where']}"))
            break
    return out


def _category_counts(doc: Document, table: Table, found: list[Found], defined: dict) -> list[Found]:
    out = []
    columns = [c for c in table.entry["columns"] if c != table.label_column]
    values = {c: {row[c] for row in table.rows if row[c]} for c in columns}
    for f in found:
        counts = []
        if f.kind == "breakdown":
            counts = [(p["label"], p["count"], f.numbers[[x[0] for x in f.numbers].index(f"parts[{k}].count")][1])
                      for k, p in enumerate(f.fields["parts"])]
        for label, count, printed in counts:
            match = _match_category(label, values, defined)
            if match is None:
                continue
            column, value = match
            fields = {"table": table.entry["id"], "where_rows": {column: {"equals": value}},
                      "count": count}
            out.append(Found("table-count", printed.start, printed.end + len(label) + 1, fields,
                             [("count", printed)]))
    return out


def _match_category(label: str, values: dict, defined: dict) -> tuple[str, str] | None:
    words = label.lower()
    short = re.search(r"\(([A-Za-z0-9]+)\)\s*$", label)
    hits = []
    for column, vals in values.items():
        for v in vals:
            lv = v.lower()
            if lv == words or (short and v == short.group(1)) or defined.get(v, "") == words \
                    or (len(v) <= 4 and v.isupper() and abbreviates(v, re.sub(r"\s*\(.*\)$", "", label))):
                hits.append((column, v))
    return hits[0] if len({h[0] for h in hits}) == 1 and len(hits) == 1 else None

"""Checks of printed tables: counts the text states against the rows, cells against their N,
one table against another."""

from __future__ import annotations

from typing import Iterable, Mapping

from ..._validation import check_choice
from ...printed import rounding as rd
from ...printed.number import parse_printed
from ..schema import (CONDITION_OPERATORS, TableCountClaim, TableMatchClaim, TablePercentagesClaim,
                      TableTotalClaim)
from ._registry import register
from ._base import Context, Findings, check_percent, pct

__all__ = ["condition_holds", "filter_rows"]


def condition_holds(cell: str, condition: Mapping) -> bool:
    """Does a table cell (printed text) satisfy one condition?

    Conditions are one-key mappings: ``{"equals": "M"}``, ``{"in": ["PR", "SD"]}``,
    ``{"contains": "SUR"}``, ``{"not_contains": "SUR"}``, ``{"startswith": "III"}``. Text is
    compared exactly (case-sensitive) after stripping surrounding white space.

    Examples
    --------
    >>> condition_holds("SUR + CHE", {"contains": "SUR"})
    True
    >>> condition_holds("IIIB", {"startswith": "III"})
    True
    >>> condition_holds("PD", {"in": ["PR", "SD"]})
    False
    """
    if not isinstance(condition, Mapping) or len(condition) != 1:
        raise ValueError(f"condition must be a one-key mapping; got {condition!r}"[:200])
    (op, arg), = condition.items()
    op = check_choice(op, "condition operator", CONDITION_OPERATORS)
    text = str(cell).strip()
    if op == "in":
        return text in {str(a).strip() for a in arg}
    arg = str(arg).strip()
    return {"equals": text == arg, "contains": arg in text, "not_contains": arg not in text,
            "startswith": text.startswith(arg)}[op]


def filter_rows(rows: Iterable[Mapping[str, str]], where: Mapping[str, Mapping] | None) -> list:
    """The rows (mappings of column to cell text) on which every condition of ``where`` holds.

    Examples
    --------
    >>> rows = [{"sex": "M", "response": "PR"}, {"sex": "F", "response": "SD"},
    ...         {"sex": "M", "response": "PD"}]
    >>> len(filter_rows(rows, {"sex": {"equals": "M"}, "response": {"in": ["PR", "SD"]}}))
    1
    """
    where = where or {}
    return [row for row in rows
            if all(condition_holds(row[col], cond) for col, cond in where.items())]


def _describe(condition: Mapping) -> str:
    (op, arg), = condition.items()
    arg = "/".join(arg) if isinstance(arg, (list, tuple)) else arg
    return f"{op.replace('_', ' ')} {arg}"


def _describe_where(where: Mapping | None) -> str:
    if not where:
        return "all rows"
    return ", ".join(f"{col} {_describe(cond)}" for col, cond in where.items())


@register("table-count")
def check_table_count(claim: TableCountClaim, context: Context, f: Findings) -> None:
    """A count the text states, against the rows of a table that meet its conditions.

    Rule: the rows satisfying every ``where_rows`` condition (exact, case-sensitive text after
    trimming) are counted; the count must be the stated one; a printed percentage is checked
    against count/``n``.

    Examples
    --------
    >>> from sarcoma_stats import verify_record
    >>> table = {"id": "t1", "file": "t1.csv", "where": "Table 1", "quote": "Patients",
    ...          "columns": ["case", "sex"]}
    >>> v = verify_record({"kind": "table-count", "quote": "2 patients were male",
    ...     "table": "t1", "where_rows": {"sex": {"equals": "M"}}, "count": 2},
    ...     tables=[table], table_rows={"t1.csv": "case,sex\\n1,M\\n2,F\\n3,M\\n"})
    >>> v.verdict, v.explanation
    ('consistent', 'Table 1: 2 rows with sex equals M (case 1, 3)')
    """
    table = context.table(claim.table)
    where = claim.where_rows
    rows = filter_rows(table.rows, where)
    count = claim.count
    label_col = table.columns[0]
    ids = ", ".join(r[label_col] for r in rows)
    plural = "row" if len(rows) == 1 else "rows"
    shown = str(count)
    if len(rows) == count:
        f.ok(shown, f"{table.where}: {count} {plural} with {_describe_where(where)}"
                    + (f" ({label_col} {ids})" if rows and len(rows) <= 8 else ""),
             methods=["table-count"])
    else:
        f.fail(shown, f"the text says {count} but {table.where} has {len(rows)} {plural} with "
                      f"{_describe_where(where)}" + (f" ({label_col} {ids})" if rows else ""))
    if claim.percent is not None and claim.n is not None:
        check_percent(f, count, claim.n, claim.percent)


@register("table-percentages")
def check_table_percentages(claim: TablePercentagesClaim, context: Context,
                            f: Findings) -> None:
    """Every ``count (percent)`` cell of a table against the table's printed N.

    Rule: each cell with a printed percentage must be count/N under some rounding rule; each
    cell is one component.

    Examples
    --------
    >>> from sarcoma_stats import verify_record
    >>> table = {"id": "t2", "file": "t2.csv", "where": "Table 2", "quote": "Toxicity (N = 14)",
    ...          "columns": ["toxicity", "g1_n", "g1_pct"]}
    >>> v = verify_record({"kind": "table-percentages", "quote": "Toxicity (N = 14)",
    ...     "table": "t2", "n": 14, "cells": [["g1_n", "g1_pct"]]}, tables=[table],
    ...     table_rows={"t2.csv": "toxicity,g1_n,g1_pct\\nNeutropenia,7,50.0\\nAnemia,5,35.7\\n"})
    >>> v.explanation
    'all 2 count (percent) cells of Table 2 match N = 14'
    """
    table = context.table(claim.table)
    n = claim.n
    label_col = table.columns[0]
    checked = 0
    failures = []
    for row in table.rows:
        for count_col, pct_col in claim.cells:
            count_text, pct_text = row[count_col].strip(), row[pct_col].strip()
            if not count_text or not pct_text:
                continue
            checked += 1
            count = int(count_text)
            shown = f"{row[label_col]} {count_col}: {count} ({pct_text})"
            rules = rd.percent_roundings(count, n, pct_text)
            if rules:
                f.ok(shown, f"{pct(count, n, parse_printed(pct_text).decimals)} -> {pct_text}",
                     roundings=rules, quote=table.quote)
            else:
                failure = (f"{row[label_col]} {count_col} {count} ({pct_text}): "
                           f"{pct(count, n, parse_printed(pct_text).decimals)}")
                failures.append(failure)
                f.fail(shown, failure, roundings=(), quote=table.quote)
    if failures:
        f.notes.append(f"{len(failures)} of {checked} cells of {table.where} do not match "
                       f"N = {n}")
    elif checked:
        f.notes.append(f"all {checked} count (percent) cells of {table.where} match N = {n}")
        for item in f.items:
            item["methods"] = ("table-percentages",)
    else:
        f.cannot(None, f"{table.where} has no count (percent) cell")


@register("table-total")
def check_table_total(claim: TableTotalClaim, context: Context, f: Findings) -> None:
    """A table's per-row totals against N: no row can count more patients than N.

    Rule: each row's count columns are added; a row over N is inconsistent (unless a patient can
    be counted in several columns, which the claim would then not encode). Each row is a
    trivial component (a bound), the claim says which row comes closest.

    Examples
    --------
    >>> from sarcoma_stats import verify_record
    >>> table = {"id": "t3", "file": "t3.csv", "where": "Table 2", "quote": "Toxicity (N = 14)",
    ...          "columns": ["toxicity", "g1_n", "g2_n"]}
    >>> v = verify_record({"kind": "table-total", "quote": "Toxicity (N = 14)", "table": "t3",
    ...     "n": 14, "columns": ["g1_n", "g2_n"], "label_column": "toxicity"}, tables=[table],
    ...     table_rows={"t3.csv": "toxicity,g1_n,g2_n\\nNeutropenia,7,9\\n"})
    >>> v.verdict, v.explanation
    ('inconsistent', 'Neutropenia: 7 + 9 = 16 (unless a patient is counted in several columns); rows of Table 2 count more patients than N = 14')
    """
    table = context.table(claim.table)
    n = claim.n
    totals = []
    over = False
    for row in table.rows:
        values = [int(row[c]) if row[c] else 0 for c in claim.columns]
        total = sum(values)
        label = row[claim.label_column]
        totals.append((total, label))
        sums = f"{label}: {' + '.join(map(str, values))} = {total}"
        if total > n:
            over = True
            f.fail(sums, f"{sums} (unless a patient is counted in several columns)",
                   quote=table.quote)
        else:
            f.ok(sums, f"{sums} <= {n}", trivial=True, methods=["table-total"],
                 quote=table.quote)
    if over:
        f.notes.append(f"rows of {table.where} count more patients than N = {n}")
    else:
        top, label = max(totals)
        f.notes.append(f"every row of {table.where} totals at most N = {n} (largest: {label}, "
                       f"{top})")


@register("table-match")
def check_table_match(claim: TableMatchClaim, context: Context, f: Findings) -> None:
    """Rows of one table against rows of another (the same patients printed twice).

    Rule: each row is looked up in ``against`` by the ``match_on`` columns (exact text); when
    several rows match (two patients of the same age), the row is consistent if one of them
    satisfies every ``compare`` condition; otherwise the candidate satisfying most conditions is
    reported with the conditions it fails. A row with no match at all is inconsistent.

    Examples
    --------
    >>> from sarcoma_stats import verify_record
    >>> tables = [{"id": "a", "file": "a.csv", "where": "Table 3", "quote": "Cases",
    ...            "columns": ["name", "age", "sex"]},
    ...           {"id": "b", "file": "b.csv", "where": "Table 1", "quote": "Patients",
    ...            "columns": ["case", "age", "sex"]}]
    >>> v = verify_record({"kind": "table-match", "quote": "Cases", "table": "a",
    ...     "against": "b", "match_on": [["age", "age"]],
    ...     "compare": [{"column": "sex", "against": "sex",
    ...                  "values": {"Male": {"equals": "M"}}}]}, tables=tables,
    ...     table_rows={"a.csv": "name,age,sex\\nCase 1,40,Male\\n",
    ...                 "b.csv": "case,age,sex\\n8,40,M\\n"})
    >>> v.verdict
    'consistent'
    """
    table = context.table(claim.table)
    against = context.table(claim.against)
    label_col = table.columns[0]
    other_label = against.columns[0]
    checked, matched_rows = 0, []
    for row in table.rows:
        key = {a: row[c].strip() for c, a in claim.match_on}
        candidates = [r for r in against.rows if all(r[a].strip() == v for a, v in key.items())]
        shown = ", ".join(f"{c} {row[c]}" for c, _ in claim.match_on)
        if not candidates:
            f.fail(f"{row[label_col]}: {shown}", f"{row[label_col]} ({shown}) matches no row of "
                                                 f"{against.where}", quote=table.quote)
            continue
        comparisons = []
        for comp in claim.compare:
            printed = row[comp.column].strip()
            condition = comp.values.get(printed)
            if condition is not None:
                comparisons.append((comp, printed, condition))
        checked += len(comparisons)
        misses_per = []
        for cand in candidates:
            misses = [(comp, printed, condition) for comp, printed, condition in comparisons
                      if not condition_holds(cand[comp.against], condition)]
            misses_per.append((len(misses), cand, misses))
        n_miss, best, misses = min(misses_per, key=lambda item: item[0])
        for comp, printed, condition in comparisons:
            cell = f"{row[label_col]} {comp.column}: {printed}"
            miss = next((m for m in misses if m[0] is comp), None)
            if miss is None:
                f.ok(cell, f"{row[label_col]} {comp.column} '{printed}' agrees with "
                           f"{other_label} {best[other_label]} {comp.against} "
                           f"'{best[comp.against]}'", methods=["table-match"],
                     quote=table.quote)
            else:
                f.fail(cell, f"{row[label_col]} ({shown}; best match {other_label} "
                             f"{best[other_label]} of {against.where}): {comp.column} "
                             f"'{printed}' but {comp.against} '{best[comp.against]}' (expected "
                             f"{_describe(condition)})", quote=table.quote)
        if n_miss == 0:
            matched_rows.append(f"{row[label_col]} = {other_label} {best[other_label]}")
    if not any(item["verdict"] == "inconsistent" for item in f.items):
        if checked:
            f.notes.append(f"{checked} values of {table.where} agree with {against.where} "
                           f"({'; '.join(matched_rows)})")
        else:
            f.cannot(None, f"no value of {table.where} could be compared with {against.where}")
    else:
        f.notes.append(f"{table.where} disagrees with {against.where}")

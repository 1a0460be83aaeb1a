"""Check a report from its text: extract the claims, validate them as data, verify them.

:func:`check_text` and :func:`check_file` give one :class:`CheckedDocument`;
:func:`check_corpus` gives one summary row per document, so that the same function maps over a
corpus with any engine that maps a function over partitions (a process pool, Dask). The
statistics and the verdicts are the engine's (:mod:`sarcoma_stats.claims`); this module only
feeds it.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

import pandas as pd

from ..claims.load import DataError, dataset_from_records
from ..claims.verdict import VERDICTS
from ..claims.verify import COLUMNS, verify_claims
from .documents import DocumentError, read_document
from .records import Extraction, extract_claims, source_slug

__all__ = ["CheckedDocument", "check_text", "check_file", "check_corpus", "source_entry",
           "table_csv", "number_marks", "page_data", "SUMMARY_COLUMNS"]

#: Columns of :func:`check_corpus` (one row per document).
SUMMARY_COLUMNS = ["document", "claims", *VERDICTS, "trivial", "refused", "error"]


@dataclass
class CheckedDocument:
    """One document checked: its extraction, one verdict row per claim, what was refused.

    Attributes
    ----------
    name : str
        The document's name (the file name, for a file).
    extraction : Extraction or None
        The claim records extracted from the text (None if the file could not be read).
    verdicts : pandas.DataFrame
        One row per claim (the columns of :func:`sarcoma_stats.verify_claims`), ``source``
        being the document's name.
    refused : list of str
        Messages for extracted records the data loader refused (a defect of the extractor; they
        are left out of the verdicts).
    error : str or None
        Why the document could not be read.
    """

    name: str
    extraction: Extraction | None
    verdicts: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=COLUMNS))
    refused: list[str] = field(default_factory=list)
    error: str | None = None

    def summary(self) -> dict:
        """One row: the document, its number of claims, of each verdict, of trivial checks."""
        counts = self.verdicts["verdict"].value_counts() if len(self.verdicts) else {}
        row = {"document": self.name, "claims": len(self.verdicts)}
        row.update({v: int(counts.get(v, 0)) for v in VERDICTS})
        row["trivial"] = int(self.verdicts["trivial"].sum()) if len(self.verdicts) else 0
        row["refused"] = len(self.refused)
        row["error"] = self.error or ""
        return row


def source_entry(source: str, name: str) -> dict:
    """The ``sources.yaml`` entry of a checked document (the data format needs a title, a
    publisher or authors, and a DOI or URL: the file name stands in for what the text does not
    say)."""
    return {"id": source, "title": name, "publisher": "not stated (read by sarcoma-stats check)",
            "url": f"file:{name}"}


def table_csv(entry: Mapping, rows: list[Mapping]) -> str:
    """A table's rows as CSV text with its declared columns (the ``tables/`` format)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(entry["columns"]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _dataset(extraction: Extraction, name: str, claims: list[dict]):
    tables = [t for t in extraction.tables]
    rows = {t["file"]: table_csv(t, extraction.table_rows[t["id"]]) for t in tables}
    return dataset_from_records(source_entry(extraction.source, name), claims,
                                scopes=extraction.scopes, tables=tables, table_rows=rows,
                                text=extraction.text, name=name)


def _validated(extraction: Extraction, name: str):
    """The dataset of the extracted records; a record the loader refuses is left out (and its
    message kept) instead of sinking the whole document."""
    try:
        return _dataset(extraction, name, extraction.claims), []
    except DataError:
        pass
    kept, refused = [], []
    for claim in extraction.claims:
        try:
            _dataset(extraction, name, [claim])
            kept.append(claim)
        except DataError as exc:
            refused.append(str(exc))
    return _dataset(extraction, name, kept), refused


def check_text(text: str, name: str = "document", source: str | None = None) -> CheckedDocument:
    """Extract and verify the claims of one text.

    Parameters
    ----------
    text : str
        The report's text.
    name : str
        The document's name, reported as each verdict's ``source``.
    source : str, optional
        The source id of the records (default: a slug of ``name``).

    Returns
    -------
    CheckedDocument

    Examples
    --------
    >>> doc = check_text("Of 24 patients, 14 (58%) responded; 95% CI 37-78.", name="note.txt")
    >>> doc.verdicts[["kind", "verdict"]].values.tolist()
    [['proportion', 'consistent']]
    >>> doc.summary()["consistent"]
    1
    """
    extraction = extract_claims(text, source=source or source_slug(name))
    dataset, refused = _validated(extraction, name)
    frame = verify_claims(dataset=dataset) if dataset.claims else pd.DataFrame(columns=COLUMNS)
    frame["source"] = name
    return CheckedDocument(name=name, extraction=extraction, verdicts=frame, refused=refused)


def check_file(path, encoding: str | None = None, name: str | None = None,
               source: str | None = None) -> CheckedDocument:
    """Read a file (:func:`~sarcoma_stats.extract.documents.read_document`) and check its text;
    a file that cannot be read gives a document with ``error`` set and no claims."""
    path = Path(path)
    name = name or path.name
    try:
        text = read_document(path, encoding=encoding)
    except DocumentError as exc:
        return CheckedDocument(name=name, extraction=None, error=str(exc))
    return check_text(text, name=name, source=source)


def _core(printed: str) -> str:
    """A printed number reduced to its inequality and digits ("P = 0.003" -> "0.003", "32%" ->
    "32", "< .001" -> "<.001"), to pair a verdict's component with the number it is about."""
    return "".join(re.findall(r"[<>]=?|\d*\.?\d+", printed)) or printed.strip().lower()


def number_marks(document: CheckedDocument) -> list[dict]:
    """One mark per printed number of the document's claims, for the annotated page.

    A number the checks gave a verdict of its own (a component: located by the component's span,
    or else by its printed digits among the claim's numbers) has that verdict. The other numbers
    of a claim (the counts a percentage is recomputed from, the parts of a sum) were used by its
    checks: they take the mildest verdict among those checks, so that in "7 of 22 (32%) ... (P =
    0.003)" the P is flagged and the counts, which reproduce 32%, are not."""
    marks: list[dict] = []
    if document.extraction is None:
        return marks
    text = document.extraction.text
    order = {v: i for i, v in enumerate(VERDICTS)}
    for _, row in document.verdicts.iterrows():
        numbers = [(a, b) for _, a, b in document.extraction.numbers.get(row["id"], [])]
        free = list(numbers)
        checked = []
        for component in row["components"]:
            if component["verdict"] != "not-checkable":
                checked.append(component)
            span = component.get("span")
            if not span:
                core = _core(component["printed"])
                span = next(((a, b) for a, b in free if _core(text[a:b]) == core), None)
            if span:
                free = [(a, b) for a, b in free if not (a < span[1] and span[0] < b)]
                marks.append({"start": span[0], "end": span[1], "verdict": component["verdict"],
                              "explanation": component["explanation"], "claim": row["id"]})
        mildest = max(checked, key=lambda c: order[c["verdict"]]) if checked else None
        verdict = mildest["verdict"] if mildest else row["verdict"]
        explanation = mildest["explanation"] if mildest else row["explanation"]
        marks += [{"start": a, "end": b, "verdict": verdict, "explanation": explanation,
                   "claim": row["id"]} for a, b in free]
    return marks


def page_data(document: CheckedDocument) -> dict:
    """What the annotated page of a document shows (plain data for
    :func:`sarcoma_stats.report.annotate.write_annotated`)."""
    source = document.extraction.source if document.extraction else source_slug(document.name)
    summary = document.summary()
    return {"name": document.name, "file": f"{source}.html",
            "text": document.extraction.text if document.extraction else "",
            "marks": number_marks(document), "claims": {v: summary[v] for v in VERDICTS},
            "error": document.error}


def check_corpus(texts: Iterable[str] | Mapping[str, str] | pd.Series) -> pd.DataFrame:
    """Check many texts: one summary row per document.

    Parameters
    ----------
    texts : mapping of name to text, pandas Series (index = names), or iterable of texts
        The documents (unnamed texts are called ``doc-1``, ``doc-2``, ...).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SUMMARY_COLUMNS`: ``document``, ``claims``, one count per verdict
        (``inconsistent``, ``query``, ``consistent``, ``not-checkable``), ``trivial``,
        ``refused`` (extracted records the loader refused) and ``error``.

    Notes
    -----
    The function is pure and its output has fixed columns, so it maps over partitions of a
    corpus too large for one machine, e.g. with a Dask bag of ``(name, text)`` pairs
    (``docs/checking.md``)::

        import dask.bag as db
        bag = db.from_sequence(pairs, npartitions=64)
        parts = bag.map_partitions(lambda part: [check_corpus(dict(part))]).compute()
        rows = pandas.concat(parts, ignore_index=True)

    Examples
    --------
    >>> check_corpus({"a": "Of 24 patients, 14 (58%) responded.", "b": ""})[["document", "claims", "consistent"]]
      document  claims  consistent
    0        a       1           1
    1        b       0           0
    """
    if isinstance(texts, pd.Series):
        items = [(str(k), v) for k, v in texts.items()]
    elif isinstance(texts, Mapping):
        items = [(str(k), v) for k, v in texts.items()]
    else:
        items = [(f"doc-{i + 1}", t) for i, t in enumerate(texts)]
    rows = [check_text(text, name=name).summary() for name, text in items]
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS).astype(
        {c: "int64" for c in SUMMARY_COLUMNS if c not in ("document", "error")})

"""Claims -> checks -> verdicts: the public entry points of verification.

Every claim is recomputed from the counts it prints by the rules of ``docs/verification.md``
(the check registered for its kind, :mod:`.checks`) and gets a :class:`~.verdict.Verdict`: one
component per printed number, the claim's verdict (the most severe component), an explanation a
reviewer can act on, and the methods and roundings that reproduce the printed numbers.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Mapping, Sequence

import pandas as pd

from .checks import CHECKS
from .checks._base import Context, Findings
from .checks.common import apply_assumption, check_repeats, check_term
from ..printed.rounding import ROUNDINGS
from .conventions import apply_conventions, document_roundings
from .load import Dataset, _bundled, _select, dataset_from_records
from .schema import Claim, Scope, Source, Table
from .verdict import Verdict, combine

__all__ = ["COLUMNS", "COMPONENT_COLUMNS", "verdict_objects", "verify_claim", "verify_claims",
           "verify_record"]

#: Columns of :func:`verify_claims` (one row per claim).
COLUMNS = ["id", "source", "kind", "where", "label", "quote", "verdict", "explanation",
           "methods", "components", "trivial"]
#: Columns of ``verify_claims(components=True)`` (one row per printed number).
COMPONENT_COLUMNS = ["id", "source", "kind", "where", "label", "number", "quote", "printed",
                     "verdict", "explanation", "trivial", "methods", "claim_verdict"]


def _verdict(claim: Claim, tables: Mapping[str, Table], scope: Scope | None,
             roundings: tuple[str, ...] = ROUNDINGS) -> Verdict:
    if claim.kind not in CHECKS:
        raise ValueError(f"claim kind must be one of {', '.join(CHECKS)}; got {claim.kind!r}")
    findings = Findings(claim)
    try:
        CHECKS[claim.kind](claim, Context(tables=tables, scope=scope, roundings=roundings),
                           findings)
    except ValueError as exc:  # printed numbers the statistics cannot take (e.g. low = high)
        findings = Findings(claim)
        findings.cannot(None, f"could not be recomputed: {exc}")
    check_term(claim, findings)
    check_repeats(claim, findings)
    apply_assumption(claim, findings)
    components = findings.components()
    verdict, explanation, methods = combine(components, findings.notes)
    return Verdict(id=claim.id, source=claim.source, kind=claim.kind, where=claim.where,
                   label=claim.label, quote=" ".join(claim.quote.split()), verdict=verdict,
                   explanation=explanation, methods=methods, components=components,
                   notes=tuple(findings.notes))


def _scope_of(claim: Claim, sources: Mapping[str, Source] | None) -> Scope | None:
    if claim.scope is None or sources is None or claim.source not in sources:
        return None
    return next((s for s in sources[claim.source].scopes if s.id == claim.scope), None)


def verify_claim(claim: Claim, tables: Mapping[str, Table] | None = None, *,
                 sources: Mapping[str, Source] | None = None) -> dict:
    """Verdict, explanation, methods and components of one claim.

    Parameters
    ----------
    claim : Claim
        A claim as :func:`sarcoma_stats.load_claims` returns it.
    tables : mapping of str to Table, optional
        The printed tables a ``table-*`` claim refers to (default: the bundled tables).
    sources : mapping of str to Source, optional
        The sources (with their scopes) the claim's ``scope`` refers to (default: the bundled
        sources).

    Returns
    -------
    dict
        Keys ``id``, ``source``, ``kind``, ``where``, ``label``, ``quote``, ``verdict``,
        ``explanation``, ``methods``, ``components`` (one dict per printed number), ``trivial``.

    Raises
    ------
    ValueError
        If the claim's kind is unknown.

    Examples
    --------
    >>> from sarcoma_stats import load_claims
    >>> orr = next(c for c in load_claims("ni2024-anlotinib") if c.id == "ni2024-orr")
    >>> row = verify_claim(orr)
    >>> row["verdict"], row["methods"]
    ('consistent', ['half-up', 'half-even', 'truncate'])
    """
    if tables is None or sources is None:
        bundled = _bundled()
        tables = bundled.tables if tables is None else tables
        sources = bundled.sources if sources is None else sources
    return _verdict(claim, tables, _scope_of(claim, sources)).to_record()


def verdict_objects(source: str | None = None, *, claims: Sequence[Claim] | None = None,
                    tables: Mapping[str, Table] | None = None,
                    sources: Mapping[str, Source] | None = None,
                    dataset: Dataset | None = None) -> list[Verdict]:
    """The :class:`~.verdict.Verdict` of every claim (arguments as :func:`verify_claims`),
    with each document's rounding convention applied (:mod:`.conventions`).

    Examples
    --------
    >>> verdicts = verdict_objects(source="weiss2020-arst1321")
    >>> [v.verdict for v in verdicts]
    ['consistent', 'consistent']
    """
    if dataset is None and claims is None and tables is None and sources is None:
        # the bundled data never change within a process: verify them once (conventions are
        # per document, so a source's verdicts are the same alone or with the rest)
        _select(_bundled(), source)  # an unknown source id is refused
        return [v for v in _bundled_verdicts() if source is None or v.source == source]
    dataset = dataset or _bundled()
    if claims is None:
        claims = _select(dataset, source)
    elif source is not None:
        claims = [c for c in claims if c.source == source]
    return _verdicts_of(claims, dataset.tables if tables is None else tables,
                        dataset.sources if sources is None else sources)


@lru_cache(maxsize=1)
def _bundled_verdicts() -> tuple[Verdict, ...]:
    bundled = _bundled()
    return tuple(_verdicts_of(bundled.claims, bundled.tables, bundled.sources))


def _verdicts_of(claims, tables, sources) -> list[Verdict]:
    scopes = [_scope_of(c, sources) for c in claims]
    first = [_verdict(c, tables, scope) for c, scope in zip(claims, scopes)]
    # a second pass fits the claims checked against their scope's Ns under the rounding rules
    # their document uses (inferred from the first)
    used = document_roundings(first)
    verdicts = [_verdict(c, tables, scope, used[c.source]) if scope is not None else v
                for c, scope, v in zip(claims, scopes, first)]
    return apply_conventions(verdicts)


def verify_claims(source: str | None = None, *, claims: Sequence[Claim] | None = None,
                  tables: Mapping[str, Table] | None = None,
                  sources: Mapping[str, Source] | None = None,
                  dataset: Dataset | None = None, components: bool = False) -> pd.DataFrame:
    """Recompute every claim and give it a verdict.

    Parameters
    ----------
    source : str, optional
        Only the claims of this source id.
    claims : sequence of Claim, optional
        Verify these claims instead of the dataset's (then ``source`` filters them).
    tables, sources : mappings, optional
        The tables ``table-*`` claims refer to and the sources (with scopes) claims belong to
        (default: the dataset's).
    dataset : Dataset, optional
        A dataset from :func:`~sarcoma_stats.load_dataset` (default: the bundled data).
    components : bool
        One row per printed number (columns :data:`COMPONENT_COLUMNS`) instead of one per claim.

    Returns
    -------
    pandas.DataFrame
        One row per claim, in data order, with columns :data:`COLUMNS`: ``verdict`` is one of
        ``inconsistent``, ``query``, ``consistent``, ``not-checkable``; ``explanation`` is one
        line; ``methods`` lists the method and rounding names that reproduce the printed values;
        ``components`` holds one dict per printed number (quote, printed, verdict,
        explanation, trivial, methods); ``trivial`` marks a consistent claim of which only
        bounds were checked.

    Raises
    ------
    ValueError
        If ``source`` is not a known source id.
    sarcoma_stats.DataError
        If the bundled data are malformed.

    Notes
    -----
    The rules per kind are those of ``docs/verification.md``: percentages are compared with
    ``events / n`` exactly under half-up, half-even and truncation; intervals with every
    ``proportion_ci`` method; p-values with every two-arm test; hazard ratios with the geometric
    midpoint of their interval and the Wald p-value it implies (Altman & Bland 2011); medians
    and Kaplan-Meier rates with the symmetry of their intervals; means with the GRIM test
    (Brown & Heathers 2017). Each document's rounding convention is inferred from the claims
    verified together (:mod:`sarcoma_stats.claims.conventions`).

    References
    ----------
    .. [1] Altman DG, Bland JM. How to obtain the P value from a confidence interval. BMJ
           2011;343:d2304.
    .. [2] Brown NJL, Heathers JAJ. The GRIM test. Soc Psychol Personal Sci 2017;8:363-369.
    .. [3] Newcombe RG. Two-sided confidence intervals for the single proportion: comparison of
           seven methods. Stat Med 1998;17:857-872.

    Examples
    --------
    >>> from sarcoma_stats import verify_claims
    >>> df = verify_claims()
    >>> set(df["verdict"]) <= {"inconsistent", "query", "consistent", "not-checkable"}
    True
    >>> per_number = verify_claims(components=True)
    >>> len(per_number) > len(df)
    True
    """
    verdicts = verdict_objects(source, claims=claims, tables=tables, sources=sources,
                               dataset=dataset)
    if not components:
        return pd.DataFrame([v.to_record() for v in verdicts], columns=COLUMNS)
    rows = [{"id": v.id, "source": v.source, "kind": v.kind, "where": v.where,
             "label": v.label, "number": i, **c.to_record(), "claim_verdict": v.verdict}
            for v in verdicts for i, c in enumerate(v.components)]
    return pd.DataFrame(rows, columns=COMPONENT_COLUMNS)


_RECORD_SOURCE = {"id": "record", "title": "A claim record", "publisher": "sarcoma_stats",
                  "url": "https://example.invalid/record"}


def verify_record(record: Mapping, *, tables: Sequence[Mapping] = (),
                  table_rows: Mapping[str, str] | None = None,
                  scopes: Sequence[Mapping] = (), text: str | None = None) -> Verdict:
    """Verify one claim written as a record (a mapping in the format of a claims file).

    ``id`` and ``where`` may be left out. The record is validated exactly as a data file is.

    Parameters
    ----------
    record : mapping
        The claim: ``kind``, ``quote`` and the kind's fields (``docs/data-model.md``).
    tables, table_rows, scopes, text
        As for :func:`~sarcoma_stats.claims.load.dataset_from_records`.

    Returns
    -------
    Verdict

    Raises
    ------
    sarcoma_stats.DataError
        If the record does not validate.

    Examples
    --------
    >>> from sarcoma_stats import verify_record
    >>> v = verify_record({"kind": "proportion", "quote": "35.7% (5/14)", "events": 5, "n": 14,
    ...                    "percent": "35.7"})
    >>> v.verdict, v.explanation
    ('consistent', '5/14 = 35.71% -> 35.7%')
    """
    claim = {"id": "claim", "where": "record", **record}
    dataset = dataset_from_records(_RECORD_SOURCE, [claim], scopes=scopes, tables=tables,
                                   table_rows=table_rows, text=text, name="record")
    (only,) = dataset.claims
    return _verdict(only, dataset.tables, _scope_of(only, dataset.sources))

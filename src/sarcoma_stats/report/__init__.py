"""Regenerate every figure and the verdict report in one call: :func:`write_report`.

The report is made of four parts: :mod:`.figures` (a declarative list of the figures: which
claims, by their tags, and which chart), :mod:`.model` (what the report says, built once as
document blocks), :mod:`.render` (those blocks as text, HTML and Markdown; verdicts as JSON) and
:mod:`.write` (atomic replacement of the report directory, its manifest). This module only wires
them together; every number comes from the statistics and verification layers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping

from .write import MANIFEST, ReportError

__all__ = ["ReportError", "ReportSummary", "write_report", "MANIFEST"]


@dataclass(frozen=True)
class ReportSummary:
    """What :func:`write_report` wrote.

    Attributes
    ----------
    out_dir : pathlib.Path
        The report directory.
    files : tuple of str
        Names of the files written, relative to ``out_dir``, sorted.
    verdicts : Mapping[str, int]
        Number of claims per verdict, most severe first.
    """

    out_dir: Path
    files: tuple[str, ...]
    verdicts: Mapping[str, int] = field(default_factory=dict)

    @property
    def paths(self) -> tuple[Path, ...]:
        """Full paths of the files written."""
        return tuple(self.out_dir / name for name in self.files)

    def __str__(self) -> str:
        total = sum(self.verdicts.values())
        counts = ", ".join(f"{n} {v.replace('-', ' ')}" for v, n in self.verdicts.items())
        return (f"wrote {len(self.files)} files to {self.out_dir}\n"
                f"{total} claims: {counts}")


def write_report(out_dir="report", progress: Callable[[str], None] | None = None, *,
                 data=None) -> ReportSummary:
    """Write every figure (SVG, PDF and PNG at two widths) and the report (HTML and Markdown).

    Parameters
    ----------
    out_dir : str or os.PathLike
        The report directory (default ``./report``). It is created if missing; an earlier
        report there is replaced.
    progress : callable, optional
        Called with a short message (a str) after each step, e.g. to print progress.
    data : str or os.PathLike, optional
        A folder in the format of the bundled ``data/`` (sources, claims, tables) to report on
        instead of the bundled data.

    Returns
    -------
    ReportSummary
        The directory, the files written and the number of claims per verdict. ``str()`` of
        it is a two-line summary.

    Raises
    ------
    TypeError
        If ``progress`` is neither None nor callable.
    ReportError
        (an ``OSError``) if ``out_dir`` is the filesystem root, a dangling symbolic link, not a
        directory, not writable, or holds files the report did not write. Nothing in
        ``out_dir`` is touched then.
    DataError
        If the data are malformed.
    ValueError
        If a figure cannot be drawn (the message names the figure and its claims).

    Notes
    -----
    Files written, beside each other: for each figure ``<name>-1col.{svg,pdf,png}`` (3.5 in
    wide, 7 pt text: one journal column) and ``<name>-2col.{svg,pdf,png}`` (7 in, 8 pt: two
    columns), SVG with editable text, PDF with TrueType fonts, PNG at 300 dpi; ``report.html``
    (a summary, a contents list, a table of every claim that cannot be right, the figures, the
    two-arm comparisons recomputed, the verdicts per source, the methods), ``report.md`` (the
    same with the PNG figures) and the manifest ``.sarcoma-stats-report`` listing them. The
    figures are those of :data:`sarcoma_stats.report.figures.FIGURES`, chosen by the tags of
    the claims (``docs/report.md`` lists them).

    Safety: the report is built in a hidden staging directory beside ``out_dir`` and moved into
    place only when complete, so an interrupted run leaves the earlier report intact; staging
    directories of killed runs are removed. A directory is recognised as an earlier report by
    its manifest; a directory holding any file not listed there is refused, and a file that
    appears in it while the report is written is kept. Determinism: figures are drawn with fixed
    style settings, without dates or software versions in the files, and everything is
    iterated in data order, so reruns are byte-identical.

    References
    ----------
    .. [1] Lewis S, Clarke M. Forest plots: trying to see the wood and the trees. BMJ 2001;
       322:1479-1480.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from sarcoma_stats import write_report
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     summary = write_report(pathlib.Path(tmp) / "report")
    ...     print([name for name in summary.files if name.startswith("verdicts")])
    ['verdicts-1col.pdf', 'verdicts-1col.png', 'verdicts-1col.svg', 'verdicts-2col.pdf', 'verdicts-2col.png', 'verdicts-2col.svg']
    >>> sum(summary.verdicts.values()) > 0
    True
    """
    from ..claims.load import load_dataset
    from ..claims.verify import verify_claims
    from . import select as sel
    from . import write
    from .figures import Context, draw_figures
    from .model import TITLE, report_document, verdict_order
    from .render import to_html, to_markdown

    if progress is not None and not callable(progress):
        raise TypeError(f"progress must be a callable taking a message, or None; got {progress!r}")
    out = write.resolve_target(out_dir)
    write.check_target(out)
    for name in write.remove_abandoned(out):
        if progress is not None:
            progress(f"removed {name}, left by a run that was killed")
    dataset = load_dataset(data)
    sources, claims, tables = dict(dataset.sources), tuple(dataset.claims), dict(dataset.tables)
    verdicts = verify_claims(dataset=dataset).reset_index(drop=True)
    if progress is not None:
        progress(f"verified {len(verdicts)} claims")
    order = verdict_order(verdicts)
    context = Context(sources, claims, tables, verdicts.set_index("id", drop=False),
                      sel.source_names(sources), order)
    with write.staging(out) as build:
        figures = draw_figures(context, build, progress)
        comparisons = sel.distinct_comparisons(claims)
        blocks = report_document(verdicts, sources, figures, comparisons)
        (build / "report.html").write_text(to_html(blocks, TITLE), encoding="utf-8")
        (build / "report.md").write_text(to_markdown(blocks, TITLE), encoding="utf-8")
        if progress is not None:
            progress("report.html, report.md")
        files = write.commit(build, out)
    counts = verdicts["verdict"].value_counts()
    return ReportSummary(out_dir=out, files=files,
                         verdicts={v: int(counts.get(v, 0)) for v in order})

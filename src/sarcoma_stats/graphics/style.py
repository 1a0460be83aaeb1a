"""Journal sizes and reproducible files: the column widths, a fixed style, and saving.

A figure for a journal is drawn at its print width (one column, about 3.5 in, or two columns,
about 7 in), so that text set at 7 pt prints at 7 pt. :func:`journal_style` fixes everything
that decides how a figure looks whatever the user's ``matplotlibrc`` says; :func:`save_figure`
writes SVG (text kept as editable text), PDF (TrueType fonts, editable) and PNG (300 dpi or more)
without dates or software versions, so that a rerun gives byte-identical files.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

__all__ = ["SINGLE_COLUMN", "DOUBLE_COLUMN", "MIN_FONTSIZE", "FORMATS", "journal_style",
           "save_figure"]

SINGLE_COLUMN = 3.5  # inches: one journal column (BMJ 3.4 in, Lancet 3.4 in, JCO 3.5 in)
DOUBLE_COLUMN = 7.0  # inches: the full page width
MIN_FONTSIZE = 7.0  # points at print size: the smallest text journals accept
FORMATS = ("svg", "pdf", "png")

# Everything that decides how a figure looks or how its file is written.
_RC = {
    "font.family": "DejaVu Sans",
    "svg.fonttype": "none",  # text stays text (editable), not outlined paths
    "svg.hashsalt": "sarcoma-stats",  # fixed ids in the SVG: identical bytes on rerun
    "pdf.fonttype": 42,  # TrueType fonts in the PDF: text stays editable
    "figure.dpi": 100,
}
# Metadata matplotlib would otherwise write: dates and software versions change the bytes.
_METADATA = {
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "Creator": None, "Producer": None},
    "png": {"Software": None},
}


@contextlib.contextmanager
def journal_style():
    """Draw inside a fixed style: matplotlib's defaults, DejaVu Sans, editable SVG/PDF text.

    Examples
    --------
    >>> import matplotlib
    >>> with journal_style():
    ...     matplotlib.rcParams["svg.fonttype"]
    'none'
    """
    import matplotlib
    import matplotlib.style

    with matplotlib.style.context("default"), matplotlib.rc_context(_RC):
        yield


def save_figure(fig, stem, formats=FORMATS, dpi=300):
    """Write ``fig`` as ``<stem>.svg``, ``<stem>.pdf`` and ``<stem>.png`` (as asked).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    stem : str or os.PathLike
        Path without the extension.
    formats : sequence of {"svg", "pdf", "png"}
    dpi : int
        Resolution of the PNG, at least 300.

    Returns
    -------
    list of pathlib.Path
        The files written, in the order of ``formats``.

    Raises
    ------
    ValueError
        For an unknown format or a resolution under 300 dpi.

    Notes
    -----
    Call it inside :func:`journal_style` for editable text and byte-identical reruns: the files
    carry no date and no software version (SVG ``Date``/``Creator``, PDF
    ``CreationDate``/``Creator``/``Producer``, PNG ``Software``). The figure is saved at its own
    size (no ``bbox_inches="tight"``, which would change the width a journal asked for).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from matplotlib.figure import Figure
    >>> fig = Figure(figsize=(3.5, 2))
    >>> with tempfile.TemporaryDirectory() as tmp, journal_style():
    ...     paths = save_figure(fig, pathlib.Path(tmp) / "empty", formats=("svg", "png"))
    ...     [p.name for p in paths]
    ['empty.svg', 'empty.png']
    """
    unknown = [f for f in formats if f not in _METADATA]
    if unknown or not formats:
        raise ValueError(f"formats must be drawn from {', '.join(FORMATS)}; got {formats!r}")
    if isinstance(dpi, bool) or not isinstance(dpi, int) or dpi < 300:
        raise ValueError(f"dpi must be an integer of at least 300; got {dpi!r}")
    paths = []
    for fmt in formats:
        path = Path(f"{stem}.{fmt}")
        fig.savefig(path, format=fmt, metadata=_METADATA[fmt],
                    **({"dpi": dpi} if fmt == "png" else {}))
        paths.append(path)
    return paths

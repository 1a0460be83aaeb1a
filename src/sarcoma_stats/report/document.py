"""The document model the report and ``sarcoma-stats verify`` are built in (:mod:`.model`) and
rendered from (:mod:`.render`): blocks (:class:`Heading`, :class:`Paragraph`, :class:`Items`,
:class:`Table`, :class:`Figure`, :class:`Entry`) whose text is made of :class:`Span` pieces; the
colour of each verdict, shared by the HTML and the figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Span", "spans", "Heading", "Paragraph", "Items", "Table", "Figure", "Entry", "slug",
           "VERDICT_COLORS", "VERDICT_TEXT_COLORS"]

# Okabe & Ito (2008) colour-blind-safe colours per verdict; figures and the HTML share them.
VERDICT_COLORS = {"inconsistent": "#D55E00", "query": "#E69F00", "consistent": "#009E73",
                  "not-checkable": "#999999"}
# The same hues, dark enough for text on a light tint of themselves (contrast at least 4.5:1,
# WCAG AA): the marks of the annotated page.
VERDICT_TEXT_COLORS = {"inconsistent": "#b2182b", "query": "#b35806", "consistent": "#1b7837",
                       "not-checkable": "#5e5e5e"}


@dataclass(frozen=True)
class Span:
    """A piece of text: plain, ``strong``, ``em`` or ``code``; optionally a link, or coloured
    as a verdict."""

    text: str
    style: str = ""
    href: str | None = None
    verdict: str | None = None


def spans(*parts) -> tuple[Span, ...]:
    """A line of text from strings and Spans (strings become plain Spans; empty ones vanish)."""
    return tuple(p if isinstance(p, Span) else Span(str(p)) for p in parts if p != "")


@dataclass(frozen=True)
class Heading:
    level: int
    text: tuple[Span, ...]
    anchor: str | None = None


@dataclass(frozen=True)
class Paragraph:
    text: tuple[Span, ...]


@dataclass(frozen=True)
class Items:
    """A bulleted list; each item a line of spans."""

    items: tuple[tuple[Span, ...], ...]


@dataclass(frozen=True)
class Table:
    """Rows of cells (each a line of spans); ``anchors`` give rows an id (HTML)."""

    header: tuple[str, ...]
    rows: tuple[tuple[tuple[Span, ...], ...], ...]
    anchors: tuple[str | None, ...] = ()


@dataclass(frozen=True)
class Figure:
    """A figure: the file shown in HTML (vector) and in Markdown (raster), and every file."""

    anchor: str
    title: str
    caption: tuple[Span, ...]
    vector: str
    raster: str
    files: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # (label, file name)


@dataclass(frozen=True)
class Entry:
    """A record (a claim): a head line, then indented lines (quote, explanation, ...)."""

    head: tuple[Span, ...]
    lines: tuple[tuple[Span, ...], ...]
    anchor: str | None = None



def slug(text) -> str:
    """The anchor GitHub and GitLab give a Markdown heading with this text."""
    text = re.sub(r"[^\w\- ]", "", text.strip().lower())
    return text.replace(" ", "-")

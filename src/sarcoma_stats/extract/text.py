"""A report's text as the pattern modules see it: typography folded, blocks, sentences.

Every pattern runs on a *folded* copy of the text that has exactly the length of the original, so
that a match's offsets are offsets in the original: each typographic variant is replaced by one
ASCII character (en and em dashes and the minus sign by ``-``, a middle dot between digits by
``.``, thin and no-break spaces by a space, curly quotes by straight ones). Quotes are always cut
from the original text.

The structure is read from blank lines: a *block* is a run of non-blank lines; a block is a
heading (one short line without a final full stop), a table (see :mod:`.tables`), or a paragraph.
Sections are the stretches between headings.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

__all__ = ["fold", "Block", "Document", "parse_document", "sentences"]

# one character for one character: offsets survive
_FOLD = str.maketrans({
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\ufe63": "-", "\uff0d": "-",
    "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2004": " ", "\u2005": " ", "\u2006": " ",
    "\u2007": " ", "\u2008": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ", "\u205f": " ",
    "\u200b": " ", "\u3000": " ", "\ufeff": " ",
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
    "\u2044": "/", "\uff05": "%", "\u066a": "%", "\u2a7d": "\u2264", "\u2a7e": "\u2265",
    "\u2264": "\u2264", "\u2265": "\u2265",
})
_MIDDLE_DOT = re.compile(r"(?<=\d)[\u00b7\u2219\u22c5](?=\d)")


def fold(text: str) -> str:
    """The text with typographic variants folded to ASCII, one character for one.

    Examples
    --------
    >>> fold("36\u00b71% (83\u00b78% CI 16\u00b75\u201355\u00b78)")
    '36.1% (83.8% CI 16.5-55.8)'
    >>> len(fold("a\u2009b")) == len("a\u2009b")
    True
    """
    return _MIDDLE_DOT.sub(".", text.translate(_FOLD))


@dataclass(frozen=True)
class Block:
    """A run of non-blank lines: ``kind`` is ``"heading"``, ``"table"`` or ``"paragraph"``."""

    kind: str
    start: int
    end: int
    section: str          # the heading above it ("" before the first heading)
    index: int            # paragraph number within its section (1-based; 0 for headings)
    section_id: int = -1  # the block number of that heading (-1 before the first heading)

    @property
    def where(self) -> str:
        """Human-readable place, e.g. ``"Results, paragraph 2"``."""
        head = f"{self.section}, " if self.section else ""
        return f"{head}paragraph {self.index}" if self.kind == "paragraph" else (
            f"{head}table" if self.kind == "table" else self.section)


@dataclass
class Document:
    """The original text, its folded copy and its blocks."""

    text: str
    folded: str
    blocks: list[Block] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list, repr=False)

    def block_index(self, pos: int) -> int | None:
        """The index of the block containing offset ``pos`` (None between blocks)."""
        if len(self._starts) != len(self.blocks):
            self._starts = [b.start for b in self.blocks]
        i = bisect_right(self._starts, pos) - 1
        return i if i >= 0 and pos < self.blocks[i].end else None

    def block_at(self, pos: int) -> Block | None:
        """The block containing offset ``pos``."""
        i = self.block_index(pos)
        return None if i is None else self.blocks[i]


_BLANK_LINES = re.compile(r"\n[ \t\r\f\v]*\n")
_LIST_BULLET = re.compile(r"^\s*(?:[-*\u2022]|\d+[.)])\s+")
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+\S")
_NUMBERED_HEADING = re.compile(r"^\s*\d+(?:\.\d+)*\.?\s+[A-Z\u0370-\u03ff]")


def _is_heading(line: str) -> bool:
    stripped = line.strip()
    if _MARKDOWN_HEADING.match(stripped):
        return True
    if not stripped or len(stripped) > 100 or stripped.endswith((".", ":", ";", ",")):
        return False
    if "%" in stripped or "=" in stripped or re.search(r"(?<![A-Za-z\d])\d+\s*(?:of|/)\s*\d|"
                                                       r"(?<![A-Za-z\d])\d+\s?\)", stripped):
        return False
    if _NUMBERED_HEADING.match(stripped):
        return True
    words = stripped.split()
    return len(words) <= 12 and stripped[0].isupper()


def _heading_text(line: str) -> str:
    return re.sub(r"^\s*#+\s*", "", line).strip()


def parse_document(text: str, is_table=None) -> Document:
    """Split a text into headings, tables and paragraphs.

    Parameters
    ----------
    text : str
        The report's text.
    is_table : callable, optional
        ``is_table(lines) -> bool`` for a block of several lines (default: never a table).

    Examples
    --------
    >>> doc = parse_document("Results\\n\\nOf 20 patients, 5 responded.\\n\\nMore text.")
    >>> [(b.kind, b.section, b.index) for b in doc.blocks]
    [('heading', 'Results', 0), ('paragraph', 'Results', 1), ('paragraph', 'Results', 2)]
    """
    folded = fold(text)
    doc = Document(text=text, folded=folded)
    section = ""
    section_id = -1
    index = 0
    start = 0
    spans = []
    for match in _BLANK_LINES.finditer(folded):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(folded)))
    for a, b in spans:
        # trim leading/trailing white space (offsets stay in the original)
        while a < b and folded[a].isspace():
            a += 1
        while b > a and folded[b - 1].isspace():
            b -= 1
        if a == b:
            continue
        lines = folded[a:b].split("\n")
        if len(lines) == 1 and _is_heading(lines[0]) and not _LIST_BULLET.match(lines[0]):
            section = _heading_text(text[a:b])
            section_id = len(doc.blocks)
            index = 0
            doc.blocks.append(Block("heading", a, b, section, 0, section_id))
            continue
        if is_table is not None and len(lines) >= 2 and is_table(lines):
            doc.blocks.append(Block("table", a, b, section, 0, section_id))
            continue
        index += 1
        doc.blocks.append(Block("paragraph", a, b, section, index, section_id))
    return doc


# A full stop ends a sentence unless it follows an abbreviation or an initial, or a digit follows.
_ABBREVIATIONS = ("et al", "vs", "e.g", "i.e", "fig", "figs", "no", "approx", "ref", "refs",
                  "dr", "mr", "mrs", "ms", "st", "cf", "incl", "resp", "suppl", "tab", "ca",
                  "mo", "yr", "yrs", "wk", "wks", "min", "max", "vol", "pp", "inc", "co", "ltd")
_SENTENCE_END = re.compile(
    r"[.!?](?:[\"')\]]|\s*\[\d+(?:[-,]\s*\d+)*\])*(?=\s+[\"'(\[]?[A-Z0-9\u2022]|\s*$)"
    r"|(?<=[)\]%\d]\.)(?=[A-Z][a-z])"          # "(10/12).The median": no space after the stop
    r"|\n(?=\s*[-*\u2022])")


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans ``[a, b)`` of ``text[start:end]`` (offsets in ``text``).

    Examples
    --------
    >>> s = "Of 20 patients, 5 responded (25%). The median PFS was 4.2 mo. in all."
    >>> [s[a:b] for a, b in sentences(s, 0, len(s))]
    ['Of 20 patients, 5 responded (25%).', 'The median PFS was 4.2 mo. in all.']
    """
    out = []
    a = start
    for match in _SENTENCE_END.finditer(text[start:end]):
        head = text[a:start + match.start()]
        word = re.search(r"([A-Za-z][A-Za-z.]*)$", head)
        if word and (word.group(1).lower().rstrip(".") in _ABBREVIATIONS
                     or (len(word.group(1)) == 1 and word.group(1).isupper())):
            continue
        if head.count("(") > head.count(")"):
            continue
        if text[a:start + match.end()].strip():
            out.append((a, start + match.end()))
        a = start + match.end()
        while a < end and text[a].isspace():
            a += 1
    if a < end and text[a:end].strip():
        out.append((a, end))
    return [piece for a, b in out for piece in _bounded(text, a, b)]


#: A "sentence" longer than this (a list without full stops, a file without punctuation) is cut
#: at white space, so that the work per sentence, and so per text, stays linear.
MAX_SENTENCE = 1500


def _bounded(text: str, a: int, b: int):
    while b - a > MAX_SENTENCE:
        cut = text.rfind(" ", a + MAX_SENTENCE // 2, a + MAX_SENTENCE)
        cut = cut if cut > a else a + MAX_SENTENCE
        yield a, cut
        a = cut
    yield a, b

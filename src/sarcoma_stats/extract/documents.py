"""Reading a report's file as text: plain text and Markdown, HTML, and PDF (optional extra).

- Text and Markdown are read as UTF-8 (a byte-order mark is honoured); another encoding must be
  declared (``encoding=``, the command line's ``--encoding``). A file with NUL bytes or invalid
  UTF-8 is refused with an error naming the file and the offending byte.
- HTML is decoded by its byte-order mark, its ``<meta charset>`` or UTF-8, then turned into text
  with the standard library's :class:`html.parser.HTMLParser`: block elements become paragraphs,
  headings become heading lines, table rows become pipe-separated rows, scripts and styles are
  dropped.
- PDF needs the optional ``pdf`` extra (``pip install "sarcoma-stats[pdf]"``, which installs
  pypdf); its pages' text is joined with blank lines.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser
from pathlib import Path

__all__ = ["DocumentError", "read_document", "html_to_text", "SUFFIXES"]

#: File suffixes ``sarcoma-stats check DIR`` reads.
SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".pdf")


class DocumentError(ValueError):
    """A file cannot be read as a report's text; the message names the file."""


def _decode(data: bytes, name: str, encoding: str | None, declared: str | None = None) -> str:
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16"), (codecs.BOM_UTF32_LE, "utf-32"),
                       (codecs.BOM_UTF32_BE, "utf-32")):
        if data.startswith(bom) and not (bom == codecs.BOM_UTF16_LE and
                                         data.startswith(codecs.BOM_UTF32_LE)):
            return data.decode(codec)
    codec = encoding or declared
    if codec is not None:
        try:
            codecs.lookup(codec)
        except LookupError:
            raise DocumentError(f"{name}: unknown encoding {codec!r}") from None
        try:
            return data.decode(codec)
        except UnicodeDecodeError as exc:
            raise DocumentError(f"{name}: not {codec} text (byte {exc.start})") from None
    nul = data.find(b"\x00")
    if nul >= 0:
        raise DocumentError(f"{name}: a binary file (NUL byte at {nul}), not a text; give a "
                            f".txt, .md, .html or .pdf file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentError(f"{name}: not UTF-8 text (byte {exc.start}: "
                            f"{data[exc.start:exc.start + 1]!r}); save it as UTF-8 or declare its "
                            f"encoding (--encoding, e.g. latin-1)") from None


_BLOCK = {"p", "div", "section", "article", "header", "footer", "main", "aside", "blockquote",
          "ul", "ol", "dl", "dd", "dt", "figure", "figcaption", "caption", "table", "thead",
          "tbody", "tfoot", "pre", "form", "nav", "address", "hr", "body", "html"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SKIP = {"script", "style", "noscript", "template", "head", "svg", "math", "iframe"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._-]+)""", re.I)


class _TextParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0
        self.cells: list[str] | None = None
        self.cell: list[str] | None = None

    def _emit(self, text: str) -> None:
        (self.cell if self.cell is not None else self.out).append(text)

    def _break(self, blank: bool = True) -> None:
        self.out.append("\n\n" if blank else "\n")

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip += 1
        elif self.skip:
            return
        elif tag == "tr":
            self.cells = []
        elif tag in ("td", "th") and self.cells is not None:
            self.cell = []
        elif tag == "br":
            self._emit(" " if self.cell is not None else "\n")
        elif tag == "li":
            self._break(blank=False)
            self.out.append("- ")
        elif tag in _HEADINGS or tag in _BLOCK:
            self._break()

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif self.skip:
            return
        elif tag in ("td", "th") and self.cell is not None and self.cells is not None:
            self.cells.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tr" and self.cells is not None:
            self.out.append("\n| " + " | ".join(c.replace("|", "/") for c in self.cells) + " |")
            self.cells = None
        elif tag in _HEADINGS or tag in _BLOCK:
            self._break()

    def handle_data(self, data):
        if not self.skip:
            self._emit(data if self.cell is not None else re.sub(r"[ \t\r\n]+", " ", data))


def html_to_text(html: str) -> str:
    """The text of an HTML page: paragraphs separated by blank lines, table rows as pipe rows.

    Examples
    --------
    >>> html_to_text("<h2>Results</h2><p>Of 20 patients, 5 (25%) responded.</p><script>x=1</script>")
    'Results\\n\\nOf 20 patients, 5 (25%) responded.'
    >>> print(html_to_text("<table><tr><th>AE</th><th>n (%)</th></tr><tr><td>Rash</td><td>3 (15)</td></tr></table>"))
    | AE | n (%) |
    | Rash | 3 (15) |
    """
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    text = "".join(parser.out)
    lines = [line.strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _read_pdf(path: Path) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:
        raise DocumentError(f"{path}: reading PDF needs the optional 'pdf' extra: "
                            f"pip install \"sarcoma-stats[pdf]\"") from None
    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, OSError, ValueError) as exc:
        raise DocumentError(f"{path}: not a readable PDF ({exc})") from None
    return "\n\n".join(p.strip() for p in pages if p.strip())


def read_document(path, encoding: str | None = None) -> str:
    """The text of a report's file (.txt, .md, .html, .pdf; any other suffix is read as text).

    Parameters
    ----------
    path : str or os.PathLike
        The file.
    encoding : str, optional
        The file's encoding when it is not UTF-8 (for text and HTML; an HTML page may declare it
        in ``<meta charset>`` instead).

    Raises
    ------
    DocumentError
        The file is missing, binary, not in the declared encoding, or a PDF without the ``pdf``
        extra installed; the message names the file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "r.html"
    >>> _ = p.write_bytes('<meta charset="latin-1"><p>R\\xe9ponse 5/20 (25%)</p>'.encode("latin-1"))
    >>> read_document(p)
    'Réponse 5/20 (25%)'
    """
    path = Path(path)
    if path.is_dir():
        raise DocumentError(f"{path}: is a folder, not a file")
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        if not path.is_file():
            raise DocumentError(f"{path}: not found")
        return _read_pdf(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DocumentError(f"{path}: not found") from None
    except OSError as exc:
        raise DocumentError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    if data.startswith(b"%PDF-"):
        raise DocumentError(f"{path}: a PDF file with the suffix {suffix or '(none)'}; "
                            f"rename it to .pdf")
    if suffix in (".html", ".htm", ".xhtml"):
        meta = _META_CHARSET.search(data[:4096])
        declared = meta.group(1).decode("ascii") if meta else None
        return html_to_text(_decode(data, str(path), encoding, declared))
    return _decode(data, str(path), encoding)

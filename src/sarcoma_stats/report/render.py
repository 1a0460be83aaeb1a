"""One document model, rendered as plain text, HTML and Markdown; verdicts as JSON.

The report and ``sarcoma-stats verify`` build their content once (:mod:`.model`) as a tuple of
blocks of :mod:`.document` whose text is made of spans; the renderers here only decide how each
block looks in each format. Text from the data is escaped for the format it goes into: no
label or quote can inject HTML into ``report.html`` or Markdown/HTML into ``report.md``.
"""

from __future__ import annotations

import html
import json
import re
import textwrap

from .document import VERDICT_COLORS, Entry, Figure, Heading, Items, Paragraph, Table, slug

__all__ = ["to_text", "to_html", "to_markdown", "verdicts_to_json", "summary_to_json",
           "render_verdicts", "JSON_KEYS"]

JSON_KEYS = ("id", "source", "quote", "kind", "verdict", "explanation", "methods")

# --------------------------------------------------------------------------------------------
# Plain text
# --------------------------------------------------------------------------------------------

def _plain(line) -> str:
    return "".join(s.text.upper() if s.verdict and s.style == "strong" else s.text for s in line)


def _text_table(table) -> list[str]:
    cells = [list(table.header)] + [[_plain(c) for c in row] for row in table.rows]
    widths = [max(len(row[j]) for row in cells) for j in range(len(table.header))]
    numeric = [all(re.fullmatch(r"[\d.,%−-]*", row[j]) for row in cells[1:])
               for j in range(len(widths))]
    out = []
    for i, row in enumerate(cells):
        out.append("  ".join(c.rjust(w) if numeric[j] and i else c.ljust(w)
                             for j, (c, w) in enumerate(zip(row, widths))).rstrip())
        if i == 0:
            out.append("  ".join("-" * w for w in widths))
    return out


def to_text(blocks, width=100) -> str:
    """The document as plain text, wrapped at ``width`` characters."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            text = _plain(block.text)
            out += ["", text, ("=" if block.level <= 2 else "-") * min(len(text), width)]
        elif isinstance(block, Paragraph):
            out += ["", *textwrap.wrap(_plain(block.text), width)]
        elif isinstance(block, Items):
            out.append("")
            for item in block.items:
                out += textwrap.wrap(_plain(item), width, initial_indent="- ",
                                     subsequent_indent="  ")
        elif isinstance(block, Table):
            out += ["", *_text_table(block)]
        elif isinstance(block, Figure):
            out += ["", *textwrap.wrap(f"{block.title}: {_plain(block.caption)} "
                                       f"({', '.join(name for _, name in block.files)})", width)]
        elif isinstance(block, Entry):
            out += ["", _plain(block.head)]
            for line in block.lines:
                out += textwrap.wrap(_plain(line), width, initial_indent="    ",
                                     subsequent_indent="      ")
    while out and out[0] == "":
        out.pop(0)
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------

_CSS = """
body { font-family: "DejaVu Sans", Verdana, sans-serif; max-width: 76rem; margin: 2rem auto;
       padding: 0 1rem; line-height: 1.45; color: #222; }
h1 { font-size: 1.6rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ccc; }
figure { margin: 1.5rem 0; } figure img { max-width: 100%; height: auto; }
figcaption { font-size: 0.9rem; color: #444; }
table { border-collapse: collapse; width: 100%; font-size: 0.85rem; margin-bottom: 1.5rem; }
th, td { border: 1px solid #ddd; padding: 0.3rem 0.45rem; vertical-align: top; text-align: left; }
th { background: #f3f3f3; }
tr:target { background: #fff6d5; }
.entry { margin: 0.6rem 0; } .entry p { margin: 0.1rem 0 0.1rem 1.5rem; }
code { font-size: 0.85em; }
""".strip()


def _css() -> str:
    colours = "\n".join(f".v-{v} {{ color: {c}; }}" for v, c in VERDICT_COLORS.items())
    return f"{_CSS}\n{colours}\n.v-inconsistent, .v-query {{ font-weight: bold; }}"


def _html_line(line) -> str:
    parts = []
    for s in line:
        text = html.escape(s.text)
        if s.style in ("strong", "em", "code"):
            text = f"<{s.style}>{text}</{s.style}>"
        if s.verdict:
            text = f'<span class="v-{html.escape(s.verdict)}">{text}</span>'
        if s.href:
            text = f'<a href="{html.escape(s.href)}">{text}</a>'
        parts.append(text)
    return "".join(parts)


def _anchor(anchor) -> str:
    return f' id="{html.escape(anchor)}"' if anchor else ""


def to_html(blocks, title) -> str:
    """The document as one self-contained HTML page (no script, no external style)."""
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           f"<title>{html.escape(title)}</title>", f"<style>\n{_css()}\n</style>", "</head>",
           "<body>"]
    for block in blocks:
        if isinstance(block, Heading):
            out.append(f"<h{block.level}{_anchor(block.anchor)}>{_html_line(block.text)}"
                       f"</h{block.level}>")
        elif isinstance(block, Paragraph):
            out.append(f"<p>{_html_line(block.text)}</p>")
        elif isinstance(block, Items):
            out += ["<ul>", *(f"<li>{_html_line(item)}</li>" for item in block.items), "</ul>"]
        elif isinstance(block, Table):
            out += ["<table>",
                    "<tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in block.header) + "</tr>"]
            anchors = block.anchors or (None,) * len(block.rows)
            for anchor, row in zip(anchors, block.rows):
                out.append(f"<tr{_anchor(anchor)}>"
                           + "".join(f"<td>{_html_line(c)}</td>" for c in row) + "</tr>")
            out.append("</table>")
        elif isinstance(block, Figure):
            links = ", ".join(f'<a href="{html.escape(name)}">{html.escape(label)}</a>'
                              for label, name in block.files)
            out += [f"<figure{_anchor(block.anchor)}>",
                    f'<img src="{html.escape(block.vector)}" alt="{html.escape(block.title)}">',
                    f"<figcaption><strong>{html.escape(block.title)}.</strong> "
                    f"{_html_line(block.caption)} ({links})</figcaption>", "</figure>"]
        elif isinstance(block, Entry):
            out.append(f'<div class="entry"{_anchor(block.anchor)}>{_html_line(block.head)}'
                       + "".join(f"<p>{_html_line(line)}</p>" for line in block.lines) + "</div>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


# --------------------------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------------------------

# Characters that could start Markdown or HTML markup (or GitHub's $math$) in text from data.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|$~#&!])")


def _md_escape(text) -> str:
    return _MD_SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", str(text)))


def _md_line(line, anchors=None) -> str:
    """A line of spans as Markdown; a link to an anchor not among ``anchors`` is left out
    (Markdown has no anchors but its headings')."""
    parts = []
    for s in line:
        if s.style == "code":
            text = "`" + s.text.replace("`", "'") + "`"
        else:
            text = _md_escape(s.text)
            if s.style == "strong":
                text = f"**{text}**"
            elif s.style == "em":
                text = f"*{text}*"
        if s.href and (anchors is None or not s.href.startswith("#") or s.href[1:] in anchors):
            text = f"[{text}]({s.href})"
        parts.append(text)
    return "".join(parts)


def to_markdown(blocks, title) -> str:
    """The document as Markdown (GitHub flavour): figures as the raster files, no raw HTML."""
    anchors = {slug(_plain(b.text)) for b in blocks if isinstance(b, Heading)}

    def line(spans_):
        return _md_line(spans_, anchors)

    out = [f"# {_md_escape(title)}", ""]
    for block in blocks:
        if isinstance(block, Heading):
            out += ["#" * block.level + " " + line(block.text), ""]
        elif isinstance(block, Paragraph):
            out += [line(block.text), ""]
        elif isinstance(block, Items):
            out += [f"- {line(item)}" for item in block.items] + [""]
        elif isinstance(block, Table):
            out += ["| " + " | ".join(_md_escape(h) for h in block.header) + " |",
                    "|" + "---|" * len(block.header)]
            out += ["| " + " | ".join(line(c) for c in row) + " |" for row in block.rows]
            out.append("")
        elif isinstance(block, Figure):
            links = ", ".join(f"[{_md_escape(label)}]({name})" for label, name in block.files)
            out += [f"![{_md_escape(block.title)}]({block.raster})", "",
                    f"*{_md_escape(block.title)}.* {line(block.caption)} ({links})", ""]
        elif isinstance(block, Entry):
            out += [f"- {line(block.head)}"] + [f"  {line(text)}" for text in block.lines]
            out.append("")
    return "\n".join(out)


# --------------------------------------------------------------------------------------------
# Verdicts: JSON and text
# --------------------------------------------------------------------------------------------

def _jsonable(value):
    """A cell of the verdict frame as JSON: lists stay lists, numpy scalars become numbers."""
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return value


def verdicts_to_json(frame) -> str:
    """The verdicts as a JSON array, the format of ``sarcoma-stats verify --json``.

    Parameters
    ----------
    frame : pandas.DataFrame
        As returned by :func:`~sarcoma_stats.verify_claims`.

    Returns
    -------
    str
        A JSON array, one object per row, with keys ``id``, ``source``, ``quote``, ``kind``,
        ``verdict``, ``explanation``, ``methods`` (a list), in that order, then ``components``
        (one object per printed number: ``quote``, ``printed``, ``verdict``, ``explanation``)
        when the frame has them; UTF-8 text kept as is.

    Examples
    --------
    >>> import json
    >>> from sarcoma_stats import verify_claims
    >>> records = json.loads(verdicts_to_json(verify_claims()))
    >>> list(records[0])[:7]
    ['id', 'source', 'quote', 'kind', 'verdict', 'explanation', 'methods']
    """
    keys = list(JSON_KEYS) + [k for k in ("components",) if k in frame.columns]
    records = [{key: _jsonable(row[key]) for key in keys} for _, row in frame.iterrows()]
    return json.dumps(records, indent=2, ensure_ascii=False)


def summary_to_json(frame) -> str:
    """The summary of ``sarcoma-stats verify --summary --json``: claims per verdict and per
    source and verdict, most severe verdict first.

    Examples
    --------
    >>> import json, pandas as pd
    >>> frame = pd.DataFrame({"source": ["a", "a", "b"],
    ...                       "verdict": ["consistent", "query", "consistent"]})
    >>> json.loads(summary_to_json(frame))["sources"]["a"]
    {'inconsistent': 0, 'query': 1, 'consistent': 1, 'not-checkable': 0}
    """
    from .model import verdict_order

    order = verdict_order(frame)

    def counts(part):
        values = list(map(str, part["verdict"]))
        return {v: values.count(v) for v in order}

    return json.dumps({"claims": len(frame), "verdicts": counts(frame),
                       "sources": {s: counts(frame[frame["source"] == s])
                                   for s in dict.fromkeys(frame["source"])}},
                      indent=2, ensure_ascii=False)


def render_verdicts(frame, width=100, verdicts=None, summary=False) -> str:
    """Verdicts as readable text: the summary first, then the claims, most severe first.

    Parameters
    ----------
    frame : pandas.DataFrame
        As returned by :func:`~sarcoma_stats.verify_claims`.
    width : int
        Line width for wrapping quotes and explanations.
    verdicts : sequence of str, optional
        List only the claims with these verdicts (the summary still counts every claim).
    summary : bool
        Print the summary only.

    Returns
    -------
    str
        A line with the number of claims per verdict; a table of the counts per source; then,
        verdict by verdict (inconsistent first), one block per claim: verdict, id, kind and
        where; the quote; the explanation; the methods that reproduce it; and its printed
        numbers' own verdicts, when the frame has them.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame([{"id": "orr", "source": "paper", "kind": "proportion",
    ...                        "where": "Results", "quote": "ORR 31% (11/38)",
    ...                        "verdict": "inconsistent", "methods": [],
    ...                        "explanation": "31% does not match 11/38 = 28.9%"}])
    >>> print(render_verdicts(frame), end="")
    1 claim from 1 source: 1 inconsistent, 0 query, 0 consistent, 0 not checkable.
    <BLANKLINE>
    Source       Claims  Inconsistent  Query  Consistent  Not checkable
    -----------  ------  ------------  -----  ----------  -------------
    paper             1             1      0           0              0
    All sources       1             1      0           0              0
    <BLANKLINE>
    Inconsistent (1)
    ================
    <BLANKLINE>
      INCONSISTENT  orr  [proportion]  paper, Results
        "ORR 31% (11/38)"
        -> 31% does not match 11/38 = 28.9%
    """
    from .model import verify_document

    return to_text(verify_document(frame, verdicts=verdicts, summary=summary), width)

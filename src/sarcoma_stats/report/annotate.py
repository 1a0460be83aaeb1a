"""The annotated document: a report's own text with every checked number marked by its verdict.

``sarcoma-stats check --report DIR`` writes one page per document (``<source>.html``) and an
``index.html`` listing them. A page shows:

- a summary at the top: the claims per verdict and the numbers flagged;
- the text itself, white space kept, each extracted number marked with the colour *and* the
  symbol of its verdict (inconsistent ✗, query ?, consistent ✓, not checkable ○), its explanation
  on hover (the mark's title) and a link to its entry in the side list;
- a side list of every marked number, grouped by verdict, each entry linking to its place.

The page is static HTML with inline CSS and no script, deterministic (no date, no random id):
a rerun writes identical bytes. Input is plain data (see :func:`annotated_html`), so this module
depends on no other layer than the verdict vocabulary.
"""

from __future__ import annotations

import html
from typing import Iterable, Mapping, Sequence

from ..claims.verdict import VERDICTS
from .document import VERDICT_TEXT_COLORS

__all__ = ["SYMBOLS", "annotated_html", "index_html", "place_marks", "write_annotated"]

#: The symbol shown with each verdict (colour is never the only signal).
SYMBOLS = {"inconsistent": "\u2717", "query": "?", "consistent": "\u2713", "not-checkable": "\u25cb"}
_WORDS = {"inconsistent": "inconsistent", "query": "query", "consistent": "consistent",
          "not-checkable": "not checkable"}
_SEVERITY = {v: i for i, v in enumerate(VERDICTS)}

_CSS = (":root { " + " ".join(f"--{var}: {VERDICT_TEXT_COLORS[v]};" for var, v in (
    ("inc", "inconsistent"), ("qry", "query"), ("ok", "consistent"), ("nc", "not-checkable")))
    + " }\n") + """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0;
       color: #1a1a1a; background: #fafafa; }
header { padding: 1rem 1.5rem; background: #fff; border-bottom: 1px solid #ddd; }
header h1 { font-size: 1.3rem; margin: 0 0 .4rem 0; }
.summary { margin: .2rem 0; }
.summary a { margin-right: 1rem; text-decoration: none; }
.layout { display: flex; gap: 1.5rem; padding: 1rem 1.5rem; align-items: flex-start; }
#text { flex: 3; white-space: pre-wrap; overflow-wrap: anywhere; background: #fff;
        border: 1px solid #ddd; padding: 1rem; line-height: 1.55; font-size: .95rem; }
#flags { flex: 2; position: sticky; top: 0; max-height: 100vh; overflow: auto; font-size: .88rem; }
#flags h2 { font-size: 1rem; margin: 1rem 0 .3rem 0; }
#flags ol { padding-left: 1.4rem; margin: 0; }
#flags li { margin: .3rem 0; }
mark { background: none; border-bottom: 3px solid; padding: 0 1px; border-radius: 2px; }
mark .sym { font-size: .75em; font-weight: bold; vertical-align: super; margin-left: 1px; }
mark a { color: inherit; text-decoration: none; }
.v-inconsistent { color: var(--inc); border-color: var(--inc); background: #fde0dc; }
.v-query { color: var(--qry); border-color: var(--qry); background: #fee8c8; }
.v-consistent { color: var(--ok); border-color: var(--ok); background: #e5f5e0; }
.v-not-checkable { color: var(--nc); border-color: var(--nc); border-bottom-style: dotted; }
mark:target, li:target { outline: 2px solid #2166ac; }
.legend span { margin-right: 1rem; }
.error { color: var(--inc); }
table.docs { border-collapse: collapse; margin: 1rem 1.5rem; background: #fff; }
table.docs td, table.docs th { border: 1px solid #ddd; padding: .3rem .6rem; text-align: right; }
table.docs td:first-child, table.docs th:first-child { text-align: left; }
""".strip()


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def place_marks(text: str, marks: Iterable[Mapping]) -> list[dict]:
    """The marks that can be drawn: inside the text, one per span (the most severe verdict of
    the claims printing that number; their explanations joined), none overlapping another (the
    more severe wins), in text order.

    Examples
    --------
    >>> place_marks("58% of 24", [
    ...     {"start": 0, "end": 3, "verdict": "consistent", "explanation": "14/24 = 58.3%"},
    ...     {"start": 0, "end": 3, "verdict": "inconsistent", "explanation": "not 57%"}])[0]["verdict"]
    'inconsistent'
    """
    by_span: dict[tuple[int, int], dict] = {}
    for m in marks:
        start, end = int(m["start"]), int(m["end"])
        if not 0 <= start < end <= len(text):
            continue
        entry = by_span.setdefault((start, end), {"start": start, "end": end, "verdict": None,
                                                  "explanations": [], "claims": []})
        if entry["verdict"] is None or _SEVERITY[m["verdict"]] < _SEVERITY[entry["verdict"]]:
            entry["verdict"] = m["verdict"]
        why = m.get("explanation") or ""
        if why and why not in entry["explanations"]:
            entry["explanations"].append(why)
        if m.get("claim") and m["claim"] not in entry["claims"]:
            entry["claims"].append(m["claim"])
    placed: list[dict] = []
    for entry in sorted(by_span.values(), key=lambda e: (_SEVERITY[e["verdict"]],
                                                         e["start"], e["end"])):
        if all(entry["end"] <= p["start"] or p["end"] <= entry["start"] for p in placed):
            placed.append(entry)
    placed.sort(key=lambda e: (e["start"], e["end"]))
    for i, entry in enumerate(placed, 1):
        entry["id"] = f"n{i}"
        entry["explanation"] = " | ".join(entry.pop("explanations")) or _WORDS[entry["verdict"]]
    return placed


def _summary(claims: Mapping[str, int], placed: Sequence[Mapping]) -> str:
    total = sum(claims.get(v, 0) for v in VERDICTS)
    numbers = {v: sum(1 for m in placed if m["verdict"] == v) for v in VERDICTS}
    links = " ".join(
        f'<a class="v-{v}" href="#list-{v}">{SYMBOLS[v]} {claims.get(v, 0)} {_WORDS[v]}</a>'
        for v in VERDICTS)
    flagged = numbers["inconsistent"] + numbers["query"]
    return (f'<p class="summary">{total} claims: {links}</p>'
            f'<p class="summary">{len(placed)} numbers marked, {flagged} flagged '
            f'({numbers["inconsistent"]} inconsistent, {numbers["query"]} query).</p>')


def annotated_html(name: str, text: str, marks: Iterable[Mapping],
                   claims: Mapping[str, int] | None = None, error: str | None = None) -> str:
    """The annotated page of one document.

    Parameters
    ----------
    name : str
        The document's name (its file name).
    text : str
        The text the marks' offsets refer to.
    marks : iterable of mapping
        One per printed number: ``start``, ``end`` (offsets in ``text``), ``verdict`` (one of
        :data:`~sarcoma_stats.claims.verdict.VERDICTS`), ``explanation``, ``claim`` (its id).
    claims : mapping, optional
        Verdict -> number of claims, for the summary.
    error : str, optional
        Why the document could not be checked (shown instead of the text).

    Returns
    -------
    str
        A complete HTML page.

    Examples
    --------
    >>> page = annotated_html("note.txt", "Of 24 patients, 14 (58%) responded.",
    ...                       [{"start": 20, "end": 23, "verdict": "consistent",
    ...                         "explanation": "14/24 = 58.3% -> 58%", "claim": "note-prop-1"}],
    ...                       {"consistent": 1})
    >>> '<mark class="v-consistent" id="n1"' in page and "14/24 = 58.3%" in page
    True
    """
    claims = dict(claims or {})
    placed = place_marks(text, marks) if error is None else []
    body: list[str] = []
    pos = 0
    for m in placed:
        body.append(_e(text[pos:m["start"]]))
        body.append(f'<mark class="v-{m["verdict"]}" id="{m["id"]}" '
                    f'title="{_e(_WORDS[m["verdict"]] + ": " + m["explanation"])}" '
                    f'data-verdict="{m["verdict"]}" data-start="{m["start"]}" '
                    f'data-end="{m["end"]}"><a href="#list-{m["id"]}">'
                    f'{_e(text[m["start"]:m["end"]])}</a><span class="sym" aria-label="'
                    f'{_WORDS[m["verdict"]]}">{SYMBOLS[m["verdict"]]}</span></mark>')
        pos = m["end"]
    body.append(_e(text[pos:]))
    side: list[str] = []
    for v in VERDICTS:
        items = [m for m in placed if m["verdict"] == v]
        side.append(f'<h2 id="list-{v}" class="v-{v}">{SYMBOLS[v]} {_WORDS[v].capitalize()} '
                    f'({len(items)})</h2>')
        if items:
            side.append("<ol>")
            side += [f'<li id="list-{m["id"]}"><a href="#{m["id"]}">'
                     f'{_e(text[m["start"]:m["end"]])}</a> {SYMBOLS[v]} {_e(m["explanation"])}'
                     f'</li>' for m in items]
            side.append("</ol>")
    legend = " ".join(f'<span class="v-{v}">{SYMBOLS[v]} {_WORDS[v]}</span>' for v in VERDICTS)
    content = (f'<p class="error">This document could not be checked: {_e(error)}</p>'
               if error else "".join(body))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(name)}: checked numbers</title>
<style>
{_CSS}
</style>
</head>
<body>
<header>
<h1>{_e(name)}</h1>
{_summary(claims, placed)}
<p class="legend">{legend}. Hover over a number for its explanation; each number links to its
entry in the list, each entry to its place.</p>
</header>
<div class="layout">
<article id="text">{content}</article>
<aside id="flags">
{chr(10).join(side)}
</aside>
</div>
</body>
</html>
"""


def index_html(pages: Sequence[Mapping]) -> str:
    """The index of a run: one row per document with its counts and a link to its page."""
    rows = []
    for p in pages:
        counts = "".join(f"<td>{p['claims'].get(v, 0)}</td>" for v in VERDICTS)
        link = f'<a href="{_e(p["file"])}">{_e(p["name"])}</a>'
        if p.get("error"):
            link += f' <span class="error">(not read: {_e(p["error"])})</span>'
        rows.append(f"<tr><td>{link}</td><td>{sum(p['claims'].values())}</td>{counts}</tr>")
    head = "".join(f'<th class="v-{v}">{SYMBOLS[v]} {_WORDS[v]}</th>' for v in VERDICTS)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>sarcoma-stats check: {len(pages)} documents</title>
<style>
{_CSS}
</style>
</head>
<body>
<header><h1>{len(pages)} documents checked</h1></header>
<table class="docs">
<tr><th>document</th><th>claims</th>{head}</tr>
{chr(10).join(rows)}
</table>
</body>
</html>
"""


def write_annotated(folder, pages: Sequence[Mapping]) -> None:
    """Write one annotated page per document and ``index.html`` through ``folder.write(name,
    text)`` (the folder of ``sarcoma-stats check --report``).

    ``pages`` are mappings with ``name``, ``file`` (the page's file name), ``text``, ``marks``,
    ``claims`` (verdict -> count) and ``error`` (or None).
    """
    for p in pages:
        folder.write(p["file"], annotated_html(p["name"], p["text"], p["marks"], p["claims"],
                                               p.get("error")))
    folder.write("index.html", index_html(pages))

"""One document model, four formats (sarcoma_stats.report.render and .model): the same content
in text, HTML, Markdown and JSON, escaped for each, and the verdict model of docs/design.md
(the ``query`` verdict, ``components`` per printed number) shown wherever it is present."""

import json

import pandas as pd
import pytest

from sarcoma_stats import render_verdicts, verdicts_to_json
from sarcoma_stats.report.model import report_document, verify_document
from sarcoma_stats.report.document import Heading, Items, Paragraph, Span, Table, slug
from sarcoma_stats.report.render import to_html, to_markdown, to_text

@pytest.fixture(autouse=True)
def design_verdicts(monkeypatch):
    """The verdicts of docs/design.md, as sarcoma_stats.claims.verdict will define them."""
    monkeypatch.setattr("sarcoma_stats.report.model.VERDICTS",
                        ("inconsistent", "query", "consistent", "not-checkable"))


# Two claims in the verdict model of docs/design.md: a 'query' and components.
FRAME = pd.DataFrame([
    {"id": "a-rate", "source": "src-a", "kind": "proportion", "where": "Results",
     "label": "ORR", "quote": "ORR 33% (16 of 50)", "verdict": "query",
     "explanation": "33% fits 16/49, not the 16/50 printed with it",
     "methods": ["half-up"], "trivial": False,
     "components": [{"quote": "33%", "printed": "33", "verdict": "query",
                     "explanation": "16/50 = 32.0%; 16/49 = 32.65% -> 33", "trivial": False},
                    {"quote": "16 of 50", "printed": "16", "verdict": "consistent",
                     "explanation": "16 <= 50", "trivial": True}]},
    {"id": "b-hr", "source": "src-b", "kind": "hazard-ratio", "where": "Abstract",
     "label": "HR", "quote": "HR 0.31 (0.24-.040)", "verdict": "inconsistent",
     "explanation": "malformed interval", "methods": [], "trivial": False,
     "components": [{"quote": "0.24-.040", "printed": "0.24-.040", "verdict": "inconsistent",
                     "explanation": "the upper bound is below the lower", "trivial": False}]},
])


def test_json_carries_components_when_present():
    records = json.loads(verdicts_to_json(FRAME))
    assert list(records[0]) == ["id", "source", "quote", "kind", "verdict", "explanation",
                                "methods", "components"]
    assert records[0]["components"][0]["printed"] == "33"
    assert "components" not in json.loads(verdicts_to_json(FRAME.drop(columns="components")))[0]


def test_text_lists_query_after_inconsistent_with_its_components():
    text = render_verdicts(FRAME)
    assert text.splitlines()[0] == "2 claims from 2 sources: 1 inconsistent, 1 query, " \
                                   "0 consistent, 0 not checkable."
    assert text.index("Inconsistent (1)") < text.index("Query (1)")
    assert "· 33 [query] 16/50 = 32.0%; 16/49 = 32.65% -> 33" in text
    assert "16 <= 50" not in text  # a trivial component is not listed
    only = render_verdicts(FRAME, verdicts=["query"])
    assert "Query (1)" in only and "Inconsistent (1)" not in only


def test_report_summary_table_has_one_row_per_claim_to_act_on():
    blocks = report_document(FRAME, {}, [], [])
    html = to_html(blocks, "t")
    wrong = html.split('id="what-is-wrong"')[1].split("<h2")[0]
    assert "<th>Printed values</th>" in wrong
    assert wrong.count("<tr>") == 3  # header, the query, the inconsistent claim
    assert "<td>33</td>" in wrong  # the printed number behind the query, not the trivial 16
    assert 'class="v-query"' in wrong and 'class="v-inconsistent"' in wrong
    md = to_markdown(blocks, "t")
    assert "**query**" in md and "| 0.24-.040 |" in md and "| 16 |" not in md


def test_one_model_four_formats():
    blocks = (Heading(2, (Span("Results"),), slug("Results")),
              Paragraph((Span("rate "), Span("58%", "strong"), Span(" see "),
                         Span("here", href="#results"))),
              Items(((Span("one"),), (Span("two"),))),
              Table(("Name", "n"), (((Span("a"),), (Span("12"),)),
                                    ((Span("bb"),), (Span("3"),)))))
    text = to_text(blocks)
    assert text.splitlines()[:2] == ["Results", "======="]
    assert "rate 58% see here" in text
    assert "a     12" in text and "bb     3" in text  # numbers right-aligned
    html = to_html(blocks, "t")
    assert '<h2 id="results">Results</h2>' in html
    assert '<strong>58%</strong> see <a href="#results">here</a>' in html
    md = to_markdown(blocks, "t")
    assert "## Results" in md and "**58%** see [here](#results)" in md
    assert "| a | 12 |" in md


@pytest.mark.parametrize("text, expected", [
    ("Fuchs et al. 2023", "fuchs-et-al-2023"),
    ("What is wrong", "what-is-wrong"),
    ("The ASCO Post 2023", "the-asco-post-2023"),
])
def test_slugs_are_those_of_github_headings(text, expected):
    assert slug(text) == expected


def test_verify_document_summary_only():
    blocks = verify_document(FRAME, summary=True)
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Table"]

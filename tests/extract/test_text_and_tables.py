"""Typography, numbers in words, document structure, scopes and plain-text tables."""

import pytest

from sarcoma_stats import extract_claims
from sarcoma_stats.extract.tables import abbreviates, is_table
from sarcoma_stats.extract.text import fold, parse_document, sentences
from sarcoma_stats.extract.words import count_value, fraction_value, word_value


def claims(text, kind=None):
    return [c for c in extract_claims(text, source="t").claims if kind in (None, c["kind"])]


# --------------------------------------------------------------------------------------------
# typography: the same claim whatever the dashes, decimal points and spaces
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The rate was 36.1% (95% CI 16.5-55.8).",
    "The rate was 36\u00b71% (95% CI 16\u00b75\u201355\u00b78).",      # Lancet middle dots, en dash
    "The rate was 36.1\u2009% (95\u00a0% CI 16.5\u201455.8).",        # thin and no-break spaces, em dash
    "The rate was 36.1% (95% CI 16.5 to 55.8).",
    "The rate was 36.1% (95% CI 16.5\u221255.8).",                    # minus sign as a dash
])
def test_typography_does_not_change_the_claim(text):
    c, = claims(text, "proportion")
    assert (c["percent"], c["ci"]) == ("36.1", ["16.5", "55.8"])
    assert text[c["span"][0]:c["span"][1]] == c["quote"]      # quotes are verbatim


def test_unicode_inequalities():
    c, = claims("Overall survival differed (P \u2264 .05).", "p-value")
    assert c["p"] == "<=.05"
    c, = claims("Grade \u2265 3 rash occurred in \u226510% of the 40 patients.", "proportion")
    assert c["percent"] == ">=10"


def test_negative_difference_with_unicode_minus():
    c, = claims("Rates were 10 of 40 (25%) with drug A versus 14 of 40 (35%) with drug B "
                "(difference \u221210.0 percentage points, 95% CI \u221229.8 to 9.8).",
                "two-proportions")
    assert c["difference"] == "-10.0" and c["difference_ci"] == ["-29.8", "9.8"]


def test_fold_keeps_length():
    text = "a\u2009b \u2013 36\u00b71 \u201cq\u201d"
    assert len(fold(text)) == len(text) and fold(text) == 'a b - 36.1 "q"'


# --------------------------------------------------------------------------------------------
# numbers in words
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("words, value", [
    ("one", 1), ("Seventeen", 17), ("thirty-seven", 37), ("Forty four", 44),
    ("ninety-nine", 99), ("one hundred and twelve", 112), ("a hundred", 100),
    ("two hundred", 200),
])
def test_word_values(words, value):
    assert word_value(words) == value == count_value(words)


def test_fraction_words():
    assert fraction_value("one-third") * 3 == 1
    assert fraction_value("two thirds") * 3 == 2
    assert fraction_value("three-quarters") * 4 == 3


def test_words_inside_hyphenated_times_are_numbers():
    c, = claims("The twelve-week PFS was 77%.", "survival-rate")
    assert c["time"] == "12 weeks"


# --------------------------------------------------------------------------------------------
# structure
# --------------------------------------------------------------------------------------------

def test_headings_paragraphs_and_where():
    text = "Results\n\nOf 20 patients, 5 (25%) responded.\n\n2.1 Safety\n\nRash: 4 of 20 (20%)."
    doc = parse_document(text)
    assert [(b.kind, b.section, b.index) for b in doc.blocks] == [
        ("heading", "Results", 0), ("paragraph", "Results", 1), ("heading", "2.1 Safety", 0),
        ("paragraph", "2.1 Safety", 1)]
    wheres = {c["where"] for c in claims(text)}
    assert wheres == {"Results, paragraph 1", "2.1 Safety, paragraph 1"}


def test_sentences_respect_abbreviations_and_missing_spaces():
    text = "Judson et al. reported 26.5 vs 13.6% (Fig. 1). The ORR was 35.7% (5/14).The DCR was 83%."
    assert [text[a:b] for a, b in sentences(text, 0, len(text))] == [
        "Judson et al. reported 26.5 vs 13.6% (Fig. 1).", "The ORR was 35.7% (5/14).",
        "The DCR was 83%."]


# --------------------------------------------------------------------------------------------
# scopes: the Ns a percentage without its own N may be of
# --------------------------------------------------------------------------------------------

def test_scope_lists_every_n_of_the_paragraph_with_its_quote():
    text = ("A trial randomised 87 patients. Objective responses occurred in 33% of the fifty "
            "patients in the sorafenib group and in 7 of 35 patients (20%) given placebo. "
            "The most common adverse events were rash (73%) and fatigue (67%).")
    ex = extract_claims(text, source="t")
    s = next(c for c in ex.claims if c["kind"] == "percent-set")
    scope, = [x for x in ex.scopes if x["id"] == s["scope"]]
    assert [n["n"] for n in scope["ns"]] == [87, 50, 35]
    for n in scope["ns"]:
        assert n["quote"] in text


def test_paragraph_without_an_n_takes_the_nearest_before_it_in_its_section():
    text = ("Safety\n\nWe treated 31 patients.\n\nOne paragraph later, no count.\n\n"
            "The most common adverse events were rash (45%) and fatigue (32%).\n\n"
            "Other\n\nThe rate was 12%.")
    ex = extract_claims(text, source="t")
    sets = [c for c in ex.claims if c["kind"] == "percent-set"]
    scope = next(s for s in ex.scopes if s["id"] == sets[0]["scope"])
    assert [n["n"] for n in scope["ns"]] == [31]
    other = next(c for c in ex.claims if c["kind"] == "proportion")
    assert next(s for s in ex.scopes if s["id"] == other["scope"])["where"] == "earlier in the document"


def test_event_counts_are_not_cohorts():
    text = "We treated 40 patients. Three patients had grade 3 rash. The response rate was 45%."
    ex = extract_claims(text, source="t")
    assert [n["n"] for s in ex.scopes for n in s["ns"]] == [40]


def test_no_cohort_anywhere_means_no_scope():
    c, = claims("About 1% of adult cancers are sarcomas.")
    assert "scope" not in c


# --------------------------------------------------------------------------------------------
# tables
# --------------------------------------------------------------------------------------------

AE_PIPE = """Table 2. Adverse events (N = 20), n (%)

| Event | Grade 1 | Grade 2 | Grade 3 |
|---|---|---|---|
| Anaemia | 6 (30.0) | 3 (15.0) | 1 (5.0) |
| Rash | 4 (20.0) | 0 | 2 (10.0) |

Grade 3 rash occurred in 2 patients (10%)."""


def test_pipe_table_rows_and_claims():
    ex = extract_claims(AE_PIPE, source="t")
    table, = ex.tables
    assert table["where"] == "Table 2"
    assert table["columns"][:3] == ["event", "grade_1_n", "grade_1_pct"]
    rows = ex.table_rows[table["id"]]
    assert rows[1]["event"] == "Rash" and rows[1]["grade_2_n"] == "0" and rows[1]["grade_2_pct"] == ""
    kinds = {c["kind"] for c in ex.claims}
    assert {"table-percentages", "table-total"} <= kinds
    pct = next(c for c in ex.claims if c["kind"] == "table-percentages")
    assert pct["n"] == 20


@pytest.mark.parametrize("table", [
    "Toxicity\tGrade 1\tGrade 2\nAnaemia\t6 (30.0)\t3 (15.0)\nRash\t4 (20.0)\t1 (5.0)",
    "Toxicity      Grade 1     Grade 2\nAnaemia       6 (30.0)    3 (15.0)\nRash          4 (20.0)    1 (5.0)",
    "Toxicity Grade 1 Grade 2\nAnaemia 6 (30.0) 3 (15.0)\nRash 4 (20.0) 1 (5.0)",
])
def test_tab_aligned_and_flattened_tables(table):
    text = f"Table 1. Toxicity (N = 20)\n\n{table}"
    ex = extract_claims(text, source="t")
    t, = ex.tables
    rows = ex.table_rows[t["id"]]
    assert [r[t["columns"][0]] for r in rows] == ["Anaemia", "Rash"]
    assert rows[0]["grade_1_n"] == "6" and rows[1]["grade_2_pct"] == "5.0"


def test_text_against_a_count_table():
    ex = extract_claims(AE_PIPE.replace("Grade 3 rash occurred in 2 patients (10%).",
                                        "Grade 2-3 rash was seen in 2 patients (n = 2, 10%)."),
                        source="t")
    b = [c for c in ex.claims if c["kind"] == "breakdown" and "Table 2" in c.get("note", "")]
    assert b and b[0]["total"] == 2
    assert [p["count"] for p in b[0]["parts"]] == [0, 2]


def test_text_against_a_table_of_patients():
    text = ("Responses: 2 had partial response (PR) and 1 had stable disease (SD).\n\n"
            "Table 1. Patients\n\n| Case | Sex | Response |\n|---|---|---|\n| 1 | M | PR |\n"
            "| 2 | F | SD |\n| 3 | F | PR |")
    ex = extract_claims(text, source="t")
    counts = [c for c in ex.claims if c["kind"] == "table-count"]
    assert [(c["where_rows"], c["count"]) for c in counts] == [
        ({"response": {"equals": "PR"}}, 2), ({"response": {"equals": "SD"}}, 1)]


def test_prose_is_not_a_table():
    assert not is_table(["Of 20 patients, 5 responded.", "The median PFS was 4 months."])


def test_abbreviations():
    assert abbreviates("PR", "partial response") and abbreviates("M", "male")
    assert not abbreviates("SD", "partial response")

"""One verdict per printed number, context denominators (scopes), the query tier, printed terms,
repeats and document conventions, on constructed claims (issue 14).

The numbers are constructed; each expectation carries its arithmetic.
"""

import json

import pytest

from sarcoma_stats import load_claims, verify_claims, verify_record
from sarcoma_stats.claims.conventions import apply_conventions, document_conventions
from sarcoma_stats.claims.load import dataset_from_records
from sarcoma_stats.claims.verdict import VERDICTS, worst
from sarcoma_stats.claims.verify import verdict_objects
from sarcoma_stats.report.render import render_verdicts, verdicts_to_json

COHORT = [{"id": "cohort", "label": "the trial", "ns": [
    {"n": 87, "quote": "87 patients"}, {"n": 50, "quote": "the fifty patients"},
    {"n": 35, "quote": "7 of 35 patients"}]}]


def in_scope(record, scopes=COHORT):
    return verify_record({**record, "scope": "cohort"}, scopes=scopes)


def states(verdict):
    return [(c.printed, c.verdict) for c in verdict.components]


# ------------------------------------------------------------------ components

def test_each_bound_of_an_interval_is_a_component():
    # 16/50: wilson-cc gives 19.9-46.8, the nearest method; it reproduces 20 but not 48
    v = verify_record({"kind": "proportion", "quote": "33% (95% CI 20 - 48) of 50",
                       "events": 16, "n": 50, "percent": "33", "ci": ["20", "48"]})
    assert states(v) == [("33%", "inconsistent"), ("20", "consistent"), ("48", "inconsistent")]
    assert v.verdict == "inconsistent"


def test_a_malformed_ratio_interval_flags_the_wrong_bound_only():
    # sqrt(0.24 x 0.40) = 0.310: the printed HR is the midpoint once .040 reads 0.40
    v = verify_record({"kind": "hazard-ratio", "quote": "HR 0.31, 95% CI 0.24-.040, P < 0.0001",
                       "hr": "0.31", "ci": ["0.24", ".040"], "p": "<0.0001"})
    assert states(v) == [("0.31", "consistent"), ("0.24", "consistent"),
                         (".040", "inconsistent"), ("P <0.0001", "consistent")]
    assert v.components[2].quote == "HR 0.31, 95% CI 0.24-.040, P < 0.0001"


def test_component_quotes_are_verbatim_fragments_without_elisions():
    v = verify_record({"kind": "two-proportions",
                       "quote": "14 of 24 (58%) in the pazopanib group ... 4 of 18 (22%)",
                       "arms": [{"label": "a", "events": 14, "n": 24, "percent": "58"},
                                {"label": "b", "events": 4, "n": 18, "percent": "22"}]})
    assert [c.quote for c in v.components] == ["14 of 24 (58%) in the pazopanib group",
                                                "4 of 18 (22%)"]


def test_every_bundled_component_quote_is_a_fragment_of_its_source():
    claims = {c.id: c for c in load_claims()}
    tables_quotes = {t.quote for t in __import__("sarcoma_stats").load_tables().values()}
    frame = verify_claims(components=True)
    assert len(frame) > len(claims)
    for row in frame.itertuples():
        claim = claims[row.id]
        places = [*claim.fragments, *tables_quotes,
                  *(" ".join(r.quote.split()) for r in claim.repeats or ())]
        assert " ... " not in row.quote
        assert any(row.quote in place for place in places), (row.id, row.quote)


def test_the_claim_verdict_is_the_most_severe_component():
    assert worst(["consistent", "not-checkable"]) == "consistent"
    assert worst(["query", "consistent"]) == "query"
    assert worst(["query", "inconsistent"]) == "inconsistent"
    assert VERDICTS == ("inconsistent", "query", "consistent", "not-checkable")
    frame = verify_claims()
    for row in frame.itertuples():
        assert row.verdict == worst([c["verdict"] for c in row.components]), row.id


def test_json_and_frames_carry_components():
    frame = verify_claims(source="weiss2020-arst1321")
    records = json.loads(verdicts_to_json(frame))
    component = records[0]["components"][0]
    assert {"quote", "printed", "verdict", "explanation"} <= set(component)
    per_number = verify_claims(source="weiss2020-arst1321", components=True)
    assert per_number.groupby("id").size().to_dict() == \
        frame.set_index("id")["components"].map(len).to_dict()


def test_text_view_counts_every_verdict():
    text = render_verdicts(verify_claims(source="ni2024-anlotinib"))
    assert text.splitlines()[0].count(",") == len(VERDICTS) - 1


# ------------------------------------------------------------------ scopes

def test_a_list_no_scope_n_gives_is_inconsistent_and_names_the_n_that_fits():
    # 79% of 31 = 24.49: 24/31 = 77.4%, 25/31 = 80.6%; of 25 = 19.75 (76%, 80%); of 16 = 12.6
    # (75%, 81.25%); of 9 = 7.1 (77.8%, 88.9%): no N of the cohort gives 79% under any rule.
    # The smallest N giving 79, 59, 56 and 47% is 34 (27, 20, 19, 16 of 34).
    scopes = [{"id": "cohort", "label": "the efficacy cohort", "ns": [
        {"n": 31, "quote": "31 patients"}, {"n": 25, "quote": "Twenty-five patients"},
        {"n": 9, "quote": "8 of 9"}, {"n": 16, "quote": "2 of 16"}]}]
    v = in_scope({"kind": "percent-set", "quote": "mucositis (79%), fatigue (59%), rash (56%), "
                  "anemia (47%)",
                  "items": [{"label": "mucositis", "percent": "79"},
                            {"label": "fatigue", "percent": "59"},
                            {"label": "rash", "percent": "56"},
                            {"label": "anemia", "percent": "47"}]}, scopes)
    assert v.verdict == "inconsistent"
    assert ("none of the Ns printed for the efficacy cohort (31, 25, 9, 16) gives all 4 "
            "percentages; the smallest N that gives all 4 percentages is 34") in v.explanation
    assert states(v)[0] == ("79%", "inconsistent")


def test_a_list_one_scope_n_gives_is_consistent():
    # 36% of 87 = 31.3: 31/87 = 35.6% -> 36; 24% of 87 = 20.9: 21/87 = 24.1% -> 24. The first
    # N printed that gives both is named.
    v = in_scope({"kind": "percent-set", "quote": "rash (36%), fatigue (24%)",
                  "items": [{"label": "rash", "percent": "36"},
                            {"label": "fatigue", "percent": "24"}]})
    assert v.verdict == "consistent"
    assert "N = 87, of the Ns printed for the trial (87, 50, 35), gives all 2" in v.explanation


def test_a_scope_fit_needs_a_rule_the_document_uses():
    # 73, 67, 55, 51, 49 and 14% of 87 truncated: 63/87 = 72.4 no, 64/87 = 73.56 -> 73 only by
    # truncation, 59/87 = 67.8 -> 67, 48/87 = 55.2, 45/87 = 51.7 -> 51, 43/87 = 49.4,
    # 13/87 = 14.9 -> 14: all six by truncation; by rounding, the smallest N is 49.
    from sarcoma_stats.claims.checks._base import Context, Findings
    from sarcoma_stats.claims.checks.sets import check_percent_set
    from sarcoma_stats.claims.load import dataset_from_records as records

    record = {"id": "ae", "where": "x", "kind": "percent-set", "scope": "cohort",
              "quote": "rash (73%), fatigue (67%), hypertension (55%), diarrhea (51%), nausea "
                       "(49%) ... rash (14%)",
              "items": [{"label": f"ae{i}", "percent": p}
                        for i, p in enumerate(["73", "67", "55", "51", "49", "14"])]}
    ds = records({"id": "doc", "title": "t", "publisher": "p", "url": "https://example.invalid"},
                 [record], scopes=COHORT)
    claim = ds.claims[0]
    scope = ds.sources["doc"].scopes[0]
    all_rules = Findings(claim)
    check_percent_set(claim, Context(tables={}, scope=scope), all_rules)
    assert {i["verdict"] for i in all_rules.items} == {"consistent"}
    rounding = Findings(claim)
    check_percent_set(claim, Context(tables={}, scope=scope,
                                     roundings=("half-up", "half-even")), rounding)
    assert "inconsistent" in {i["verdict"] for i in rounding.items}
    text = " ".join(i["explanation"] for i in rounding.items)
    assert "the smallest N that gives all 6 percentages is 49" in text
    assert "N = 87 gives them only by truncate, a rule this document does not use" in text


def test_a_single_percentage_no_scope_n_gives_is_a_query():
    # 59% of 24 = 14.16: 14/24 = 58.3%, 15/24 = 62.5%
    scopes = [{"id": "cohort", "label": "the pazopanib group", "ns": [{"n": 24,
                                                                       "quote": "14 of 24"}]}]
    v = in_scope({"kind": "proportion", "quote": "59% had a serious side effect",
                  "percent": "59"}, scopes)
    assert v.verdict == "query"
    assert "fit none of the Ns printed for the pazopanib group (24)" in v.explanation


def test_a_percentage_and_interval_in_scope():
    # 7/35 = 20%: clopper-pearson 95% CI 8.4-36.9 -> "8-37"
    v = in_scope({"kind": "proportion", "quote": "20% (95% CI 8 - 37)", "percent": "20",
                  "ci": ["8", "37"]})
    assert v.verdict == "consistent"
    assert "7/35" in v.explanation and "clopper-pearson" in v.methods


def test_a_breakdown_without_total_adds_up_to_a_scope_n():
    v = in_scope({"kind": "breakdown", "quote": "50 on sorafenib and 37 on placebo",
                  "parts": [{"label": "sorafenib", "count": 50},
                            {"label": "placebo", "count": 37}]})
    assert v.verdict == "consistent" and "= 87" in v.explanation
    v = in_scope({"kind": "breakdown", "quote": "50 on sorafenib and 35 on placebo",
                  "parts": [{"label": "sorafenib", "count": 50},
                            {"label": "placebo", "count": 35}]})
    assert v.verdict == "query"  # 85 is none of 87, 50, 35


def test_a_mean_without_n_against_the_scope():
    # 3.86 x 14 = 54.04: a total of 54 over 14 patients; over 10 patients 38/10 = 3.8 and
    # 39/10 = 3.9: no total gives 3.86
    def scope(n):
        return [{"id": "cohort", "label": "the study", "ns": [{"n": n, "quote": f"{n} patients"}]}]

    record = {"kind": "mean", "quote": "3.86 cycles", "value": "3.86"}
    assert in_scope(record, scope(14)).verdict == "consistent"
    assert in_scope(record, scope(10)).verdict == "query"


def test_a_survival_rate_reports_its_implied_se():
    # 81% (69-96), symmetric on the log scale: implied SE 6.82 points; binomial SE for 35:
    # sqrt(.81 x .19 / 35) = 6.63 points, plausible
    no_n = verify_record({"kind": "survival-rate", "quote": "81% (95% CI 69 - 96)",
                          "percent": "81", "ci": ["69", "96"], "time": "2 years"})
    assert any(c.verdict == "not-checkable" and "implied SE 6.82" in c.explanation
               for c in no_n.components)
    scoped = in_scope({"kind": "survival-rate", "quote": "81% (95% CI 69 - 96)",
                       "percent": "81", "ci": ["69", "96"], "time": "2 years"})
    assert scoped.verdict == "consistent" and "n = 87" in " ".join(
        c.explanation for c in scoped.components)
    # 50% (45-55) is far too narrow for 35 patients (binomial SE 8.5 points): a query in scope
    narrow = in_scope({"kind": "survival-rate", "quote": "50% (95% CI 45 - 55)",
                       "percent": "50", "ci": ["45", "55"], "time": "2 years"},
                      [{"id": "cohort", "label": "the arm", "ns": [{"n": 35, "quote": "35"}]}])
    assert narrow.verdict == "query"


def test_a_stated_n_wins_over_the_scope():
    v = in_scope({"kind": "percent-set", "quote": "rash (36%)", "n": 25,
                  "items": [{"label": "rash", "percent": "36"}]})
    assert "stated N = 25" in v.explanation  # 9/25 = 36%


def test_scope_must_belong_to_the_claims_source():
    from sarcoma_stats import DataError

    with pytest.raises(DataError, match="unknown scope 'elsewhere'"):
        verify_record({"kind": "proportion", "quote": "59%", "percent": "59",
                       "scope": "elsewhere"})


# ------------------------------------------------------------------ the query tier

def test_an_assumption_turns_a_flag_into_a_query():
    record = {"kind": "breakdown", "quote": "87 patients", "total": 87,
              "parts": [{"label": "sorafenib", "count": 50}, {"label": "placebo", "count": 35}]}
    assert verify_record(record).verdict == "inconsistent"  # 50 + 35 = 85, not 87
    v = verify_record({**record, "assumption": "35 is the placebo arm"})
    assert v.verdict == "query"
    assert "if 35 is the placebo arm" in v.explanation


def test_an_assumption_leaves_a_consistent_claim_alone():
    v = verify_record({"kind": "breakdown", "quote": "87 patients", "total": 87,
                       "parts": [{"label": "a", "count": 50}, {"label": "b", "count": 37}],
                       "assumption": "b is the placebo arm"})
    assert v.verdict == "consistent"


# ------------------------------------------------------------------ printed terms

@pytest.mark.parametrize("record, verdict", [
    # a landmark rate printed as a median (palbociclib): inconsistent
    ({"kind": "survival-rate", "quote": "the median 6 months PFS was 30% (95% CI 9-51)",
      "percent": "30", "ci": ["9", "51"], "time": "6 months", "term": "median"},
     "inconsistent"),
    # a proportion printed as a median: 36/43 = 83.7% with its exact interval
    ({"kind": "median", "quote": "median PFS ... was 83.7% (95% CI 69.3 - 93.2)",
      "value": "83.7%", "ci": ["69.3", "93.2"], "term": "median"}, "inconsistent"),
    ({"kind": "proportion", "quote": "ORR 35.7% (5/14)", "events": 5, "n": 14,
      "percent": "35.7", "term": "ORR"}, "consistent"),
    ({"kind": "survival-rate", "quote": "3-year EFS 52.5% (34.8-70.2)", "percent": "52.5",
      "ci": ["34.8", "70.2"], "time": "3 years", "term": "3-year"}, "consistent"),
    ({"kind": "median", "quote": "median PFS 8.25 months (4.88-11.62)", "value": "8.25",
      "ci": ["4.88", "11.62"], "unit": "months", "term": "median"}, "consistent"),
    ({"kind": "hazard-ratio", "quote": "ORR 0.31 (0.24-0.40)", "hr": "0.31",
      "ci": ["0.24", "0.40"], "term": "ORR"}, "inconsistent"),
])
def test_the_printed_term_is_checked(record, verdict):
    v = verify_record(record)
    assert v.verdict == verdict, v.explanation
    assert any(c.printed == record["term"] for c in v.components)


# ------------------------------------------------------------------ repeats

def test_every_repeat_must_print_the_same_numbers():
    base = {"kind": "proportion", "quote": "ORR was 35.7% (5/14)", "events": 5, "n": 14,
            "percent": "35.7"}
    same = verify_record({**base, "repeats": [
        {"where": "Results", "quote": "The ORR was 35.7% (5/14)."},
        {"where": "Discussion", "quote": "The ORR was 35.7% (5/14) and DCR 83.3%"}]})
    assert same.verdict == "consistent"
    assert [c.verdict for c in same.components[-2:]] == ["consistent", "consistent"]
    differs = verify_record({**base, "repeats": [
        {"where": "Results", "quote": "The ORR was 35.7% (5/14)."},
        {"where": "Discussion", "quote": "The ORR was 36% (5/14)"}]})
    assert differs.verdict == "inconsistent"
    assert differs.components[-1].quote == "The ORR was 36% (5/14)"
    assert "Discussion prints 36 where the quote prints 35.7" in differs.explanation
    # a repeat may leave a number out (an abstract without the counts)
    shorter = verify_record({**base, "repeats": [{"where": "Abstract",
                                                  "quote": "The ORR was 35.7%."}]})
    assert shorter.verdict == "consistent"
    assert "leaves out 5, 14" in shorter.components[-1].explanation


# ------------------------------------------------------------------ conventions

def test_a_document_that_truncates_throughout_is_consistent():
    # 5.2% of 152 (8/152 = 5.26%) and 55.2% (84/152 = 55.26%) and 1/3 -> 33.3 truncated:
    # every telling number needs truncation
    records = [{"id": f"cut{i}", "where": "x", "kind": "proportion", "quote": q, "events": k,
                "n": n,
                "percent": p} for i, (q, k, n, p) in enumerate([
                    ("5.2% (8/152)", 8, 152, "5.2"), ("55.2% (84/152)", 84, 152, "55.2"),
                    ("66.6% (2/3)", 2, 3, "66.6"), ("16.6% (1/6)", 1, 6, "16.6")])]
    ds = dataset_from_records({"id": "doc", "title": "t", "publisher": "p",
                               "url": "https://example.invalid"}, records)
    verdicts = verdict_objects(dataset=ds)
    assert [v.verdict for v in verdicts] == ["consistent"] * 4
    assert document_conventions(verdicts)["doc"].rounding == ("truncate",)


def test_truncation_once_in_a_rounding_document_is_a_query():
    # 2/3 = 66.67%, 1/6 = 16.67%, 1/7 = 14.29%: rounding, not truncation, prints them
    rounded = [verify_record({"id": f"r{i}", "kind": "proportion", "quote": q, "events": k,
                              "n": n, "percent": p})
               for i, (q, k, n, p) in enumerate([("66.7% (2/3)", 2, 3, "66.7"),
                                                 ("16.7% (1/6)", 1, 6, "16.7"),
                                                 ("14.3% (1/7)", 1, 7, "14.3")])]
    cut = verify_record({"id": "cut", "kind": "proportion", "quote": "5.2% (8/152)",
                         "events": 8, "n": 152, "percent": "5.2"})
    out = apply_conventions([*rounded, cut])
    assert [v.verdict for v in out] == ["consistent"] * 3 + ["query"]
    assert "only by truncate" in out[-1].explanation
    # two rounded numbers are not enough to call rounding the document's rule
    assert apply_conventions([*rounded[:2], cut])[-1].verdict == "consistent"


# ------------------------------------------------------------------ trivial

def test_a_bound_alone_is_consistent_but_trivial():
    v = verify_record({"kind": "breakdown", "quote": "42 of the 81", "total": 81,
                       "parts": [{"label": "analysed", "count": 42}], "complete": False})
    assert v.verdict == "consistent" and v.trivial
    assert verify_claims()["trivial"].dtype == bool

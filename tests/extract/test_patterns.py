"""Each family of patterns on sentences written for these tests (not taken from the seed
documents), in the phrasings reports use. Every expected value is read off the sentence itself.
"""

import pytest

from sarcoma_stats import extract_claims


def claims(text, kind=None):
    out = extract_claims(text, source="t").claims
    return [c for c in out if kind is None or c["kind"] == kind]


def fields(claim, *names):
    return {n: claim[n] for n in names if n in claim}


# --------------------------------------------------------------------------------------------
# counts and percentages
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, events, n, percent", [
    ("Disease control was reached in 19 of 26 (73%) patients.", 19, 26, "73"),
    ("The response rate was 42% (11/26).", 11, 26, "42"),
    ("The response rate was 42% (11 of 26 patients).", 11, 26, "42"),
    ("We saw a partial response in 11/26 (42.3%).", 11, 26, "42.3"),
    ("A partial response occurred in 11 (42%) of 26 patients.", 11, 26, "42"),
    ("Grade 3 rash was recorded (n = 4/26, 15%).", 4, 26, "15"),
    ("Seventeen of thirty-seven patients (46%) relapsed.", 17, 37, "46"),
    ("Twenty percent (7 of 35 patients) had a response.", 7, 35, "20"),
    ("Stable disease lasted in 9 out of 20 (45%) patients.", 9, 20, "45"),
])
def test_counts_with_a_percentage_in_every_order(text, events, n, percent):
    c, = claims(text, "proportion")
    assert fields(c, "events", "n", "percent") == {"events": events, "n": n, "percent": percent}
    assert text[c["span"][0]:c["span"][1]] == c["quote"]


@pytest.mark.parametrize("text, percent, ci", [
    ("The objective response rate was 39% (95% CI 22-58).", "39", ["22", "58"]),
    ("The ORR was 39% (95% CI, 22 to 58).", "39", ["22", "58"]),
    ("ORR: 39.0% [95% confidence interval 22.1%\u201358.3%].", "39.0", ["22.1", "58.3"]),
    ("ORR 39% (95% CI: 22 \u2013 58)", "39", ["22", "58"]),
])
def test_rates_with_intervals(text, percent, ci):
    c, = claims(text, "proportion")
    assert c["percent"] == percent and c["ci"] == ci


def test_interval_level_other_than_95_is_kept():
    c, = claims("Control was 61% (90% CI 48-72).", "proportion")
    assert c["ci_level"] == "90" and c["ci"] == ["48", "72"]


def test_count_and_percent_and_interval_together():
    c, = claims("The overall response rate was 39% (12 of 31; 95% CI 22 to 58).", "proportion")
    assert fields(c, "events", "n", "percent", "ci") == {"events": 12, "n": 31, "percent": "39",
                                                         "ci": ["22", "58"]}


def test_two_arm_comparison_with_p_value():
    c, = claims("Pathological response was seen in 15 of 25 (60%) patients in the experimental "
                "arm versus 5 of 20 (25%) in the standard arm (P = 0.034).", "two-proportions")
    a, b = c["arms"]
    assert (a["events"], a["n"], a["percent"]) == (15, 25, "60")
    assert (b["events"], b["n"], b["percent"]) == (5, 20, "25")
    assert c["p"] == "0.034"
    assert "experimental" in a["label"] and "standard" in b["label"]


def test_two_arm_percentages_without_counts():
    c, = claims("The response rate was 41% with drug A versus 8% with placebo (P<0.001).",
                "two-proportions")
    assert [a["percent"] for a in c["arms"]] == ["41", "8"]
    assert [a["label"] for a in c["arms"]] == ["drug A", "placebo"]
    assert c["p"] == "<0.001"


def test_shared_percent_sign_distributes():
    c, = claims("Response rates were higher with the combination (26.5 vs 13.6%).",
                "two-proportions")
    assert [a["percent"] for a in c["arms"]] == ["26.5", "13.6"]


def test_difference_with_its_interval_and_level():
    c, = claims("The rate was 14 of 24 (58%) in the drug group versus 4 of 18 (22%) in the "
                "control group, with a between-group difference of 36\u00b71% (83\u00b78% CI "
                "16\u00b75\u201355\u00b78).", "two-proportions")
    assert c["difference"] == "36.1"
    assert c["difference_ci"] == ["16.5", "55.8"]
    assert c["difference_ci_level"] == "83.8"


def test_inequalities_and_approximations_are_kept_as_such():
    cs = claims("More than 90% of tumours lack the protein, and roughly 70% of samples carry "
                "the fusion.", "percent-set") or claims(
        "More than 90% of tumours lack the protein, and roughly 70% of samples carry the "
        "fusion.", "proportion")
    printed = [i["percent"] for c in cs for i in c.get("items", [c])]
    assert ">90" in printed and "70" in printed


def test_approximation_is_noted():
    c, = claims("Roughly 70% of samples carried the fusion.", "proportion")
    assert c["percent"] == "70" and "approximation" in c["note"]


def test_thresholds_and_changes_are_not_proportions():
    text = ("The most common (\u2265 10%) adverse events were rash (30%) and fatigue (22%); "
            "tumour size fell by a 30% decrease and range of motion rose by +15%.")
    out = claims(text)
    printed = [i["percent"] for c in out for i in c.get("items", [c]) if "percent" in i]
    assert sorted(printed) == ["22", "30"]


def test_interval_level_is_not_a_percentage():
    assert [c["percent"] for c in claims("ORR 40% (95% CI 20-60)", "proportion")] == ["40"]


def test_range_is_recorded_as_its_two_ends():
    c, = claims("Objective responses were reported in 30-50% of patients.", "percent-set")
    assert [i["percent"] for i in c["items"]] == ["30", "50"]
    assert "range" in c["note"]


# --------------------------------------------------------------------------------------------
# numbers in words
# --------------------------------------------------------------------------------------------

def test_numbers_in_words():
    c, = claims("Fifty percent of the 107 patients had liposarcoma.", "proportion")
    assert (c["percent"], c["n"]) == ("50", 107)
    b, = claims("Thirty patients were enrolled (twenty-one with leiomyosarcoma, nine with "
                "liposarcoma).", "breakdown")
    assert b["total"] == 30 and [p["count"] for p in b["parts"]] == [21, 9]


def test_fractions_in_words_with_their_counts():
    for text in ("A response was seen in one-third of patients (14/42).",
                 "A response was seen in 14 of 42 (one-third)."):
        c, = claims(text, "proportion")
        assert (c["events"], c["n"]) == (14, 42) and "one-third" in c["note"]


# --------------------------------------------------------------------------------------------
# ratios and p-values
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, hr, ci, p", [
    ("PFS favoured the drug (HR 0.31, 95% CI 0.24-0.40, P < .001).", "0.31", ["0.24", "0.40"], "<.001"),
    ("The hazard ratio for death was 0.74 (95% CI 0.60 to 0.90; P = 0.003).", "0.74", ["0.60", "0.90"], "0.003"),
    ("The primary end point was met (P = 0.0015) with a hazard ratio of 0.449 (95% CI 0.270 \u2013 0.744).", "0.449", ["0.270", "0.744"], "0.0015"),
    ("HR = 0.62 (0.45\u20130.85), p=0.002", "0.62", ["0.45", "0.85"], "0.002"),
    ("hazard ratio [HR] 0.31, 95% CI 0.24-.040, P < 0.0001", "0.31", ["0.24", ".040"], "<0.0001"),
])
def test_hazard_ratios(text, hr, ci, p):
    c, = claims(text, "hazard-ratio")
    assert (c["hr"], c["ci"], c["p"], c["term"]) == (hr, ci, p, "HR")


def test_odds_and_risk_ratios_are_read_and_named():
    c, = claims("The odds ratio was 2.10 (95% CI 1.20-3.60).", "hazard-ratio")
    assert (c["hr"], c["ci"], c["term"]) == ("2.10", ["1.20", "3.60"], "OR")
    c, = claims("Relapse was less likely (RR 0.80, 95% CI 0.65-0.98).", "hazard-ratio")
    assert c["term"] == "RR" and "ratio" in c["note"]


def test_english_or_is_not_an_odds_ratio():
    assert not claims("Patients with two or more prior lines, or 3 cycles, were eligible.",
                      "hazard-ratio")


def test_p_value_alone_with_its_test():
    c, = claims("Overall survival did not differ (log-rank P = .19).", "p-value")
    assert (c["p"], c["test"]) == (".19", "log-rank")


def test_p_like_tokens_are_not_p_values():
    assert not claims("Loss of p53 and the t(X;18)(p11.2;q11.2) translocation were studied.",
                      "p-value")


# --------------------------------------------------------------------------------------------
# medians and landmark rates
# --------------------------------------------------------------------------------------------

def test_median_with_interval_and_unit():
    c, = claims("The median progression-free survival was 6.2 months (95% CI 4.1\u20138.3).",
                "median")
    assert fields(c, "value", "ci", "unit", "endpoint", "term") == {
        "value": "6.2", "ci": ["4.1", "8.3"], "unit": "months",
        "endpoint": "progression-free survival", "term": "median"}


def test_median_not_reached_and_open_bound():
    out = claims("Median overall survival was not reached; median DOR was 15.0 months (95% CI "
                 "4.6 - not estimable).", "median")
    assert [c["value"] for c in out] == ["not reached", "15.0"]
    assert out[1]["ci"] == ["4.6", "not estimable"]


def test_medians_compared_and_respectively():
    out = claims("Median PFS was 4.6 months with the drug compared with 1.6 months with placebo.",
                 "median")
    assert [c["value"] for c in out] == ["4.6", "1.6"]
    out = claims("Responses lasted a median of 7.9 and 5.7 months, respectively.", "median")
    assert [(c["value"], c["unit"]) for c in out] == [("7.9", "months"), ("5.7", "months")]


def test_median_follow_up_printed_after_the_value():
    c, = claims("After 12.9 months of median follow-up, responses continued.", "median")
    assert (c["value"], c["endpoint"]) == ("12.9", "follow-up")


def test_landmarks_and_thresholds_are_not_medians():
    assert not claims("Patients were treated for at least 6 months and assessed at 12 weeks, "
                      "every 2 cycles.", "median")
    assert not claims("The median age was 54 years.", "median")


@pytest.mark.parametrize("text, time, percent", [
    ("The 3-year event-free survival was 52.5% (95% CI 34.8 to 70.2).", "3 years", "52.5"),
    ("Two-year PFS was 81% (95% CI 69-96).", "2 years", "81"),
    ("PFS at 12 weeks was 76% (95% CI 57-90%).", "12 weeks", "76"),
    ("The 1-year OS rate was 98.0%.", "1 year", "98.0"),
    ("The twelve-week PFS rate reached 68%.", "12 weeks", "68"),
])
def test_landmark_rates(text, time, percent):
    c, = claims(text, "survival-rate")
    assert (c["time"], c["percent"]) == (time, percent)


def test_landmark_rates_respectively_and_at_a_time():
    out = claims("The 3 month and 6 month PFS rates were 66% and 37%.", "survival-rate")
    assert [(c["time"], c["percent"]) for c in out] == [("3 months", "66"), ("6 months", "37")]
    out = claims("At 2 years, 71% of responses were ongoing and 55% of patients remained "
                 "progression-free.", "survival-rate")
    assert [(c["time"], c["endpoint"]) for c in out] == [
        ("2 years", "duration of response"), ("2 years", "progression-free survival")]


def test_a_rate_printed_as_a_median_keeps_the_printed_word():
    c, = claims("The median 6 months PFS was 30% (95% CI 9-51).", "survival-rate")
    assert (c["time"], c["term"]) == ("6 months", "median")


def test_mean_of_counts():
    c, = claims("Twenty patients were treated. The mean number of cycles was 4.35.", "mean")
    assert (c["value"], c["n"], c["term"]) == ("4.35", 20, "mean")


# --------------------------------------------------------------------------------------------
# breakdowns
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, total, counts, complete", [
    ("Among the 20 patients, 3 had partial response, 12 had stable disease and 5 had "
     "progressive disease.", 20, [3, 12, 5], True),
    ("A total of 12 patients consisting of 5 leiomyosarcoma, 4 liposarcoma and 3 synovial "
     "sarcoma were treated.", 12, [5, 4, 3], True),
    ("Of the 40 evaluable patients, 2 had a complete response, 10 had a partial response, "
     "and 15 had stable disease.", 40, [2, 10, 15], False),
    ("The 60 patients were randomly assigned to the drug (n = 31) or placebo (n = 29).", 60,
     [31, 29], True),
    ("In 9 patients there was partial response in 5 cases, stable disease in 3 cases and "
     "progression in one case.", 9, [5, 3, 1], True),
])
def test_breakdowns_that_should_add_up(text, total, counts, complete):
    b = [c for c in claims(text, "breakdown") if len(c["parts"]) > 1]
    assert len(b) == 1
    assert b[0]["total"] == total and [p["count"] for p in b[0]["parts"]] == counts
    assert b[0]["complete"] is complete


def test_lists_printed_differently_are_not_a_breakdown():
    # overlapping groups: the same patient may have had both
    assert not [c for c in claims("Ten patients had previous surgery and six patients received "
                                  "radiotherapy.", "breakdown") if len(c["parts"]) > 1]


def test_cohort_within_a_cohort():
    out = claims("A trial of 34 patients was run; of the 31 evaluable patients, 18 responded.",
                 "breakdown")
    assert any(c["total"] == 34 and c["parts"][0]["count"] == 31 for c in out)


def test_arms_add_up_to_the_analysed_cohort():
    out = claims("Among the 42 patients analysed, 14 of 24 (58%) in the drug group versus 4 of "
                 "18 (22%) in the control group responded.", "breakdown")
    assert [(c["total"], [p["count"] for p in c["parts"]]) for c in out] == [(42, [24, 18])]


def test_response_components_become_events():
    c, = claims("Of the 9 patients, 67% (95% CI 30-93) had a response, with 1 complete "
                "response and 5 partial responses.", "proportion")
    assert c["events"] == {"CR": 1, "PR": 5} and c["n"] == 9


# --------------------------------------------------------------------------------------------
# adverse-event lists
# --------------------------------------------------------------------------------------------

def test_adverse_event_list_with_labels():
    c, = claims("The most common adverse events were fatigue (65%), diarrhoea (58%), nausea "
                "(54%), and weight loss (48%).", "percent-set")
    assert [(i["label"], i["percent"]) for i in c["items"]] == [
        ("fatigue", "65"), ("diarrhoea", "58"), ("nausea", "54"), ("weight loss", "48")]


def test_adverse_event_list_without_parentheses():
    c, = claims("Grade 3 events were neutropenia 22.7%, elevated transaminases 6.8%, and "
                "vomiting 6.8%.", "percent-set")
    assert [i["label"] for i in c["items"]] == ["neutropenia", "elevated transaminases",
                                                "vomiting"]


def test_adverse_event_list_gets_the_cohort_that_opens_the_sentence():
    c, = claims("Of the 42 treated patients, the most common toxicities were anaemia (31%) and "
                "neutropenia (24%).", "percent-set")
    assert c["n"] == 42


def test_counts_per_grade_are_a_set_with_events():
    c, = claims("The main toxicity was neutropenia (grade 3, n = 20 [33%], grade 4, n = 2 "
                "[3%]).", "percent-set")
    assert [(i["label"], i["events"], i["percent"]) for i in c["items"]] == [
        ("grade 3", 20, "33"), ("grade 4", 2, "3")]


def test_respectively_names_the_items():
    c, = claims("The ORR and DCR were 16 and 94%, respectively.", "percent-set")
    assert [(i["label"], i["percent"]) for i in c["items"]] == [("ORR", "16"), ("DCR", "94")]

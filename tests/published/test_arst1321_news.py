"""Expected verdicts for data/claims/arst1321-news.yaml (seed 000_52af9a84dedca1ba.txt, NCI news
report on ARST1321). Each expectation is a human check; the arithmetic is in the comment."""

from _expect import expectation_tests

EXPECTED = {
    # 14/24 = 58.333...% -> "58" under half-up, half-even and truncation;
    # 4/18 = 22.222...% -> "22" under all three. No p-value printed, so nothing else to check.
    "arst1321-news-pncr": "consistent",
    # 24 + 18 = 42, the stated number analysed (complete breakdown).
    "arst1321-news-analysed-arms": "consistent",
    # 42 analysed <= 81 enrolled (partial breakdown).
    "arst1321-news-analysed-of-enrolled": "consistent",
    # 81 enrolled <= 100 planned (enrolment stopped early; partial breakdown).
    "arst1321-news-enrolled-of-planned": "consistent",
    # "59% of patients in the pazopanib group": the sentence names the group but prints no N for
    # it; the only N the article prints for the pazopanib group is the 24 analysed for response
    # (scope arst1321-news-pazopanib-group). 59% of 24 is not attainable: 14/24 = 58.33%,
    # 15/24 = 62.50%. One percentage cannot show the N is wrong (the safety population may differ
    # from the 24), so a query, not an inconsistency (0.1.0: not-checkable, no N linked). 59% is
    # attainable with n = 17, 22, 27, 29, 32, ...
    "arst1321-news-serious-ae": "query",
}

EXPECTED_METHODS = {
    "arst1321-news-pncr": ["half-up"],
}

globals().update(expectation_tests(
    "arst1321-news.yaml", EXPECTED, EXPECTED_METHODS
))

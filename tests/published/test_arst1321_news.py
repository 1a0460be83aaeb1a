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
    # "59%" with no denominator: not checkable. (Were the denominator the 24 pazopanib patients
    # analysed for response, 59% would be unattainable: 14/24 = 58.3%, 15/24 = 62.5%; but the
    # safety population is not stated, so no verdict either way.)
    "arst1321-news-serious-ae": "not-checkable",
}

EXPECTED_METHODS = {
    "arst1321-news-pncr": ["half-up"],
}

globals().update(expectation_tests(
    "arst1321-news.yaml", EXPECTED, EXPECTED_METHODS
))

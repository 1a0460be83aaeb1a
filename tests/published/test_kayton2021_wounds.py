"""Expected verdicts for data/claims/kayton2021-wounds.yaml (Kayton et al., J Surg Oncol 2021, wound
complications on ARST1321; abstract only). Each expectation is a human check; the arithmetic is in
the comment."""

from _expect import expectation_tests

EXPECTED = {
    # 35/85 = 41.18% -> "41" under all three roundings.
    "kayton2021-any-wound": "consistent",
    # n = 35, no count: 20/35 = 57.14% -> "57" (19/35 = 54.29%, 21/35 = 60.00%), so one count fits.
    "kayton2021-grade3-share": "consistent",
    # 17/34 = 50% exactly -> "50"; 5/23 = 21.74% -> "22" under half-up and half-even (truncation
    # gives 21). No p-value printed. For the record, scipy.stats.fisher_exact [[17, 17], [5, 18]]
    # gives two-sided p = 0.0515.
    "kayton2021-wound-chemo": "consistent",
    # n = 17, no count: 8/17 = 47.06% -> "47" (7/17 = 41.18%, 9/17 = 52.94%).
    "kayton2021-grade3-chemo": "consistent",
    # Percentages only, no counts, no denominators: nothing to check against. (59% is attainable
    # with n = 17, 22, 27, 29, 32, ...; 25% with n = 4, 8, 12, ...; see docs/arst1321.md.) The
    # printed word "rate" (term) names a share of patients, as it should; that recomputes nothing.
    "kayton2021-wound-rt": "not-checkable",
    # 15/58 = 25.86% -> "26" under half-up and half-even (truncation gives 25).
    "kayton2021-grade3-pazopanib": "consistent",
}

EXPECTED_METHODS = {
    "kayton2021-any-wound": ["half-up"],
    "kayton2021-wound-chemo": ["half-up"],
    "kayton2021-grade3-pazopanib": ["half-up"],
}

globals().update(expectation_tests(
    "kayton2021-wounds.yaml", EXPECTED, EXPECTED_METHODS
))

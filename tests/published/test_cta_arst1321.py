"""Expected verdicts for data/claims/cta-arst1321.yaml (Cancer Therapy Advisor news report of the
ARST1321 interim analysis: grade 3/4 adverse events, percentages only). Each expectation is a human
check; the arithmetic is in the comment."""

from _expect import expectation_tests

EXPECTED = {
    # Percentages only, no counts and no stated arm sizes: nothing to check against. (41% is
    # attainable (half-up) with n = 17, 22, 27, 29, 32, 34, 37, 39, 41, ... but not with the 42
    # randomised to pazopanib: 17/42 = 40.48%, 18/42 = 42.86%; 9% is attainable with n = 11,
    # 21-23, 31-35, 41-47, ... but not with the 39 randomised to control: 3/39 = 7.69%,
    # 4/39 = 10.26%.)
    "cta-g34-neutropenia": "not-checkable",
    # Same percentages as neutropenia.
    "cta-g34-febrile-neutropenia": "not-checkable",
    # No N stated: not-checkable, listing denominators. 43%, 41%, 41% under one rounding rule allow
    # n = 37, 44, 46, 49, ... (half-up or half-even) or n = 39, 41, 46, 48, ... (truncation:
    # 18/41 = 43.90% -> 43); never the 42 randomised to pazopanib. Mixing rules adds n = 32
    # (14/32 = 43.75% truncated, 13/32 = 40.625% rounded).
    "cta-g34-pazopanib-arm": "not-checkable",
}

globals().update(expectation_tests(
    "cta-arst1321.yaml", EXPECTED
))

"""Expected verdicts for data/claims/ascopost2023-arst1321.yaml (The ASCO Post, August 2023, on the
ARST1321 outcome analysis). Each expectation is a human check; the arithmetic is in the comment.
Implied SE = (upper - lower) / (2 * 1.959964); binomial SE = sqrt(p (1 - p) / n)."""

from _expect import expectation_tests

EXPECTED = {
    # 44 + 41 = 85, the stated total (complete breakdown).
    "ascopost2023-randomised": "consistent",
    # 52.5 -/+ 17.7: symmetric on the plain scale. Implied SE 9.03 points vs binomial
    # sqrt(.525 * .475 / 44) = 7.53: ratio 1.20, larger, as censoring makes it.
    "ascopost2023-efs3-pazopanib": "consistent",
    # 50.6 -/+ 18.6: plain. Implied SE 9.49 vs binomial sqrt(.506 * .494 / 41) = 7.81 (ratio 1.22).
    "ascopost2023-efs3-control": "consistent",
    # A p-value printed alone, test not named.
    "ascopost2023-efs-p": "not-checkable",
    # 75.7 -/+ 16.0: plain. Implied SE 8.16 vs binomial sqrt(.757 * .243 / 44) = 6.47 (ratio 1.26).
    "ascopost2023-os3-pazopanib": "consistent",
    # 65.4 -/+ 17.3: plain. Implied SE 8.83 vs binomial sqrt(.654 * .346 / 41) = 7.43 (ratio 1.19).
    "ascopost2023-os3-control": "consistent",
    # A p-value printed alone.
    "ascopost2023-os-p": "not-checkable",
}

EXPECTED_METHODS = {
    "ascopost2023-efs3-pazopanib": ["plain"],
    "ascopost2023-efs3-control": ["plain"],
    "ascopost2023-os3-pazopanib": ["plain"],
    "ascopost2023-os3-control": ["plain"],
}

globals().update(expectation_tests(
    "ascopost2023-arst1321.yaml", EXPECTED, EXPECTED_METHODS
))

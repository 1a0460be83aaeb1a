"""Expected verdicts for data/claims/weiss2020-arst1321.yaml (Weiss et al., Lancet Oncol 2020, the
ARST1321 primary report; abstract only). Each expectation is a human check; the arithmetic is in the
comment."""

from _expect import expectation_tests

EXPECTED = {
    # 42 + 39 = 81, the stated number randomised (complete breakdown).
    "weiss2020-randomised": "consistent",
    # 14/24 = 58.333...% -> "58" and 4/18 = 22.222...% -> "22" under half-up, half-even and
    # truncation; difference 14/24 - 4/18 = 13/36 = 36.111...% -> "36.1" under all three.
    # No p-value is encoded (none readable). For the record, scipy.stats.fisher_exact
    # [[14, 10], [4, 14]] gives two-sided p = 0.0285. The printed 83.8% interval 16.5-55.8 is the
    # Wald interval: z = Phi^-1(0.919) = 1.3984, SE = sqrt(14*10/24**3 + 4*14/18**3) = 0.14046,
    # 13/36 -/+ 1.3984 * 0.14046 = 16.47%, 55.75% -> "16.5", "55.8".
    "weiss2020-pncr": "consistent",
}

EXPECTED_METHODS = {
    "weiss2020-pncr": ["half-up", "rd-wald"],
}

globals().update(expectation_tests(
    "weiss2020-arst1321.yaml", EXPECTED, EXPECTED_METHODS
))

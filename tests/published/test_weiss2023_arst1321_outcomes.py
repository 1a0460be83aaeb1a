"""Expected verdicts for data/claims/weiss2023-arst1321-outcomes.yaml (Weiss et al., J Clin Oncol
2023, ARST1321 outcomes; abstract only). Each expectation is a human check; the arithmetic is in the
comment. No arm sizes are printed, so no Greenwood-versus-binomial comparison is possible."""

from _expect import expectation_tests

EXPECTED = {
    # 52.5 - 34.8 = 17.7 = 70.2 - 52.5: symmetric on the plain scale (implied SE 17.7/1.96 = 9.03
    # points). Upper bound rebuilt from the lower on other scales: log 79.20, log-log 67.48,
    # logit 69.59, arcsine 69.88 -- none within 0.05 of 70.2.
    "weiss2023-efs3-pazopanib": "consistent",
    # 50.6 - 32 = 18.6 = 69.2 - 50.6: plain. Others: log 80.01, log-log 66.55, logit 69.04,
    # arcsine 69.11.
    "weiss2023-efs3-control": "consistent",
    # A log-rank p printed alone, without the data to recompute it.
    "weiss2023-efs-logrank": "not-checkable",
    # 75.7 - 59.7 = 16.0 = 91.7 - 75.7: plain. Others: log 95.99, log-log 86.05, logit 86.76,
    # arcsine 88.68.
    "weiss2023-os3-pazopanib": "consistent",
    # 65.4 - 48.1 = 17.3 = 82.7 - 65.4: plain. Others: log 88.92, log-log 78.16, logit 79.40,
    # arcsine 80.82.
    "weiss2023-os3-control": "consistent",
    # A log-rank p printed alone.
    "weiss2023-os-logrank": "not-checkable",
}

EXPECTED_METHODS = {
    "weiss2023-efs3-pazopanib": ["plain"],
    "weiss2023-efs3-control": ["plain"],
    "weiss2023-os3-pazopanib": ["plain"],
    "weiss2023-os3-control": ["plain"],
}

globals().update(expectation_tests(
    "weiss2023-arst1321-outcomes.yaml", EXPECTED, EXPECTED_METHODS
))

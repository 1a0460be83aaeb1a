"""Expected verdicts for data/claims/pdq-recurrent-childhood-sts.yaml (seed 001_3ac503dc39282689.txt,
PDQ treatment of progressive/recurrent childhood soft tissue sarcoma). Each expectation is a human
check; the arithmetic is in the comment."""

from _expect import expectation_tests

EXPECTED = {
    # 1 partial response + 8 prolonged stabilizations, but the number of patients treated is not
    # printed: no total to add up to, nothing to check.
    "pdq-pazopanib-phase1-responses": "not-checkable",
    # 31 vs "ten other patients": no total printed, nothing to add up to.
    "pdq-stanelle-metastasectomy": "not-checkable",
    # 29 <= 44 (and 29/44 = 65.9% is indeed "most"; the word itself is not encoded).
    "pdq-ferrari-distant-relapse": "consistent",
    # 27 <= 37 (27/37 = 73.0%, "most").
    "pdq-soole-local-relapse": "consistent",
}

globals().update(expectation_tests(
    "pdq-recurrent-childhood-sts.yaml", EXPECTED
))

"""One helper for every published-number test module (no copy-paste between them)."""

import pytest



def claim_ids_of(file_name):
    """Ids of the claims encoded in ``data/claims/<file_name>``."""
    from sarcoma_stats import load_claims

    return {c.id for c in load_claims() if c.file == f"data/claims/{file_name}"}


def expectation_tests(file_name, expected, expected_methods=None):
    """Build the tests every published-number module runs, as a dict for ``globals().update``.

    Parameters
    ----------
    file_name : str
        The claims file, e.g. ``"ni2024-anlotinib.yaml"``.
    expected : dict
        claim id -> expected verdict.
    expected_methods : dict, optional
        claim id -> method names that must be among those reproducing the printed value.
    """
    expected_methods = expected_methods or {}

    def test_every_claim_has_an_expectation():
        assert claim_ids_of(file_name) == set(expected)

    @pytest.mark.parametrize("claim_id", sorted(expected))
    def test_verdict(verdicts, claim_id):
        row = verdicts.loc[claim_id]
        assert row["verdict"] == expected[claim_id], row["explanation"]

    @pytest.mark.parametrize("claim_id", sorted(expected_methods))
    def test_methods(verdicts, claim_id):
        row = verdicts.loc[claim_id]
        missing = set(expected_methods[claim_id]) - set(row["methods"])
        assert not missing, f"{missing} not in {row['methods']}: {row['explanation']}"

    tests = {"test_every_claim_has_an_expectation": test_every_claim_has_an_expectation,
             "test_verdict": test_verdict}
    if expected_methods:  # a module that pins no method gets no empty test
        tests["test_methods"] = test_methods
    return tests

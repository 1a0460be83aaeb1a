"""One helper for every published-number test module (no copy-paste between them)."""

import pytest

#: A known engine defect shared by several modules (reported to the lead): the check of the
#: printed word adds a "consistent" component when the word agrees with the claim's kind ("median"
#: on a median, "5-year" on a survival rate, "HR" on a hazard ratio). The word is chosen with the
#: kind, so that check cannot fail there, yet it lifts a claim whose numbers cannot be recomputed
#: (a median without interval, percentages without arm sizes) from not-checkable to consistent.
TERM_ONLY = ("an agreeing printed term is counted as a consistent component, though nothing is "
             "recomputed (the claim is not checkable)")


def claim_ids_of(file_name):
    """Ids of the claims encoded in ``data/claims/<file_name>``."""
    from sarcoma_stats import load_claims

    return {c.id for c in load_claims() if c.file == f"data/claims/{file_name}"}


def expectation_tests(file_name, expected, expected_methods=None, engine_disagrees=None):
    """Build the tests every published-number module runs, as a dict for ``globals().update``.

    Parameters
    ----------
    file_name : str
        The claims file, e.g. ``"ni2024-anlotinib.yaml"``.
    expected : dict
        claim id -> the verdict a careful human checker gives it.
    expected_methods : dict, optional
        claim id -> method names that must be among those reproducing the printed value.
    engine_disagrees : dict, optional
        claim id -> why the engine's verdict differs from ``expected`` today (a known engine
        defect, reported to the lead). Those verdict tests are strict xfails: they fail the suite
        as soon as the engine gives the expected verdict, so the entry is removed then.
    """
    expected_methods = expected_methods or {}
    engine_disagrees = engine_disagrees or {}

    def test_every_claim_has_an_expectation():
        assert claim_ids_of(file_name) == set(expected)
        assert set(engine_disagrees) <= set(expected)

    params = [pytest.param(claim_id, marks=pytest.mark.xfail(
                  strict=True, reason=f"engine: {engine_disagrees[claim_id]}"))
              if claim_id in engine_disagrees else claim_id
              for claim_id in sorted(expected)]

    @pytest.mark.parametrize("claim_id", params)
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

"""Shared fixtures for the published-number tests.

Each ``test_<claims file>.py`` here holds, for every claim of one data file, the verdict a careful
human checker gives it (with the arithmetic in a comment for the inconsistent ones). The
expectations live here, never in ``data/``.
"""

import pytest


@pytest.fixture(scope="session")
def verdicts():
    """``verify_claims()`` once for the whole session, indexed by claim id."""
    from sarcoma_stats import verify_claims

    return verify_claims().set_index("id")


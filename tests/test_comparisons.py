"""Tests for sarcoma_stats.comparisons (2x2 tables).

Reference values: tests/reference/*.csv, produced by tests/reference/make_fixtures.R (the R
version, package versions and exact calls are recorded in each file's header).
"""

import warnings
from fractions import Fraction
from math import comb
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from sarcoma_stats.comparisons import fisher_exact

REFERENCE = Path(__file__).parent / "reference"


def read_fixture(name):
    return pd.read_csv(REFERENCE / name, comment="#")


def table_of(row):
    return [[int(row.a), int(row.b)], [int(row.c), int(row.d)]]


# --------------------------------------------------------------------------- Fisher


FISHER = read_fixture("fisher_test.csv")


@pytest.mark.parametrize("row", list(FISHER.itertuples()), ids=lambda r: f"{r.a}-{r.b}-{r.c}-{r.d}")
@pytest.mark.parametrize(
    "alternative,column",
    [("two-sided", "p_two_sided"), ("less", "p_less"), ("greater", "p_greater")],
)
def test_fisher_matches_r(row, alternative, column):
    # R 4.2.2 fisher.test(rbind(c(a, b), c(c, d)), alternative = ...)$p.value
    result = fisher_exact(table_of(row), alternative=alternative)
    assert result.pvalue == pytest.approx(getattr(row, column), rel=1e-8, abs=1e-300)


def test_fisher_vectorised_matches_r_in_one_call():
    tables = np.array([table_of(row) for row in FISHER.itertuples()])
    result = fisher_exact(tables)
    np.testing.assert_allclose(result.pvalue, FISHER.p_two_sided, rtol=1e-8)
    assert result.pvalue.shape == (len(FISHER),)


def _exact_fisher(table, alternative, midp):
    """Independent reference: enumerate the hypergeometric support with exact fractions."""
    (a, b), (c, d) = table
    n1, n2, events = a + b, c + d, a + c
    support = range(max(0, events - n2), min(n1, events) + 1)
    prob = {x: Fraction(comb(n1, x) * comb(n2, events - x), comb(n1 + n2, events)) for x in support}
    if alternative == "less":
        tail = [x for x in support if x < a]
    elif alternative == "greater":
        tail = [x for x in support if x > a]
    else:
        tail = [x for x in support if prob[x] < prob[a]]
    ties = [x for x in support if prob[x] == prob[a]] if alternative == "two-sided" else [a]
    weight = Fraction(1, 2) if midp else 1
    return float(sum(prob[x] for x in tail) + weight * sum(prob[x] for x in ties))


@pytest.mark.parametrize(
    "table",
    [[[14, 10], [4, 14]], [[3, 7], [7, 3]], [[5, 5], [5, 5]], [[0, 10], [0, 20]],
     [[10, 0], [0, 20]], [[2, 3], [4, 1]], [[1, 0], [0, 1]], [[6, 1], [2, 5]]],
)
@pytest.mark.parametrize("alternative", ["two-sided", "less", "greater"])
@pytest.mark.parametrize("midp", [False, True])
def test_fisher_against_exact_enumeration(table, alternative, midp):
    expected = _exact_fisher(table, alternative, midp)
    assert fisher_exact(table, alternative, midp).pvalue == pytest.approx(expected, rel=1e-12)


def test_fisher_two_sided_tie_counts_both_tails():
    # 3/10 vs 7/10 is symmetric: the mirror table 7/10 vs 3/10 is exactly as probable
    # (R fisher.test p = 0.1788954..., fixture row 3,7,7,3)
    two = fisher_exact([[3, 7], [7, 3]]).pvalue
    one = fisher_exact([[3, 7], [7, 3]], alternative="less").pvalue
    assert two == pytest.approx(2 * one, rel=1e-12)


def test_fisher_statistic_is_sample_odds_ratio():
    assert fisher_exact([[14, 10], [4, 14]]).statistic == pytest.approx(14 * 14 / (10 * 4))
    assert fisher_exact([[5, 51], [0, 29]]).statistic == np.inf
    assert fisher_exact([[0, 20], [5, 15]]).statistic == 0.0
    assert np.isnan(fisher_exact([[0, 10], [0, 20]]).statistic)  # 0/0: undefined, documented


def test_fisher_scalar_and_array_types():
    single = fisher_exact([[14, 10], [4, 14]])
    assert isinstance(single.pvalue, float) and isinstance(single.statistic, float)
    stack = fisher_exact(np.tile([[14, 10], [4, 14]], (3, 2, 1, 1)))
    assert stack.pvalue.shape == (3, 2)
    frame = stack.to_frame()
    assert list(frame.columns) == ["statistic", "pvalue", "alternative", "midp"]
    assert len(frame) == 6


def test_fisher_large_tables_fast_and_finite():
    # 10^4 tables with 10^5 patients per arm in one call; checked against scipy on a few
    rng = np.random.default_rng(2024)
    k1 = rng.integers(29_000, 31_000, 10_000)
    k2 = rng.integers(29_000, 31_000, 10_000)
    n = 100_000
    tables = np.stack([np.stack([k1, n - k1], -1), np.stack([k2, n - k2], -1)], -2)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        p = fisher_exact(tables).pvalue
    assert np.all((p >= 0) & (p <= 1))
    for i in range(5):
        assert p[i] == pytest.approx(stats.fisher_exact(tables[i]).pvalue, rel=1e-9)


@pytest.mark.parametrize(
    "table,error,message",
    [
        ([[1.5, 2], [3, 4]], ValueError, "table must be whole numbers"),
        ([[-1, 2], [3, 4]], ValueError, "table must be non-negative"),
        ([[1, 2, 3], [3, 4, 5]], ValueError, r"table must have shape \(2, 2\)"),
        ([[0, 0], [3, 4]], ValueError, "no patients"),
        ([[True, 2], [3, 4]], TypeError, "table must be integer counts"),
        ([[np.nan, 2], [3, 4]], ValueError, "table must be finite"),
    ],
)
def test_fisher_refuses_bad_tables(table, error, message):
    with pytest.raises(error, match=message):
        fisher_exact(table)


def test_fisher_refuses_bad_options():
    with pytest.raises(
        ValueError, match="alternative must be one of 'two-sided', 'less', 'greater'; got 'two.sided'"
    ):
        fisher_exact([[1, 2], [3, 4]], alternative="two.sided")
    with pytest.raises(TypeError, match="midp must be True or False; got 1"):
        fisher_exact([[1, 2], [3, 4]], midp=1)


tables_2x2 = st.tuples(
    st.integers(0, 40), st.integers(0, 40), st.integers(0, 40), st.integers(0, 40)
).filter(lambda t: t[0] + t[1] > 0 and t[2] + t[3] > 0)


@settings(max_examples=200, deadline=None)
@given(tables_2x2, st.booleans())
def test_fisher_properties(cells, midp):
    a, b, c, d = cells
    table = np.array([[a, b], [c, d]])
    p = fisher_exact(table, midp=midp).pvalue
    assert 0 <= p <= 1
    # swapping the rows (arms) or the columns (events/non-events) keeps the two-sided p-value
    assert fisher_exact(table[::-1], midp=midp).pvalue == pytest.approx(p, rel=1e-9, abs=1e-300)
    assert fisher_exact(table[:, ::-1], midp=midp).pvalue == pytest.approx(p, rel=1e-9, abs=1e-300)
    # and exchanges the one-sided alternatives
    less = fisher_exact(table, "less", midp).pvalue
    greater = fisher_exact(table[::-1], "greater", midp).pvalue
    assert less == pytest.approx(greater, rel=1e-9, abs=1e-300)
    # the vectorised call agrees with the single-table one
    stack = fisher_exact(np.stack([table, table[::-1], table[:, ::-1]]), midp=midp).pvalue
    assert stack[0] == p
    if not midp:
        assert p == pytest.approx(stats.fisher_exact(table).pvalue, rel=1e-9, abs=1e-300)

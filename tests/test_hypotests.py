"""Tests for sarcoma_stats.stats.hypotests: Fisher's exact test, the chi-square test, the
registry of two-arm tests, and exact decisions at alpha.

Reference values: tests/reference/*.csv, produced by tests/reference/make_fixtures.R (the R
version and the exact calls are in each file's header); exact rational enumeration with
fractions.Fraction and math.comb written out here.
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

from sarcoma_stats.stats.hypotests import chi2_test, fisher_exact

REFERENCE = Path(__file__).parent / "reference"


def read_fixture(name):
    return pd.read_csv(REFERENCE / name, comment="#")


def table_of(row):
    return [[int(row.a), int(row.b)], [int(row.c), int(row.d)]]


# =========================================================================== Fisher


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


@pytest.mark.slow
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
    message = "alternative must be one of 'two-sided', 'less', 'greater'; got 'two.sided'"
    with pytest.raises(ValueError, match=message):
        fisher_exact([[1, 2], [3, 4]], alternative="two.sided")
    with pytest.raises(TypeError, match="midp must be True or False; got 1"):
        fisher_exact([[1, 2], [3, 4]], midp=1)


tables_2x2 = st.tuples(
    st.integers(0, 40), st.integers(0, 40), st.integers(0, 40), st.integers(0, 40)
).filter(lambda t: t[0] + t[1] > 0 and t[2] + t[3] > 0)


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
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


# =========================================================================== chi-square

CHISQ = read_fixture("chisq_test.csv")


@pytest.mark.parametrize("row", list(CHISQ.itertuples()),
                         ids=lambda r: f"{r.a}-{r.b}-{r.c}-{r.d}-{r.correct}")
def test_chi2_matches_chisq_test(row):
    # R 4.2.2: chisq.test(rbind(c(a, b), c(c, d)), correct = correct)
    res = chi2_test(table_of(row), correction=bool(row.correct))
    assert res.statistic == pytest.approx(row.statistic, rel=1e-8, abs=1e-14)
    assert res.pvalue == pytest.approx(row.pvalue, rel=1e-8)


def test_chi2_vectorised_matches_scipy():
    rng = np.random.default_rng(7)
    tables = rng.integers(1, 50, size=(200, 2, 2))
    for correction in (False, True):
        res = chi2_test(tables, correction=correction)
        for i in range(0, 200, 17):
            ref = stats.chi2_contingency(tables[i], correction=correction)
            assert res.statistic[i] == pytest.approx(ref.statistic, rel=1e-10, abs=1e-12)
            assert res.pvalue[i] == pytest.approx(ref.pvalue, rel=1e-10)


def test_chi2_empty_column_is_no_difference():
    res = chi2_test([[0, 10], [0, 20]])
    assert (res.statistic, res.pvalue) == (0.0, 1.0)


def test_chi2_refuses_bad_correction():
    with pytest.raises(TypeError, match="correction must be True or False; got 'yes'"):
        chi2_test([[1, 2], [3, 4]], correction="yes")




# =========================================================================== exactness


def exact_two_sided(a, n1, n2, m):
    """R's two-sided rule in rational arithmetic: tables y with 10^7 w(y) <= (10^7 + 1) w(a),
    w the integer weights C(n1, y) C(n2, m - y)."""
    support = range(max(0, m - n2), min(n1, m) + 1)
    weights = {y: comb(n1, y) * comb(n2, m - y) for y in support}
    region = [y for y in support if 10**7 * weights[y] <= (10**7 + 1) * weights[a]]
    return Fraction(sum(weights[y] for y in region), comb(n1 + n2, m))


def tables_with_pvalue(alphas, max_arm):
    """Every table with arms up to ``max_arm`` whose exact two-sided p-value is in ``alphas``,
    by exact enumeration (one pass over the weights of each margin)."""
    hits = []
    for n1 in range(1, max_arm + 1):
        for n2 in range(1, max_arm + 1):
            for m in range(n1 + n2 + 1):
                lo = max(0, m - n2)
                weights = [comb(n1, x) * comb(n2, m - x) for x in range(lo, min(n1, m) + 1)]
                total = comb(n1 + n2, m)
                for i, observed in enumerate(weights):
                    num = sum(w for w in weights if 10**7 * w <= (10**7 + 1) * observed)
                    if Fraction(num, total) in alphas:
                        a = lo + i
                        hits.append(([[a, n1 - a], [m - a, n2 - m + a]], Fraction(num, total)))
    return hits


def test_pvalue_exactly_alpha_is_alpha():
    # [[2, 0], [2, 12]]: P = C(2,2) C(14,2) / C(16,4) = 91/1820 = 1/20 exactly; R 4.2.2
    # fisher.test(rbind(c(2, 0), c(2, 12)))$p.value prints 0.050000000000000003 (= float 0.05)
    assert exact_two_sided(2, 2, 14, 4) == Fraction(1, 20)
    assert fisher_exact([[2, 0], [2, 12]]).pvalue == 0.05


@pytest.mark.parametrize("max_arm", [12, pytest.param(30, marks=pytest.mark.slow)])
def test_every_pvalue_equal_to_a_level_is_returned_as_that_level(max_arm):
    # all tables with arms up to max_arm whose exact p-value is 1/10, 1/20, 1/40 or 1/100
    # (78 tables up to 30 per arm; SciPy 1.17 returns 12 of them one ulp below the level)
    alphas = {Fraction(1, 10), Fraction(1, 20), Fraction(1, 40), Fraction(1, 100)}
    hits = tables_with_pvalue(alphas, max_arm)
    assert len(hits) >= 10
    tables = np.array([t for t, _ in hits])
    expected = np.array([float(p) for _, p in hits])
    np.testing.assert_array_equal(fisher_exact(tables).pvalue, expected)


def test_decisions_at_alpha_are_exact():
    from sarcoma_stats.stats.hypotests import below_alpha

    table = np.array([[2, 0], [2, 12]])  # p = 1/20 exactly
    p = np.array(0.05 - 2**-57)  # the float one ulp below 0.05, as a plain sum gives
    assert bool(below_alpha(p, table, 0.05)) and not below_alpha(p, table, 0.05, strict=True)
    # 0.05 is the decimal 1/20, not the binary float 0.05000000000000000277...: p = 1/20 is
    # not below it
    assert not below_alpha(np.array(0.05), table, 0.05, strict=True)


@pytest.mark.parametrize("alternative", ["less", "greater"])
def test_one_sided_exact_enumeration(alternative):
    # one-sided p-values of all tables with arms up to 8 against exact fractions
    tables, expected = [], []
    for n1 in range(1, 9):
        for n2 in range(1, 9):
            for a in range(n1 + 1):
                for c in range(n2 + 1):
                    m = a + c
                    ys = range(max(0, m - n2), min(n1, m) + 1)
                    side = [y for y in ys if (y <= a if alternative == "less" else y >= a)]
                    num = sum(comb(n1, y) * comb(n2, m - y) for y in side)
                    tables.append([[a, n1 - a], [c, n2 - c]])
                    expected.append(num / comb(n1 + n2, m))
    p = fisher_exact(np.array(tables), alternative).pvalue
    np.testing.assert_allclose(p, expected, rtol=1e-13, atol=0)


# =========================================================================== huge counts


def test_ties_kept_at_30_million_per_arm():
    # R 4.2.2: fisher.test(rbind(c(k, n - k), c(n - k, k))) with n = 3e7, k = 1.5e7 - 3000:
    # 0.12139731194114806 (two-sided), 0.06069865597057069 (less); 64 s in R.
    n, k = 30_000_000, 15_000_000 - 3000
    table = [[k, n - k], [n - k, k]]
    assert fisher_exact(table).pvalue == pytest.approx(0.12139731194114806, rel=1e-12)
    assert fisher_exact(table, "less").pvalue == pytest.approx(0.06069865597057069, rel=1e-12)


def test_counts_beyond_the_limit_are_refused():
    with pytest.raises(ValueError, match=r"limited to n1 \+ n2 <= 1099511627776"):
        fisher_exact([[2**62, 1], [3, 2**62]])
    with pytest.raises(ValueError, match="limited to"):
        fisher_exact(np.array([[2**40, 0], [1, 0]]))


@pytest.mark.slow
def test_largest_tables_are_exact_and_quick():
    # 2**39 patients per arm (N = 2**40, the limit): mirror-image table, two-sided = 2 x one-sided
    n, d = 2**39, 10**6
    table = [[n // 2 + d, n // 2 - d], [n // 2 - d, n // 2 + d]]
    two = fisher_exact(table).pvalue
    less = fisher_exact(table, "greater").pvalue
    assert two == pytest.approx(2 * less, rel=1e-11) and 0 < two < 1


# =========================================================================== compiled kernel


@pytest.mark.slow
@pytest.mark.parametrize("alternative, midp", [("two-sided", False), ("less", False),
                                               ("greater", False), ("two-sided", True)])
def test_compiled_kernel_gives_the_numpy_numbers(alternative, midp, monkeypatch):
    # the optional numba kernel (large batches) and the pure-numpy path, on the same tables:
    # small and large arms, tables at the mode, empty columns, ties
    pytest.importorskip("numba")
    from sarcoma_stats.stats import _compiled

    rng = np.random.default_rng(18)
    n1 = np.concatenate([rng.integers(1, 30, 3000), rng.integers(10, 1000, 3000), [5, 5, 10]])
    n2 = np.concatenate([rng.integers(1, 30, 3000), rng.integers(10, 1000, 3000), [5, 5, 10]])
    k1 = rng.integers(0, n1 + 1)
    k2 = rng.integers(0, n2 + 1)
    k1[-3:], k2[-3:] = [0, 2, 3], [0, 3, 7]
    tables = np.stack([np.stack([k1, n1 - k1], -1), np.stack([k2, n2 - k2], -1)], -2)
    assert len(tables) >= _compiled.MIN_BATCH
    compiled = fisher_exact(tables, alternative, midp).pvalue
    monkeypatch.setenv("SARCOMA_STATS_NUMBA", "0")
    plain = fisher_exact(tables, alternative, midp).pvalue
    np.testing.assert_allclose(compiled, plain, rtol=1e-10, atol=0)
    assert (compiled == 0.05).sum() == (plain == 0.05).sum()  # p-values exactly 1/20


def test_without_numba_the_numpy_path_is_used(monkeypatch):
    from sarcoma_stats.stats import _compiled

    monkeypatch.setenv("SARCOMA_STATS_NUMBA", "0")
    assert _compiled.fisher_pvalues(np.array([1]), np.array([2]), np.array([2]), np.array([1]),
                                    np.zeros(5), "less", False, 1e-14, 1e-7) is None

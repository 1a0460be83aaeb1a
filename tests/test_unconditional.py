"""Tests of sarcoma_stats.stats.unconditional (Barnard's and Boschloo's exact unconditional tests).

References: scipy.stats.barnard_exact / boschloo_exact (SciPy 1.17), which take the two
*columns* as the samples, so they receive the transposed table; and an independent brute force
written here (exact rational statistics with fractions.Fraction, and the region probability
evaluated on a dense grid of the nuisance parameter).
"""

import os
from fractions import Fraction

import numpy as np
import pytest
from scipy import stats
from scipy.special import gammaln, xlog1py, xlogy

from sarcoma_stats.stats.enumeration import region_supremum as _region_supremum
from sarcoma_stats.stats.unconditional import (
    _barnard_square,
    barnard_exact,
    boschloo_exact,
    unconditional_pvalues,
)

ALTERNATIVES = ("two-sided", "less", "greater")


def table_of(k1, n1, k2, n2):
    return np.array([[k1, n1 - k1], [k2, n2 - k2]])


def scipy_drops_ties(k1, n1, k2, n2, alternative, pooled=True):
    """Whether SciPy's floating-point Wald comparison gives another region than exact ties
    (SciPy issue 18798); SciPy's p-value is then too small and not comparable."""
    x1 = np.arange(n1 + 1)[:, None]
    x2 = np.arange(n2 + 1)[None, :]
    p1, p2 = x1 / n1, x2 / n2
    if pooled:
        p = (x1 + x2) / (n1 + n2)
        var = p * (1 - p) * (1 / n1 + 1 / n2)
    else:
        var = p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (p1 - p2) / np.sqrt(var)
    z[p1 == p2] = 0
    square, d = _barnard_square(n1, n2, pooled)
    key = np.copysign(square, d)
    obs_z, obs_key = z[k1, k2], key[k1, k2]
    if alternative == "two-sided":
        return not np.array_equal(np.abs(z) >= abs(obs_z), np.abs(key) >= abs(obs_key))
    if alternative == "greater":
        return not np.array_equal(z >= obs_z, key >= obs_key)
    return not np.array_equal(z <= obs_z, key <= obs_key)


# Tables with arms of 20 to 200 (and a few small ones); fixed, so that the test is deterministic.
TABLES = [
    (3, 5, 0, 4), (7, 12, 8, 11), (14, 24, 4, 18), (10, 20, 12, 15), (0, 20, 3, 20),
    (19, 20, 4, 19), (18, 20, 5, 13), (16, 50, 21, 46), (6, 50, 13, 45), (23, 50, 28, 28),
    (29, 100, 47, 86), (20, 100, 48, 96), (103, 200, 41, 142),
    (155, 200, 148, 161), (85, 200, 69, 111),
]


def grid_maximum(region, n1, n2, pi):
    """Maximum over the given values of pi of the probability of a set of tables."""
    a, b = np.nonzero(region)
    prob = stats.binom.pmf(a, n1, pi[:, None]) * stats.binom.pmf(b, n2, pi[:, None])
    return prob.sum(axis=1).max()


@pytest.mark.slow
@pytest.mark.parametrize("k1, n1, k2, n2", TABLES)
def test_boschloo_matches_scipy(k1, n1, k2, n2):
    table = table_of(k1, n1, k2, n2)
    for alternative in ALTERNATIVES:
        ours = boschloo_exact(table, alternative=alternative)
        ref = stats.boschloo_exact(table.T, alternative=alternative)
        assert ours.statistic == pytest.approx(ref.statistic, rel=1e-12, abs=1e-300)
        # SciPy's optimiser may stop short of the supremum: never above ours
        assert ours.pvalue >= ref.pvalue - 1e-13
        assert ours.pvalue == pytest.approx(ref.pvalue, rel=1e-6, abs=1e-6)


@pytest.mark.slow
def test_boschloo_where_scipy_stops_short():
    # 28/100 vs 26/53, alternative "greater": SciPy 1.17 reports 0.9949726694, ours is
    # 0.9949739433, attained at pi = 0.4198657.
    ours = boschloo_exact(table_of(28, 100, 26, 53), alternative="greater")
    x1 = np.arange(101)[:, None]
    x2 = np.arange(54)[None, :]
    statistic = stats.hypergeom.cdf(x2, 153, x1 + x2, 53)
    region = statistic <= statistic[28, 26] * (1 + 1e-13)
    # a coarse global grid finds no higher region probability anywhere else; a fine grid
    # (step 1e-6) around the maximiser agrees with ours
    assert ours.pvalue >= grid_maximum(region, 100, 53, np.linspace(0, 1, 1001))
    fine = np.linspace(ours.nuisance - 1e-3, ours.nuisance + 1e-3, 2001)
    assert ours.pvalue >= grid_maximum(region, 100, 53, fine) * (1 - 1e-13)
    assert ours.pvalue == pytest.approx(grid_maximum(region, 100, 53, fine), rel=1e-9)


@pytest.mark.slow
@pytest.mark.parametrize("k1, n1, k2, n2", TABLES)
@pytest.mark.parametrize("pooled", [True, False])
def test_barnard_matches_scipy_where_scipy_keeps_ties(k1, n1, k2, n2, pooled):
    table = table_of(k1, n1, k2, n2)
    for alternative in ALTERNATIVES:
        if scipy_drops_ties(k1, n1, k2, n2, alternative, pooled):
            continue
        ours = barnard_exact(table, alternative=alternative, pooled=pooled)
        ref = stats.barnard_exact(table.T, alternative=alternative, pooled=pooled)
        assert ours.statistic == pytest.approx(ref.statistic, rel=1e-12, abs=1e-15)
        assert ours.pvalue >= ref.pvalue - 1e-13
        assert ours.pvalue == pytest.approx(ref.pvalue, rel=1e-6, abs=1e-6)


def brute_barnard(k1, n1, k2, n2, alternative="two-sided", pooled=True, grid=20001):
    """Exact rational Wald statistics (Fraction) and the region probability maximised over a
    dense grid of the nuisance parameter (a lower bound of the supremum, close to it)."""
    n = n1 + n2

    def signed_square(a, b):
        d = a * n2 - b * n1
        if d == 0:
            return Fraction(0)
        if pooled:
            den = (a + b) * (n - a - b)
        else:
            den = a * (n1 - a) * n2**3 + b * (n2 - b) * n1**3
        value = Fraction(10**30) if den == 0 else Fraction(d * d, den)  # stands in for inf
        return value if d > 0 else -value

    obs = signed_square(k1, k2)
    region = np.zeros((n1 + 1, n2 + 1), dtype=bool)
    for a in range(n1 + 1):
        for b in range(n2 + 1):
            s = signed_square(a, b)
            region[a, b] = {"two-sided": abs(s) >= abs(obs), "greater": s >= obs,
                            "less": s <= obs}[alternative]
    pi = np.linspace(0.0, 1.0, grid)[:, None]
    a, b = np.nonzero(region)
    prob = (stats.binom.pmf(a, n1, pi) * stats.binom.pmf(b, n2, pi)).sum(axis=1)
    return prob.max()


@pytest.mark.slow
@pytest.mark.parametrize(
    "k1, n1, k2, n2, alternative, pooled",
    [
        (14, 24, 4, 18, "two-sided", True),  # SciPy drops a tied table here (0.02159)
        (10, 20, 12, 15, "two-sided", True),  # and here (0.07476)
        (13, 20, 8, 14, "two-sided", True),
        (4, 35, 1, 25, "two-sided", True),
        (9, 12, 9, 40, "greater", True),
        (5, 7, 12, 24, "greater", False),
        (1, 3, 13, 31, "less", False),
        (2, 18, 15, 49, "two-sided", False),
    ],
)
@pytest.mark.slow
def test_barnard_against_brute_force(k1, n1, k2, n2, alternative, pooled):
    ours = barnard_exact(table_of(k1, n1, k2, n2), alternative=alternative, pooled=pooled)
    brute = brute_barnard(k1, n1, k2, n2, alternative, pooled)
    # ours is the polished supremum: at least the dense-grid maximum, and very close to it
    assert ours.pvalue >= brute * (1 - 1e-12)
    assert ours.pvalue == pytest.approx(brute, rel=1e-6)


@pytest.mark.slow
def test_scipy_tie_bug_example():
    # ARST1321 interim table 14/24 vs 4/18. SciPy 1.17 gives 0.021591 (it compares float |Z|
    # and drops the tied table (n1 - x1, n2 - x2) of one table in the region); with exact ties
    # the p-value is 0.0224659, which the brute force (exact regions, dense grid) confirms.
    ours = barnard_exact(table_of(14, 24, 4, 18))
    keys = exact_keys(24, 18, "barnard", "two-sided", True)
    order, sizes = nested_regions(keys, "barnard")
    assert ours.pvalue == pytest.approx(brute_suprema(order, sizes, 24, 18)[sizes[14, 4]],
                                        rel=1e-12)
    assert scipy_drops_ties(14, 24, 4, 18, "two-sided")


@pytest.mark.slow
@pytest.mark.parametrize("method", ["barnard", "boschloo"])
@pytest.mark.parametrize("alternative", ALTERNATIVES)
def test_all_tables_equal_single_tables(method, alternative):
    n1, n2 = 9, 7
    every = unconditional_pvalues(n1, n2, method=method, alternative=alternative)
    single = barnard_exact if method == "barnard" else boschloo_exact
    for k1 in range(n1 + 1):
        for k2 in range(n2 + 1):
            res = single(table_of(k1, n1, k2, n2), alternative=alternative)
            assert every.pvalue[k1, k2] == pytest.approx(res.pvalue, rel=1e-12, abs=1e-300)
            assert every.statistic[k1, k2] == pytest.approx(res.statistic, rel=1e-12)


def test_stack_of_tables_and_batch_shape():
    tables = np.array([[[[14, 10], [4, 14]], [[3, 2], [0, 4]]],
                       [[[1, 9], [5, 5]], [[14, 10], [4, 14]]]])
    res = barnard_exact(tables)
    assert res.pvalue.shape == (2, 2)
    for idx in np.ndindex(2, 2):
        assert res.pvalue[idx] == pytest.approx(barnard_exact(tables[idx]).pvalue, rel=1e-12)
    frame = boschloo_exact(tables).to_frame()
    assert len(frame) == 4 and set(frame["method"]) == {"boschloo"}


def test_many_tables_of_one_size_use_the_all_tables_path():
    # 30 tables with arms 6 and 5 (42 possible): computed through unconditional_pvalues
    rng = np.random.default_rng(0)
    k1, k2 = rng.integers(0, 7, 30), rng.integers(0, 6, 30)
    tables = np.stack([np.stack([k1, 6 - k1], -1), np.stack([k2, 5 - k2], -1)], -2)
    every = unconditional_pvalues(6, 5, method="boschloo")
    assert np.allclose(boschloo_exact(tables).pvalue, every.pvalue[k1, k2], rtol=1e-13)


def test_edge_tables():
    # identical arms: p = 1 for the two-sided tests
    assert barnard_exact([[0, 10], [0, 10]]).pvalue == pytest.approx(1.0)
    assert barnard_exact([[10, 0], [10, 0]]).pvalue == pytest.approx(1.0)
    # Boschloo two-sided is twice the smaller one-sided p-value (SciPy's definition), which is
    # below 1 even for identical arms: scipy.stats.boschloo_exact([[5, 5], [5, 5]]) gives
    # 0.9449272155761729
    assert boschloo_exact([[5, 5], [5, 5]]).pvalue == pytest.approx(0.9449272155761729,
                                                                     rel=1e-9)
    # one patient per arm: 1/1 vs 0/1, Barnard pooled Z = sqrt(2); the region {(1, 0)} has
    # probability pi (1 - pi), maximal 1/4 at pi = 1/2 (one-sided); two-sided adds (0, 1): 1/2.
    res = barnard_exact([[1, 0], [0, 1]], alternative="greater")
    assert res.statistic == pytest.approx(np.sqrt(2))
    assert res.pvalue == pytest.approx(0.25, rel=1e-12)
    assert res.nuisance == pytest.approx(0.5, abs=1e-9)
    assert barnard_exact([[1, 0], [0, 1]]).pvalue == pytest.approx(0.5, rel=1e-12)


def test_region_supremum_simple_case():
    # region {(1, 0)} of arms 1 and 1: sup of pi (1 - pi) = 1/4 at pi = 1/2
    region = np.zeros((2, 2), dtype=bool)
    region[1, 0] = True
    size, pi = _region_supremum(region)
    assert size == pytest.approx(0.25, rel=1e-12)
    assert pi == pytest.approx(0.5, abs=1e-9)


@pytest.mark.parametrize(
    "table, kwargs, error",
    [
        ([[1.5, 2], [3, 4]], {}, ValueError),
        ([[-1, 2], [3, 4]], {}, ValueError),
        ([[True, 2], [3, 4]], {}, TypeError),
        ([[0, 0], [3, 4]], {}, ValueError),
        ([[1, 2, 3], [3, 4, 5]], {}, ValueError),
        ([[1, 2], [3, 4]], {"alternative": "both"}, ValueError),
        ([[1, 2], [3, 4]], {"n_grid": 1}, ValueError),
    ],
)
def test_validation(table, kwargs, error):
    with pytest.raises(error):
        barnard_exact(table, **kwargs)


def test_pooled_must_be_bool():
    with pytest.raises(TypeError, match="pooled"):
        barnard_exact([[1, 2], [3, 4]], pooled=1)


def test_unconditional_pvalues_validation():
    with pytest.raises(ValueError, match="method"):
        unconditional_pvalues(5, 5, method="fisher")
    with pytest.raises(ValueError, match="n1"):
        unconditional_pvalues(0, 5)


# ------------------------------------------------------------------------------------------
# every table of small arms against an independent brute force (issue 18)
# ------------------------------------------------------------------------------------------


def exact_keys(n1, n2, method, alternative, pooled):
    """Each table's extremeness as an exact fraction (larger is more extreme), and whether a
    table belongs to the region of another, decided in rational arithmetic."""
    from math import comb

    n = n1 + n2
    keys = {}
    for a in range(n1 + 1):
        for b in range(n2 + 1):
            if method == "barnard":
                d = a * n2 - b * n1
                if d == 0:
                    z2 = Fraction(0)
                else:
                    den = ((a + b) * (n - a - b) if pooled
                           else a * (n1 - a) * n2**3 + b * (n2 - b) * n1**3)
                    z2 = Fraction(10**40) if den == 0 else Fraction(d * d, den)
                signed = z2 if d >= 0 else -z2
                keys[a, b] = {"two-sided": abs(signed), "greater": signed,
                              "less": -signed}[alternative]
            else:  # the one-sided Fisher p-value, smaller is more extreme
                t = a + b
                ys = range(max(0, t - n2), min(n1, t) + 1)
                side = [y for y in ys if (y <= a if alternative == "less" else y >= a)]
                keys[a, b] = -Fraction(sum(comb(n1, y) * comb(n2, t - y) for y in side),
                                       comb(n, t))
    return keys


def in_region(keys, table, method):
    obs = keys[table]
    if method == "barnard":
        return {k for k, v in keys.items() if v >= obs}
    # SciPy's rule: statistic <= observed * (1 + 1e-13), in exact arithmetic
    return {k for k, v in keys.items() if -v * 10**13 <= -obs * (10**13 + 1)}


def nested_regions(keys, method):
    """The tables sorted from the most extreme, and for each table the number of tables in its
    region (a prefix of that order), decided in rational arithmetic as :func:`in_region`."""
    from bisect import bisect_right

    order = sorted(keys, key=keys.get, reverse=True)
    ascending = [-keys[k] for k in order]
    sizes = {}
    for table, key in keys.items():
        threshold = key if method == "barnard" else key * (10**13 + 1) / 10**13
        sizes[table] = bisect_right(ascending, -threshold)
    return order, sizes


def _pmf(n, pi):
    """Binom(x; n, pi) for x = 0..n (columns), one row per value of pi."""
    x = np.arange(n + 1)
    log_comb = gammaln(n + 1) - gammaln(x + 1) - gammaln(n - x + 1)
    return np.exp(log_comb + xlogy(x, pi[:, None]) + xlog1py(n - x, -pi[:, None]))


def brute_suprema(order, sizes, n1, n2):
    """sup over pi of the probability of the region of each size: the exact polynomial sum
    over the region of Binom(x1; n1, pi) Binom(x2; n2, pi) (running sums along the order) on a
    grid of 4001 points uniform in theta (pi = sin(theta)^2), then every local maximum of the
    grid within 0.1% of the grid maximum (a local maximum cannot rise 0.1% inside one grid cell
    here) refined by 60 steps of golden-section search (the bracket shrinks to 3e-13 of a cell,
    the value is then exact to rounding)."""
    x1 = np.array([k[0] for k in order])
    x2 = np.array([k[1] for k in order])
    levels = np.array(sorted(set(sizes.values())))

    def prob(level, pi):  # P(pi[j]) of the region of size levels[level[j]]
        running = np.cumsum(_pmf(n1, pi)[:, x1] * _pmf(n2, pi)[:, x2], axis=1)
        return running[np.arange(pi.size), levels[level] - 1]

    grid = np.sin(np.linspace(0, np.pi / 2, 4001)) ** 2
    values = np.cumsum(_pmf(n1, grid)[:, x1] * _pmf(n2, grid)[:, x2], axis=1)[:, levels - 1].T
    best = values.max(axis=1)
    inner = values[:, 1:-1]
    peak = (inner >= values[:, :-2]) & (inner > values[:, 2:]) & (inner >= 0.999 * best[:, None])
    peak &= best[:, None] < 1.0 - 1e-15  # a probability cannot exceed 1
    which, index = np.nonzero(peak)
    index = index + 1
    lo, hi = grid[index - 1], grid[index + 1]
    golden = (np.sqrt(5) - 1) / 2
    for _ in range(60):
        a, b = hi - golden * (hi - lo), lo + golden * (hi - lo)
        left = prob(which, a) >= prob(which, b)
        hi, lo = np.where(left, b, hi), np.where(left, lo, a)
    np.maximum.at(best, which, prob(which, 0.5 * (lo + hi)))
    return dict(zip(levels.tolist(), best))


def check_all_tables(n1, n2, method, alternative, pooled=True):
    keys = exact_keys(n1, n2, method, alternative, pooled)
    order, sizes = nested_regions(keys, method)
    reference = brute_suprema(order, sizes, n1, n2)
    if method == "barnard":
        ours = unconditional_pvalues(n1, n2, "barnard", alternative, pooled).pvalue
    else:
        ours = unconditional_pvalues(n1, n2, "boschloo", alternative).pvalue
    tables = sorted(keys)
    got = np.array([ours[t] for t in tables])
    expected = np.array([reference[sizes[t]] for t in tables])
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-15)
    # the certified maximum is never below the brute force (beyond rounding)
    assert np.all(got >= expected * (1 - 1e-12))
    return tables, got


SMALL_ARMS = [(1, 1), (2, 5), (3, 7), (4, 4), (6, 3),
              pytest.param(6, 9, marks=pytest.mark.slow),
              pytest.param(10, 10, marks=pytest.mark.slow)]


@pytest.mark.slow
@pytest.mark.parametrize("n1, n2", SMALL_ARMS)
@pytest.mark.parametrize("method, pooled", [("barnard", True), ("barnard", False),
                                            ("boschloo", None)])
def test_every_table_of_small_arms_against_brute_force(n1, n2, method, pooled):
    for alternative in (("two-sided", "greater") if method == "barnard" else ("less",)):
        check_all_tables(n1, n2, method, alternative, pooled)


def sweep_pairs():
    """Arm sizes of the slow sweep: for n1 = 11..30, n2 = 1, n1/3, 2 n1/3 and n1; with the
    environment variable SARCOMA_STATS_FULL_SWEEP=1, every n2 <= n1 (465 pairs, about five
    minutes)."""
    if os.environ.get("SARCOMA_STATS_FULL_SWEEP") == "1":
        return [(n1, n2) for n1 in range(1, 31) for n2 in range(1, n1 + 1)]
    return [(n1, n2) for n1 in range(11, 31)
            for n2 in sorted({1, n1 // 3, 2 * n1 // 3, n1})]


@pytest.mark.slow
@pytest.mark.parametrize("n1, n2", sweep_pairs())
def test_every_table_up_to_30_against_brute_force(n1, n2):
    # every table of the arms n1 x n2 (with the arms swapped the tables are the same set)
    check_all_tables(n1, n2, "barnard", "two-sided", True)
    check_all_tables(n1, n2, "barnard", "two-sided", False)
    check_all_tables(n1, n2, "boschloo", "less")


PINNED = [
    # the pinned wrong values of issue 18: 0.5646980 and 0.5276126 reported; the references are
    # the brute force above (4001-point grid, golden-section refinement of every local maximum)
    ([[3, 4], [3, 8]], True, 0.5647125404337),
    ([[3, 22], [5, 22]], False, 0.5297007434285),
]


@pytest.mark.parametrize("table, pooled, expected", PINNED)
def test_pinned_global_maxima(table, pooled, expected):
    res = barnard_exact(table, pooled=pooled)
    assert res.pvalue == pytest.approx(expected, rel=1e-12)
    # the same table inside a stack with others gives the same p-value
    stack = np.array([table, [[1, 2], [3, 4]], table, [[0, 25], [8, 19]]])
    assert barnard_exact(stack, pooled=pooled).pvalue[[0, 2]] == pytest.approx(
        [res.pvalue] * 2, rel=1e-14)


@pytest.mark.slow
@pytest.mark.parametrize("table, pooled, expected", PINNED)
def test_pinned_values_are_the_brute_force_maxima(table, pooled, expected):
    (k1, f1), (k2, f2) = table
    keys = exact_keys(k1 + f1, k2 + f2, "barnard", "two-sided", pooled)
    order, sizes = nested_regions(keys, "barnard")
    assert sizes[k1, k2] == len(in_region(keys, (k1, k2), "barnard"))
    reference = brute_suprema(order, sizes, k1 + f1, k2 + f2)[sizes[k1, k2]]
    assert reference == pytest.approx(expected, rel=1e-12)


def test_huge_arms_are_refused_with_the_limit():
    # 10^5 patients per arm: 10^10 tables to enumerate (74 GiB before the limit existed)
    from sarcoma_stats import two_by_two_summary

    message = r"limited to 2097152 \(about 1447 patients per arm\); got n1=100000, n2=100000"
    with pytest.raises(ValueError, match=message):
        barnard_exact([[50_000, 50_000], [40_000, 60_000]])
    with pytest.raises(ValueError, match=message):
        boschloo_exact([[50_000, 50_000], [40_000, 60_000]])
    with pytest.raises(ValueError, match=message):
        unconditional_pvalues(100_000, 100_000)
    with pytest.raises(ValueError, match=message):
        two_by_two_summary(50_000, 100_000, 40_000, 100_000)


@pytest.mark.slow
@pytest.mark.parametrize("method", ["barnard", "barnard-unpooled", "boschloo"])
def test_compiled_kernel_gives_the_numpy_numbers(method, monkeypatch):
    # the optional numba kernel (single tables) and the pure-numpy path, on the same tables
    pytest.importorskip("numba")
    rng = np.random.default_rng(30)
    cases = [(int(rng.integers(1, 40)), int(rng.integers(1, 40))) for _ in range(12)]
    cases += [(24, 18), (60, 45), (100, 100)]
    test = boschloo_exact if method == "boschloo" else barnard_exact
    options = {"pooled": False} if method == "barnard-unpooled" else {}
    tables = []
    for n1, n2 in cases:
        k1, k2 = int(rng.integers(0, n1 + 1)), int(rng.integers(0, n2 + 1))
        tables.append(table_of(k1, n1, k2, n2))
    tables += [table_of(14, 24, 4, 18), table_of(3, 7, 3, 11), table_of(3, 25, 5, 27),
               table_of(50, 100, 50, 100), table_of(0, 30, 0, 30)]
    for table in tables:
        for alternative in ALTERNATIVES:
            compiled = test(table, alternative=alternative, **options)
            with monkeypatch.context() as m:
                m.setenv("SARCOMA_STATS_NUMBA", "0")
                plain = test(table, alternative=alternative, **options)
            assert compiled.pvalue == pytest.approx(plain.pvalue, rel=1e-11, abs=1e-300)
            assert compiled.statistic == pytest.approx(plain.statistic, rel=1e-11, abs=1e-300)

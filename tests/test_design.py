"""Tests of sarcoma_stats.stats.fragility, .bayes and .power (exact power, interim analyses).

Reference values are either published worked examples (source given at each test) or
independent computations written out here: brute-force loops over scipy.stats.fisher_exact /
scipy.stats.boschloo_exact, closed-form sums, and hand calculations shown in comments.
"""

import itertools

import numpy as np
import pytest
from scipy import integrate, stats
from scipy.special import betaln

from sarcoma_stats.stats import power
from sarcoma_stats.stats.bayes import bayes_two_proportions
from sarcoma_stats.stats.fragility import (
    fragility_details,
    fragility_index,
    fragility_quotient,
    reverse_fragility_index,
)
from sarcoma_stats.stats.power import (
    conditional_power,
    exact_power,
    exact_size,
    power_curve,
    truncation_bias,
)


def scipy_fisher(k1, n1, k2, n2, alternative="two-sided"):
    return stats.fisher_exact([[k1, n1 - k1], [k2, n2 - k2]], alternative=alternative).pvalue


# ------------------------------------------------------------------------------------------
# fragility
# ------------------------------------------------------------------------------------------


def test_fragility_peitho_worked_example():
    # Tignanelli CJ, Napolitano LM, JAMA Surg guide (PMC10171299), Table 1: PEITHO trial,
    # 13/506 vs 28/499 events; "if only 3 more patients in the intervention group had
    # experienced the outcome, the p-value would be greater than 0.05": FI = 3.
    assert fragility_index(13, 506, 28, 499) == 3
    assert fragility_index(28, 499, 13, 506) == 3  # arm order does not matter
    res = fragility_details(13, 506, 28, 499)
    assert res.arm == 1 and res.path[-1][:2] == (16, 28)
    assert res.final_pvalue >= 0.05 > res.path[-2][2]


def test_fragility_r_package_readme_example():
    # fragilityindex R package README (Kipp Johnson, CRAN): 15/40 vs 6/40,
    # fisher.test p = 0.04060921; with 7/40, p = 0.07836101; fragility index 1.
    res = fragility_details(15, 40, 6, 40)
    assert res.pvalue == pytest.approx(0.04060921, rel=1e-6)
    assert res.final_pvalue == pytest.approx(0.07836101, rel=1e-6)
    assert res.index == 1 and fragility_index(15, 40, 6, 40) == 1


def brute_fragility(k1, n1, k2, n2, alpha):
    """Walsh's procedure written as a plain loop over scipy.stats.fisher_exact."""
    if scipy_fisher(k1, n1, k2, n2) >= alpha:
        return 0
    lower_is_1 = k1 * n2 < k2 * n1
    for changes in itertools.count(1):
        a, b = (k1 + changes, k2) if lower_is_1 else (k1, k2 + changes)
        if a > n1 or b > n2:
            return None
        if scipy_fisher(a, n1, b, n2) >= alpha:
            return changes


def brute_reverse(k1, n1, k2, n2, alpha):
    """Smallest single-arm change moving the arms apart that gives p < alpha."""
    if scipy_fisher(k1, n1, k2, n2) < alpha:
        return 0
    if k1 * n2 < k2 * n1:
        moves = [(1, -1), (2, +1)]
    elif k1 * n2 > k2 * n1:
        moves = [(2, -1), (1, +1)]
    else:
        moves = [(1, -1), (2, -1), (1, +1), (2, +1)]
    best = None
    for arm, step in moves:
        a, b = k1, k2
        for changes in itertools.count(1):
            a, b = (a + step, b) if arm == 1 else (a, b + step)
            if not (0 <= a <= n1 and 0 <= b <= n2):
                break
            if scipy_fisher(a, n1, b, n2) < alpha:
                best = changes if best is None else min(best, changes)
                break
    return best


@pytest.mark.slow
@pytest.mark.parametrize("n1, n2", [(8, 8), (10, 7)])
def test_fragility_against_brute_force(n1, n2):
    for k1 in range(n1 + 1):
        for k2 in range(n2 + 1):
            expected = brute_fragility(k1, n1, k2, n2, 0.05)
            assert fragility_details(k1, n1, k2, n2).index == expected
            assert reverse_fragility_index(k1, n1, k2, n2) == brute_reverse(k1, n1, k2, n2, 0.05)


def test_fragility_decides_at_alpha_exactly():
    # [[2, 0], [1, 13]]: p = 14/560 = 0.025; one event more in arm 2 gives [[2, 0], [2, 12]],
    # p = 91/1820 = 1/20 exactly, which is not below 0.05: the index is 1 (a float sum gives
    # 0.04999999999999999 and would make it 2)
    assert fragility_index(2, 2, 1, 14) == 1
    # [[2, 0], [4, 10]]: p = 1001/8008 = 0.125; removing events in arm 2 passes 3/14
    # (p = 364/4368), 2/14 (p = 1/20, not below 0.05) and reaches 1/14 (p = 0.025): index 3
    assert reverse_fragility_index(2, 2, 4, 14) == 3
    path = fragility_details(2, 2, 4, 14, reverse=True).path
    assert [row[2] for row in path] == pytest.approx([0.125, 364 / 4368, 0.05, 0.025], rel=1e-13)
    assert path[2][2] == 0.05


def test_fragility_zero_when_not_significant_and_alpha():
    # 14/24 vs 4/18: Fisher p = 0.0285 (R fisher.test), significant at 0.05, not at 0.01.
    assert fragility_index(14, 24, 4, 18, alpha=0.01) == 0
    assert fragility_index(14, 24, 4, 18) == 1
    assert reverse_fragility_index(14, 24, 4, 18) == 0
    assert reverse_fragility_index(14, 24, 4, 18, alpha=0.01) >= 1


def test_fragility_quotient_is_index_over_total():
    assert fragility_quotient(13, 506, 28, 499) == pytest.approx(3 / 1005)


def test_fragility_to_frame_lists_the_path():
    frame = fragility_details(13, 506, 28, 499).to_frame()
    assert list(frame["k1"]) == [13, 14, 15, 16]
    assert list(frame["significant"]) == [True, True, True, False]


def test_fragility_index_returns_python_int():
    assert type(fragility_index(13, 506, 28, 499)) is int


@pytest.mark.parametrize(
    "args, error",
    [
        ((1.5, 10, 2, 10), ValueError),
        ((-1, 10, 2, 10), ValueError),
        ((11, 10, 2, 10), ValueError),
        ((True, 10, 2, 10), TypeError),
        ((1, 0, 0, 10), ValueError),
        ((float("nan"), 10, 2, 10), ValueError),
    ],
)
def test_fragility_rejects_bad_counts(args, error):
    with pytest.raises(error):
        fragility_index(*args)


def test_fragility_rejects_bad_alpha():
    with pytest.raises(ValueError, match="alpha"):
        fragility_index(1, 10, 5, 10, alpha=1.5)


# ------------------------------------------------------------------------------------------
# Bayesian comparison
# ------------------------------------------------------------------------------------------


def closed_form_prob_greater(a1, b1, a2, b2):
    """P(p1 > p2) for p1 ~ Beta(a1, b1), p2 ~ Beta(a2, b2), integer a1: the finite sum of
    Cook (2003) / Miller (2015): sum_{i=0}^{a1-1} B(a2+i, b1+b2) / ((b1+i) B(1+i, b1) B(a2, b2))."""
    i = np.arange(int(a1))
    return float(np.exp(betaln(a2 + i, b1 + b2) - np.log(b1 + i) - betaln(1 + i, b1)
                        - betaln(a2, b2)).sum())


@pytest.mark.parametrize(
    "k1, n1, k2, n2",
    [(14, 24, 4, 18), (0, 50, 3, 40), (5, 200, 1, 300), (130, 506, 280, 499), (3, 3, 0, 3)],
)
@pytest.mark.slow
def test_prob_greater_matches_closed_form(k1, n1, k2, n2):
    res = bayes_two_proportions(k1, n1, k2, n2)  # uniform prior: Beta(1 + k, 1 + n - k)
    expected = closed_form_prob_greater(1 + k1, 1 + n1 - k1, 1 + k2, 1 + n2 - k2)
    assert res.prob_greater == pytest.approx(expected, rel=1e-10)


@pytest.mark.slow
def test_hand_checkable_posterior():
    # 1/1 vs 0/1 with uniform priors: p1 ~ Beta(2, 1) (density 2x), p2 ~ Beta(1, 2).
    # P(p1 > p2) = integral of 2x (1 - (1 - x)^2) dx = 4/3 - 1/2 = 5/6.
    # p1 and 1 - p2 are iid with density 2x; their sum S has density (2/3) s^3 on [0, 1], so
    # P(p1 - p2 <= d) = P(S <= 1 + d) = (1 + d)^4 / 6 for d in [-1, 0]: the 2.5% quantile is
    # 0.15 ** 0.25 - 1.
    res = bayes_two_proportions(1, 1, 0, 1)
    assert res.prob_greater == pytest.approx(5 / 6, rel=1e-12)
    assert res.rd_low == pytest.approx(0.15**0.25 - 1, abs=1e-10)
    # by symmetry (p1 -> 1 - p2) the 97.5% quantile is the negative of the 2.5% quantile of
    # the swapped comparison
    swapped = bayes_two_proportions(0, 1, 1, 1)
    assert swapped.rd_high == pytest.approx(-res.rd_low, abs=1e-10)


@pytest.mark.slow
def test_equal_data_give_one_half_and_symmetric_intervals():
    for prior in ("uniform", "jeffreys", ("beta", 0.1, 0.1)):
        res = bayes_two_proportions(0, 5, 0, 5, prior=prior)
        assert res.prob_greater == pytest.approx(0.5, abs=1e-12)
        assert res.rd_low == pytest.approx(-res.rd_high, abs=1e-10)
        assert res.rr_low * res.rr_high == pytest.approx(1.0, rel=1e-8)


@pytest.mark.slow
def test_risk_ratio_quantiles_by_independent_double_integral():
    # P(p1 / p2 <= r) computed with scipy.integrate.dblquad over the region x <= r y.
    res = bayes_two_proportions(14, 24, 4, 18, confidence=0.9)
    x, y = stats.beta(15, 11), stats.beta(5, 15)
    for r, q in ((res.rr_low, 0.05), (res.rr, 0.5), (res.rr_high, 0.95)):
        value, _ = integrate.dblquad(lambda xx, yy: x.pdf(xx) * y.pdf(yy), 0, 1, 0,
                                     lambda yy: min(r * yy, 1.0), epsabs=1e-11)
        assert value == pytest.approx(q, abs=1e-7)
    for d, q in ((res.rd_low, 0.05), (res.rd_high, 0.95)):
        value, _ = integrate.dblquad(lambda xx, yy: x.pdf(xx) * y.pdf(yy), 0, 1, 0,
                                     lambda yy: min(max(yy + d, 0.0), 1.0), epsabs=1e-11)
        assert value == pytest.approx(q, abs=1e-7)


@pytest.mark.slow
def test_priors():
    assert bayes_two_proportions(3, 10, 1, 10, prior="jeffreys").posterior1 == (3.5, 7.5)
    assert bayes_two_proportions(3, 10, 1, 10, prior=("beta", 2, 3)).posterior2 == (3.0, 12.0)
    sceptical = bayes_two_proportions(14, 24, 4, 18, prior=("sceptical", 0.22, 20))
    assert sceptical.posterior1 == pytest.approx((14 + 4.4, 10 + 15.6))
    # the sceptical prior pulls the difference towards 0
    assert abs(sceptical.rd) < abs(bayes_two_proportions(14, 24, 4, 18).rd)


@pytest.mark.parametrize(
    "prior", ["flat", ("beta", -1, 1), ("sceptical", 1.2, 10), ("sceptical", 0.2), 3]
)
def test_bad_priors(prior):
    with pytest.raises((ValueError, TypeError)):
        bayes_two_proportions(3, 10, 1, 10, prior=prior)


def test_bayes_rejects_bad_confidence():
    with pytest.raises(ValueError, match="confidence"):
        bayes_two_proportions(3, 10, 1, 10, confidence=95)


# ------------------------------------------------------------------------------------------
# exact power
# ------------------------------------------------------------------------------------------


def brute_power(n1, n2, p1, p2, pvalue, alpha=0.05):
    total = 0.0
    for k1 in range(n1 + 1):
        for k2 in range(n2 + 1):
            if pvalue(k1, k2) <= alpha:
                total += stats.binom.pmf(k1, n1, p1) * stats.binom.pmf(k2, n2, p2)
    return total


@pytest.mark.slow
@pytest.mark.parametrize("alternative", ["two-sided", "greater", "less"])
def test_fisher_power_against_brute_force(alternative):
    n1, n2 = 9, 7
    for p1, p2 in ((0.7, 0.2), (0.3, 0.3), (0.1, 0.6)):
        expected = brute_power(
            n1, n2, p1, p2, lambda a, b: scipy_fisher(a, n1, b, n2, alternative)
        )
        got = exact_power(n1, n2, p1, p2, alternative=alternative).power
        assert got == pytest.approx(expected, rel=1e-12, abs=1e-15)


@pytest.mark.slow
def test_boschloo_power_against_scipy_loop():
    # scipy.stats.boschloo_exact takes the columns as the samples: pass the transpose.
    n1, n2 = 6, 5

    def pvalue(a, b):
        table = np.array([[a, n1 - a], [b, n2 - b]])
        return stats.boschloo_exact(table.T, alternative="greater").pvalue

    expected = brute_power(n1, n2, 0.8, 0.3, pvalue)
    got = exact_power(n1, n2, 0.8, 0.3, test="boschloo", alternative="greater").power
    assert got == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("correction", [False, True])
def test_chi2_power_against_brute_force(correction):
    # scipy.stats.chi2_contingency (Yates' correction as R's chisq.test) table by table; it
    # raises on an empty column, where hypotests.chi2_test returns p = 1 (never rejects).
    n1, n2 = 9, 8

    def pvalue(a, b):
        table = np.array([[a, n1 - a], [b, n2 - b]])
        if (table.sum(axis=0) == 0).any():
            return 1.0
        return stats.chi2_contingency(table, correction=correction).pvalue

    test = "chi2-yates" if correction else "chi2"
    for p1, p2 in ((0.7, 0.2), (0.4, 0.4)):
        expected = brute_power(n1, n2, p1, p2, pvalue)
        assert exact_power(n1, n2, p1, p2, test=test).power == pytest.approx(expected, rel=1e-12)


@pytest.mark.slow
def test_arst1321_planned_size_power_against_brute_force():
    # ARST1321: 100 patients planned (NCI news report), 50 per arm assumed; rates 14/24 and 4/18
    # observed at the interim (Weiss et al., Lancet Oncol 2020). Loop over the 51 x 51 tables.
    expected = brute_power(50, 50, 14 / 24, 4 / 18, lambda a, b: scipy_fisher(a, 50, b, 50))
    assert exact_power(50, 50, 14 / 24, 4 / 18).power == pytest.approx(expected, rel=1e-12)


def test_power_vectorised_over_rates_and_type_one_error():
    p2 = np.linspace(0.05, 0.95, 7)
    res = exact_power(12, 10, 0.5, p2)
    for value, q in zip(res.power, p2):
        assert value == pytest.approx(exact_power(12, 10, 0.5, q).power, rel=1e-13)
    # p1 == p2: type I error, never above alpha for Fisher's exact test
    sizes = exact_power(12, 10, p2, p2).power
    assert np.all(sizes <= 0.05)


@pytest.mark.slow
def test_exact_size_is_maximum_over_rates():
    res = exact_size(15, 15, test="fisher")
    grid = np.linspace(0, 1, 20001)
    dense = exact_power(15, 15, grid, grid).power
    assert res.power >= dense.max() - 1e-15
    assert res.power == pytest.approx(dense.max(), rel=1e-6)
    assert res.power <= 0.05
    # Boschloo's test is exact too: its size never exceeds alpha
    assert exact_size(15, 15, test="boschloo").power <= 0.05 + 1e-12


def test_power_curve_matches_pointwise_power():
    n = np.array([10, 20, 30])
    curve = power_curve(n, n, 0.6, 0.2)
    for m, value in zip(n, curve.power):
        assert value == pytest.approx(exact_power(m, m, 0.6, 0.2).power, rel=1e-13)
    frame = curve.to_frame()
    assert list(frame.columns[:5]) == ["n1", "n2", "p1", "p2", "power"]
    assert len(frame) == 3


@pytest.mark.parametrize(
    "kwargs, error",
    [
        (dict(test="z"), ValueError),
        (dict(alternative="bigger"), ValueError),
        (dict(alpha=0.0), ValueError),
        (dict(test="chi2", alternative="greater"), ValueError),
    ],
)
def test_power_rejects_bad_options(kwargs, error):
    with pytest.raises(error):
        exact_power(10, 10, 0.5, 0.2, **kwargs)


@pytest.mark.parametrize("p", [1.2, -0.1, float("nan"), "0.3", True])
def test_power_rejects_bad_probabilities(p):
    with pytest.raises((ValueError, TypeError)):
        exact_power(10, 10, p, 0.2)


# ------------------------------------------------------------------------------------------
# interim analyses
# ------------------------------------------------------------------------------------------


def brute_conditional_power(k1, n1, k2, n2, f1, f2, r1, r2, alpha=0.05):
    total = 0.0
    for j1 in range(f1 - n1 + 1):
        for j2 in range(f2 - n2 + 1):
            if scipy_fisher(k1 + j1, f1, k2 + j2, f2) <= alpha:
                total += stats.binom.pmf(j1, f1 - n1, r1) * stats.binom.pmf(j2, f2 - n2, r2)
    return total


@pytest.mark.slow
def test_conditional_power_against_brute_force():
    # ARST1321 interim (Weiss et al. 2020): 14/24 vs 4/18; final sizes 30 and 25 keep the loop
    # small.
    got = conditional_power(14, 24, 4, 18, 30, 25)
    assert got.power == pytest.approx(
        brute_conditional_power(14, 24, 4, 18, 30, 25, 14 / 24, 4 / 18), rel=1e-12)
    null = conditional_power(14, 24, 4, 18, 30, 25, under="null")
    assert null.p1 == null.p2 == pytest.approx(18 / 42)
    assert null.power == pytest.approx(
        brute_conditional_power(14, 24, 4, 18, 30, 25, 18 / 42, 18 / 42), rel=1e-12)
    assumed = conditional_power(14, 24, 4, 18, 30, 25, under="assumed", p1=0.4, p2=0.2)
    assert assumed.power == pytest.approx(
        brute_conditional_power(14, 24, 4, 18, 30, 25, 0.4, 0.2), rel=1e-12)


@pytest.mark.slow
def test_predictive_power_averages_conditional_power_over_the_posterior():
    # Predictive power = E over the Beta posteriors of the conditional power at (p1, p2):
    # checked by a two-dimensional quadrature of conditional power against the posteriors.
    k1, n1, k2, n2, f1, f2 = 3, 6, 1, 5, 9, 8
    x, y = stats.beta(1 + k1, 1 + n1 - k1), stats.beta(1 + k2, 1 + n2 - k2)

    def integrand(r1, r2):
        cp = conditional_power(k1, n1, k2, n2, f1, f2, under="assumed", p1=r1, p2=r2).power
        return cp * x.pdf(r1) * y.pdf(r2)

    expected, _ = integrate.dblquad(lambda r2, r1: integrand(r1, r2), 0, 1, 0, 1, epsabs=1e-9)
    got = conditional_power(k1, n1, k2, n2, f1, f2, under="predictive").power
    assert got == pytest.approx(expected, abs=1e-7)


def test_conditional_power_at_the_final_size_is_the_decision():
    # no patients left: the "future" is certain
    assert conditional_power(14, 24, 4, 18, 24, 18).power == 1.0
    assert conditional_power(10, 24, 6, 18, 24, 18).power == 0.0


def test_conditional_power_argument_checks():
    with pytest.raises(ValueError, match="final"):
        conditional_power(14, 24, 4, 18, 20, 50)
    with pytest.raises(ValueError, match="under='assumed'"):
        conditional_power(14, 24, 4, 18, 50, 50, p1=0.5, p2=0.2)
    with pytest.raises(ValueError, match="under='assumed'"):
        conditional_power(14, 24, 4, 18, 50, 50, under="assumed")


def test_truncation_bias_against_brute_force():
    n1, n2, p1, p2, cut = 12, 10, 0.45, 0.25, 0.05
    num = den = 0.0
    for k1 in range(n1 + 1):
        for k2 in range(n2 + 1):
            if scipy_fisher(k1, n1, k2, n2, "greater") <= cut:
                w = stats.binom.pmf(k1, n1, p1) * stats.binom.pmf(k2, n2, p2)
                num += w * (k1 / n1 - k2 / n2)
                den += w
    res = truncation_bias(n1, n2, p1, p2, stop_alpha=cut)
    assert res.prob_stop == pytest.approx(den, rel=1e-12)
    assert res.mean_difference_if_stopped == pytest.approx(num / den, rel=1e-12)
    assert res.bias == pytest.approx(num / den - 0.2, rel=1e-12)
    # stopping for benefit overestimates a true benefit
    assert res.bias > 0
    # the law of total expectation ties both halves to the true difference
    total = (res.prob_stop * res.mean_difference_if_stopped
             + (1 - res.prob_stop) * res.mean_difference_if_continued)
    assert total == pytest.approx(0.2, abs=1e-12)


def test_truncation_bias_no_stopping_table():
    with pytest.raises(ValueError, match="no interim table"):
        truncation_bias(2, 2, 0.5, 0.5, stop_alpha=1e-6)


def test_region_cache_is_read_only():
    region = power._rejection_region(5, 5, 0.05, "fisher", "two-sided")
    with pytest.raises(ValueError):
        region[0, 0] = True


def test_scalar_arguments_refuse_arrays():
    with pytest.raises(ValueError, match="single probability"):
        truncation_bias(10, 10, [0.5, 0.4], 0.2, stop_alpha=0.05)
    with pytest.raises(ValueError, match="single probability"):
        conditional_power(3, 6, 1, 5, 9, 8, under="assumed", p1=[0.5, 0.4], p2=0.2)
    with pytest.raises(ValueError, match="single"):
        fragility_index([1, 2], 10, 5, 10)


@pytest.mark.parametrize("n1, n2", [(12, 9), pytest.param(24, 18, marks=pytest.mark.slow),
                                    pytest.param(40, 33, marks=pytest.mark.slow)])
@pytest.mark.parametrize("test, alternative", [("barnard", "two-sided"), ("barnard", "greater"),
                                               ("boschloo", "two-sided"), ("boschloo", "less")])
def test_bisected_regions_equal_full_enumeration(n1, n2, test, alternative):
    # the rejection region found by bisection over the nested regions is the set of tables
    # whose own p-value (computed for every table) is at most alpha
    from sarcoma_stats.stats.unconditional import rejection_region, unconditional_pvalues

    for alpha in (0.01, 0.05, 0.1):
        full = unconditional_pvalues(n1, n2, method=test, alternative=alternative).pvalue <= alpha
        np.testing.assert_array_equal(rejection_region(n1, n2, alpha, test, alternative), full)


def test_power_of_huge_arms_is_refused_with_the_limit():
    # the rejection region of 10^5 patients per arm would be a 10^10-table array
    with pytest.raises(ValueError, match="limited to 2097152"):
        exact_power(100_000, 100_000, 0.3, 0.4)
    with pytest.raises(ValueError, match="limited to 2097152"):
        power_curve([100, 100_000], 100_000, 0.3, 0.4)
    with pytest.raises(ValueError, match="limited to 2097152"):
        conditional_power(10, 20, 5, 20, 100_000, 100_000)

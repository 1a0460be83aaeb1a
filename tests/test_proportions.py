"""Tests for sarcoma_stats.stats.proportions.proportion_ci.

Reference values: tests/reference/binom_test.csv and prop_test.csv (R 4.2.2, calls recorded in
the file headers, produced by tests/reference/make_fixtures.R) and Newcombe RG, Two-sided
confidence intervals for the single proportion: comparison of seven methods, Stat Med
1998;17:857-872, Table I (printed to 4 decimals).
"""

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

from sarcoma_stats import proportion_ci
from sarcoma_stats.stats.proportions import METHODS

REFERENCE = Path(__file__).parent / "reference"
BINOM = pd.read_csv(REFERENCE / "binom_test.csv", comment="#")
PROP = pd.read_csv(REFERENCE / "prop_test.csv", comment="#")


# --------------------------------------------------------------------------- R references


@pytest.mark.parametrize(
    "row", list(BINOM.itertuples()), ids=lambda r: f"{r.k}/{r.n}@{r.conf_level}"
)
def test_clopper_pearson_matches_binom_test(row):
    # R: binom.test(k, n, conf.level = conf_level)$conf.int
    ci = proportion_ci(int(row.k), int(row.n), "clopper-pearson", row.conf_level)
    assert ci.low == pytest.approx(row.low, rel=1e-8, abs=1e-300)
    assert ci.high == pytest.approx(row.high, rel=1e-8)


def test_exact_is_an_alias():
    ci = proportion_ci(5, 14, "exact")
    assert ci.method == "clopper-pearson"
    assert ci.low == proportion_ci(5, 14, "clopper-pearson").low


@pytest.mark.parametrize(
    "row", list(PROP[~PROP.correct].itertuples()), ids=lambda r: f"{r.k}/{r.n}@{r.conf_level}"
)
def test_wilson_matches_prop_test(row):
    # R: prop.test(k, n, conf.level = conf_level, correct = FALSE)$conf.int
    ci = proportion_ci(int(row.k), int(row.n), "wilson", row.conf_level)
    assert ci.low == pytest.approx(row.low, rel=1e-8, abs=1e-15)
    assert ci.high == pytest.approx(row.high, rel=1e-8)


CORRECTED = PROP[PROP.correct]
HALF = 2 * CORRECTED.k == CORRECTED.n


@pytest.mark.parametrize(
    "row", list(CORRECTED[~HALF].itertuples()), ids=lambda r: f"{r.k}/{r.n}@{r.conf_level}"
)
def test_wilson_cc_matches_prop_test_away_from_half(row):
    # R: prop.test(k, n, conf.level = conf_level, correct = TRUE)$conf.int
    ci = proportion_ci(int(row.k), int(row.n), "wilson-cc", row.conf_level)
    assert ci.low == pytest.approx(row.low, rel=1e-8, abs=1e-15)
    assert ci.high == pytest.approx(row.high, rel=1e-8)


@pytest.mark.parametrize(
    "row", list(CORRECTED[HALF].itertuples()), ids=lambda r: f"{r.k}/{r.n}@{r.conf_level}"
)
def test_wilson_cc_at_half_differs_from_prop_test(row):
    # At k = n/2 R's prop.test drops the correction (YATES = min(0.5, |k - n/2|) = 0) and returns
    # the plain Wilson interval; Newcombe's method 4 keeps it, so ours is strictly wider.
    cc = proportion_ci(int(row.k), int(row.n), "wilson-cc", row.conf_level)
    plain = proportion_ci(int(row.k), int(row.n), "wilson", row.conf_level)
    assert plain.low == pytest.approx(row.low, rel=1e-8)
    assert cc.low < row.low and cc.high > row.high
    assert cc.low + cc.high == pytest.approx(1.0)  # symmetric about 1/2


# --------------------------------------------------------------------------- Newcombe 1998a

# Newcombe (1998a), Table I: 95% intervals, methods 1 (Wald), 3 (score), 4 (score with
# continuity correction), 5 (exact, Clopper-Pearson) and 6 (mid-p), printed to 4 decimals.
# Method 1 for 1/29 is printed as "<0.0000" for the lower bound; we clip it to 0.
NEWCOMBE_1998A = {
    (81, 263): {
        "wald": (0.2522, 0.3638), "wilson": (0.2553, 0.3662), "wilson-cc": (0.2535, 0.3682),
        "clopper-pearson": (0.2527, 0.3676), "mid-p": (0.2544, 0.3658),
    },
    (15, 148): {
        "wald": (0.0527, 0.1500), "wilson": (0.0624, 0.1605), "wilson-cc": (0.0598, 0.1644),
        "clopper-pearson": (0.0578, 0.1617), "mid-p": (0.0601, 0.1581),
    },
    (0, 20): {
        "wald": (0.0, 0.0), "wilson": (0.0, 0.1611), "wilson-cc": (0.0, 0.2005),
        "clopper-pearson": (0.0, 0.1684), "mid-p": (0.0, 0.1391),
    },
    (1, 29): {
        "wald": (0.0, 0.1009), "wilson": (0.0061, 0.1718), "wilson-cc": (0.0018, 0.1963),
        "clopper-pearson": (0.0009, 0.1776), "mid-p": (0.0017, 0.1585),
    },
}


@pytest.mark.parametrize(
    "k,n,method,expected",
    [(k, n, m, v) for (k, n), methods in NEWCOMBE_1998A.items() for m, v in methods.items()],
)
def test_newcombe_1998a_table_1(k, n, method, expected):
    ci = proportion_ci(k, n, method)
    assert (round(ci.low, 4), round(ci.high, 4)) == pytest.approx(expected, abs=1e-12)


# --------------------------------------------------------------------------- definitions


@pytest.mark.parametrize("k,n", [(1, 29), (5, 14), (14, 24), (41, 55), (28, 29), (1, 10**7),
                                 (5 * 10**6, 10**7)])
@pytest.mark.parametrize("confidence", [0.95, 0.9, 0.999])
def test_mid_p_solves_its_defining_equations(k, n, confidence):
    alpha = 1 - confidence
    ci = proportion_ci(k, n, "mid-p", confidence)
    upper_tail = stats.binom.sf(k, n, ci.low) + 0.5 * stats.binom.pmf(k, n, ci.low)
    lower_tail = stats.binom.cdf(k - 1, n, ci.high) + 0.5 * stats.binom.pmf(k, n, ci.high)
    assert upper_tail == pytest.approx(alpha / 2, rel=1e-9)
    assert lower_tail == pytest.approx(alpha / 2, rel=1e-9)
    # the mid-p interval sits inside the Clopper-Pearson interval
    cp = proportion_ci(k, n, "clopper-pearson", confidence)
    assert cp.low < ci.low < ci.high < cp.high


def test_mid_p_closed_forms_at_the_ends():
    # k = 0: (1 - U)^n / 2 = alpha / 2; k = n: L^n / 2 = alpha / 2
    assert proportion_ci(0, 20, "mid-p").high == pytest.approx(1 - 0.05 ** (1 / 20), rel=1e-13)
    assert proportion_ci(20, 20, "mid-p").low == pytest.approx(0.05 ** (1 / 20), rel=1e-13)


@pytest.mark.parametrize("k,n", [(1, 29), (5, 14), (14, 24), (41, 55), (3, 10**7)])
def test_jeffreys_is_the_beta_posterior_interval(k, n):
    ci = proportion_ci(k, n, "jeffreys", 0.9)
    low, high = stats.beta.interval(0.9, k + 0.5, n - k + 0.5)
    assert ci.low == pytest.approx(low, rel=1e-10)
    assert ci.high == pytest.approx(high, rel=1e-10)


def test_jeffreys_boundary_convention():
    # Brown, Cai & DasGupta (2001): low = 0 at k = 0 and high = 1 at k = n (statsmodels gives the
    # raw Beta quantile instead)
    assert proportion_ci(0, 20, "jeffreys").low == 0.0
    assert proportion_ci(20, 20, "jeffreys").high == 1.0
    assert proportion_ci(0, 20, "jeffreys").high == pytest.approx(stats.beta.ppf(0.975, 0.5, 20.5))


@pytest.mark.parametrize("k,n", [(0, 20), (1, 29), (5, 14), (14, 24), (81, 263), (29, 29)])
@pytest.mark.parametrize("method,theirs", [("agresti-coull", "agresti_coull"), ("wald", "normal"),
                                           ("wilson", "wilson"), ("clopper-pearson", "beta")])
def test_matches_statsmodels_where_definitions_agree(k, n, method, theirs):
    # statsmodels 0.15 proportion_confint clips "normal" and "agresti_coull" to [0, 1] as we do
    low, high = proportion_confint(k, n, alpha=0.05, method=theirs)
    ci = proportion_ci(k, n, method)
    assert ci.low == pytest.approx(low, rel=1e-10, abs=1e-15)
    assert ci.high == pytest.approx(high, rel=1e-10, abs=1e-15)


def test_wald_is_clipped_and_degenerate_at_the_ends():
    assert proportion_ci(1, 29, "wald").low == 0.0
    ci = proportion_ci(0, 20, "wald")
    assert (ci.low, ci.high) == (0.0, 0.0)


# --------------------------------------------------------------------------- arrays, extremes


def test_arrays_broadcast_and_return_arrays():
    ci = proportion_ci([[0], [5]], [10, 20, 40], "wilson")
    assert ci.low.shape == (2, 3) and ci.k.shape == (2, 3)
    assert ci.low[1, 2] == proportion_ci(5, 40).low
    frame = ci.to_frame()
    assert list(frame.columns) == ["k", "n", "estimate", "low", "high", "method", "confidence"]
    assert len(frame) == 6


def test_scalars_come_back_as_python_numbers():
    ci = proportion_ci(np.int64(3), 10.0)
    assert isinstance(ci.low, float) and isinstance(ci.k, int) and ci.n == 10


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("k,n", [(0, 1), (1, 1), (0, 10**7), (1, 10**7), (10**7, 10**7),
                                 (5 * 10**6, 10**7)])
def test_extremes_are_finite_ordered_and_silent(method, k, n):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ci = proportion_ci(k, n, method)
    assert 0.0 <= ci.low <= ci.estimate <= ci.high <= 1.0
    if k == 0:
        assert ci.low == 0.0
    if k == n:
        assert ci.high == 1.0


def test_large_n_wilson_close_to_wald():
    ci = proportion_ci(5 * 10**6, 10**7)
    wald = proportion_ci(5 * 10**6, 10**7, "wald")
    assert ci.low == pytest.approx(wald.low, rel=1e-7)


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "k,n,error,message",
    [
        (1.5, 10, ValueError, r"k must be whole numbers \(counts\); got 1.5"),
        (-1, 10, ValueError, "k must be non-negative; got -1"),
        (11, 10, ValueError, "k must not exceed n; got k=11 > n=10"),
        (0, 0, ValueError, "n must be at least 1; got 0"),
        (True, 10, TypeError, "k must be a non-negative integer count; got True"),
        (3, float("nan"), ValueError, "n must be finite"),
        ("3", 10, TypeError, "k must be"),
    ],
)
def test_bad_counts_are_refused(k, n, error, message):
    with pytest.raises(error, match=message):
        proportion_ci(k, n)


def test_bad_method_and_confidence_are_refused():
    message = "method must be one of 'wilson', 'wilson-cc', .*'exact'; got 'score'"
    with pytest.raises(ValueError, match=message):
        proportion_ci(3, 10, "score")
    with pytest.raises(ValueError, match="confidence must be strictly between 0 and 1"):
        proportion_ci(3, 10, confidence=1.0)
    with pytest.raises(ValueError, match="not 95"):
        proportion_ci(3, 10, confidence=95)


# --------------------------------------------------------------------------- properties

counts = st.integers(1, 400).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n)))
levels = st.sampled_from([0.5, 0.8, 0.9, 0.95, 0.99, 0.999])


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(counts, st.sampled_from(METHODS), levels)
def test_interval_properties(kn, method, confidence):
    k, n = kn
    ci = proportion_ci(k, n, method, confidence)
    assert 0.0 <= ci.low <= ci.high <= 1.0
    assert ci.low <= ci.estimate <= ci.high
    # symmetry k -> n - k
    mirror = proportion_ci(n - k, n, method, confidence)
    assert mirror.low == pytest.approx(1 - ci.high, abs=1e-12)
    assert mirror.high == pytest.approx(1 - ci.low, abs=1e-12)
    # monotone in k
    if k < n:
        step = proportion_ci(k + 1, n, method, confidence)
        assert step.low >= ci.low - 1e-12 and step.high >= ci.high - 1e-12
    # nested in the confidence level
    wider = proportion_ci(k, n, method, min(0.9999, confidence + 0.0005))
    assert wider.low <= ci.low + 1e-12 and wider.high >= ci.high - 1e-12


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(st.lists(counts, min_size=1, max_size=8), st.sampled_from(METHODS))
def test_vectorised_equals_scalar(pairs, method):
    k = [p[0] for p in pairs]
    n = [p[1] for p in pairs]
    ci = proportion_ci(k, n, method)
    for i, (kk, nn) in enumerate(pairs):
        one = proportion_ci(kk, nn, method)
        assert ci.low[i] == one.low and ci.high[i] == one.high

"""Tests of two proportions conditional on the margins, and the one list of two-arm tests.

Convention everywhere: **rows are arms, columns are (events, non-events)**::

               events   non-events
    arm 1        a          b          n1 = a + b
    arm 2        c          d          n2 = c + d

- :func:`fisher_exact`: Fisher's exact test (R's ``fisher.test`` two-sided definition), one-sided
  and mid-p, for one table or a stack of them.
- :func:`chi2_test`: Pearson's chi-square test with or without Yates' correction.
- :data:`TWO_ARM_TESTS` and :func:`two_arm_pvalues`: the registry of the two-arm tests (these
  and the exact unconditional tests of :mod:`sarcoma_stats.stats.unconditional`) from which every
  other layer takes the test names.
- :func:`rejection_regions`: the tables a test rejects at a level, for exact power.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import special
from scipy.special import gammaln

from .._results import TidyResult, as_output
from .._validation import check_bool, check_choice, check_table, check_two_arms
from .enumeration import bisect

__all__ = [
    "ALTERNATIVES",
    "Chi2Result",
    "FisherExactResult",
    "TEST_FAMILIES",
    "TEST_LABELS",
    "TWO_ARM_TESTS",
    "chi2_test",
    "fisher_exact",
    "rejection_regions",
    "two_arm_pvalues",
    "two_arm_results",
]

#: The alternatives of every two-arm test: arm 1 against arm 2.
ALTERNATIVES = ("two-sided", "less", "greater")

# R's fisher.test counts a table as "no more probable than the observed" when its probability is
# at most the observed one times (1 + 1e-7): the relative tolerance absorbs rounding error.
_R_RELATIVE_TOLERANCE = 1e-7

@dataclass(frozen=True)
class FisherExactResult(TidyResult):
    """Result of :func:`fisher_exact`.

    Attributes
    ----------
    statistic : float or ndarray
        The sample (unconditional maximum-likelihood) odds ratio ``a d / (b c)``: ``inf`` when
        only ``b c`` is zero, ``0`` when only ``a d`` is zero and ``nan`` (undefined) when both are.
        The conditional maximum-likelihood estimate that R's ``fisher.test`` prints is
        ``compare_proportions(..., measure="or", method="conditional-exact").estimate``.
    pvalue : float or ndarray
        The p-value (mid-p value when ``midp`` is True).
    alternative : str
    midp : bool
    """

    statistic: Any
    pvalue: Any
    alternative: str
    midp: bool

    _frame_columns = ("statistic", "pvalue", "alternative", "midp")

def _hypergeometric_setup(table: np.ndarray):
    """Margins and support of the conditional (hypergeometric) distribution of cell ``a``."""
    a = table[..., 0, 0]
    n1 = table[..., 0, :].sum(axis=-1)
    n2 = table[..., 1, :].sum(axis=-1)
    events = table[..., :, 0].sum(axis=-1)
    low = np.maximum(0, events - n2)
    high = np.minimum(n1, events)
    # a mode of the hypergeometric distribution; the pmf is non-decreasing up to it and
    # non-increasing after it
    mode = np.clip((n1 + 1) * (events + 1) // (n1 + n2 + 2), low, high)
    return a, n1, n2, events, low, high, mode

def _log_weight(x, n1, n2, events):
    """log P(a = x) up to a constant that depends on the margins only."""
    return -(
        gammaln(x + 1.0)
        + gammaln(n1 - x + 1.0)
        + gammaln(events - x + 1.0)
        + gammaln(n2 - events + x + 1.0)
    )

def _fisher_pvalues(table: np.ndarray, alternative: str, midp: bool) -> np.ndarray:
    """Fisher p-values for validated int64 tables of shape (..., 2, 2)."""
    a, n1, n2, events, low, high, mode = _hypergeometric_setup(table)
    from scipy import stats

    dist = stats.hypergeom(n1 + n2, events, n1)
    point = dist.pmf(a)
    if alternative == "less":
        return dist.cdf(a - 1) + point * (0.5 if midp else 1.0)
    if alternative == "greater":
        return dist.sf(a) + point * (0.5 if midp else 1.0)

    # Two-sided (R's fisher.test): the total probability of the tables whose probability is at
    # most P(observed) * (1 + 1e-7). The pmf is unimodal, so that set is a left tail [low, left]
    # plus a right tail [right, high]; both ends are found by bisection on the log-pmf.
    log_observed = _log_weight(a, n1, n2, events)
    threshold = log_observed + np.log1p(_R_RELATIVE_TOLERANCE)

    def at_most_observed(x):
        x = np.clip(x, low, high)
        return _log_weight(x, n1, n2, events) <= threshold

    left = bisect(low - 1, mode + 1, at_most_observed)  # largest x <= mode in the set
    right = bisect(high + 1, mode, at_most_observed)  # smallest x > mode in the set
    pvalue = dist.cdf(left) + dist.sf(right - 1)
    if midp:
        # mid-p: tables exactly as probable as the observed one (within R's tolerance) count
        # one half. By unimodality a tie can only be a neighbour of the observed table (two
        # equal modes) or the inner end of a tail.
        tolerance = np.log1p(_R_RELATIVE_TOLERANCE)
        ties = point.copy()
        seen = [a]
        for candidate in (a - 1, a + 1, left, right):
            fresh = (candidate >= low) & (candidate <= high)
            for other in seen:
                fresh &= candidate != other
            weight = _log_weight(np.clip(candidate, low, high), n1, n2, events)
            tie = fresh & (np.abs(weight - log_observed) <= tolerance)
            ties = ties + np.where(tie, dist.pmf(candidate), 0.0)
            seen.append(candidate)
        pvalue = pvalue - 0.5 * ties
    return np.minimum(pvalue, 1.0)

def _sample_odds_ratio(table: np.ndarray) -> np.ndarray:
    a, b = table[..., 0, 0].astype(float), table[..., 0, 1].astype(float)
    c, d = table[..., 1, 0].astype(float), table[..., 1, 1].astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return (a * d) / (b * c)

def fisher_exact(table, alternative="two-sided", midp=False) -> FisherExactResult:
    """Fisher's exact test for one 2x2 table or a stack of them, vectorised.

    Conditional on both margins, the events in arm 1 (cell ``a``) follow a hypergeometric
    distribution; the p-value sums its probabilities over the tables at least as extreme as the
    observed one.

    Parameters
    ----------
    table : array_like of int, shape (2, 2) or (..., 2, 2)
        Rows are arms, columns are (events, non-events). Whole-number counts only: 1.5 events
        is refused (``scipy.stats.fisher_exact`` accepts it). Every row needs a patient.
    alternative : {"two-sided", "less", "greater"}
        Relative to the odds ratio of arm 1 against arm 2, as in R's ``fisher.test``:
        "greater" tests OR > 1 (``P(A >= a)``), "less" tests OR < 1 (``P(A <= a)``).
        "two-sided" is R's definition: the sum of the probabilities of all tables whose
        probability is at most that of the observed table times ``1 + 1e-7``.
    midp : bool
        Return the mid-p value (Lancaster 1961): the observed table counts one half. For
        "two-sided", every table exactly as probable as the observed one (within the same
        ``1e-7`` relative tolerance) counts one half.

    Returns
    -------
    FisherExactResult
        ``.pvalue`` and ``.statistic`` (the *sample* odds ratio ``a d / (b c)``, as in
        ``scipy.stats.fisher_exact``; ``inf``, ``0`` or ``nan`` when ``b c`` and/or ``a d`` is
        zero). Floats for one table, arrays of shape ``table.shape[:-2]`` for a stack.

    Raises
    ------
    TypeError
        Non-numeric or boolean counts; a non-string ``alternative``; a non-bool ``midp``.
    ValueError
        Negative, fractional, NaN or infinite counts; a shape other than (..., 2, 2); a row
        with no patients; an unknown ``alternative``.

    Notes
    -----
    Written here rather than wrapping ``scipy.stats.fisher_exact`` because that function takes
    one table at a time (the fragility index and exact power searches need 1e4-1e5 tables) and
    does not offer mid-p values. All tables are handled in one numpy pass: the two tails of the
    two-sided test are located by a vectorised bisection on the hypergeometric log-pmf (which is
    unimodal), and the tail sums come from the hypergeometric cdf/sf of ``scipy.stats.hypergeom``
    (Boost), so the work per table grows with the logarithm of the arm sizes and 1e5 patients per
    arm are handled without overflow. p-values below about 1e-308 underflow to 0.

    References
    ----------
    Fisher RA. The logic of inductive inference. J R Stat Soc 1935;98:39-82.
    R Core Team. ``fisher.test`` (package stats), two-sided p-value with relative tolerance 1e-7.
    Lancaster HO. Significance tests in discrete distributions. JASA 1961;56:223-234 (mid-p).

    Examples
    --------
    ARST1321-like table, 14/24 against 4/18 events:

    >>> from sarcoma_stats import fisher_exact
    >>> res = fisher_exact([[14, 10], [4, 14]])
    >>> round(res.pvalue, 6)
    0.028511
    >>> round(fisher_exact([[14, 10], [4, 14]], alternative="greater").pvalue, 6)
    0.02032

    Many tables at once:

    >>> fisher_exact([[[14, 10], [4, 14]], [[3, 7], [3, 7]]]).pvalue.round(4)
    array([0.0285, 1.    ])
    """
    counts = check_table(table, "table")
    alternative = check_choice(alternative, "alternative", ALTERNATIVES)
    midp = check_bool(midp, "midp")
    pvalues = _fisher_pvalues(counts, alternative, midp)
    return FisherExactResult(
        statistic=as_output(_sample_odds_ratio(counts)),
        pvalue=as_output(pvalues),
        alternative=alternative,
        midp=midp,
    )

@dataclass(frozen=True)
class Chi2Result(TidyResult):
    """Result of :func:`chi2_test`: Pearson's statistic (1 degree of freedom) and p-value."""

    statistic: Any
    pvalue: Any
    correction: bool
    dof: int = 1

    _frame_columns = ("statistic", "pvalue", "correction", "dof")


def _chi2(counts, correction):
    """Pearson's statistic and p-value (1 degree of freedom) of validated tables."""
    counts = counts.astype(float)
    a, b = counts[..., 0, 0], counts[..., 0, 1]
    c, d = counts[..., 1, 0], counts[..., 1, 1]
    total = a + b + c + d
    margins = (a + b) * (c + d) * (a + c) * (b + d)
    excess = np.abs(a * d - b * c)
    if correction:
        excess = np.maximum(0.0, excess - total / 2)
    with np.errstate(divide="ignore", invalid="ignore"):
        statistic = np.where(margins > 0, total * excess**2 / margins, 0.0)
    return statistic, special.chdtrc(1, statistic)

def chi2_test(table, correction=False) -> Chi2Result:
    """Pearson's chi-square test of a 2x2 table (or a stack), with or without Yates' correction.

    Parameters
    ----------
    table : array_like of int, shape (2, 2) or (..., 2, 2)
        Rows are arms, columns are (events, non-events).
    correction : bool
        Apply Yates' continuity correction as R's ``chisq.test`` and
        ``scipy.stats.chi2_contingency`` do: every ``|O - E|`` is reduced by
        ``min(0.5, |O - E|)``.

    Returns
    -------
    Chi2Result
        ``.statistic`` and ``.pvalue`` (floats for one table, arrays for a stack).

    Raises
    ------
    TypeError, ValueError
        As :func:`fisher_exact` for the table; a non-bool ``correction``.

    Notes
    -----
    Computed in closed form for all tables at once,
    ``X^2 = N max(0, |a d - b c| - c_Y N)^2 / (n1 n2 m1 m2)`` with ``c_Y = 1/2`` under Yates'
    correction and 0 otherwise (``m1``, ``m2`` the column totals), which equals the cell-by-cell
    formula of ``chisq.test``. When a column is empty (no events, or no non-events, in either
    arm) the arms cannot differ: we return statistic 0 and p-value 1 where R returns NaN and
    SciPy raises.

    References
    ----------
    Pearson K. On the criterion that a given system of deviations... Phil Mag 1900;50:157-175.
    Yates F. Contingency tables involving small numbers and the chi-square test.
    Suppl J R Stat Soc 1934;1:217-235.

    Examples
    --------
    >>> from sarcoma_stats import chi2_test
    >>> res = chi2_test([[14, 10], [4, 14]])
    >>> round(res.statistic, 4), round(res.pvalue, 4)
    (5.4769, 0.0193)
    >>> round(chi2_test([[14, 10], [4, 14]], correction=True).pvalue, 4)
    0.0428
    """
    counts = check_table(table, "table")
    correction = check_bool(correction, "correction")
    statistic, pvalue = _chi2(counts, correction)
    return Chi2Result(
        statistic=as_output(statistic),
        pvalue=as_output(pvalue),
        correction=correction,
    )


@dataclass(frozen=True)
class _TwoArmTest:
    """One entry of the registry of two-arm tests."""

    family: str  # the test as exact_power and the other design functions name it
    alternative: str
    midp: bool
    label: tuple  # (measure, method) of its row in two_by_two_summary

    def run(self, table):
        """The result object (``.statistic``, ``.pvalue``) for validated tables."""
        if self.family == "fisher":
            return fisher_exact(table, alternative=self.alternative, midp=self.midp)
        if self.family.startswith("chi2"):
            return chi2_test(table, correction=self.family == "chi2-yates")
        from .unconditional import barnard_exact, boschloo_exact

        test = barnard_exact if self.family == "barnard" else boschloo_exact
        return test(table, alternative=self.alternative)


# THE list of two-arm tests: every other place (the printed-number checks, exact power,
# two_by_two_summary) takes the names from here.
_REGISTRY = {
    "fisher-two-sided": _TwoArmTest("fisher", "two-sided", False, ("fisher", "two-sided")),
    "fisher-less": _TwoArmTest("fisher", "less", False, ("fisher", "less")),
    "fisher-greater": _TwoArmTest("fisher", "greater", False, ("fisher", "greater")),
    "fisher-midp": _TwoArmTest("fisher", "two-sided", True, ("fisher", "two-sided mid-p")),
    "chi2": _TwoArmTest("chi2", "two-sided", False, ("chi-square", "pearson")),
    "chi2-yates": _TwoArmTest("chi2-yates", "two-sided", False, ("chi-square", "yates")),
    "barnard": _TwoArmTest("barnard", "two-sided", False, ("barnard", "pooled")),
    "boschloo": _TwoArmTest("boschloo", "two-sided", False, ("boschloo", "two-sided")),
}

#: The names of the two-arm tests whose p-values are compared with a printed p-value, in the
#: order in which they are reported.
TWO_ARM_TESTS = tuple(_REGISTRY)
#: The tests as the exact power functions name them (the alternative is a separate argument).
TEST_FAMILIES = tuple(dict.fromkeys(spec.family for spec in _REGISTRY.values()))
#: The row label ``(measure, method)`` of each test in
#: :func:`~sarcoma_stats.stats.comparisons.two_by_two_summary`.
TEST_LABELS = {name: spec.label for name, spec in _REGISTRY.items()}


def _check_tests(tests):
    if tests is None:
        return TWO_ARM_TESTS
    if isinstance(tests, str):
        raise TypeError(f"tests must be a sequence of names from {TWO_ARM_TESTS}; got {tests!r}")
    return tuple(check_choice(t, "tests", TWO_ARM_TESTS) for t in tests)


def two_arm_results(k1, n1, k2, n2, tests=None) -> dict:
    """The result object of every two-arm test of :data:`TWO_ARM_TESTS` for one table.

    Parameters and errors as :func:`two_arm_pvalues`.

    Returns
    -------
    dict
        Test name -> result (``.statistic``, ``.pvalue``), in the order of ``tests``.

    Examples
    --------
    >>> from sarcoma_stats.stats.hypotests import two_arm_results
    >>> res = two_arm_results(14, 24, 4, 18, tests=["chi2"])["chi2"]
    >>> round(res.statistic, 4)
    5.4769
    """
    k1, n1, k2, n2 = check_two_arms(k1, n1, k2, n2, scalar=True)
    names = _check_tests(tests)
    table = np.array([[k1, n1 - k1], [k2, n2 - k2]])
    return {name: _REGISTRY[name].run(table) for name in names}


def two_arm_pvalues(k1, n1, k2, n2, tests=None):
    """The p-value of every two-arm test of :data:`TWO_ARM_TESTS` for ``k1/n1`` against ``k2/n2``.

    ``fisher-two-sided`` is R's ``fisher.test``; ``fisher-less`` / ``fisher-greater`` its
    one-sided versions (odds ratio of arm 1 against arm 2); ``fisher-midp`` the two-sided mid-p
    value (:func:`fisher_exact`); ``chi2`` / ``chi2-yates`` Pearson's test without / with Yates'
    correction (:func:`chi2_test`); ``barnard`` (pooled variance) and ``boschloo`` the two-sided
    exact unconditional tests (:mod:`sarcoma_stats.stats.unconditional`).

    Parameters
    ----------
    k1, n1, k2, n2 : int
        Events and patients per arm.
    tests : sequence of str, optional
        Names from :data:`TWO_ARM_TESTS` (default: all of them, in that order).

    Returns
    -------
    pandas.Series
        Indexed by test name, named ``"pvalue"``.

    Raises
    ------
    TypeError, ValueError
        Invalid counts; an unknown test name (the message lists the valid ones).

    Examples
    --------
    >>> from sarcoma_stats.stats.hypotests import two_arm_pvalues
    >>> p = two_arm_pvalues(14, 24, 4, 18, tests=["fisher-two-sided", "chi2"])
    >>> p.round(4).to_dict()
    {'fisher-two-sided': 0.0285, 'chi2': 0.0193}
    """
    import pandas as pd

    results = two_arm_results(k1, n1, k2, n2, tests)
    return pd.Series([float(r.pvalue) for r in results.values()], index=list(results),
                     name="pvalue", dtype=float)


def rejection_regions(sizes, alpha, test, alternative):
    """Rejection regions of Fisher's or the chi-square test for several pairs of arm sizes.

    Returns one boolean array of shape ``(n1 + 1, n2 + 1)`` per ``(n1, n2)`` in ``sizes``: the
    tables ``(x1, x2)`` whose p-value is at most ``alpha``.

    Given the number of events ``t``, both tests order the tables ``x1 = low..high`` by
    distance from a centre (Fisher: the mode of the hypergeometric distribution, whose pmf is
    unimodal; chi-square: the expected count ``n1 t / N``), so the p-value is monotone on each
    side and the region is one or two tails. Their ends are found by bisection for every
    margin of every pair of sizes at once, each step one call of
    :func:`fisher_exact` or :func:`chi2_test`:
    ``O(N log N)`` p-values per pair instead of ``(n1 + 1)(n2 + 1)``.
    """
    n1 = np.concatenate([np.full(a + b + 1, a) for a, b in sizes])
    n2 = np.concatenate([np.full(a + b + 1, b) for a, b in sizes])
    t = np.concatenate([np.arange(a + b + 1) for a, b in sizes])
    n = n1 + n2
    low, high = np.maximum(0, t - n2), np.minimum(n1, t)
    if test == "fisher":
        centre_left = centre_right = np.clip((n1 + 1) * (t + 1) // (n + 2), low, high)

        def pvalue(tables):
            return _fisher_pvalues(tables, alternative, False)
    else:
        centre_left, centre_right = (n1 * t) // n, -((-n1 * t) // n)  # floor, ceil of n1 t / N

        def pvalue(tables):
            return _chi2(tables, test == "chi2-yates")[1]

    left_end = {"two-sided": centre_left, "less": high, "greater": low - 1}[alternative]
    right_start = {"two-sided": centre_right, "less": high + 1, "greater": low}[alternative]
    # both tails in one bisection: the left one searched from below, the right one from above
    both = np.concatenate
    n1b, n2b, tb = both([n1, n1]), both([n2, n2]), both([t, t])
    lowb, highb = both([low, low]), both([high, high])

    def rejects(x):
        x = np.clip(x, lowb, highb)
        table = np.stack([np.stack([x, n1b - x], -1), np.stack([tb - x, n2b - tb + x], -1)], -2)
        return pvalue(table) <= alpha

    ends = bisect(both([low - 1, high + 1]), both([left_end + 1, right_start - 1]), rejects)
    last_left, first_right = np.split(ends, 2)  # x1 <= last_left or x1 >= first_right reject
    regions, start = [], 0
    for a, b in sizes:
        x1 = np.arange(a + 1)[:, None]
        margin = start + x1 + np.arange(b + 1)[None, :]
        regions.append((x1 <= last_left[margin]) | (x1 >= first_right[margin]))
        start += a + b + 1
    return regions

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

from fractions import Fraction

import numpy as np

from .._results import TidyResult, as_output, format_pvalue, format_value
from .._validation import check_bool, check_choice, check_table, check_two_arms
from .enumeration import bisect
from . import _compiled
from .hypergeom import (
    MAX_TOTAL,
    TABLE_MAX,
    TAIL_TOLERANCE,
    exact_weights,
    log_factorials,
    log_pmf,
    margins,
    mode,
    tail_sum,
)
from .unconditional import ALTERNATIVES, barnard_exact, boschloo_exact

__all__ = [
    "ALTERNATIVES",
    "Chi2Result",
    "FisherExactResult",
    "TEST_FAMILIES",
    "TEST_LABELS",
    "TWO_ARM_TESTS",
    "chi2_test",
    "below_alpha",
    "exact_fisher_pvalue",
    "fisher_exact",
    "rejection_regions",
    "two_arm_pvalues",
    "two_arm_results",
]


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

    def _line(self, v):
        name = f"Fisher {v['alternative']}{' mid-p' if v['midp'] else ''}"
        return (f"{name}: {format_pvalue(v['pvalue'])} "
                f"(sample odds ratio {format_value(v['statistic'], 'ratio')})")


# Tables handled together (bounds the memory in flight to a few hundred bytes per table).
_CHUNK = 2**14
# Floats this close (relatively) to a decision boundary are decided in exact arithmetic.
_EXACT_WINDOW = 1e-9
# Above this total the exact rational check of a p-value is skipped (it costs O(N^2) bit work).
_EXACT_MAX_TOTAL = 20_000


def _tails(left, right, n1, n2, m, lo, hi):
    """``P(X <= left) + P(X >= right)`` for ``left`` at or below a mode and ``right`` above
    one (a tail outside the support is 0); 1-d arrays. A left tail is the right tail of the
    mirror image ``m - X`` (arms swapped), so both come from one upward :func:`tail_sum`."""
    has_left, has_right = np.flatnonzero(left >= lo), np.flatnonzero(right <= hi)
    start = np.concatenate([m[has_left] - left[has_left], right[has_right]])
    first = np.concatenate([n2[has_left], n1[has_right]])
    second = np.concatenate([n1[has_left], n2[has_right]])
    events = np.concatenate([m[has_left], m[has_right]])
    value = np.exp(log_pmf(start, first, second, events)) * tail_sum(start, first, second,
                                                                      events, upward=True)
    out = np.zeros(left.shape)
    out[has_left] = value[:has_left.size]
    out[has_right] += value[has_left.size:]
    return out


def _cdf(x, n1, n2, m, top, lo, hi):
    """``P(X <= x)``: a left tail up to a mode, one minus a right tail beyond it."""
    below = x <= top
    # below a mode: the left tail up to x; above: one minus the right tail from x + 1
    tail = _tails(np.where(below, x, lo - 1), np.where(below, hi + 1, x + 1), n1, n2, m, lo, hi)
    return np.where(below, tail, 1.0 - tail)


def _first_at_most(threshold, n1, n2, m, top, hi):
    """The smallest ``x`` in ``(top, hi]`` with ``log f(x) <= threshold`` (``hi + 1`` if none),
    for 1-d arrays; ``f`` does not increase on ``(top, hi]``.

    ``g(x) = log f(x) - threshold`` is concave, so the line through two of its points lies
    above it outside them: a Newton step with the forward difference from a point where
    ``g > 0`` lands at or beyond the root, and one with the backward difference from a point
    where ``g <= 0`` stays at or beyond it. Starting from a Gaussian guess, a few such steps
    reach the answer; the tables not settled after eight steps are finished by bisection.
    """

    def g(x, rows):
        return log_pmf(x, n1[rows], n2[rows], m[rows]) - threshold[rows]

    result = hi + 1
    rows = np.flatnonzero(top < hi)  # tables with a candidate at all
    total = (n1[rows] + n2[rows]).astype(float)
    variance = (n1[rows] * (n2[rows] / total) * (m[rows] / total)
                * ((total - m[rows]) / np.maximum(total - 1, 1)))
    depth = np.maximum(log_pmf(top[rows], n1[rows], n2[rows], m[rows]) - threshold[rows], 0.0)
    guess = top[rows] + 1 + np.floor(np.sqrt(2.0 * variance * depth)).astype(np.int64)
    x = np.minimum(guess, hi[rows])
    gx = g(x, rows)
    for _ in range(8):  # forward steps while g(x) > 0: each lands at or beyond the root
        out = np.flatnonzero((gx > 0) & (x < hi[rows]))
        if out.size == 0:
            break
        r = rows[out]
        slope = g(x[out] + 1, r) - gx[out]
        with np.errstate(divide="ignore", invalid="ignore"):
            step = np.where(slope < 0, np.ceil(gx[out] / -slope), 1.0)
        x[out] = np.minimum(x[out] + np.maximum(step, 1.0).astype(np.int64), hi[r])
        gx[out] = g(x[out], r)
    # g(x) <= 0 now (or x = hi with g(hi) > 0: no table qualifies; or, rarely, not settled)
    beyond = (gx > 0) & (x == hi[rows])
    unsettled = (gx > 0) & ~beyond
    x[unsettled] = hi[rows[unsettled]] + 1  # bisected below from the sentinel
    settled = beyond.copy()
    for _ in range(8):  # backward steps while the table before x is in the set too
        live = np.flatnonzero(~settled & ~unsettled)
        if live.size == 0:
            break
        r = rows[live]
        previous = x[live] - 1
        at_top = previous <= top[r]
        gp = np.full(live.size, np.inf)
        gp[~at_top] = g(previous[~at_top], r[~at_top])
        done = gp > 0
        settled[live[done]] = True
        live, r, gp, previous = live[~done], r[~done], gp[~done], previous[~done]
        slope = gx[live] - gp
        with np.errstate(divide="ignore", invalid="ignore"):
            root = np.where(slope < 0, x[live] - gx[live] / slope, -np.inf)
        x[live] = np.clip(np.ceil(np.maximum(root, -1.0)), top[r] + 1, previous).astype(np.int64)
        gx[live] = g(x[live], r)
    result[rows] = np.where(beyond, hi[rows] + 1, x)
    rest = rows[~settled]
    if rest.size:  # the first x in (top, result] with g(x) <= 0 (result itself qualifies)

        def qualifies(y, sub):
            r = rest[sub]
            inside = y <= hi[r]
            value = g(np.minimum(y, hi[r]), r)
            return ~inside | (value <= 0)

        result[rest] = bisect(result[rest], top[rest], qualifies)
    return result


def _two_sided_ends(a, threshold, n1, n2, m, top, lo, hi):
    """``l_end <= top < r_start``: the tables no more probable than the threshold are those
    at most ``l_end`` or at least ``r_start``."""
    low_side = a <= top
    # the side of the observed table: its end is the observed table unless its neighbour
    # towards the mode is tied with it (within the tolerance)
    step = np.where(low_side, 1, -1)
    neighbour = a + step
    inside = np.where(low_side, neighbour <= top, neighbour > top)
    tied = inside & (log_pmf(np.clip(neighbour, lo, hi), n1, n2, m) <= threshold)
    # the other side, in the mirror image (x -> m - x, arms swapped) for the low side
    far_low = _first_at_most(threshold[low_side], n1[low_side], n2[low_side], m[low_side],
                             top[low_side], hi[low_side])
    high = ~low_side
    mirror = _first_at_most(threshold[high], n2[high], n1[high], m[high], m[high] - top[high],
                            m[high] - lo[high])
    l_end, r_start = a.copy(), a.copy()
    r_start[low_side] = far_low
    l_end[high] = m[high] - mirror
    if tied.any():  # rare: settle the observed side by bisection

        def in_set(x, rows):
            return log_pmf(np.clip(x, lo[rows], hi[rows]), n1[rows], n2[rows],
                           m[rows]) <= threshold[rows]

        low_t = np.flatnonzero(tied & low_side)
        l_end[low_t] = bisect(a[low_t], top[low_t] + 1, lambda x, sub: in_set(x, low_t[sub]))
        high_t = np.flatnonzero(tied & high)
        r_start[high_t] = bisect(a[high_t], top[high_t], lambda x, sub: in_set(x, high_t[sub]))
    return l_end, r_start


def _fisher_chunk(a, n1, n2, m, alternative, midp):
    """Fisher p-values of one chunk of tables given as 1-d int64 arrays."""
    top, lo, hi = mode(n1, n2, m)
    point = np.exp(log_pmf(a, n1, n2, m))
    half = 0.5 * point if midp else 0.0
    if alternative == "less":  # P(X <= a)
        return np.clip(_cdf(a, n1, n2, m, top, lo, hi) - half, 0.0, 1.0)
    if alternative == "greater":  # P(X >= a) = P(Y <= n1 - a) for the arms swapped
        return np.clip(_cdf(m - a, n2, n1, m, m - top, m - hi, m - lo) - half, 0.0, 1.0)

    # Two-sided (R's fisher.test): the total probability of the tables whose probability is at
    # most P(observed) * (1 + 1e-7). f is unimodal, so that set is a left tail [lo, l_end]
    # (l_end <= top) plus a right tail [r_start, hi] (r_start > top).
    log_observed = log_pmf(a, n1, n2, m)
    threshold = log_observed + np.log1p(_R_RELATIVE_TOLERANCE)
    l_end, r_start = _two_sided_ends(a, threshold, n1, n2, m, top, lo, hi)
    everything = (l_end == top) & (r_start == top + 1)
    p = np.ones(a.shape)
    some = ~everything
    p[some] = _tails(l_end[some], r_start[some], n1[some], n2[some], m[some], lo[some], hi[some])
    if midp:
        # tables exactly as probable as the observed one (within R's tolerance) count one half;
        # by unimodality a tie can only be a neighbour of the observed table (two equal modes)
        # or the inner end of a tail
        tolerance = np.log1p(_R_RELATIVE_TOLERANCE)
        ties = point.copy()
        seen = [a]
        for candidate in (a - 1, a + 1, l_end, r_start):
            fresh = (candidate >= lo) & (candidate <= hi)
            for other in seen:
                fresh &= candidate != other
            weight = log_pmf(np.clip(candidate, lo, hi), n1, n2, m)
            tie = fresh & (np.abs(weight - log_observed) <= tolerance)
            ties = ties + np.where(tie, np.exp(weight), 0.0)
            seen.append(candidate)
        p = p - 0.5 * ties
    return np.clip(p, 0.0, 1.0)


def exact_fisher_pvalue(a: int, n1: int, n2: int, m: int, alternative: str,
                        midp: bool = False) -> Fraction:
    """Fisher's p-value of one table as an exact fraction (R's rule in rational arithmetic).

    Two-sided: the tables ``y`` with ``10**7 w(y) <= (10**7 + 1) w(a)``, ``w`` the integer
    weights ``C(n1, y) C(n2, m - y)``. Mid-p: the tables tied with the observed one within the
    same relative tolerance (both ways) count one half. Costs ``O(N)`` big-integer operations.
    """
    lo, weights, total = exact_weights(n1, n2, m)
    observed = weights[a - lo]
    scale = 10**7
    support = range(lo, lo + len(weights))
    if alternative == "less":
        region, ties = [y for y in support if y <= a], [a]
    elif alternative == "greater":
        region, ties = [y for y in support if y >= a], [a]
    else:
        region = [y for y in support if scale * weights[y - lo] <= (scale + 1) * observed]
        ties = [y for y in region if scale * observed <= (scale + 1) * weights[y - lo]]
    mass = sum(weights[y - lo] for y in region)
    if midp:
        mass = Fraction(2 * mass - sum(weights[y - lo] for y in ties), 2)
    return Fraction(mass, total)


def _fisher_pvalues(table: np.ndarray, alternative: str, midp: bool) -> np.ndarray:
    """Fisher p-values of validated int64 tables of shape (..., 2, 2), chunk by chunk; a
    p-value whose exact value is a decimal of at most four significant digits (0.05, 0.0125)
    is returned as the float nearest to that decimal (see :func:`_snap`)."""
    flat = table.reshape(-1, 2, 2)
    out = np.empty(flat.shape[0])
    compiled = flat.shape[0] >= _compiled.MIN_BATCH  # the kernel pays off for large batches
    for start in range(0, flat.shape[0], _CHUNK):
        a, n1, n2, m = margins(flat[start:start + _CHUNK])
        p = _fisher_compiled(a, n1, n2, m, alternative, midp) if compiled else None
        if p is None:
            p = _fisher_chunk(a, n1, n2, m, alternative, midp)
        out[start:start + _CHUNK] = _snap(p, a, n1, n2, m, alternative, midp)
    return out.reshape(table.shape[:-2])


def _fisher_compiled(a, n1, n2, m, alternative, midp):
    """The same p-values from the compiled kernel (tables of up to ``TABLE_MAX`` patients; the
    others by :func:`_fisher_chunk`), or None without numba."""
    small = n1 + n2 <= TABLE_MAX
    table = log_factorials(int(np.max(np.where(small, n1 + n2, 0))))
    p = _compiled.fisher_pvalues(a[small], n1[small], n2[small], m[small], table, alternative,
                                 midp, TAIL_TOLERANCE, _R_RELATIVE_TOLERANCE)
    if p is None or small.all():
        return p
    out = np.empty(a.size)
    out[small] = p
    large = ~small
    out[large] = _fisher_chunk(a[large], n1[large], n2[large], m[large], alternative, midp)
    return out


def _snap(p, a, n1, n2, m, alternative, midp):
    """Replace each float p-value that lies within rounding of a short decimal ``d`` (at most
    four significant digits) by ``float(d)`` when the exact p-value equals ``d``.

    A sum of floats that is exactly 1/20 in rational arithmetic can come out one ulp below 0.05
    (``[[2, 0], [2, 12]]``); the exact value is checked with integers (totals up to
    ``_EXACT_MAX_TOTAL``), so that such a p-value prints, compares and rounds as the decimal it is.
    """
    usable = (p > 1e-300) & (p < 1) & (n1 + n2 <= _EXACT_MAX_TOTAL)
    exponent = np.floor(np.log10(np.where(usable, p, 1.0))) - 3
    digits = np.round(np.where(usable, p, 0.0) / 10.0**exponent)
    decimal = digits * 10.0**exponent
    near = usable & (decimal < 1) & (np.abs(p - decimal) <= _EXACT_WINDOW * p)
    for j in np.flatnonzero(near):
        decimal = Fraction(int(digits[j])) * Fraction(10) ** int(exponent[j])
        exact = exact_fisher_pvalue(int(a[j]), int(n1[j]), int(n2[j]), int(m[j]), alternative,
                                    midp)
        if exact == decimal:
            p[j] = float(decimal)
    return p


def below_alpha(pvalues, tables, alpha: float, alternative: str = "two-sided",
                midp: bool = False, strict: bool = False) -> np.ndarray:
    """Whether Fisher's p-values are at most ``alpha`` (below it if ``strict``), decided exactly.

    ``alpha`` is the decimal its shortest representation shows (0.05 is 1/20, not the binary
    float 0.05000000000000000277). Where a float p-value lies within ``1e-9`` (relative) of it,
    the p-value is recomputed as an exact fraction (:func:`exact_fisher_pvalue`) and compared
    exactly, for totals up to 20 000 patients; above that the float comparison stands (the
    float is then accurate to about 1e-12).

    Parameters
    ----------
    pvalues : ndarray
        Fisher p-values of ``tables`` (from :func:`fisher_exact` with the same options).
    tables : ndarray of int, shape (..., 2, 2)
    alpha : float
    alternative, midp
        As given to :func:`fisher_exact`.
    strict : bool
        Decide ``p < alpha`` instead of ``p <= alpha``.

    Returns
    -------
    ndarray of bool

    Examples
    --------
    ``[[2, 0], [2, 12]]`` has the two-sided p-value 1/20 exactly:

    >>> import numpy as np
    >>> from sarcoma_stats.stats.hypotests import below_alpha, fisher_exact
    >>> table = np.array([[2, 0], [2, 12]])
    >>> p = fisher_exact(table).pvalue
    >>> bool(below_alpha(p, table, 0.05)), bool(below_alpha(p, table, 0.05, strict=True))
    (True, False)
    """
    p = np.asarray(pvalues, dtype=float)
    flat_p = p.reshape(-1)
    flat = np.asarray(tables).reshape(-1, 2, 2)
    out = flat_p < alpha if strict else flat_p <= alpha
    a, n1, n2, m = margins(flat)
    near = (np.abs(flat_p - alpha) <= _EXACT_WINDOW * alpha) & (n1 + n2 <= _EXACT_MAX_TOTAL)
    if near.any():
        boundary = Fraction(repr(float(alpha)))
        for j in np.flatnonzero(near):
            exact = exact_fisher_pvalue(int(a[j]), int(n1[j]), int(n2[j]), int(m[j]),
                                        alternative, midp)
            out[j] = exact < boundary if strict else exact <= boundary
    return out.reshape(p.shape)


def _sample_odds_ratio(table: np.ndarray) -> np.ndarray:
    """``a d / (b c)`` (in floats: the products of counts near 2**40 exceed int64)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return ((table[..., 0, 0] * np.float64(1.0)) * table[..., 1, 1]) / (
            (table[..., 0, 1] * np.float64(1.0)) * table[..., 1, 0])


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
        with no patients; more than 2**40 patients in a table; an unknown ``alternative``.

    Notes
    -----
    Written here rather than wrapping ``scipy.stats.fisher_exact`` because that function takes
    one table at a time (the fragility index and exact power searches need 1e4-1e5 tables) and
    does not offer mid-p values.

    *Algorithm.* All tables are handled together, a chunk of 16 384 at a time (so that memory
    stays at about a hundred bytes per table). ``log P(a = x)`` comes from a table of
    ``log k!`` up to 16 384 patients and from Loader's saddle-point expansion above (as R's
    ``dhyper``), accurate to about 1e-11 absolute at any size. The ends of the two tails of the
    two-sided test are found by a few Newton steps on the concave log-pmf (finished by
    bisection when needed); each tail is summed from its inner end outwards with the exact
    ratio recurrence of the hypergeometric pmf, until the rest is provably below 1e-14 of the
    sum. The p-values agree with R's ``fisher.test`` and SciPy to about 1e-11 relative.

    *Ties.* Two-sided, a table is as extreme as the observed one when its probability is at
    most the observed one's times ``1 + 1e-7`` (R's rule), decided on log-probabilities
    accurate to about 1e-11, so that exactly tied tables (mirror images when the arms or the
    margins are equal) are always counted, up to 2**40 patients. (Computed as differences of
    ``lgamma`` values, ties are lost at about 3e7 patients per arm, where the rounding error of
    ``lgamma(N)`` reaches the 1e-7 tolerance.)

    *The alpha boundary.* A float sum that is exactly 1/20 in rational arithmetic can come out
    one ulp below 0.05. A p-value within 1e-9 (relative) of a decimal of at most four
    significant digits is checked in exact integer arithmetic and, when it equals that decimal,
    returned as the float nearest to it: ``[[2, 0], [2, 12]]`` gives exactly ``0.05`` (91/1820,
    as SciPy and R print). Decisions ``p <= alpha`` inside the package (fragility index,
    rejection regions) are exact as well (:func:`below_alpha`). Both checks cover tables of up
    to 20 000 patients; above that the float (accurate to about 1e-11) decides.

    *Limits.* Tables of up to ``n1 + n2 = 2**40`` patients (about 1.1e12); a larger table is
    refused with a ``ValueError`` that says so (the tail sums take about ``2 sqrt(N)`` terms).
    p-values below about 1e-308 underflow to 0.

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

    A p-value that is exactly 1/20 is returned as 0.05 (not one ulp below it):

    >>> fisher_exact([[2, 0], [2, 12]]).pvalue
    0.05
    """
    counts = check_table(table, "table", MAX_TOTAL, "Fisher's exact test")
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

    def _line(self, v):
        name = "chi-square with Yates' correction" if v["correction"] else "chi-square"
        return f"{name} {v['statistic']:.3g}: {format_pvalue(v['pvalue'])}"


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
    from scipy.special import chdtrc

    return statistic, chdtrc(1, statistic)


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
    margin of every pair of sizes at once: ``O(N log N)`` p-values per pair instead of
    ``(n1 + 1)(n2 + 1)``. Fisher's decisions at ``alpha`` are exact (:func:`below_alpha`).
    """
    n1 = np.concatenate([np.full(a + b + 1, a) for a, b in sizes])
    n2 = np.concatenate([np.full(a + b + 1, b) for a, b in sizes])
    t = np.concatenate([np.arange(a + b + 1) for a, b in sizes])
    n = n1 + n2
    low, high = np.maximum(0, t - n2), np.minimum(n1, t)
    if test == "fisher":
        centre_left = centre_right = np.clip((n1 + 1) * (t + 1) // (n + 2), low, high)

        def rejected(tables):
            p = _fisher_pvalues(tables, alternative, False)
            return below_alpha(p, tables, alpha, alternative)
    else:
        centre_left, centre_right = (n1 * t) // n, -((-n1 * t) // n)  # floor, ceil of n1 t / N

        def rejected(tables):
            return _chi2(tables, test == "chi2-yates")[1] <= alpha

    left_end = {"two-sided": centre_left, "less": high, "greater": low - 1}[alternative]
    right_start = {"two-sided": centre_right, "less": high + 1, "greater": low}[alternative]
    # both tails in one bisection: the left one searched from below, the right one from above
    both = np.concatenate
    n1b, n2b, tb = both([n1, n1]), both([n2, n2]), both([t, t])
    lowb, highb = both([low, low]), both([high, high])

    def rejects(x, rows):
        x = np.clip(x, lowb[rows], highb[rows])
        t_, n1_, n2_ = tb[rows], n1b[rows], n2b[rows]
        table = np.stack([np.stack([x, n1_ - x], -1), np.stack([t_ - x, n2_ - t_ + x], -1)], -2)
        return rejected(table)

    ends = bisect(both([low - 1, high + 1]), both([left_end + 1, right_start - 1]), rejects)
    last_left, first_right = np.split(ends, 2)  # x1 <= last_left or x1 >= first_right reject
    regions, start = [], 0
    for a, b in sizes:
        x1 = np.arange(a + 1)[:, None]
        margin = start + x1 + np.arange(b + 1)[None, :]
        regions.append((x1 <= last_left[margin]) | (x1 >= first_right[margin]))
        start += a + b + 1
    return regions

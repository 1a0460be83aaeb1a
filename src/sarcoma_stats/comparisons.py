"""Two-by-two tables: risk difference, risk ratio and odds ratio with intervals; exact tests.

Convention everywhere: **rows are arms, columns are (events, non-events)**::

               events   non-events
    arm 1        a          b          n1 = a + b
    arm 2        c          d          n2 = c + d

so that ``k1 = a`` and ``k2 = c``; the odds ratio is ``(a d) / (b c)`` (arm 1 against arm 2).

Every function that takes a ``table`` accepts one 2x2 table or a stack of shape ``(..., 2, 2)``
and then returns arrays, computed in one vectorised pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats
from scipy.special import gammaln

from ._validation import check_bool, check_choice, check_table

__all__ = ["FisherExactResult", "fisher_exact"]

_ALTERNATIVES = ("two-sided", "less", "greater")

# R's fisher.test counts a table as "no more probable than the observed" when its probability is
# at most the observed one times (1 + 1e-7): the relative tolerance absorbs rounding error.
_R_RELATIVE_TOLERANCE = 1e-7


def _as_output(values: np.ndarray) -> Any:
    """A 0-d array becomes a Python float; anything else stays an array."""
    values = np.asarray(values, dtype=float)
    return float(values) if values.ndim == 0 else values


@dataclass(frozen=True)
class FisherExactResult:
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

    def to_frame(self) -> pd.DataFrame:
        """One row per table: statistic, pvalue, alternative, midp."""
        statistic = np.atleast_1d(self.statistic).ravel()
        return pd.DataFrame(
            {
                "statistic": statistic,
                "pvalue": np.atleast_1d(self.pvalue).ravel(),
                "alternative": self.alternative,
                "midp": self.midp,
            }
        )


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


def _bisect(found, missing, test):
    """Vectorised integer bisection between two sentinels.

    ``test(x)`` is True at ``found`` and False at ``missing`` (sentinels need not be evaluated);
    between them it changes value once. Returns the last point on the ``found`` side.
    """
    found = found.copy()
    missing = missing.copy()
    while True:
        active = np.abs(missing - found) > 1
        if not np.any(active):
            return found
        middle = (found + missing) // 2
        ok = test(middle)
        found = np.where(active & ok, middle, found)
        missing = np.where(active & ~ok, middle, missing)


def _fisher_pvalues(table: np.ndarray, alternative: str, midp: bool) -> np.ndarray:
    """Fisher p-values for validated int64 tables of shape (..., 2, 2)."""
    a, n1, n2, events, low, high, mode = _hypergeometric_setup(table)
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

    left = _bisect(low - 1, mode + 1, at_most_observed)  # largest x <= mode in the set
    right = _bisect(high + 1, mode, at_most_observed)  # smallest x > mode in the set
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
    alternative = check_choice(alternative, "alternative", _ALTERNATIVES)
    midp = check_bool(midp, "midp")
    pvalues = _fisher_pvalues(counts, alternative, midp)
    return FisherExactResult(
        statistic=_as_output(_sample_odds_ratio(counts)),
        pvalue=_as_output(pvalues),
        alternative=alternative,
        midp=midp,
    )

"""Which method reproduces a printed number: interval methods, two-arm tests, ratio intervals.

Given the counts and a printed interval or p-value, these functions recompute the number with every
method a report could have used and say which ones give the printed digits (at the printed
precision, under one rounding rule for both bounds of an interval). For hazard ratios, medians and
survival rates, printed without the data behind them, they check what the printed numbers imply
about each other: the geometric midpoint of a ratio's interval, the Wald p-value it implies, the
symmetry of an interval on the scales software uses.

Everything here takes counts and printed numbers (str, Decimal or :class:`~.number.Printed`) and
knows nothing of claims or files.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import numpy as np
import pandas as pd
from scipy import special

from .._validation import check_choice, check_confidence, check_counts, check_integers
from ..stats.comparisons import COMPARISON_METHODS, compare_proportions
from ..stats.hypotests import TWO_ARM_TESTS as PVALUE_TESTS
from ..stats.hypotests import two_arm_pvalues
from ..stats.proportions import METHODS as CI_METHODS
from ..stats.proportions import proportion_ci
from ..stats.survival import median_ci_symmetry, pvalue_from_ci, survival_ci_transforms
from .number import RELATIONS, as_decimal, half_unit, scaled, to_float
from .rounding import (FLOAT_TOLERANCE, ROUNDINGS, bounds_fit, float_masks, percent_masks,
                       satisfies)

__all__ = [
    "CI_METHODS",
    "PVALUE_TESTS",
    "RD_METHODS",
    "WaldAgreement",
    "ci_methods_table",
    "counts_for_interval",
    "difference_methods_table",
    "geometric_midpoint_fits",
    "interval_repairs",
    "median_symmetry",
    "pvalue_tests_table",
    "survival_transforms_fitting",
    "wald_agreement",
]

#: The risk-difference interval methods of ``compare_proportions``.
RD_METHODS = COMPARISON_METHODS["rd"]


def _check_methods(methods, allowed, name="methods") -> tuple[str, ...]:
    if methods is None:
        return tuple(allowed)
    if isinstance(methods, str):
        methods = [methods]
    return tuple(check_choice(m, name, allowed) for m in methods)


def _fit_columns(values, printed) -> dict:
    """The fit columns of a methods table: ``roundings`` and ``matches`` (both bounds under one
    rule), ``error`` (largest miss in units of the last printed digit), and ``low_fits`` /
    ``high_fits`` (each bound on its own, under some rule; True for a bound not printed)."""
    rules, error = bounds_fit(values, printed)
    each = [p is None or bool(bounds_fit((v,), (p,))[0]) for v, p in zip(values, printed)]
    return {"roundings": rules, "matches": bool(rules), "error": error, "low_fits": each[0],
            "high_fits": each[1]}


def ci_methods_table(k, n, low, high, confidence=0.95, methods=None) -> pd.DataFrame:
    """Which ``proportion_ci`` methods reproduce a printed interval of ``k / n`` (in percent).

    Parameters
    ----------
    k, n : int
        Events and patients.
    low, high : str, Decimal or None
        The printed bounds in percent (``None`` for a bound not printed).
    confidence : float
        The printed confidence level, e.g. 0.95.
    methods : sequence of str, optional
        The methods tried (default: :data:`CI_METHODS`).

    Returns
    -------
    pandas.DataFrame
        Indexed by method, with columns ``low`` and ``high`` (the computed bounds in percent),
        ``roundings`` (the rules under which both printed bounds are reproduced), ``matches``
        (bool), ``error`` (the largest miss in units of the last printed digit, 0 if it
        matches; sort on it to find the nearest method), and ``low_fits`` / ``high_fits``
        (whether each bound on its own is reproduced).

    References
    ----------
    .. [1] Brown LD, Cai TT, DasGupta A. Interval estimation for a binomial proportion.
           Stat Sci 2001;16:101-133.
    .. [2] Newcombe RG. Two-sided confidence intervals for the single proportion: comparison of
           seven methods. Stat Med 1998;17:857-872.

    Examples
    --------
    nab-sirolimus in PEComa: 12 of 31, "95% CI 22 to 58" (R ``binom.test(12, 31)$conf.int``:
    0.2185 to 0.5781).

    >>> t = ci_methods_table(12, 31, "22", "58")
    >>> bool(t.loc["clopper-pearson", "matches"])
    True
    """
    k_arr, n_arr = check_counts(k, n)
    confidence = check_confidence(confidence)
    methods = _check_methods(methods, CI_METHODS)
    rows = {}
    for method in methods:
        lo, hi = _cached_ci(int(k_arr), int(n_arr), method, confidence)
        rows[method] = {"low": lo, "high": hi, **_fit_columns((lo, hi), (low, high))}
    return pd.DataFrame.from_dict(rows, orient="index")


@lru_cache(maxsize=4096)
def _cached_ci(k: int, n: int, method: str, confidence: float) -> tuple[float, float]:
    res = proportion_ci(k, n, method=method, confidence=confidence)
    return 100.0 * float(res.low), 100.0 * float(res.high)


def counts_for_interval(percent, low, high, *, n=None, n_max: int = 1000, confidence=0.95,
                        methods=None) -> pd.DataFrame:
    """Search the counts ``k / n`` that reproduce a printed percentage and its interval.

    For a rate printed without its denominator (or printed as the wrong kind of number), every
    ``n`` up to ``n_max`` (or only the given ``n``) and every ``k`` giving the printed percentage
    is tried with each interval method, vectorised over all candidates at once.

    Parameters
    ----------
    percent : str, Decimal or None
        The printed percentage; ``None`` tries every count (then give ``n``, or ``n_max`` up
        to 2000).
    low, high : str, Decimal or None
        The printed bounds in percent.
    n : int, optional
        Search only this denominator.
    n_max : int
        Largest denominator searched when ``n`` is not given.
    confidence : float
    methods : sequence of str, optional
        Default :data:`CI_METHODS`.

    Returns
    -------
    pandas.DataFrame
        Columns ``k``, ``n``, ``method``: one row per reproducing combination, by ``n`` then
        method order.

    Notes
    -----
    The mid-p bounds need a root search per candidate; since each mid-p bound lies inside the
    Clopper-Pearson one (its tail probability is smaller by half the observed term), candidates
    whose Clopper-Pearson interval is already too narrow for the printed bounds are dropped
    before the mid-p interval is computed.

    Examples
    --------
    >>> hits = counts_for_interval("39", "22", "58", n_max=60, methods=["clopper-pearson"])
    >>> (12, 31) in set(zip(hits.k, hits.n))
    True

    Without the percentage, every count of the given ``n``:

    >>> counts_for_interval(None, "22", "58", n=31, methods=["clopper-pearson"]).k.tolist()
    [12]
    """
    confidence = check_confidence(confidence)
    methods = _check_methods(methods, CI_METHODS)
    if n is not None:
        ns = np.array([int(check_counts(0, n)[1])])
    else:
        n_max = int(check_integers(n_max, "n_max"))
        if n_max < 1:
            raise ValueError(f"n_max must be at least 1; got {n_max}")
        ns = np.arange(1, n_max + 1, dtype=np.int64)
    if percent is None:  # every count of every denominator
        if n is None and n_max > 2000:
            raise ValueError(f"without a percentage, n or n_max <= 2000 is needed; "
                             f"got n_max={n_max}")
        nn = np.repeat(ns, ns + 1)
        kk = np.arange(nn.size) - np.repeat(np.cumsum(ns + 1) - (ns + 1), ns + 1)
    else:
        P, d = scaled(percent, "percent")
        # every (k, n) whose percentage prints as `percent` under some rule: the counts within
        # one of P n / (100 10^d) are the only candidates
        scale = 100 * 10 ** d
        span = ns // scale + 2
        offsets = np.arange(-int(span.max()), int(span.max()) + 1)
        kk = (P * ns // scale)[:, None] + offsets[None, :]
        nn = np.broadcast_to(ns[:, None], kk.shape)
        valid = (kk >= 0) & (kk <= nn)
        kk, nn = kk[valid], nn[valid]
        masks = percent_masks(kk, nn, P, d)
        keep = masks["half-up"] | masks["half-even"] | masks["truncate"]
        kk, nn = kk[keep], nn[keep]
    found = []
    for method in methods:
        if kk.size == 0:
            break
        if method == "mid-p":
            # the mid-p interval lies inside the Clopper-Pearson one: skip (slow, root-finding)
            # candidates whose Clopper-Pearson interval is already too narrow for the printed one
            cp = proportion_ci(kk, nn, method="clopper-pearson", confidence=confidence)
            possible = np.ones(kk.shape, dtype=bool)
            if low is not None:
                Pb, db = scaled(low)
                possible &= 100.0 * np.asarray(cp.low) * 10.0 ** db <= Pb + 1 + FLOAT_TOLERANCE
            if high is not None:
                Pb, db = scaled(high)
                possible &= 100.0 * np.asarray(cp.high) * 10.0 ** db >= Pb - 0.5 - FLOAT_TOLERANCE
            ks, ns_ = kk[possible], nn[possible]
        else:
            ks, ns_ = kk, nn
        if ks.size == 0:
            continue
        res = proportion_ci(ks, ns_, method=method, confidence=confidence)
        lo = 100.0 * np.atleast_1d(np.asarray(res.low, dtype=float))
        hi = 100.0 * np.atleast_1d(np.asarray(res.high, dtype=float))
        ok = np.zeros(ks.shape, dtype=bool)
        for rule in ROUNDINGS:  # one rule for both bounds
            rule_ok = np.ones(ks.shape, dtype=bool)
            for values, p in ((lo, low), (hi, high)):
                if p is not None:
                    Pb, db = scaled(p)
                    rule_ok &= float_masks(values * 10.0 ** db, Pb)[rule]
            ok |= rule_ok
        for kv, nv in zip(ks[ok], ns_[ok]):
            found.append((int(kv), int(nv), method))
    frame = pd.DataFrame(found, columns=["k", "n", "method"])
    order = {m: i for i, m in enumerate(methods)}
    frame["_o"] = frame["method"].map(order)
    return frame.sort_values(["n", "k", "_o"]).drop(columns="_o").reset_index(drop=True)


# ------------------------------------------------------------------------------------------
# Two arms: p-values and the interval of the difference
# ------------------------------------------------------------------------------------------

def pvalue_tests_table(k1, n1, k2, n2, printed, relation: str = "=", tests=None) -> pd.DataFrame:
    """Which two-arm tests reproduce a printed p-value (a number or an inequality).

    Parameters
    ----------
    k1, n1, k2, n2 : int
        Events and patients per arm.
    printed : str or Decimal
        The printed p-value without its sign (``"0.001"`` for "P < 0.001").
    relation : {"=", "<", "<=", ">", ">="}
        ``"="``: the p-value must round to the printed digits (any rule); otherwise the
        inequality must hold.
    tests : sequence of str, optional
        Default :data:`PVALUE_TESTS`.

    Returns
    -------
    pandas.DataFrame
        Indexed by test: ``pvalue`` and ``matches``.

    Examples
    --------
    8 of 9 against 2 of 16 (nab-sirolimus, TSC2 mutation or not), printed "P <0.001":

    >>> t = pvalue_tests_table(8, 9, 2, 16, "0.001", "<", tests=["fisher-two-sided", "chi2"])
    >>> t["matches"].to_dict()
    {'fisher-two-sided': True, 'chi2': True}
    """
    pvalues = two_arm_pvalues(k1, n1, k2, n2, tests)
    matches = [satisfies(p, printed, relation) for p in pvalues]
    return pd.DataFrame({"pvalue": pvalues.values, "matches": matches}, index=pvalues.index)


def difference_methods_table(k1, n1, k2, n2, low, high, confidence=0.95,
                             methods=None) -> pd.DataFrame:
    """Which risk-difference interval methods reproduce a printed interval of ``k1/n1 - k2/n2``.

    Parameters
    ----------
    k1, n1, k2, n2 : int
        Events and patients per arm; the difference is arm 1 minus arm 2.
    low, high : str, Decimal or None
        The printed bounds in percentage points (a negative bound is compared by its
        magnitude and sign).
    confidence : float
    methods : sequence of str, optional
        ``compare_proportions`` risk-difference methods (default :data:`RD_METHODS`).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``rd-<method>``: ``estimate``, ``low``, ``high`` (percentage points),
        ``roundings``, ``matches``, ``error`` (largest miss in units of the last printed digit),
        ``low_fits``, ``high_fits``.

    References
    ----------
    .. [1] Newcombe RG. Interval estimation for the difference between independent proportions:
           comparison of eleven methods. Stat Med 1998;17:873-890.

    Examples
    --------
    ARST1321: 14/24 against 4/18, difference 36.1 points; the Wald 95% interval is
    13/36 -/+ 1.96 * 0.14046 = 8.6 to 63.6.

    >>> t = difference_methods_table(14, 24, 4, 18, "8.6", "63.6", methods=["wald"])
    >>> bool(t.loc["rd-wald", "matches"])
    True
    """
    check_counts(k1, n1, ("k1", "n1"))
    check_counts(k2, n2, ("k2", "n2"))
    confidence = check_confidence(confidence)
    methods = _check_methods(methods, RD_METHODS)
    rows = {}
    for method in methods:
        res = compare_proportions(k1, n1, k2, n2, measure="rd", method=method,
                                  confidence=confidence)
        lo, hi = 100 * float(res.low), 100 * float(res.high)
        rows[f"rd-{method}"] = {"estimate": 100 * float(res.estimate), "low": lo, "high": hi,
                                **_fit_columns((lo, hi), (low, high))}
    return pd.DataFrame.from_dict(rows, orient="index")


# ------------------------------------------------------------------------------------------
# Ratios and their intervals (hazard ratios); medians and survival rates
# ------------------------------------------------------------------------------------------

def geometric_midpoint_fits(estimate, low, high) -> bool:
    """Is a printed ratio the geometric midpoint of its printed interval, within rounding?

    Each printed number stands for any value within half a unit of its last digit; the check
    passes when some choice of those values has ``estimate = sqrt(low * high)``, as for a Wald
    interval on the log scale.

    Examples
    --------
    PALETTE as the review should have printed it: HR 0.31 (0.24-0.40).

    >>> geometric_midpoint_fits("0.31", "0.24", "0.40")
    True
    >>> geometric_midpoint_fits("0.31", "0.24", "0.60")
    False
    """
    est, lo, hi = (as_decimal(v, name) for v, name in ((estimate, "estimate"), (low, "low"),
                                                         (high, "high")))
    h_est, h_lo, h_hi = half_unit(est), half_unit(lo), half_unit(hi)
    smallest = max(lo - h_lo, Decimal(0)) * max(hi - h_hi, Decimal(0))
    largest = (lo + h_lo) * (hi + h_hi)
    est_lo, est_hi = max(est - h_est, Decimal(0)), est + h_est
    return smallest <= est_hi * est_hi and largest >= est_lo * est_lo


def interval_repairs(estimate, low, high) -> list[tuple[str, Decimal]]:
    """Likely intended bounds of a malformed ratio interval.

    When a printed interval cannot be right (its upper bound below its lower bound, or the
    estimate outside it), try the usual slips one bound at a time: the decimal point moved by
    one or two places (a dropped or added digit, ``".040"`` for ``"0.40"``), and the two bounds
    printed in reverse order. A candidate is kept when the estimate lies inside the repaired
    interval and is its geometric midpoint within rounding.

    Returns
    -------
    list of (str, Decimal)
        ``("low", value)``, ``("high", value)`` or ``("swap", low)`` candidates, best
        (smallest log distance between the estimate and the geometric midpoint) first.

    Examples
    --------
    PALETTE in the review: "HR 0.31, 95% CI 0.24-.040".

    >>> interval_repairs("0.31", "0.24", ".040")
    [('high', Decimal('0.40'))]
    """
    est, lo, hi = (as_decimal(v, name) for v, name in ((estimate, "estimate"), (low, "low"),
                                                         (high, "high")))
    candidates = []
    for which in ("low", "high"):
        bound = lo if which == "low" else hi
        for shift in (-2, -1, 1, 2):
            new = bound.scaleb(shift)
            new_lo, new_hi = (new, hi) if which == "low" else (lo, new)
            candidates.append((which, new, new_lo, new_hi))
    if hi < lo:
        candidates.append(("swap", hi, hi, lo))
    kept = []
    for which, new, new_lo, new_hi in candidates:
        if new_lo <= 0 or not new_lo <= est <= new_hi:
            continue
        if geometric_midpoint_fits(est, new_lo, new_hi):
            distance = abs(math.log(float(est)) - 0.5 * math.log(float(new_lo) * float(new_hi)))
            kept.append((distance, which, new))
    kept.sort(key=lambda item: item[0])
    return [(which, new) for _, which, new in kept]


@dataclass(frozen=True)
class WaldAgreement:
    """A printed p-value against the Wald p-value implied by a ratio and its interval.

    Attributes
    ----------
    agrees : bool
        Whether the Wald z and the z of the printed p (any value within its rounding, or the
        inequality) differ by at most ``tolerance`` (relative).
    wald_p : float
        The two-sided Wald p-value implied by the interval.
    wald_z : float
        ``|ln(estimate)| / SE``.
    printed_z : tuple of float
        The range of ``|z|`` the printed p-value allows (``inf`` for an open end).
    tolerance : float
    """

    agrees: bool
    wald_p: float
    wald_z: float
    printed_z: tuple[float, float]
    tolerance: float


def wald_agreement(printed_p, relation, estimate, low, high, confidence=0.95,
                   tolerance=0.10) -> WaldAgreement:
    """Does a printed p-value agree with the Wald p implied by a printed ratio and interval?

    ``SE = (ln high - ln low) / (2 z_{1-a/2})``, ``z = ln(estimate) / SE`` (Altman & Bland
    2011). A log-rank p-value is not a Wald p-value, so the z-values are compared with a
    relative tolerance (default 10 %) rather than required to be equal.

    Parameters
    ----------
    printed_p : str or Decimal
        The printed p-value (without its sign).
    relation : {"=", "<", "<=", ">", ">="}
    estimate, low, high : float, str or Decimal
        The ratio and its interval (positive, ``low < high``).
    confidence : float
    tolerance : float
        Relative tolerance on z.

    Returns
    -------
    WaldAgreement

    References
    ----------
    .. [1] Altman DG, Bland JM. How to obtain the P value from a confidence interval. BMJ
           2011;343:d2304.

    Examples
    --------
    >>> r = wald_agreement("0.0001", "<", "0.31", "0.24", "0.40")
    >>> r.agrees, round(r.wald_z, 1)
    (True, 9.0)
    """
    relation = check_choice(relation, "relation", RELATIONS)
    p = as_decimal(printed_p, "printed_p")
    implied = pvalue_from_ci(*(to_float(v, name) for v, name in
                               ((estimate, "estimate"), (low, "low"), (high, "high"))),
                             confidence=confidence)
    wald_z = abs(implied.z)

    def z_of(pv: float) -> float:
        if pv <= 0:
            return math.inf
        if pv >= 1:
            return 0.0
        return float(-special.ndtri(pv / 2))

    if relation == "=":
        h = half_unit(p)
        z_range = (z_of(float(p + h)), z_of(float(max(p - h, Decimal(0)))))
    elif relation in ("<", "<="):
        z_range = (z_of(float(p)), math.inf)
    else:
        z_range = (0.0, z_of(float(p)))
    agrees = (1 - tolerance) * z_range[0] <= wald_z <= (1 + tolerance) * z_range[1]
    return WaldAgreement(agrees=bool(agrees), wald_p=implied.pvalue, wald_z=wald_z,
                         printed_z=z_range, tolerance=tolerance)


# ------------------------------------------------------------------------------------------
# Medians and survival rates
# ------------------------------------------------------------------------------------------

def median_symmetry(median, low, high, confidence=0.95):
    """Is a printed median's interval symmetric about it, within rounding?

    Wraps :func:`sarcoma_stats.stats.survival.median_ci_symmetry` with the tolerance that printing
    allows: ``|(median - low) - (high - median)| = |low + high - 2 median|`` can be off by half a
    unit of the last digit of each bound plus a whole unit of the median's.

    Parameters
    ----------
    median, low, high : str or Decimal
        The printed numbers.
    confidence : float

    Returns
    -------
    sarcoma_stats.stats.survival.MedianInterval

    Examples
    --------
    The anlotinib study: median PFS 8.25 months (95% CI 4.88-11.62).

    >>> r = median_symmetry("8.25", "4.88", "11.62")
    >>> r.symmetric, round(r.se, 2)
    (True, 1.72)
    """
    m, lo, hi = (as_decimal(v, name)
                 for v, name in ((median, "median"), (low, "low"), (high, "high")))
    tolerance = float(half_unit(lo) + half_unit(hi) + 2 * half_unit(m))
    return median_ci_symmetry(float(m), float(lo), float(hi), confidence=confidence,
                              tolerance=tolerance)


# |g'(S)| of each transform g of sarcoma_stats.stats.survival.survival_ci_transforms, to carry a
# standard error from g's scale back to the rate's (delta method)
_TRANSFORM_SLOPES = {
    "plain": lambda s: 1.0,
    "log": lambda s: 1.0 / s,
    "log-log": lambda s: 1.0 / (s * abs(math.log(s))),
    "logit": lambda s: 1.0 / (s * (1.0 - s)),
    "arcsine": lambda s: 1.0 / (2.0 * math.sqrt(s * (1.0 - s))),
}


def survival_transforms_fitting(rate, low, high, confidence=0.95) -> tuple[list[str], pd.DataFrame]:
    """On which transformed scales is a printed survival-rate interval symmetric, within rounding?

    Calls :func:`sarcoma_stats.stats.survival.survival_ci_transforms` on the printed values, and on the
    two extreme corners of their rounding boxes: a transform fits when the range of possible
    distances below the rate overlaps the range of possible distances above it.

    Parameters
    ----------
    rate, low, high : str or Decimal
        The printed rate and bounds, in percent.
    confidence : float

    Returns
    -------
    (list of str, pandas.DataFrame)
        The fitting transforms (in the table's order) and the table for the printed values,
        with a column ``se_rate`` added: the standard error of the rate (in percentage points)
        implied by each scale's SE through the delta method.

    Examples
    --------
    Sorafenib in desmoid tumours: 2-year PFS 81% (95% CI 69-96).

    >>> fits, table = survival_transforms_fitting("81", "69", "96")
    >>> fits
    ['log']
    >>> round(float(table.loc["log", "se_rate"]), 2)
    6.82
    """
    r, lo, hi = (as_decimal(v, name) for v, name in ((rate, "rate"), (low, "low"), (high, "high")))
    hr_, hl, hh = half_unit(r), half_unit(lo), half_unit(hi)

    def frac(x: Decimal) -> float:
        return min(max(float(x) / 100.0, 1e-9), 1 - 1e-9)

    table = survival_ci_transforms(frac(r), frac(lo), frac(hi), confidence)
    # widest below / narrowest above, and the reverse
    wide_below = survival_ci_transforms(frac(r + hr_), frac(lo - hl), frac(hi - hh), confidence)
    wide_above = survival_ci_transforms(frac(r - hr_), frac(lo + hl), frac(hi + hh), confidence)
    fits = []
    for name in table.index:
        below_range = (float(wide_above.loc[name, "below"]), float(wide_below.loc[name, "below"]))
        above_range = (float(wide_below.loc[name, "above"]), float(wide_above.loc[name, "above"]))
        if below_range[0] <= above_range[1] and above_range[0] <= below_range[1]:
            fits.append(name)
    s_rate = frac(r)
    table = table.assign(se_rate=[
        100.0 * float(table.loc[name, "se"]) / _TRANSFORM_SLOPES[name](s_rate)
        for name in table.index])
    return fits, table

"""Time-to-event numbers as papers print them: hazard ratios, medians and Kaplan-Meier rates.

A trial report rarely gives the data behind a survival comparison; it prints a hazard ratio with
its confidence interval and a p-value, a median with an interval, a rate at a time point. These
functions recover what such printed numbers imply (the standard error, the Wald p-value, the
scale on which an interval is symmetric) so that the verification layer can check them. With
individual patient data, :func:`kaplan_meier` wraps lifelines.

None of scipy, statsmodels or lifelines offers the back-calculations from printed intervals; the
Kaplan-Meier estimate itself is lifelines'.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import special

from .._validation import (
    check_confidence,
    check_follow_up,
    check_interval,
    check_number,
    check_positive,
)
from .._results import format_pvalue, format_value
from .proportions import critical_z

__all__ = [
    "IntervalImplied",
    "MedianInterval",
    "hazard_ratio_from_ci",
    "pvalue_from_ci",
    "median_ci_symmetry",
    "survival_ci_transforms",
    "kaplan_meier",
]


@dataclass(frozen=True)
class IntervalImplied:
    """What a ratio and its confidence interval imply on the log scale.

    Attributes
    ----------
    estimate : float
        The ratio used (the printed one, or the geometric midpoint of the bounds).
    se : float
        Standard error of the log ratio, ``(ln high - ln low) / (2 z)``.
    z : float
        Wald statistic ``ln(estimate) / se``.
    pvalue : float
        Two-sided Wald p-value ``2 * (1 - Phi(|z|))``.
    confidence : float
        Confidence level of the interval.
    """

    estimate: float
    se: float
    z: float
    pvalue: float
    confidence: float

    def __str__(self):
        return (f"ratio {format_value(self.estimate, 'ratio')}, SE of its log {self.se:.3g}, "
                f"z {self.z:.3g}, Wald {format_pvalue(self.pvalue)}")


def pvalue_from_ci(estimate, low, high, confidence=0.95) -> IntervalImplied:
    """Wald p-value implied by a ratio and its confidence interval.

    Assumes the interval was computed as ``exp(ln(estimate) +/- z * se)``, as for a hazard ratio
    from a Cox model; the standard error is recovered from the width of the interval on the log
    scale.

    Parameters
    ----------
    estimate : float
        The printed ratio (hazard, odds or risk ratio), > 0.
    low, high : float
        The printed interval bounds, 0 < low < high.
    confidence : float, default 0.95
        Confidence level of the interval, in (0, 1).

    Returns
    -------
    IntervalImplied

    Raises
    ------
    ValueError
        If a value is not positive and finite, ``high <= low``, or ``confidence`` is outside (0, 1).

    Notes
    -----
    A log-rank p-value (what trials usually print) is not a Wald p-value; the two agree closely
    when events are many. Altman and Bland describe the method and its accuracy.

    References
    ----------
    .. [1] Altman DG, Bland JM. How to obtain the P value from a confidence interval. BMJ
           2011;343:d2304.

    Examples
    --------
    APROMISS (the review, section 4.2): HR 0.449 (95% CI 0.270-0.744), printed P = 0.0015.

    >>> r = pvalue_from_ci(0.449, 0.270, 0.744)
    >>> round(r.se, 4), round(r.pvalue, 5)
    (0.2586, 0.00196)
    """
    est = check_positive(estimate, "estimate")
    lo, hi = check_interval(low, high)
    conf = check_confidence(confidence)
    se = (math.log(hi) - math.log(lo)) / (2 * critical_z(conf))
    z = math.log(est) / se
    return IntervalImplied(estimate=est, se=se, z=z, pvalue=float(2 * special.ndtr(-abs(z))),
                           confidence=conf)


def hazard_ratio_from_ci(low, high, confidence=0.95) -> IntervalImplied:
    """The hazard ratio, standard error and Wald p-value implied by an interval alone.

    The estimate is the geometric midpoint ``sqrt(low * high)``: a Wald interval is symmetric
    about the log hazard ratio.

    Parameters
    ----------
    low, high : float
        The printed interval bounds, 0 < low < high.
    confidence : float, default 0.95
        Confidence level of the interval.

    Returns
    -------
    IntervalImplied

    Raises
    ------
    ValueError
        As :func:`pvalue_from_ci`.

    References
    ----------
    .. [1] Altman DG, Bland JM. How to obtain the P value from a confidence interval. BMJ
           2011;343:d2304.

    Examples
    --------
    The nirogacestat trial (the review, section 4.1): HR 0.29 (95% CI 0.15-0.55).

    >>> r = hazard_ratio_from_ci(0.15, 0.55)
    >>> round(r.estimate, 3)
    0.287
    """
    lo, hi = check_interval(low, high)
    return pvalue_from_ci(math.sqrt(lo * hi), lo, hi, confidence)


@dataclass(frozen=True)
class MedianInterval:
    """How a median sits in its printed confidence interval.

    Attributes
    ----------
    median, low, high : float
        The printed values.
    below, above : float
        ``median - low`` and ``high - median``.
    symmetric : bool
        True when ``below`` and ``above`` agree within ``tolerance``.
    se : float
        Standard error implied by a symmetric normal interval, ``(high - low) / (2 z)``.
    tolerance : float
        The tolerance used (half a unit of the last printed digit, summed over the numbers
        involved, when the caller passes it that way).
    """

    median: float
    low: float
    high: float
    below: float
    above: float
    symmetric: bool
    se: float
    tolerance: float

    def __str__(self):
        shape = "symmetric" if self.symmetric else "asymmetric"
        return (f"median {self.median:g} ({self.low:g} to {self.high:g}): {shape} "
                f"(-{self.below:.4g} / +{self.above:.4g})")


def median_ci_symmetry(median, low, high, confidence=0.95, tolerance=0.0) -> MedianInterval:
    """Is a median's printed interval symmetric, as a normal-approximation interval is?

    SPSS (and some other software) prints the Kaplan-Meier median with the interval
    ``median +/- z * SE``, SE from the Greenwood variance by the delta method through the density
    at the median. Brookmeyer-Crowley intervals (R's ``survfit``, SAS) invert a test and are
    usually asymmetric. A symmetric printed interval therefore points to the normal
    approximation.

    Parameters
    ----------
    median, low, high : float
        Printed median and interval bounds, ``low <= median <= high``.
    confidence : float, default 0.95
        Confidence level of the interval.
    tolerance : float, default 0.0
        How far apart the two half-widths may be and still count as symmetric (for printed
        numbers: the rounding error, e.g. ``1.5 * 10**-decimals``).

    Returns
    -------
    MedianInterval

    Raises
    ------
    ValueError
        If the median lies outside its interval or a value is not finite.

    References
    ----------
    .. [1] Brookmeyer R, Crowley J. A confidence interval for the median survival time.
           Biometrics 1982;38:29-41.
    .. [2] Collett D. Modelling Survival Data in Medical Research, 3rd ed. CRC Press 2015,
           section 2.4 (standard error of a percentile of the survival function).

    Examples
    --------
    The anlotinib study: median PFS 8.25 months (95% CI 4.88-11.62).

    >>> r = median_ci_symmetry(8.25, 4.88, 11.62, tolerance=0.015)
    >>> r.symmetric, round(r.se, 3)
    (True, 1.719)
    """
    med, lo, hi = (check_number(v, name) for v, name in
                   ((median, "median"), (low, "low"), (high, "high")))
    if not lo <= med <= hi:
        raise ValueError(f"median {med} lies outside its interval ({lo}, {hi})")
    conf = check_confidence(confidence)
    tolerance = check_number(tolerance, "tolerance")
    if tolerance < 0:
        raise ValueError(f"tolerance must not be negative; got {tolerance}")
    below, above = med - lo, hi - med
    return MedianInterval(median=med, low=lo, high=hi, below=below, above=above,
                          symmetric=abs(below - above) <= tolerance + 1e-12,
                          se=(hi - lo) / (2 * critical_z(conf)), tolerance=tolerance)


# scale g and its derivative: an interval symmetric on g's scale is g^-1(g(S) +/- z se_g)
_TRANSFORMS = {
    "plain": lambda s: s,
    "log": np.log,
    "log-log": lambda s: np.log(-np.log(s)),
    "logit": lambda s: np.log(s / (1 - s)),
    "arcsine": lambda s: np.arcsin(np.sqrt(s)),
}


def survival_ci_transforms(rate, low, high, confidence=0.95):
    """On which scale is a printed survival-rate interval symmetric?

    Kaplan-Meier software computes the interval of S(t) on a transformed scale and maps it back:
    plain (Greenwood, "linear"), log (R ``survfit`` default), log-log (SAS and Stata default),
    logit, arcsine-square-root. The interval is symmetric on the scale that was used.

    Parameters
    ----------
    rate, low, high : float
        The printed rate and bounds as proportions, ``0 < low <= rate <= high < 1``.
    confidence : float, default 0.95
        Confidence level of the interval.

    Returns
    -------
    pandas.DataFrame
        One row per transform (``plain``, ``log``, ``log-log``, ``logit``, ``arcsine``) with
        ``below`` and ``above`` (distances from the transformed rate to the transformed bounds,
        both positive), ``ratio`` (``above / below``; 1 on the scale that was used) and ``se``
        (the standard error on that scale implied by the mean half-width).

    Raises
    ------
    ValueError
        If the values are not ordered strictly inside (0, 1).

    References
    ----------
    .. [1] Borgan O, Liestol K. A note on confidence intervals and bands for the survival
           function based on transformations. Scand J Stat 1990;17:35-41.
    .. [2] Klein JP, Moeschberger ML. Survival Analysis, 2nd ed. Springer 2003, section 4.3.

    Examples
    --------
    Sorafenib in desmoid tumours (the review, section 3.2): 2-year PFS 81% (95% CI 69-96).

    >>> t = survival_ci_transforms(0.81, 0.69, 0.96)
    >>> round(float(t.loc["log", "ratio"]), 2), round(float(t.loc["plain", "ratio"]), 2)
    (1.06, 1.25)
    """
    import pandas as pd

    s, lo, hi = (check_number(v, name) for v, name in
                 ((rate, "rate"), (low, "low"), (high, "high")))
    if not 0 < lo <= s <= hi < 1:
        raise ValueError(f"need 0 < low <= rate <= high < 1, got rate={rate!r}, low={low!r}, "
                         f"high={high!r}")
    conf = check_confidence(confidence)
    zcrit = critical_z(conf)
    rows = {}
    for name, g in _TRANSFORMS.items():
        gs, glo, ghi = (float(g(v)) for v in (s, lo, hi))
        below, above = abs(gs - glo), abs(ghi - gs)
        rows[name] = {"below": below, "above": above,
                      "ratio": above / below if below > 0 else math.inf,
                      "se": (below + above) / (2 * zcrit)}
    return pd.DataFrame.from_dict(rows, orient="index")


def kaplan_meier(durations, events, *, label=None, confidence=0.95):
    """Kaplan-Meier estimate from individual patient data (lifelines).

    Parameters
    ----------
    durations : array_like
        Follow-up times, non-negative.
    events : array_like of bool or 0/1
        1 where the event was observed, 0 where the time is censored.
    label : str, optional
        Name of the curve.
    confidence : float, default 0.95
        Level of the pointwise interval (lifelines: log-log transform).

    Returns
    -------
    lifelines.KaplanMeierFitter
        The fitted estimator (``.survival_function_``, ``.median_survival_time_``,
        ``.confidence_interval_``).

    Raises
    ------
    ValueError
        If the arrays differ in length, are empty, or hold negative or non-finite times or
        events other than 0/1.

    References
    ----------
    .. [1] Kaplan EL, Meier P. Nonparametric estimation from incomplete observations. J Am Stat
           Assoc 1958;53:457-481.
    .. [2] Davidson-Pilon C. lifelines: survival analysis in Python. J Open Source Softw
           2019;4:1317.

    Examples
    --------
    >>> km = kaplan_meier([2, 3, 3, 5, 8], [1, 1, 0, 1, 0])
    >>> float(km.median_survival_time_)
    5.0
    """
    t, e = check_follow_up(durations, events)
    conf = check_confidence(confidence)
    from lifelines import KaplanMeierFitter

    return KaplanMeierFitter(alpha=1 - conf).fit(t, e, label=label)

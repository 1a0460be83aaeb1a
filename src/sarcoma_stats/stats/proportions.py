"""Single proportions: the estimate k/n and its confidence interval by seven methods.

``proportion_ci`` takes scalars or arrays (broadcast together) and returns a frozen
:class:`ProportionCI`. The interval methods and their references are listed in its docstring and
in ``docs/methods-proportions.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import optimize, special

from .._results import TidyResult, format_interval
from .._validation import check_choice, check_confidence, check_counts

__all__ = ["METHODS", "ProportionCI", "critical_z", "proportion_ci"]

#: The interval methods of :func:`proportion_ci` (the one list; other layers import it).
METHODS = (
    "wilson",
    "wilson-cc",
    "clopper-pearson",
    "jeffreys",
    "agresti-coull",
    "wald",
    "mid-p",
)
_ALIASES = {"exact": "clopper-pearson"}


def critical_z(confidence: float) -> float:
    """The two-sided normal critical value: ``z`` with ``P(|Z| <= z) = confidence``.

    Computed from the tail ``(1 - confidence) / 2``, so that a level within rounding of 1 (e.g.
    ``0.9999999999999999``, where ``0.5 + confidence / 2`` rounds to 1) keeps a finite ``z``.

    Examples
    --------
    >>> round(critical_z(0.95), 6), round(critical_z(0.9999999999999999), 3)
    (1.959964, 8.292)
    """
    return float(-special.ndtri((1.0 - confidence) / 2.0))


@dataclass(frozen=True)
class ProportionCI(TidyResult):
    """Estimate and confidence interval of a proportion (see :func:`proportion_ci`).

    Attributes
    ----------
    estimate, low, high : float or ndarray
        ``k / n`` and the interval bounds, on the 0-1 scale.
    method : str
        Canonical method name (``"exact"`` is reported as ``"clopper-pearson"``).
    k, n : int or ndarray
        The counts, broadcast together.
    confidence : float
    """

    estimate: Any
    low: Any
    high: Any
    method: str
    k: Any
    n: Any
    confidence: float

    _frame_columns = ("k", "n", "estimate", "low", "high", "method", "confidence")

    def _line(self, v):
        return format_interval(v["estimate"], v["low"], v["high"], "percent")

    def _label(self, v, index):
        return f"{v['k']}/{v['n']}"


def _wilson(k, n, z):
    p = k / n
    centre = (k + z**2 / 2) / (n + z**2)
    half = z * np.sqrt(n) / (n + z**2) * np.sqrt(p * (1 - p) + z**2 / (4 * n))
    low = np.where(k == 0, 0.0, centre - half)
    high = np.where(k == n, 1.0, centre + half)
    return low, high


def _wilson_cc(k, n, z):
    # Newcombe (1998a), method 4, closed form. The square roots' arguments are positive except
    # at the bound that is fixed anyway (k = 0 for the lower, k = n for the upper), where they
    # equal z^2 - 2 - 1/n and can be negative for low confidence levels: clamp them there.
    p = k / n
    q = 1 - p
    denominator = 2 * (n + z**2)
    arg_low = np.where(k == 0, 0.0, z**2 - 2 - 1 / n + 4 * p * (n * q + 1))
    arg_high = np.where(k == n, 0.0, z**2 + 2 - 1 / n + 4 * p * (n * q - 1))
    low = (2 * k + z**2 - 1 - z * np.sqrt(arg_low)) / denominator
    high = (2 * k + z**2 + 1 + z * np.sqrt(arg_high)) / denominator
    return np.where(k == 0, 0.0, low), np.where(k == n, 1.0, high)


def _clopper_pearson(k, n, alpha):
    # Beta quantiles, as R's binom.test; arguments kept valid where the bound is fixed.
    low = special.betaincinv(np.maximum(k, 1), n - k + 1, alpha / 2)
    high = special.betainccinv(k + 1, np.maximum(n - k, 1), alpha / 2)
    return np.where(k == 0, 0.0, low), np.where(k == n, 1.0, high)


def _jeffreys(k, n, alpha):
    # Equal-tailed Beta(k + 1/2, n - k + 1/2) posterior interval, with the boundary convention
    # of Brown, Cai & DasGupta (2001): low = 0 when k = 0 and high = 1 when k = n.
    low = special.betaincinv(k + 0.5, n - k + 0.5, alpha / 2)
    high = special.betainccinv(k + 0.5, n - k + 0.5, alpha / 2)
    return np.where(k == 0, 0.0, low), np.where(k == n, 1.0, high)


def _agresti_coull(k, n, z):
    n_tilde = n + z**2
    p_tilde = (k + z**2 / 2) / n_tilde
    half = z * np.sqrt(p_tilde * (1 - p_tilde) / n_tilde)
    return np.clip(p_tilde - half, 0.0, 1.0), np.clip(p_tilde + half, 0.0, 1.0)


def _wald(k, n, z):
    p = k / n
    half = z * np.sqrt(p * (1 - p) / n)
    return np.clip(p - half, 0.0, 1.0), np.clip(p + half, 0.0, 1.0)


def _upper_tail(k, n, p):
    """P(X >= k) for X ~ Binomial(n, p), 1 <= k <= n + 1 (0 when k = n + 1)."""
    return special.betainc(k, n - k + 1, p) if k <= n else 0.0


def _lower_tail(k, n, p):
    """P(X <= k - 1) for X ~ Binomial(n, p), 0 <= k <= n (0 when k = 0)."""
    return special.betaincc(k, n - k + 1, p) if k >= 1 else 0.0


def _root(equation, left, right, tol):
    """Brent's root of ``equation`` between two Clopper-Pearson bounds; when those coincide to
    rounding (counts near 2**53) the equation may not change sign between them, and the
    bound where it is nearer 0 is the root to that precision."""
    f_left, f_right = equation(left), equation(right)
    if f_left * f_right > 0:
        return left if abs(f_left) <= abs(f_right) else right
    return optimize.brentq(equation, left, right, **tol)


def _mid_p_one(k: int, n: int, alpha: float) -> tuple[float, float]:
    """Exact mid-p interval for one (k, n) by root finding.

    Lower bound L: P(X > k | L) + P(X = k | L) / 2 = alpha / 2 (L = 0 when k = 0).
    Upper bound U: P(X < k | U) + P(X = k | U) / 2 = alpha / 2 (U = 1 when k = n).
    Each root is bracketed by two Clopper-Pearson bounds, where the mid-p tail is below and
    above alpha / 2, and found by Brent's method to full double precision.
    """
    tol = {"xtol": 1e-300, "rtol": 4 * np.finfo(float).eps, "maxiter": 500}
    if k == 0:
        low = 0.0
    else:

        def lower_equation(p):
            return 0.5 * (_upper_tail(k, n, p) + _upper_tail(k + 1, n, p)) - alpha / 2

        left = special.betaincinv(k, n - k + 1, alpha / 2)  # CP lower bound for k
        right = special.betaincinv(k + 1, n - k, alpha / 2) if k < n else 1.0
        low = _root(lower_equation, left, right, tol)
    if k == n:
        high = 1.0
    else:

        def upper_equation(p):
            return 0.5 * (_lower_tail(k, n, p) + _lower_tail(k + 1, n, p)) - alpha / 2

        left = special.betainccinv(k, n - k + 1, alpha / 2) if k > 0 else 0.0
        right = special.betainccinv(k + 1, n - k, alpha / 2)  # CP upper bound for k
        high = _root(upper_equation, left, right, tol)
    return low, high


def _mid_p(k, n, alpha):
    low = np.empty(k.shape)
    high = np.empty(k.shape)
    pairs = np.stack([k.ravel(), n.ravel()], axis=1)
    unique, inverse = np.unique(pairs, axis=0, return_inverse=True)
    bounds = np.array([_mid_p_one(int(kk), int(nn), alpha) for kk, nn in unique])
    low.ravel()[:] = bounds[inverse.ravel(), 0] if bounds.size else []
    high.ravel()[:] = bounds[inverse.ravel(), 1] if bounds.size else []
    return low, high


def _interval(k, n, method, confidence):
    """Bounds for validated int64 arrays k, n (same shape) and a canonical method."""
    alpha = 1 - confidence
    z = critical_z(confidence)
    kf, nf = k.astype(float), n.astype(float)
    if method == "wilson":
        return _wilson(kf, nf, z)
    if method == "wilson-cc":
        return _wilson_cc(kf, nf, z)
    if method == "clopper-pearson":
        return _clopper_pearson(kf, nf, alpha)
    if method == "jeffreys":
        return _jeffreys(kf, nf, alpha)
    if method == "agresti-coull":
        return _agresti_coull(kf, nf, z)
    if method == "wald":
        return _wald(kf, nf, z)
    return _mid_p(k, n, alpha)


def _out(values, scalar):
    return float(values) if scalar else np.asarray(values, dtype=float)


def proportion_ci(k, n, method="wilson", confidence=0.95) -> ProportionCI:
    """Confidence interval for a binomial proportion ``k / n``.

    Parameters
    ----------
    k : int or array_like of int
        Number of events (0 <= k <= n).
    n : int or array_like of int
        Number of patients (n >= 1). ``k`` and ``n`` broadcast together.
    method : str
        One of (default ``"wilson"``):

        ``"wilson"``
            Score interval (Wilson 1927; Newcombe 1998a method 3). Equals R's
            ``prop.test(k, n, correct = FALSE)$conf.int``.
        ``"wilson-cc"``
            Score interval with continuity correction, Newcombe (1998a) method 4 (closed form).
            Equals R's ``prop.test(k, n, correct = TRUE)`` except when ``k = n/2``, where R
            shrinks the correction to ``|k - n/2| = 0`` and returns the plain Wilson interval.
        ``"clopper-pearson"`` (alias ``"exact"``)
            Exact tail-area interval from Beta quantiles (Clopper & Pearson 1934; Newcombe 1998a
            method 5); equals R's ``binom.test``.
        ``"jeffreys"``
            Equal-tailed Beta(k + 1/2, n - k + 1/2) interval (Brown, Cai & DasGupta 2001), with
            their convention low = 0 when k = 0 and high = 1 when k = n
            (``statsmodels.stats.proportion.proportion_confint`` omits that convention).
        ``"agresti-coull"``
            Wald interval around ``(k + z^2/2) / (n + z^2)`` with ``n + z^2`` trials
            (Agresti & Coull 1998), clipped to [0, 1].
        ``"wald"``
            ``p +- z sqrt(p (1 - p) / n)`` (Newcombe 1998a method 1), clipped to [0, 1]; it has
            zero width at k = 0 and k = n.
        ``"mid-p"``
            Exact mid-p interval (Lancaster 1961; Newcombe 1998a method 6): each bound solves
            ``P(X beyond k) + P(X = k) / 2 = alpha / 2``, found by Brent's method to full double
            precision; low = 0 at k = 0 and high = 1 at k = n.
    confidence : float
        Two-sided confidence level in (0, 1), default 0.95.

    Returns
    -------
    ProportionCI
        ``.estimate`` (k/n), ``.low``, ``.high``, ``.method``, ``.k``, ``.n``, ``.confidence``;
        floats when ``k`` and ``n`` are scalars, arrays of the broadcast shape otherwise.

    Raises
    ------
    TypeError
        Non-numeric or boolean counts; a non-string method; a non-numeric confidence.
    ValueError
        Negative, fractional, NaN or infinite counts; ``n = 0``; ``k > n``; an unknown method;
        ``confidence`` outside (0, 1).

    Notes
    -----
    Clipping: only the two Wald-type methods can leave [0, 1]; they are clipped to it, so every
    method returns bounds in [0, 1]. (``statsmodels`` 0.15 ``proportion_confint`` clips
    ``"normal"`` and ``"agresti_coull"`` too.) The unclipped Wald bounds are simply
    ``p -+ z sqrt(p (1 - p) / n)``.

    Written here rather than taken from ``statsmodels.stats.proportion.proportion_confint``
    because statsmodels has neither the continuity-corrected score interval nor the mid-p
    interval, and its Jeffreys interval lacks the boundary convention.

    References
    ----------
    Wilson EB. Probable inference, the law of succession, and statistical inference.
    JASA 1927;22:209-212.
    Clopper CJ, Pearson ES. The use of confidence or fiducial limits illustrated in the case of
    the binomial. Biometrika 1934;26:404-413.
    Lancaster HO. Significance tests in discrete distributions. JASA 1961;56:223-234.
    Newcombe RG. Two-sided confidence intervals for the single proportion: comparison of seven
    methods. Stat Med 1998;17:857-872 (1998a).
    Agresti A, Coull BA. Approximate is better than "exact" for interval estimation of binomial
    proportions. Am Stat 1998;52:119-126.
    Brown LD, Cai TT, DasGupta A. Interval estimation for a binomial proportion.
    Stat Sci 2001;16:101-133.

    Examples
    --------
    >>> from sarcoma_stats import proportion_ci
    >>> ci = proportion_ci(81, 263)              # Newcombe (1998a), Table I: 0.2553 to 0.3662
    >>> round(ci.low, 4), round(ci.high, 4)
    (0.2553, 0.3662)
    >>> ci = proportion_ci(5, 14, method="exact")
    >>> ci.method, round(ci.estimate, 4), round(ci.low, 4), round(ci.high, 4)
    ('clopper-pearson', 0.3571, 0.1276, 0.6486)
    >>> proportion_ci([0, 14], [20, 24], method="mid-p").high.round(4)
    array([0.1391, 0.7654])
    """
    k_arr, n_arr = check_counts(k, n, ("k", "n"))
    method = check_choice(method, "method", METHODS, _ALIASES)
    confidence = check_confidence(confidence)
    low, high = _interval(k_arr, n_arr, method, confidence)
    scalar = k_arr.ndim == 0
    return ProportionCI(
        estimate=_out(k_arr / n_arr, scalar),
        low=_out(low, scalar),
        high=_out(high, scalar),
        method=method,
        k=int(k_arr) if scalar else k_arr,
        n=int(n_arr) if scalar else n_arr,
        confidence=confidence,
    )

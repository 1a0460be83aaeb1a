"""Two independent proportions: risk difference, risk ratio and odds ratio with intervals.

Convention everywhere: **rows are arms, columns are (events, non-events)**::

               events   non-events
    arm 1        a          b          n1 = a + b
    arm 2        c          d          n2 = c + d

so that ``k1 = a`` and ``k2 = c``; the odds ratio is ``(a d) / (b c)`` (arm 1 against arm 2).

:func:`compare_proportions` takes scalars or arrays of counts (broadcast together);
:func:`two_by_two_summary` gathers every estimate, interval and test of one table. The tests
themselves are in :mod:`sarcoma_stats.stats.hypotests` and
:mod:`sarcoma_stats.stats.unconditional`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from scipy import optimize

from . import proportions
from .hypergeom import MAX_TOTAL, log_pmf
from .proportions import critical_z
from .._results import TidyResult, as_output, format_interval, format_pvalue
from .._validation import check_choice, check_confidence, check_total, check_two_arms

if TYPE_CHECKING:  # pandas is imported only by the function that builds a frame
    import pandas as pd

__all__ = [
    "COMPARISON_METHODS",
    "ComparisonResult",
    "MEASURES",
    "compare_proportions",
    "two_by_two_summary",
]

#: The effect measures of :func:`compare_proportions`.
MEASURES = ("rd", "rr", "or")

# the first method of each measure is its default (Fagerland, Lydersen & Laake 2015 recommend
# the Newcombe hybrid score for the difference, Koopman's score for the ratio and the
# Miettinen-Nurminen score for the odds ratio)
COMPARISON_METHODS = {
    "rd": ("newcombe", "miettinen-nurminen", "wald", "agresti-caffo"),
    "rr": ("koopman", "miettinen-nurminen", "katz"),
    "or": ("miettinen-nurminen", "conditional-exact", "woolf"),
}


@dataclass(frozen=True)
class ComparisonResult(TidyResult):
    """Result of :func:`compare_proportions` (arm 1 against arm 2).

    Attributes
    ----------
    estimate, low, high : float or ndarray
        The point estimate and the confidence bounds; for ``"rd"`` on the -1..1 scale (not
        percentage points). ``inf``, ``0`` and ``nan`` follow the zero-cell rules of
        :func:`compare_proportions`.
    measure, method : str
    confidence : float
    k1, n1, k2, n2 : int or ndarray
        The counts, broadcast together.
    """

    estimate: Any
    low: Any
    high: Any
    measure: str
    method: str
    confidence: float
    k1: Any
    n1: Any
    k2: Any
    n2: Any

    _frame_columns = ("k1", "n1", "k2", "n2", "measure", "method", "estimate", "low", "high",
                      "confidence")

    def _line(self, v):
        kind = "points" if v["measure"] == "rd" else "ratio"
        return f"{v['measure'].upper()} {format_interval(v['estimate'], v['low'], v['high'], kind)}"

    def _label(self, v, index):
        return f"{v['k1']}/{v['n1']} vs {v['k2']}/{v['n2']}"


def _ratio(numerator, denominator):
    """numerator / denominator with x/0 = inf (x > 0) and 0/0 = nan, silently."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(numerator, dtype=float) / np.asarray(denominator, dtype=float)


def _estimate(measure, k1, n1, k2, n2):
    """The sample estimate of a measure (float arrays in, float array out)."""
    p1, p2 = k1 / n1, k2 / n2
    if measure == "rd":
        return p1 - p2
    if measure == "rr":
        return _ratio(p1, p2)
    return _ratio(k1 * (n2 - k2), (n1 - k1) * k2)


def _rd_wald(k1, n1, k2, n2, z):
    p1, p2 = k1 / n1, k2 / n2
    half = z * np.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    return np.clip(p1 - p2 - half, -1.0, 1.0), np.clip(p1 - p2 + half, -1.0, 1.0)


def _rd_agresti_caffo(k1, n1, k2, n2, z):
    # add one event and one non-event to each arm, then Wald (Agresti & Caffo 2000)
    return _rd_wald(k1 + 1, n1 + 2, k2 + 1, n2 + 2, z)


def _rd_newcombe(k1, n1, k2, n2, confidence):
    # Newcombe (1998b) method 10: combine the two Wilson score intervals
    first = proportions.proportion_ci(k1, n1, "wilson", confidence)
    second = proportions.proportion_ci(k2, n2, "wilson", confidence)
    p1, p2 = k1 / n1, k2 / n2
    low = (p1 - p2) - np.sqrt((p1 - first.low) ** 2 + (second.high - p2) ** 2)
    high = (p1 - p2) + np.sqrt((first.high - p1) ** 2 + (p2 - second.low) ** 2)
    return low, high


def _log_interval(estimate, variance, z):
    """exp(log(estimate) +- z sqrt(variance)); (0, inf) where the variance is infinite."""
    with np.errstate(divide="ignore", invalid="ignore"):
        log_estimate = np.log(estimate)
        half = z * np.sqrt(variance)
        low = np.exp(log_estimate - half)
        high = np.exp(log_estimate + half)
    infinite = ~np.isfinite(variance)
    return np.where(infinite, 0.0, low), np.where(infinite, np.inf, high)


def _rr_katz(k1, n1, k2, n2, z):
    # Katz et al. (1978): log scale, Var = 1/k1 - 1/n1 + 1/k2 - 1/n2 (infinite when k1 or k2 = 0)
    with np.errstate(divide="ignore"):
        variance = 1 / k1 - 1 / n1 + 1 / k2 - 1 / n2
    return _log_interval(_estimate("rr", k1, n1, k2, n2), variance, z)


def _or_woolf(k1, n1, k2, n2, z):
    # Woolf (1955): log scale, Var = 1/a + 1/b + 1/c + 1/d (infinite when a cell is 0)
    with np.errstate(divide="ignore"):
        variance = 1 / k1 + 1 / (n1 - k1) + 1 / k2 + 1 / (n2 - k2)
    return _log_interval(_estimate("or", k1, n1, k2, n2), variance, z)


def _restricted_rd(p1, p2, n1, n2, delta):
    """Maximum-likelihood (p1, p2) under p1 - p2 = delta: the closed-form root of the cubic
    of Miettinen & Nurminen (1985), as written by Farrington & Manning (1990)."""
    theta = n2 / n1
    a = 1 + theta
    b = -(1 + theta + p1 + theta * p2 + delta * (theta + 2))
    c = delta**2 + delta * (2 * p1 + theta + 1) + p1 + theta * p2
    d = -p1 * delta * (1 + delta)
    shift = b / (3 * a)
    v = shift**3 - b * c / (6 * a**2) + d / (2 * a)
    u = np.copysign(np.sqrt(max(shift**2 - c / (3 * a), 0.0)), v)
    cosine = 0.0 if u == 0 else min(1.0, max(-1.0, v / u**3))
    w = (np.pi + np.arccos(cosine)) / 3
    q1 = min(min(1.0, 1 + delta), max(max(0.0, delta), 2 * u * np.cos(w) - shift))
    return q1, q1 - delta


def _restricted_rr(k1, n1, k2, n2, theta):
    """Maximum-likelihood (p1, p2) under p1 / p2 = theta (Miettinen & Nurminen 1985),
    the smaller root of N theta p2^2 - (n1 theta + k1 + n2 + k2 theta) p2 + k1 + k2 = 0
    written in its cancellation-free form."""
    b = n1 * theta + k1 + n2 + k2 * theta
    c = k1 + k2
    root = np.sqrt(max(b * b - 4 * (n1 + n2) * theta * c, 0.0))
    q2 = 2 * c / (b + root) if c > 0 else 0.0
    return min(1.0, theta * q2), q2


def _restricted_or(k1, n1, k2, n2, psi):
    """Maximum-likelihood (p1, p2) under odds ratio psi with the total events fixed at their
    expectation (Miettinen & Nurminen 1985), in cancellation-free form."""
    x = k1 + k2
    b = n1 * psi + n2 - x * (psi - 1)
    root = np.sqrt(max(b * b + 4 * n2 * (psi - 1) * x, 0.0))
    q2 = 2 * x / (b + root) if x > 0 else 0.0
    q1 = q2 * psi / (1 + q2 * (psi - 1))
    return q1, q2


def _score_statistic(measure, value, k1, n1, k2, n2, corrected):
    """Chi-square score statistic for H0: measure = value (one table, floats).

    ``corrected=True`` multiplies the variance by N / (N - 1) (Miettinen & Nurminen 1985);
    without it the ratio statistic is Koopman's (1984).
    """
    p1, p2 = k1 / n1, k2 / n2
    total = n1 + n2
    factor = total / (total - 1) if corrected else 1.0
    if measure == "rd":
        q1, q2 = _restricted_rd(p1, p2, n1, n2, value)
        numerator = (p1 - p2 - value) ** 2
        variance = q1 * (1 - q1) / n1 + q2 * (1 - q2) / n2
    elif measure == "rr":
        q1, q2 = _restricted_rr(k1, n1, k2, n2, value)
        numerator = (p1 - value * p2) ** 2
        variance = q1 * (1 - q1) / n1 + value**2 * q2 * (1 - q2) / n2
    else:
        q1, q2 = _restricted_or(k1, n1, k2, n2, value)
        numerator = (p1 - q1) ** 2
        # Var(p1 - q1) = [1/(n1 q1 (1 - q1)) + 1/(n2 q2 (1 - q2))]^-1 / n1^2
        both = n1 * q1 * (1 - q1) * n2 * q2 * (1 - q2)
        within = n1 * q1 * (1 - q1) + n2 * q2 * (1 - q2)
        variance = both / within / n1**2 if within > 0 else 0.0
    if numerator == 0:
        return 0.0
    if variance <= 0:
        return np.inf
    return numerator / (variance * factor)


_TIGHT = {"xtol": 1e-15, "rtol": 4 * np.finfo(float).eps, "maxiter": 500}
# Bracket searches on the log scale double their step at most this often (2**10 = 1024).
_DOUBLINGS = 11
# Elements of the (tables x window) arrays of the conditional odds ratio handled at a time.
_OR_ELEMENTS = 2**16


def _difference_bounds(k1, n1, k2, n2, z2, corrected):
    """Score interval for p1 - p2: the two roots of T(delta) = z^2 on either side of the
    estimate, by Brent's method; a bound is -1 or 1 when the estimate is."""

    def excess(delta):
        return min(_score_statistic("rd", delta, k1, n1, k2, n2, corrected), 1e300) - z2

    estimate = k1 / n1 - k2 / n2
    low = -1.0 if estimate == -1 else optimize.brentq(excess, -1.0, estimate, **_TIGHT)
    high = 1.0 if estimate == 1 else optimize.brentq(excess, estimate, 1.0, **_TIGHT)
    return low, high


def _ratio_bounds(measure, k1, n1, k2, n2, z2, corrected):
    """Score interval for a ratio measure, solved on the log scale.

    The statistic is 0 at the estimate and grows without bound towards 0 and infinity unless the
    estimate itself is 0 or infinite, which is then the bound. With no information at all
    (estimate 0/0) the statistic is identically 0 and the interval is (0, inf).
    """

    def excess(log_value):
        value = np.exp(log_value)
        return min(_score_statistic(measure, value, k1, n1, k2, n2, corrected), 1e300) - z2

    estimate = float(_estimate(measure, k1, n1, k2, n2))
    if np.isnan(estimate):
        return 0.0, np.inf
    # a point inside the interval (where excess < 0); every search doubles its step at most 10
    # times, up to |log value| = 1024, beyond which the ratio is 0 or infinite in floats
    if 0 < estimate < np.inf:
        centre = np.log(estimate)
    else:
        centre, step = (-1.0, -1.0) if estimate == 0 else (1.0, 1.0)
        for _ in range(_DOUBLINGS):
            if excess(centre) < 0:
                break
            centre += step
            step *= 2
        else:  # no point of the ratio scale is inside: the interval is everything
            return 0.0, np.inf
    bounds = []
    for direction, fixed in ((-1, 0.0), (1, np.inf)):
        if estimate == fixed:
            bounds.append(fixed)
            continue
        step, inner = 1.0, centre
        for _ in range(_DOUBLINGS):
            outer = centre + direction * step
            if excess(outer) >= 0:
                bounds.append(float(np.exp(optimize.brentq(excess, *sorted((inner, outer)),
                                                           **_TIGHT))))
                break
            inner, step = outer, 2 * step
        else:  # still inside at |log value| = 1024: the bound is 0 or infinite
            bounds.append(fixed)
    return bounds[0], bounds[1]


def _conditional_exact(k1, n1, k2, n2, confidence):
    """Conditional MLE and exact (Cornfield) interval of the odds ratio, for arrays of tables.

    Given the margins, the events of arm 1 follow Fisher's noncentral hypergeometric
    distribution, ``P(x; psi)`` proportional to ``C(n1, x) C(n2, m - x) psi**x`` on the support
    ``lo..hi``. With ``theta = log psi``: the estimate solves ``E[X; theta] = k1``; the lower
    bound ``P(X >= k1; theta) = alpha / 2`` and the upper one ``P(X <= k1; theta) = alpha / 2``
    (each on the log scale, where the equations are smooth). All tables are solved together by
    a safeguarded Newton iteration in ``theta`` (a bracket kept from the signs, bisection when a
    step leaves it; at most 100 steps), on the support or, for a large one, on a window around
    ``k1`` that is widened until the weights at its edges are negligible (the distribution is
    log-concave, so they bound what lies beyond).
    """
    k1, n1, k2, n2 = (np.asarray(v, dtype=np.int64) for v in (k1, n1, k2, n2))
    shape = k1.shape
    k1, n1, n2, m = k1.ravel(), n1.ravel(), n2.ravel(), (k1 + k2).ravel()
    lo, hi = np.maximum(0, m - n2), np.minimum(n1, m)
    half_alpha = (1.0 - confidence) / 2.0
    estimate = np.where(k1 == lo, 0.0, np.inf)
    low = np.zeros(k1.size)
    high = np.full(k1.size, np.inf)
    empty = lo == hi  # an empty column: no information about the odds ratio
    estimate[empty], low[empty], high[empty] = np.nan, 0.0, np.inf
    # log of the sample odds ratio with 1/2 added: the start of every search
    start = np.log((k1 + 0.5) * (n2 - m + k1 + 0.5) / ((n1 - k1 + 0.5) * (m - k1 + 0.5)))
    spread = np.sqrt(1 / (k1 + 0.5) + 1 / (n1 - k1 + 0.5) + 1 / (m - k1 + 0.5)
                     + 1 / (n2 - m + k1 + 0.5)) * critical_z(confidence)
    jobs = (("estimate", (lo < k1) & (k1 < hi), start),
            ("low", (k1 > lo) & ~empty, start - spread),
            ("high", (k1 < hi) & ~empty, start + spread))
    for kind, todo, first in jobs:
        rows = np.flatnonzero(todo)
        if rows.size == 0:
            continue
        theta = _solve_theta(kind, k1[rows], n1[rows], n2[rows], m[rows], lo[rows], hi[rows],
                             first[rows], half_alpha)
        {"estimate": estimate, "low": low, "high": high}[kind][rows] = np.exp(theta)
    return tuple(v.reshape(shape) for v in (estimate, low, high))


def _solve_theta(kind, k, n1, n2, m, lo, hi, theta, half_alpha):
    """The root in ``theta`` of one of the three equations of :func:`_conditional_exact`, on
    windows ``k +- radius`` of the support widened (4 times, up to the whole support) for the
    tables whose weights at a window edge are not negligible."""
    radius = np.full(k.size, 256, dtype=np.int64)
    out = np.empty(k.size)
    rows = np.arange(k.size)
    for _ in range(30):
        if rows.size == 0:
            break
        a = np.maximum(lo[rows], k[rows] - radius[rows])
        b = np.minimum(hi[rows], k[rows] + radius[rows])
        width = b - a + 1
        order = np.argsort(width, kind="stable")  # similar widths together: little padding
        widen = np.zeros(rows.size, dtype=bool)
        start = 0
        while start < order.size:
            count = max(1, _OR_ELEMENTS // int(width[order[start]]))
            while count > 1 and count * width[order[min(start + count, order.size) - 1]] > (
                    2 * _OR_ELEMENTS):
                count //= 2
            part = order[start:start + count]
            start += count
            r = rows[part]
            out[r], edge = _newton_theta(kind, k[r], n1[r], n2[r], m[r], a[part], b[part],
                                         theta[r], half_alpha)
            widen[part] = edge & ((a[part] > lo[r]) | (b[part] < hi[r]))
        radius[rows[widen]] *= 4
        rows = rows[widen]
    return out


def _newton_theta(kind, k, n1, n2, m, a, b, theta, half_alpha):
    """Safeguarded Newton iteration for one chunk of tables on the windows ``a..b``; returns
    the roots and whether a window edge still carries weight (above 1e-30 of the largest)."""
    span = np.arange(int((b - a).max()) + 1)
    xs = a[:, None] + span
    inside = xs <= b[:, None]
    xs = np.where(inside, xs, b[:, None])
    logw = np.where(inside, log_pmf(xs, n1[:, None], n2[:, None], m[:, None]), -np.inf)
    x = xs.astype(float)
    tail = (xs >= k[:, None]) if kind == "low" else (xs <= k[:, None])
    increasing = kind != "high"
    target = np.log(half_alpha)
    theta = theta.copy()
    bracket_lo = np.full(k.size, -np.inf)
    bracket_hi = np.full(k.size, np.inf)
    active = np.arange(k.size)
    for _ in range(100):
        if active.size == 0:
            break
        s = logw[active] + theta[active, None] * x[active]
        s -= s.max(axis=1, keepdims=True)
        w = np.exp(s)
        total = w.sum(axis=1)
        mean = (w * x[active]).sum(axis=1) / total
        if kind == "estimate":
            g = mean - k[active]
            slope = (w * (x[active] - mean[:, None]) ** 2).sum(axis=1) / total
        else:
            wt = np.where(tail[active], w, 0.0)
            mass = wt.sum(axis=1)
            g = np.log(mass / total) - target
            slope = (wt * x[active]).sum(axis=1) / mass - mean
        below = (g < 0) == increasing  # the root lies above theta
        bracket_lo[active] = np.where(below, theta[active], bracket_lo[active])
        bracket_hi[active] = np.where(below, bracket_hi[active], theta[active])
        with np.errstate(divide="ignore", invalid="ignore"):
            step = -g / slope
        lo_b, hi_b = bracket_lo[active], bracket_hi[active]
        new = theta[active] + step
        bad = ~np.isfinite(new) | (new < lo_b) | (new > hi_b)
        both = np.isfinite(lo_b) & np.isfinite(hi_b)
        # outside the bracket: bisect it, or (one side still open) move 4 units towards the root
        fallback = np.where(both, 0.5 * (lo_b + hi_b),
                            theta[active] + np.where(below, 4.0, -4.0))
        new = np.where(bad, fallback, new)
        new = np.where(g == 0, theta[active], new)
        done = np.abs(new - theta[active]) <= 1e-13 * np.maximum(1.0, np.abs(theta[active]))
        theta[active] = new
        active = active[~done]
    s = logw + theta[:, None] * x
    s -= s.max(axis=1, keepdims=True)
    rows = np.arange(k.size)
    edge = np.maximum(s[rows, 0], s[rows, b - a]) > np.log(1e-30)
    return theta, edge


def _per_table(function, k1, n1, k2, n2, *args):
    """Apply a one-table function returning a tuple to each distinct row of the counts."""
    rows = np.stack([np.ravel(k1), np.ravel(n1), np.ravel(k2), np.ravel(n2)], axis=1)
    unique, inverse = np.unique(rows, axis=0, return_inverse=True)
    values = np.array([function(*map(float, row), *args) for row in unique], dtype=float)
    return [values[np.ravel(inverse), j].reshape(np.shape(k1)) for j in range(values.shape[1])]


def _comparison(k1, n1, k2, n2, measure, method, confidence):
    """Estimate and bounds for validated, broadcast int64 arrays."""
    z = critical_z(confidence)
    f1, g1, f2, g2 = (x.astype(float) for x in (k1, n1, k2, n2))
    estimate = _estimate(measure, f1, g1, f2, g2)
    if method == "miettinen-nurminen" or method == "koopman":
        corrected = method == "miettinen-nurminen"
        if measure == "rd":
            low, high = _per_table(_difference_bounds, f1, g1, f2, g2, z * z, corrected)
        else:
            low, high = _per_table(
                lambda *row: _ratio_bounds(measure, *row), f1, g1, f2, g2, z * z, corrected
            )
        return estimate, low, high
    if method == "conditional-exact":
        return _conditional_exact(k1, n1, k2, n2, confidence)
    closed = {
        "wald": _rd_wald,
        "agresti-caffo": _rd_agresti_caffo,
        "katz": _rr_katz,
        "woolf": _or_woolf,
    }
    if method == "newcombe":
        low, high = _rd_newcombe(k1, n1, k2, n2, confidence)
    else:
        low, high = closed[method](f1, g1, f2, g2, z)
    return estimate, low, high


def compare_proportions(
    k1, n1, k2, n2, measure="rd", method=None, confidence=0.95
) -> ComparisonResult:
    """Compare two independent proportions: risk difference, risk ratio or odds ratio.

    Arm 1 (``k1`` events of ``n1``) is compared with arm 2 (``k2`` of ``n2``):
    ``rd = p1 - p2``, ``rr = p1 / p2``, ``or = [p1 / (1 - p1)] / [p2 / (1 - p2)]``.

    Parameters
    ----------
    k1, n1, k2, n2 : int or array_like of int
        Events and patients per arm (``0 <= k <= n``, ``n >= 1``); arrays broadcast together.
    measure : {"rd", "rr", "or"}
    method : str, optional
        Interval method; default the first listed for the measure.

        Risk difference (``"rd"``):

        ``"newcombe"`` (default)
            Hybrid score interval, method 10 of Newcombe (1998b): the Wilson intervals of the
            two proportions combined by "square and add".
        ``"miettinen-nurminen"``
            Score interval of Miettinen & Nurminen (1985): the set of ``delta`` whose score
            statistic ``(p1 - p2 - delta)^2 / V(delta)`` is at most ``z^2``, with ``V`` from the
            maximum-likelihood proportions restricted to ``p1 - p2 = delta`` and multiplied by
            ``N / (N - 1)``. Both bounds are found by Brent's method to about 1e-15. (statsmodels
            0.15 ``confint_proportions_2indep(method="score")`` does not reproduce it:
            statsmodels issue 10269.)
        ``"wald"``
            ``p1 - p2 +- z sqrt(p1 q1 / n1 + p2 q2 / n2)``, clipped to [-1, 1].
        ``"agresti-caffo"``
            Wald after adding one event and one non-event to each arm (Agresti & Caffo 2000),
            clipped to [-1, 1]; the reported estimate stays ``p1 - p2``.

        Risk ratio (``"rr"``):

        ``"koopman"`` (default)
            Score interval of Koopman (1984): as Miettinen-Nurminen without the ``N / (N - 1)``
            factor (Pearson chi-square of the fit restricted to ``p1 / p2 = theta``).
        ``"miettinen-nurminen"``
            Score interval with the ``N / (N - 1)`` variance factor (Miettinen & Nurminen 1985).
        ``"katz"``
            Log-scale Wald interval, ``Var(log RR) = 1/k1 - 1/n1 + 1/k2 - 1/n2``
            (Katz et al. 1978).

        Odds ratio (``"or"``):

        ``"miettinen-nurminen"`` (default)
            Score interval: Pearson chi-square of the fit restricted to ``OR = psi`` (margins
            kept), times ``(N - 1) / N`` (Miettinen & Nurminen 1985).
        ``"conditional-exact"``
            Conditional maximum-likelihood estimate with the exact interval obtained by
            inverting the two one-sided Fisher tests, as R's ``fisher.test`` (Cornfield 1956).
            Solved here to about 1e-15 on the log scale over the noncentral hypergeometric
            support: ``scipy.stats.contingency.odds_ratio(kind="conditional")`` gives the same
            values but takes about 30 s with 10^5 patients per arm; R's ``uniroot`` is accurate
            only to about 1e-4 (on ``psi`` or ``1/psi``, whichever is below 1).
        ``"woolf"``
            Log-scale Wald interval, ``Var(log OR) = 1/a + 1/b + 1/c + 1/d`` (Woolf 1955).
    confidence : float
        Two-sided confidence level in (0, 1).

    Returns
    -------
    ComparisonResult
        ``.estimate``, ``.low``, ``.high``, ``.measure``, ``.method`` (canonical name),
        ``.confidence`` and the counts; floats for scalar input, arrays otherwise.

    Raises
    ------
    TypeError, ValueError
        Invalid counts (named ``k1``, ``n1``, ``k2`` or ``n2``), unknown measure or method
        (the message lists the methods of that measure), confidence outside (0, 1).

    Notes
    -----
    Zero cells. Estimates are never regularised (no 0.5 added):

    * ``rd``: always finite. Wald has zero width when both arms are 0% or 100% (or one 0% and
      the other 100%); the score, Newcombe and Agresti-Caffo intervals stay informative. A
      score bound equals -1 or 1 only when the estimate does.
    * ``rr``: ``k2 = 0 < k1`` gives estimate ``inf``; ``k1 = 0 < k2`` gives ``0``; ``k1 = k2 = 0``
      gives ``nan`` (0/0: the ratio is undefined) with interval (0, inf). Katz has an infinite
      variance whenever ``k1`` or ``k2`` is 0 and returns (0, inf); the score intervals return
      a finite bound on the informative side (0 is the lower bound when the estimate is 0,
      ``inf`` the upper one when it is infinite).
    * ``or``: a zero in ``b c`` (only) gives ``inf``, in ``a d`` (only) ``0``; no events in either
      arm, or all events in both, gives ``nan`` with interval (0, inf) (R's fisher.test prints
      an estimate of 0 there). Woolf returns (0, inf) whenever any cell is 0; the score and
      conditional exact intervals keep their informative bound.

    No warning is emitted for any of these cases.

    References
    ----------
    Miettinen O, Nurminen M. Comparative analysis of two rates. Stat Med 1985;4:213-226.
    Newcombe RG. Interval estimation for the difference between independent proportions:
    comparison of eleven methods. Stat Med 1998;17:873-890 (1998b).
    Koopman PAR. Confidence intervals for the ratio of two binomial proportions.
    Biometrics 1984;40:513-517.
    Katz D, Baptista J, Azen SP, Pike MC. Obtaining confidence intervals for the risk ratio in
    cohort studies. Biometrics 1978;34:469-474.
    Woolf B. On estimating the relation between blood group and disease.
    Ann Hum Genet 1955;19:251-253.
    Cornfield J. A statistical problem arising from retrospective studies. Proc Third Berkeley
    Symp 1956;4:135-148.
    Agresti A, Caffo B. Simple and effective confidence intervals for proportions and
    differences of proportions result from adding two successes and two failures.
    Am Stat 2000;54:280-288.
    Farrington CP, Manning G. Test statistics and sample size formulae for comparative binomial
    trials with null hypothesis of non-zero risk difference or non-unity relative risk.
    Stat Med 1990;9:1447-1454.
    Fagerland MW, Lydersen S, Laake P. Recommended confidence intervals for two independent
    binomial proportions. Stat Methods Med Res 2015;24:224-254.

    Examples
    --------
    Newcombe (1998b), Table II, example (a), 56/70 against 48/80:

    >>> from sarcoma_stats import compare_proportions
    >>> res = compare_proportions(56, 70, 48, 80)
    >>> res.method, round(res.estimate, 4), round(res.low, 4), round(res.high, 4)
    ('newcombe', 0.2, 0.0524, 0.3339)
    >>> res = compare_proportions(56, 70, 48, 80, method="miettinen-nurminen")
    >>> round(res.low, 4), round(res.high, 4)
    (0.0528, 0.3382)

    ARST1321-like pathological response, 14/24 against 4/18:

    >>> res = compare_proportions(14, 24, 4, 18, measure="rr", method="katz")
    >>> round(res.estimate, 3), round(res.low, 3), round(res.high, 3)
    (2.625, 1.038, 6.64)
    >>> compare_proportions(14, 24, 4, 18, measure="or").method
    'miettinen-nurminen'
    """
    k1, n1, k2, n2 = check_two_arms(k1, n1, k2, n2)
    measure = check_choice(measure, "measure", MEASURES)
    methods = COMPARISON_METHODS[measure]
    method = methods[0] if method is None else check_choice(method, "method", methods)
    confidence = check_confidence(confidence)
    if method == "conditional-exact":
        check_total(n1, n2, MAX_TOTAL, "the conditional exact interval")
    estimate, low, high = _comparison(k1, n1, k2, n2, measure, method, confidence)
    scalar = k1.ndim == 0
    return ComparisonResult(
        estimate=as_output(estimate),
        low=as_output(low),
        high=as_output(high),
        measure=measure,
        method=method,
        confidence=confidence,
        k1=int(k1) if scalar else k1,
        n1=int(n1) if scalar else n1,
        k2=int(k2) if scalar else k2,
        n2=int(n2) if scalar else n2,
    )


def two_by_two_summary(k1, n1, k2, n2, confidence=0.95) -> pd.DataFrame:
    """Everything about one 2x2 table in one tidy DataFrame.

    One row per (quantity, measure, method): the event rate of each arm with every interval
    method of :func:`proportion_ci`; the risk difference, risk ratio and odds ratio with every
    method of :func:`compare_proportions`; and the tests (Fisher two-sided, less, greater and
    two-sided mid-p; Pearson chi-square without and with Yates' correction; Barnard, pooled and
    unpooled; Boschloo), all two-sided unless the method says otherwise.

    Parameters
    ----------
    k1, n1, k2, n2 : int
        Events and patients of arm 1 and arm 2 (scalars).
    confidence : float
        Level of every interval.

    Returns
    -------
    pandas.DataFrame
        Columns ``quantity`` ("arm 1", "arm 2", "comparison", "test"), ``measure``
        ("proportion", "rd", "rr", "or", "fisher", "chi-square", "barnard", "boschloo"),
        ``method``, ``estimate`` (for a test: its statistic, the sample odds ratio for Fisher),
        ``low``, ``high`` (NaN for tests: not applicable), ``pvalue`` (NaN for intervals:
        not applicable), ``confidence``, and ``text``: the row as it would be printed
        (``38.7% (21.8% to 57.8%)``, ``RR 2.63 (1.04 to 6.64)``, ``p = 0.0285``; a ratio that is
        0/0 reads ``not estimable``).

    Raises
    ------
    TypeError, ValueError
        Invalid counts or confidence; array input (use the individual functions for arrays).

    Examples
    --------
    >>> from sarcoma_stats import two_by_two_summary
    >>> table = two_by_two_summary(14, 24, 4, 18)
    >>> row = table.query("measure == 'rd' and method == 'newcombe'").iloc[0]
    >>> [round(float(row[c]), 4) for c in ("estimate", "low", "high")]
    [0.3611, 0.0596, 0.578]
    >>> round(float(table.query("measure == 'fisher' and method == 'two-sided'").pvalue.iloc[0]), 4)
    0.0285
    """
    import pandas as pd

    from .hypotests import TEST_LABELS, two_arm_results
    from .unconditional import barnard_exact

    k1, n1, k2, n2 = check_two_arms(k1, n1, k2, n2)
    if k1.ndim != 0:
        raise ValueError(
            f"two_by_two_summary takes one table (scalar counts); got arrays of shape {k1.shape}"
        )
    confidence = check_confidence(confidence)
    rows = []
    for label, k, n in (("arm 1", k1, n1), ("arm 2", k2, n2)):
        for method in proportions.METHODS:
            ci = proportions.proportion_ci(k, n, method, confidence)
            rows.append((label, "proportion", method, ci.estimate, ci.low, ci.high, np.nan))
    for measure, methods in COMPARISON_METHODS.items():
        for method in methods:
            res = compare_proportions(k1, n1, k2, n2, measure, method, confidence)
            rows.append(("comparison", measure, method, res.estimate, res.low, res.high, np.nan))
    results = two_arm_results(k1, n1, k2, n2)
    tests = [(TEST_LABELS[name], res) for name, res in results.items()]
    # Barnard's test with the unpooled variance too, after the pooled one
    table = [[int(k1), int(n1 - k1)], [int(k2), int(n2 - k2)]]
    barnard = list(results).index("barnard") + 1
    tests.insert(barnard, (("barnard", "unpooled"), barnard_exact(table, pooled=False)))
    for (measure, method), res in tests:
        rows.append(("test", measure, method, res.statistic, np.nan, np.nan, res.pvalue))
    frame = pd.DataFrame(
        rows, columns=["quantity", "measure", "method", "estimate", "low", "high", "pvalue"]
    )
    frame["confidence"] = confidence
    kinds = {"proportion": "percent", "rd": "points", "rr": "ratio", "or": "ratio"}
    frame["text"] = [
        format_pvalue(r.pvalue) if r.quantity == "test" else
        format_interval(r.estimate, r.low, r.high, kinds[r.measure])
        for r in frame.itertuples(index=False)
    ]
    return frame

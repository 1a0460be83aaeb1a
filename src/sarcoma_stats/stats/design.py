"""Beyond the printed numbers: fragility, Bayesian reanalysis, exact power and the early stop.

Everything here takes counts and sizes and returns small frozen result objects; nothing is
simulated. Operating characteristics are computed by *full enumeration* of the
``(n1 + 1)(n2 + 1)`` possible tables, Bayesian posteriors by one-dimensional numerical
integration of Beta densities. Tables have rows as arms and columns as (events, non-events), as
everywhere in the package; "arm 1" is the first row.

Contents
--------
- :func:`fragility_index`, :func:`reverse_fragility_index`, :func:`fragility_quotient`,
  :func:`fragility_details`: how many patients' outcomes the significance rests on.
- :func:`bayes_two_proportions`: Beta-binomial posteriors, ``P(p1 > p2 | data)``, credible
  intervals for the risk difference and the risk ratio.
- :func:`exact_power`, :func:`exact_size`, :func:`power_curve`: power and type I error of
  Fisher's, the chi-square, Barnard's and Boschloo's tests, exactly.
- :func:`conditional_power`, :func:`truncation_bias`: what an interim analysis implies: the
  chance that the planned final analysis would have rejected, and how much a trial stopped at an
  interim overestimates the difference.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import integrate, optimize, special, stats

from .._results import TidyResult, as_output
from .._validation import check_choice, check_confidence, check_counts, check_integers
from .._validation import check_unit_interval
from .comparisons import fisher_exact
from .unconditional import _region_supremum, unconditional_pvalues

__all__ = [
    "BayesTwoProportionsResult",
    "ConditionalPowerResult",
    "FragilityResult",
    "PowerResult",
    "TruncationBiasResult",
    "bayes_two_proportions",
    "conditional_power",
    "exact_power",
    "exact_size",
    "fragility_details",
    "fragility_index",
    "fragility_quotient",
    "power_curve",
    "reverse_fragility_index",
    "truncation_bias",
]

_TESTS = ("fisher", "chi2", "chi2-yates", "barnard", "boschloo")
_ALTERNATIVES = ("two-sided", "less", "greater")


# ============================================================================================
# validation helpers (scalar arguments of this module)
# ============================================================================================


def _scalar_counts(k, n, names):
    k_arr, n_arr = check_counts(k, n, names)
    if k_arr.ndim != 0:
        raise ValueError(f"{names[0]} and {names[1]} must be single counts; got arrays")
    return int(k_arr), int(n_arr)


def _two_arms(k1, n1, k2, n2):
    k1, n1 = _scalar_counts(k1, n1, ("k1", "n1"))
    k2, n2 = _scalar_counts(k2, n2, ("k2", "n2"))
    return k1, n1, k2, n2


def _size(n, name):
    value = check_integers(n, name)
    if value.ndim != 0 or int(value) < 1:
        raise ValueError(f"{name} must be a single integer of at least 1; got {n!r}")
    return int(value)


def _probability(p, name, open_interval=False):
    """A probability in [0, 1] (or (0, 1)), scalar or array; refuses NaN, bools, strings."""
    if p is None or isinstance(p, (bool, np.bool_, str, bytes)):
        raise TypeError(f"{name} must be a probability; got {p!r}")
    try:
        arr = np.asarray(p, dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be a probability; got {p!r}") from exc
    low_ok = arr > 0 if open_interval else arr >= 0
    high_ok = arr < 1 if open_interval else arr <= 1
    if not np.all(np.isfinite(arr) & low_ok & high_ok):
        interval = "(0, 1)" if open_interval else "[0, 1]"
        raise ValueError(f"{name} must lie in {interval}; got {p!r}")
    return arr


def _scalar_probability(p, name):
    arr = _probability(p, name)
    if arr.ndim:
        raise ValueError(f"{name} must be a single probability; got {p!r}")
    return float(arr)


def _positive(x, name):
    if x is None or isinstance(x, (bool, np.bool_, str, bytes)) or np.ndim(x) != 0:
        raise TypeError(f"{name} must be a positive number; got {x!r}")
    value = float(x)
    if not (np.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be a positive finite number; got {x!r}")
    return value


# ============================================================================================
# fragility
# ============================================================================================


@dataclass(frozen=True)
class FragilityResult:
    """Result of :func:`fragility_details`.

    Attributes
    ----------
    index : int or None
        The (reverse) fragility index; None when no sequence of single-arm changes of the kind
        considered reaches the other side of ``alpha``.
    reverse : bool
        False: fragility index (significant -> non-significant); True: reverse index.
    arm : int or None
        The arm (1 or 2) whose patients were changed; None when ``index`` is 0 or None.
    direction : str or None
        ``"non-event -> event"`` or ``"event -> non-event"``; None with ``arm``.
    pvalue : float
        Fisher's two-sided p-value of the table as observed.
    final_pvalue : float or None
        Fisher's p-value after the ``index`` changes.
    alpha : float
    quotient : float or None
        ``index / (n1 + n2)``.
    path : tuple of (int, int, float)
        ``(k1, k2, p-value)`` for the observed table and each changed table, up to and
        including the one that crosses ``alpha`` (left out of the repr; see ``to_frame``).
    """

    index: int | None
    reverse: bool
    arm: int | None
    direction: str | None
    pvalue: float
    final_pvalue: float | None
    alpha: float
    quotient: float | None
    path: tuple = field(repr=False)

    def to_frame(self):
        """One row per step of the path: changes, k1, k2, pvalue, significant."""
        import pandas as pd

        frame = pd.DataFrame(list(self.path), columns=["k1", "k2", "pvalue"])
        frame.insert(0, "changes", range(len(frame)))
        frame["significant"] = frame["pvalue"] < self.alpha
        return frame


def _fisher_two_sided(k1, n1, k2, n2):
    """Fisher's two-sided p-values (as R's fisher.test) of tables given by arrays k1, k2."""
    k1, k2 = np.broadcast_arrays(np.asarray(k1), np.asarray(k2))
    table = np.stack([np.stack([k1, n1 - k1], -1), np.stack([k2, n2 - k2], -1)], -2)
    return np.atleast_1d(fisher_exact(table).pvalue)


def _walk(k1, n1, k2, n2, arm, step, alpha, want_significant):
    """Change one patient at a time in ``arm`` (``step`` = +1 adds an event, -1 removes one).

    Returns the number of changes at which the p-value first crosses ``alpha`` (None if never)
    and the path up to there. The p-values are computed in vectorised blocks of growing size
    (32, 128, 512, ... tables), so a small index costs one call.
    """
    k = k1 if arm == 1 else k2
    end = (n1 if arm == 1 else n2) if step > 0 else 0
    path = []
    first, block = 0, 32
    while True:
        ks = np.arange(k + step * first, end + step, step)[:block]
        p = _fisher_two_sided(ks, n1, k2, n2) if arm == 1 else _fisher_two_sided(k1, n1, ks, n2)
        crossed = np.flatnonzero(p < alpha if want_significant else p >= alpha)
        stop = int(crossed[0]) + 1 if crossed.size else len(ks)
        path += [((int(a), k2) if arm == 1 else (k1, int(a))) + (float(q),)
                 for a, q in zip(ks[:stop], p[:stop])]
        if crossed.size:
            return first + int(crossed[0]), tuple(path)
        first += len(ks)
        if ks[-1] == end:
            return None, tuple(path)
        block *= 4


def fragility_details(k1, n1, k2, n2, alpha=0.05, reverse=False):
    """Fragility index (Walsh et al. 2014) or reverse fragility index, with the path.

    **Fragility index** (``reverse=False``), as defined by Walsh et al. (2014): in the arm with
    fewer events, change patients from non-event to event one at a time (keeping both arm sizes
    fixed) and recompute Fisher's exact two-sided p-value; the index is the number of changes
    at which the p-value first becomes ``>= alpha``. A table that is already non-significant has
    index 0 (Walsh et al. report indices of 0 for trials significant by another test but not by
    Fisher's).

    **Reverse fragility index** (``reverse=True``; Khan et al. 2020), for a non-significant
    result: the smallest number of single-arm changes that makes Fisher's p-value ``< alpha``,
    moving the arms *apart*: events changed to non-events in the arm with the lower event rate, or
    non-events to events in the arm with the higher rate (whichever needs fewer changes; the
    lower-rate arm on a tie). When both rates are equal, both arms and both directions are
    tried. A significant table has reverse index 0; None when no such sequence reaches
    significance.

    Parameters
    ----------
    k1, n1, k2, n2 : int
        Events and patients in arms 1 and 2.
    alpha : float
        Significance level, strictly between 0 and 1.
    reverse : bool
        Compute the reverse fragility index.

    Returns
    -------
    FragilityResult

    Raises
    ------
    ValueError, TypeError
        Invalid counts (negative, fractional, bool, events above patients, an empty arm) or
        ``alpha`` outside (0, 1).

    Notes
    -----
    *Which arm.* Walsh et al. change "the group with the smallest number of events" and studied
    trials randomised 1:1. With unequal arms, the arm with fewer events can have the higher event
    *rate*; adding events to it would then widen the difference, so this function changes the arm
    with the lower event rate (compared exactly, ``k1 n2`` against ``k2 n1``), which is the arm
    with fewer events whenever the arms are of equal size or the two criteria agree. If adding
    events to that arm never makes the result non-significant (possible only with very unequal
    arms) the index is None.

    The p-value is Fisher's two-sided test as R's ``fisher.test`` (tables no more probable than
    the observed, relative tolerance 1e-7), from :func:`sarcoma_stats.fisher_exact`.

    References
    ----------
    .. [1] Walsh M, Srinathan SK, McAuley DF, et al. The statistical significance of randomized
           controlled trial results is frequently fragile: a case for a Fragility Index. J Clin
           Epidemiol. 2014;67(6):622-628. doi:10.1016/j.jclinepi.2013.10.019
    .. [2] Khan MS, Fonarow GC, Friede T, et al. Application of the reverse fragility index to
           statistically nonsignificant randomized clinical trial results. JAMA Netw Open.
           2020;3(8):e2012469. doi:10.1001/jamanetworkopen.2020.12469
    .. [3] Lin L. Factors that impact fragility index and their visualizations. J Eval Clin
           Pract. 2021;27(2):356-364. doi:10.1111/jep.13428

    Examples
    --------
    >>> from sarcoma_stats.stats.design import fragility_details
    >>> res = fragility_details(14, 24, 4, 18)
    >>> res.index, res.arm, res.direction
    (1, 2, 'non-event -> event')
    >>> res.to_frame()
       changes  k1  k2    pvalue  significant
    0        0  14   4  0.028511         True
    1        1  14   5  0.065308        False
    """
    k1, n1, k2, n2 = _two_arms(k1, n1, k2, n2)
    alpha = check_unit_interval(alpha, "alpha")
    if not isinstance(reverse, (bool, np.bool_)):
        raise TypeError(f"reverse must be True or False; got {reverse!r}")
    lower = 1 if k1 * n2 < k2 * n1 else 2 if k1 * n2 > k2 * n1 else None
    if not reverse:
        arms = [(lower or 1, +1)]  # equal rates: p = 1, the index is 0 whichever the arm
    elif lower is None:
        arms = [(1, -1), (2, -1), (1, +1), (2, +1)]
    else:
        arms = [(lower, -1), (3 - lower, +1)]
    best, p0 = None, None
    for arm, step in arms:
        # every walk starts at the observed table: a crossing there means index 0
        index, path = _walk(k1, n1, k2, n2, arm, step, alpha, want_significant=reverse)
        p0 = path[0][2]
        if index == 0:
            return FragilityResult(0, bool(reverse), None, None, p0, p0, alpha, 0.0, path)
        if index is not None and (best is None or index < best[0]):
            best = (index, arm, step, path)
    if best is None:
        return FragilityResult(None, bool(reverse), None, None, p0, None, alpha, None,
                               ((k1, k2, p0),))
    index, arm, step, path = best
    direction = "non-event -> event" if step > 0 else "event -> non-event"
    return FragilityResult(
        index, bool(reverse), arm, direction, p0, path[-1][2], alpha, index / (n1 + n2), path
    )


def fragility_index(k1, n1, k2, n2, alpha=0.05):
    """Fragility index of Walsh et al. (2014), as an int.

    The number of patients in the arm with fewer events (more precisely, the lower event rate;
    see :func:`fragility_details`) whose outcome must change from non-event to event before
    Fisher's exact two-sided p-value reaches ``alpha``; 0 when the result is not significant.

    Parameters
    ----------
    k1, n1, k2, n2 : int
        Events and patients in arms 1 and 2.
    alpha : float
        Significance level.

    Returns
    -------
    int

    Raises
    ------
    ValueError
        Invalid counts or ``alpha``; or the index is undefined (adding events to the lower-rate
        arm never removes significance, possible only with very unequal arms).

    References
    ----------
    .. [1] Walsh M, Srinathan SK, McAuley DF, et al. The statistical significance of randomized
           controlled trial results is frequently fragile: a case for a Fragility Index. J Clin
           Epidemiol. 2014;67(6):622-628.

    Examples
    --------
    PEITHO (Meyer et al. 2014), the worked example of Tignanelli & Napolitano's JAMA Surgery
    guide (PMC10171299): 13/506 against 28/499, fragility index 3.

    >>> from sarcoma_stats.stats.design import fragility_index
    >>> fragility_index(13, 506, 28, 499)
    3
    >>> fragility_index(14, 24, 4, 18)  # ARST1321 interim analysis
    1
    """
    res = fragility_details(k1, n1, k2, n2, alpha)
    if res.index is None:
        raise ValueError(
            "the fragility index is undefined for this table: adding events to the arm with the "
            f"lower event rate never gives p >= {res.alpha}"
        )
    return res.index


def reverse_fragility_index(k1, n1, k2, n2, alpha=0.05):
    """Reverse fragility index (Khan et al. 2020) of a non-significant result.

    The smallest number of single-arm outcome changes, moving the arms apart, that makes
    Fisher's exact two-sided p-value ``< alpha`` (definition in :func:`fragility_details`);
    0 for a significant result; None when no such change reaches significance.

    Parameters
    ----------
    k1, n1, k2, n2 : int
        Events and patients in arms 1 and 2.
    alpha : float
        Significance level.

    Returns
    -------
    int or None

    Raises
    ------
    ValueError, TypeError
        Invalid counts or ``alpha``.

    References
    ----------
    .. [1] Khan MS, Fonarow GC, Friede T, et al. Application of the reverse fragility index to
           statistically nonsignificant randomized clinical trial results. JAMA Netw Open.
           2020;3(8):e2012469.

    Examples
    --------
    >>> from sarcoma_stats.stats.design import reverse_fragility_index
    >>> reverse_fragility_index(14, 24, 5, 18)
    1
    >>> reverse_fragility_index(0, 2, 2, 2) is None  # 2 patients per arm cannot reach 0.05
    True
    """
    return fragility_details(k1, n1, k2, n2, alpha, reverse=True).index


def fragility_quotient(k1, n1, k2, n2, alpha=0.05):
    """Fragility quotient: the fragility index divided by the total sample size ``n1 + n2``.

    Parameters
    ----------
    k1, n1, k2, n2 : int
        Events and patients in arms 1 and 2.
    alpha : float
        Significance level.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        As :func:`fragility_index`.

    References
    ----------
    .. [1] Ahmed W, Fowler RA, McCredie VA. Does sample size matter when interpreting the
           fragility index? Crit Care Med. 2016;44(11):e1142-e1143.

    Examples
    --------
    >>> from sarcoma_stats.stats.design import fragility_quotient
    >>> round(fragility_quotient(13, 506, 28, 499), 5)
    0.00299
    """
    return fragility_index(k1, n1, k2, n2, alpha) / (int(n1) + int(n2))


# ============================================================================================
# Bayesian comparison of two proportions
# ============================================================================================


@dataclass(frozen=True)
class BayesTwoProportionsResult:
    """Result of :func:`bayes_two_proportions`.

    Attributes
    ----------
    prob_greater : float
        ``P(p1 > p2 | data)``.
    rd, rd_low, rd_high : float
        Posterior median and equal-tailed credible interval of ``p1 - p2``.
    rr, rr_low, rr_high : float
        The same for ``p1 / p2``.
    posterior1, posterior2 : tuple of float
        Beta posterior parameters ``(a, b)`` of arms 1 and 2.
    prior : str
        Description of the prior.
    confidence : float
    """

    prob_greater: float
    rd: float
    rd_low: float
    rd_high: float
    rr: float
    rr_low: float
    rr_high: float
    posterior1: tuple
    posterior2: tuple
    prior: str
    confidence: float

    def to_frame(self):
        """Two rows (rd, rr): estimate (posterior median), low, high, plus prob_greater."""
        import pandas as pd

        return pd.DataFrame(
            {
                "measure": ["rd", "rr"],
                "estimate": [self.rd, self.rr],
                "low": [self.rd_low, self.rr_low],
                "high": [self.rd_high, self.rr_high],
                "prob_greater": self.prob_greater,
                "prior": self.prior,
                "confidence": self.confidence,
            }
        )


def _parse_prior(prior):
    """``((a1, b1), (a2, b2), description)`` from the ``prior`` argument."""
    if isinstance(prior, str):
        name = check_choice(prior, "prior", ("uniform", "jeffreys"))
        ab = (1.0, 1.0) if name == "uniform" else (0.5, 0.5)
        return ab, ab, f"{name} Beta({ab[0]:g}, {ab[1]:g}) in both arms"
    if isinstance(prior, tuple) and len(prior) == 3 and isinstance(prior[0], str):
        kind = check_choice(prior[0], "prior[0]", ("beta", "sceptical"), {"skeptical": "sceptical"})
        if kind == "beta":
            a, b = _positive(prior[1], "prior a"), _positive(prior[2], "prior b")
            return (a, b), (a, b), f"Beta({a:g}, {b:g}) in both arms"
        p0 = _probability(prior[1], "sceptical prior rate", open_interval=True)
        if p0.ndim:
            raise ValueError(f"the sceptical prior rate must be a single number; got {prior[1]!r}")
        p0 = float(p0)
        ess = _positive(prior[2], "sceptical prior effective sample size")
        ab = (p0 * ess, (1.0 - p0) * ess)
        return ab, ab, (
            f"sceptical: Beta({ab[0]:g}, {ab[1]:g}) in both arms (rate {p0:g}, {ess:g} patients)"
        )
    raise ValueError(
        "prior must be 'uniform', 'jeffreys', ('beta', a, b) or ('sceptical', rate, "
        f"effective_sample_size); got {prior!r}"
    )


class _Beta:
    """A Beta(a, b) distribution through scipy.special (much lower overhead than scipy.stats
    inside quadrature)."""

    def __init__(self, a, b):
        self.a, self.b = float(a), float(b)
        self._log_norm = special.betaln(self.a, self.b)

    def pdf(self, x):
        return np.exp(special.xlogy(self.a - 1.0, x) + special.xlog1py(self.b - 1.0, -x)
                      - self._log_norm)

    def cdf(self, x):
        return special.betainc(self.a, self.b, x)

    def sf(self, x):
        return special.betaincc(self.a, self.b, x)

    def landmarks(self):
        """Points that bracket the bulk and the far tails of the density."""
        q = np.array([1e-12, 1e-6, 0.5, 1.0 - 1e-6, 1.0 - 1e-12])
        return special.betaincinv(self.a, self.b, q)


def _expectation(y, g, x, breaks=()):
    """``E[g(Y)] = integral over (0, 1) of f_Y(v) g(v) dv`` by adaptive quadrature.

    When ``Y``'s density is singular at 0 (``a < 1``) the piece below its 10% quantile is
    integrated after the substitution ``v = u**(1/a)``, which absorbs the factor ``v**(a - 1)``;
    likewise ``v = 1 - u**(1/b)`` above the 90% quantile when ``b < 1``. Break points at the
    landmarks of ``Y`` and of ``X`` (the distribution inside ``g``) keep the relative accuracy
    of tiny results.
    """
    marks = np.concatenate([y.landmarks(), x.landmarks(), np.asarray(breaks, float)])
    marks = marks[(marks > 0.0) & (marks < 1.0)]
    lo = special.betaincinv(y.a, y.b, 0.1) if y.a < 1.0 else 0.0
    hi = special.betaincinv(y.a, y.b, 0.9) if y.b < 1.0 else 1.0

    def piece(f, a, b, cuts):
        points = sorted({float(c) for c in cuts if a < c < b}) or None
        # full_output: where the integrand vanishes a purely relative tolerance cannot be met
        # and QUADPACK reports round-off, which is harmless here.
        return integrate.quad(f, a, b, points=points, limit=400, epsabs=0.0, epsrel=1e-11,
                              full_output=1)[0]

    def left(u):  # v = u**(1/a)
        v = u ** (1.0 / y.a)
        return np.exp(special.xlog1py(y.b - 1.0, -v) - y._log_norm) / y.a * g(v)

    def right(u):  # v = 1 - u**(1/b)
        v = 1.0 - u ** (1.0 / y.b)
        return np.exp(special.xlogy(y.a - 1.0, v) - y._log_norm) / y.b * g(v)

    total = piece(lambda v: y.pdf(v) * g(v), lo, hi, marks)
    if lo > 0.0:
        total += piece(left, 0.0, lo**y.a, marks[marks < lo] ** y.a)
    if hi < 1.0:
        total += piece(right, 0.0, (1.0 - hi) ** y.b, (1.0 - marks[marks > hi]) ** y.b)
    return total


def _rd_cdf(d, x, y):
    """``P(X - Y <= d)``."""
    return _expectation(y, lambda v: x.cdf(min(max(v + d, 0.0), 1.0)), x, (-d, 1.0 - d))


def _rr_cdf(r, x, y):
    """``P(X / Y <= r)`` for ``r > 0``."""
    return _expectation(y, lambda v: x.cdf(min(r * v, 1.0)), x, (1.0 / r,))


def _quantile(cdf, q, lo, hi):
    return optimize.brentq(lambda z: cdf(z) - q, lo, hi, xtol=1e-13, rtol=1e-12)


def bayes_two_proportions(k1, n1, k2, n2, prior="uniform", confidence=0.95):
    """Bayesian comparison of two proportions with independent Beta priors.

    With a ``Beta(a, b)`` prior, the posterior of arm ``i`` is ``Beta(a + k_i, b + n_i - k_i)``.
    Returned: ``P(p1 > p2 | data)``, and the posterior median and equal-tailed credible interval
    of the risk difference ``p1 - p2`` and of the risk ratio ``p1 / p2``. All are computed by
    adaptive quadrature of one-dimensional integrals (no Monte Carlo):

    - ``P(p1 > p2) = integral of f2(y) (1 - F1(y)) dy``;
    - ``P(p1 - p2 <= d) = integral of f2(y) F1(y + d) dy``, ``P(p1 / p2 <= r) = integral of
      f2(y) F1(r y) dy``, inverted by Brent's method.

    Parameters
    ----------
    k1, n1, k2, n2 : int
        Events and patients in arms 1 and 2.
    prior : str or tuple
        The same prior for both arms:

        - ``"uniform"``: ``Beta(1, 1)`` (Bayes-Laplace);
        - ``"jeffreys"``: ``Beta(0.5, 0.5)``;
        - ``("beta", a, b)``: ``Beta(a, b)``;
        - ``("sceptical", rate, ess)``: ``Beta(rate * ess, (1 - rate) * ess)`` in both arms, i.e.
          both event rates centred on the same ``rate`` (usually the control rate expected
          before the trial) with the weight of ``ess`` patients each. The implied prior of
          ``p1 - p2`` is centred on no difference with standard deviation
          ``sqrt(2 rate (1 - rate) / (ess + 1))``, so it pulls the estimated difference towards
          0, more strongly the larger ``ess`` (Spiegelhalter, Freedman & Parmar 1994 describe
          sceptical priors on the treatment effect; this is the Beta-binomial analogue with
          independent arms).
    confidence : float
        Probability content of the credible intervals, e.g. 0.95.

    Returns
    -------
    BayesTwoProportionsResult

    Raises
    ------
    ValueError, TypeError
        Invalid counts, prior or ``confidence``.

    Notes
    -----
    For integer posterior parameters ``P(p1 > p2)`` also has a closed form as a finite sum
    (Cook 2003; Miller 2015); the tests use it as an independent check. The risk ratio's
    interval needs ``p2 > 0`` only with posterior probability 1, which always holds.

    References
    ----------
    .. [1] Cook JD. Exact calculation of beta inequalities. Technical report, M. D. Anderson
           Cancer Center; 2003.
    .. [2] Miller E. Formulas for Bayesian A/B testing. 2015.
           https://www.evanmiller.org/bayesian-ab-testing.html
    .. [3] Spiegelhalter DJ, Freedman LS, Parmar MKB. Bayesian approaches to randomized trials.
           J R Stat Soc A. 1994;157(3):357-416.

    Examples
    --------
    ARST1321 interim analysis, uniform priors:

    >>> from sarcoma_stats.stats.design import bayes_two_proportions
    >>> res = bayes_two_proportions(14, 24, 4, 18)
    >>> round(res.prob_greater, 4)
    0.9895
    >>> round(res.rd, 3), round(res.rd_low, 3), round(res.rd_high, 3)
    (0.332, 0.052, 0.575)
    """
    k1, n1, k2, n2 = _two_arms(k1, n1, k2, n2)
    (a1, b1), (a2, b2), description = _parse_prior(prior)
    confidence = check_confidence(confidence)
    post1 = (a1 + k1, b1 + n1 - k1)
    post2 = (a2 + k2, b2 + n2 - k2)
    x, y = _Beta(*post1), _Beta(*post2)
    prob_greater = _expectation(y, x.sf, x)
    tail = (1.0 - confidence) / 2.0
    rd_q = [_quantile(lambda d: _rd_cdf(d, x, y), q, -1.0, 1.0)
            for q in (tail, 0.5, 1.0 - tail)]
    log_rr = [_quantile(lambda z: _rr_cdf(np.exp(z), x, y), q, -60.0, 60.0)
              for q in (tail, 0.5, 1.0 - tail)]
    rr_q = np.exp(log_rr)
    return BayesTwoProportionsResult(
        prob_greater=float(np.clip(prob_greater, 0.0, 1.0)),
        rd=rd_q[1], rd_low=rd_q[0], rd_high=rd_q[2],
        rr=float(rr_q[1]), rr_low=float(rr_q[0]), rr_high=float(rr_q[2]),
        posterior1=post1, posterior2=post2, prior=description, confidence=confidence,
    )


# ============================================================================================
# exact operating characteristics
# ============================================================================================


def _check_test(test, alternative):
    test = check_choice(test, "test", _TESTS)
    alternative = check_choice(alternative, "alternative", _ALTERNATIVES)
    if test.startswith("chi2") and alternative != "two-sided":
        raise ValueError(f"the chi-square test is two-sided only; got alternative={alternative!r}")
    return test, alternative


def _bisect(found, missing, test):
    """Vectorised integer bisection: ``test`` is True at ``found``, False at ``missing`` (the
    sentinels are not evaluated) and changes value once in between. Returns the last ``found``."""
    found, missing = found.copy(), missing.copy()
    while True:
        active = np.abs(missing - found) > 1
        if not active.any():
            return found
        middle = (found + missing) // 2
        ok = test(middle)
        found = np.where(active & ok, middle, found)
        missing = np.where(active & ~ok, middle, missing)


def _tail_regions(sizes, alpha, test, alternative):
    """Rejection regions of Fisher's or the chi-square test for several pairs of arm sizes.

    Given the number of events ``t``, both tests order the tables ``x1 = low..high`` by
    distance from a centre (Fisher: the mode of the hypergeometric distribution, whose pmf is
    unimodal; chi-square: the expected count ``n1 t / N``), so the p-value is monotone on each
    side and the region is one or two tails. Their ends are found by bisection for every
    margin of every pair of sizes at once, each step one call of
    :func:`sarcoma_stats.fisher_exact` or :func:`sarcoma_stats.stats.comparisons.chi2_test`:
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
            return fisher_exact(tables, alternative=alternative).pvalue
    else:
        from .comparisons import chi2_test

        centre_left, centre_right = (n1 * t) // n, -((-n1 * t) // n)  # floor, ceil of n1 t / N

        def pvalue(tables):
            return chi2_test(tables, correction=(test == "chi2-yates")).pvalue

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

    ends = _bisect(both([low - 1, high + 1]), both([left_end + 1, right_start - 1]), rejects)
    last_left, first_right = np.split(ends, 2)  # x1 <= last_left or x1 >= first_right reject
    regions, start = [], 0
    for a, b in sizes:
        x1 = np.arange(a + 1)[:, None]
        margin = start + x1 + np.arange(b + 1)[None, :]
        regions.append((x1 <= last_left[margin]) | (x1 >= first_right[margin]))
        start += a + b + 1
    return regions


_REGIONS: dict = {}
_REGIONS_MAX = 256


def _rejection_regions(sizes, alpha, test, alternative):
    """Boolean ``(n1 + 1, n2 + 1)`` arrays, the tables whose p-value is ``<= alpha``, for each
    ``(n1, n2)`` in ``sizes``; cached (read-only arrays)."""
    keys = [(int(a), int(b), alpha, test, alternative) for a, b in sizes]
    missing = sorted({k[:2] for k in keys if k not in _REGIONS})
    if missing:
        if len(_REGIONS) + len(missing) > _REGIONS_MAX:
            _REGIONS.clear()
        if test in ("barnard", "boschloo"):
            new = [unconditional_pvalues(a, b, test, alternative).pvalue <= alpha
                   for a, b in missing]
        else:
            new = _tail_regions(missing, alpha, test, alternative)
        for (a, b), region in zip(missing, new):
            region.flags.writeable = False
            _REGIONS[(a, b, alpha, test, alternative)] = region
    return [_REGIONS[k] for k in keys]


def _rejection_region(n1, n2, alpha, test, alternative):
    return _rejection_regions([(n1, n2)], alpha, test, alternative)[0]


def _binomial_pmf(n, p):
    """``Binom(k; n, p)`` for ``k = 0..n``, shape ``p.shape + (n + 1,)``."""
    return stats.binom.pmf(np.arange(n + 1), n, np.asarray(p, dtype=float)[..., None])


def _rejection_probability(region, n1, n2, p1, p2):
    p1, p2 = np.broadcast_arrays(np.asarray(p1, float), np.asarray(p2, float))
    left = _binomial_pmf(n1, p1) @ region.astype(float)  # (..., n2 + 1)
    return np.clip((left * _binomial_pmf(n2, p2)).sum(axis=-1), 0.0, 1.0)


@dataclass(frozen=True)
class PowerResult(TidyResult):
    """Result of :func:`exact_power`, :func:`exact_size` and :func:`power_curve`.

    Attributes
    ----------
    power : float or ndarray
        Probability that the test rejects (p-value ``<= alpha``). For :func:`exact_size`, the
        type I error.
    n1, n2, p1, p2 : int, float or ndarray
        Arm sizes and event probabilities (broadcast together for :func:`power_curve`). For
        :func:`exact_size` without a given rate, ``p1 = p2`` is the worst-case common rate.
    alpha : float
    test : str
    alternative : str
    """

    power: Any
    n1: Any
    n2: Any
    p1: Any
    p2: Any
    alpha: float
    test: str
    alternative: str

    _frame_columns = ("n1", "n2", "p1", "p2", "power", "alpha", "test", "alternative")


def exact_power(n1, n2, p1, p2, alpha=0.05, test="fisher", alternative="two-sided"):
    """Exact power of a two-arm test of proportions, by full enumeration of the tables.

    ``power = sum over tables (k1, k2) with p-value <= alpha of Binom(k1; n1, p1) Binom(k2; n2,
    p2)``. The rejection region is computed once for ``(n1, n2)`` (every table's p-value in one
    vectorised call) and reused for all ``(p1, p2)``. With ``p1 == p2`` the result is the exact
    type I error at that common rate.

    Parameters
    ----------
    n1, n2 : int
        Arm sizes.
    p1, p2 : float or array_like
        True event probabilities of arms 1 and 2 (broadcast together).
    alpha : float
        Significance level; a table is rejected when its p-value is ``<= alpha``.
    test : {"fisher", "chi2", "chi2-yates", "barnard", "boschloo"}
        Fisher's exact test (:func:`sarcoma_stats.fisher_exact`, as R's ``fisher.test``);
        Pearson's chi-square test without or with Yates' correction
        (:func:`sarcoma_stats.chi2_test`; a table with an empty column has p-value 1);
        Barnard's and Boschloo's exact unconditional tests
        (:func:`sarcoma_stats.stats.unconditional.unconditional_pvalues`).
    alternative : {"two-sided", "less", "greater"}
        ``"greater"``: arm 1 has the higher event rate. The chi-square tests are two-sided.

    Returns
    -------
    PowerResult

    Raises
    ------
    ValueError, TypeError
        Invalid sizes, probabilities outside [0, 1], ``alpha`` outside (0, 1), unknown test or
        alternative.

    References
    ----------
    .. [1] Fleiss JL, Levin B, Paik MC. Statistical Methods for Rates and Proportions. 3rd ed.
           Wiley; 2003. (Chapter 4: exact power of Fisher's test by enumeration.)

    Examples
    --------
    ARST1321 planned 100 patients (50 per arm); power at the interim's observed rates 14/24 and
    4/18:

    >>> from sarcoma_stats.stats.design import exact_power
    >>> round(exact_power(50, 50, 14 / 24, 4 / 18).power, 4)
    0.9502
    >>> round(exact_power(50, 50, 0.3, 0.3).power, 4)  # type I error at a common rate of 30%
    0.0307
    """
    n1, n2 = _size(n1, "n1"), _size(n2, "n2")
    p1, p2 = _probability(p1, "p1"), _probability(p2, "p2")
    alpha = check_unit_interval(alpha, "alpha")
    test, alternative = _check_test(test, alternative)
    region = _rejection_region(n1, n2, alpha, test, alternative)
    power = _rejection_probability(region, n1, n2, p1, p2)
    return PowerResult(as_output(power), n1, n2, as_output(p1), as_output(p2), alpha, test,
                       alternative)


def exact_size(n1, n2, alpha=0.05, test="fisher", alternative="two-sided", p=None):
    """Exact type I error of a two-arm test: at a common rate ``p``, or its maximum over ``p``.

    Parameters
    ----------
    n1, n2 : int
        Arm sizes.
    alpha : float
        Nominal level.
    test, alternative : str
        As in :func:`exact_power`.
    p : float, array_like or None
        Common event probability of both arms. None: the maximum over ``p`` in [0, 1] (the size
        of the test), found by the same grid-and-Newton search as the unconditional tests.

    Returns
    -------
    PowerResult
        ``power`` is the type I error; ``p1 == p2`` the rate (the maximising one when ``p`` is
        None).

    Raises
    ------
    ValueError, TypeError
        As :func:`exact_power`.

    References
    ----------
    .. [1] Mehta CR, Senchaudhuri P. Conditional versus unconditional exact tests for comparing
           two binomials. Cytel Software Corporation; 2003.

    Examples
    --------
    >>> from sarcoma_stats.stats.design import exact_size
    >>> res = exact_size(50, 50)
    >>> round(res.power, 4), round(res.p1, 3)
    (0.0352, 0.5)
    """
    n1, n2 = _size(n1, "n1"), _size(n2, "n2")
    alpha = check_unit_interval(alpha, "alpha")
    test, alternative = _check_test(test, alternative)
    region = _rejection_region(n1, n2, alpha, test, alternative)
    if p is None:
        size, rate = _region_supremum(region)
    else:
        rate = _probability(p, "p")
        size = _rejection_probability(region, n1, n2, rate, rate)
    size, rate = as_output(size), as_output(rate)
    return PowerResult(size, n1, n2, rate, rate, alpha, test, alternative)


def power_curve(n1, n2, p1, p2, alpha=0.05, test="fisher", alternative="two-sided"):
    """Exact power over a grid of arm sizes and/or event probabilities.

    ``n1``, ``n2``, ``p1`` and ``p2`` are broadcast together; the rejection region of each
    distinct ``(n1, n2)`` is computed once (and cached across calls).

    Parameters
    ----------
    n1, n2 : int or array_like of int
        Arm sizes.
    p1, p2 : float or array_like
        Event probabilities.
    alpha, test, alternative
        As in :func:`exact_power`.

    Returns
    -------
    PowerResult
        Arrays of the broadcast shape; ``.to_frame()`` gives one row per point.

    Raises
    ------
    ValueError, TypeError
        As :func:`exact_power`.

    References
    ----------
    .. [1] Fleiss JL, Levin B, Paik MC. Statistical Methods for Rates and Proportions. 3rd ed.
           Wiley; 2003.

    Examples
    --------
    Power of Fisher's test to detect 58% against 22% as the arm size grows:

    >>> import numpy as np
    >>> from sarcoma_stats.stats.design import power_curve
    >>> curve = power_curve(np.array([20, 30, 40, 50]), np.array([20, 30, 40, 50]), 0.58, 0.22)
    >>> np.round(curve.power, 3)
    array([0.539, 0.754, 0.886, 0.949])
    """
    n1_arr = check_integers(n1, "n1")
    n2_arr = check_integers(n2, "n2")
    if np.any(n1_arr < 1) or np.any(n2_arr < 1):
        raise ValueError(f"n1 and n2 must be at least 1; got {n1!r} and {n2!r}")
    p1_arr, p2_arr = _probability(p1, "p1"), _probability(p2, "p2")
    alpha = check_unit_interval(alpha, "alpha")
    test, alternative = _check_test(test, alternative)
    n1_arr, n2_arr, p1_arr, p2_arr = np.broadcast_arrays(n1_arr, n2_arr, p1_arr, p2_arr)
    power = np.empty(n1_arr.shape)
    sizes = np.stack([n1_arr.ravel(), n2_arr.ravel()], axis=1)
    pairs, inverse = np.unique(sizes, axis=0, return_inverse=True)
    inverse = inverse.reshape(n1_arr.shape)
    regions = _rejection_regions([tuple(pair) for pair in pairs], alpha, test, alternative)
    for g, ((m1, m2), region) in enumerate(zip(pairs, regions)):
        where = inverse == g
        power[where] = _rejection_probability(region, int(m1), int(m2), p1_arr[where],
                                              p2_arr[where])
    return PowerResult(as_output(power), as_output(n1_arr), as_output(n2_arr),
                       as_output(p1_arr), as_output(p2_arr), alpha, test, alternative)


# ============================================================================================
# interim analyses
# ============================================================================================


@dataclass(frozen=True)
class ConditionalPowerResult:
    """Result of :func:`conditional_power`.

    Attributes
    ----------
    power : float
        Probability that the final analysis rejects, given the interim data.
    under : str
        ``"observed"``, ``"null"``, ``"assumed"`` or ``"predictive"``.
    p1, p2 : float or None
        Event probabilities assumed for the patients still to come (None for predictive power).
    interim : tuple of int
        ``(k1, n1, k2, n2)``.
    final : tuple of int
        Final arm sizes ``(N1, N2)``.
    alpha : float
    test : str
    alternative : str
    """

    power: float
    under: str
    p1: float | None
    p2: float | None
    interim: tuple
    final: tuple
    alpha: float
    test: str
    alternative: str


def conditional_power(k1, n1, k2, n2, final_n1, final_n2, under="observed", p1=None, p2=None,
                      alpha=0.05, test="fisher", alternative="two-sided", prior="uniform"):
    """Conditional (or predictive) power of the planned final analysis, given interim data.

    With ``k1/n1`` and ``k2/n2`` observed at the interim and the trial continued to
    ``final_n1``, ``final_n2`` patients, the remaining ``m_i = final_n_i - n_i`` patients of
    each arm contribute ``j_i`` events; the final table is ``(k1 + j1, k2 + j2)``. Conditional
    power is the probability that the final test rejects (p-value ``<= alpha``), summed exactly
    over all ``(m1 + 1)(m2 + 1)`` futures:

    ``CP = sum over j1, j2 of P(j1) P(j2) 1[final table rejects]``.

    This is the conditional power of Lan & Wittes (1988) and Proschan, Lan & Wittes (2006),
    computed for binomial data by enumeration rather than with the Brownian-motion
    approximation. The future events are:

    - ``under="observed"`` (the current trend): ``j_i ~ Binom(m_i, k_i / n_i)``;
    - ``under="null"``: both arms at the pooled interim rate ``(k1 + k2) / (n1 + n2)``;
    - ``under="assumed"``: ``j_i ~ Binom(m_i, p_i)`` for given ``p1``, ``p2`` (e.g. the design's
      rates);
    - ``under="predictive"``: the Bayesian predictive power (Spiegelhalter, Freedman &
      Blackburn 1986): ``j_i`` Beta-binomial from the posterior of arm ``i`` under ``prior``
      (as in :func:`bayes_two_proportions`).

    Parameters
    ----------
    k1, n1, k2, n2 : int
        Interim events and evaluable patients.
    final_n1, final_n2 : int
        Planned final arm sizes (at least the interim ones).
    under : {"observed", "null", "assumed", "predictive"}
    p1, p2 : float, optional
        Required for (and only for) ``under="assumed"``.
    alpha, test, alternative
        The final analysis, as in :func:`exact_power`.
    prior : str or tuple
        Prior for ``under="predictive"``.

    Returns
    -------
    ConditionalPowerResult

    Raises
    ------
    ValueError, TypeError
        Invalid counts or options, final sizes below the interim ones, ``p1``/``p2`` given
        without ``under="assumed"`` or missing with it.

    References
    ----------
    .. [1] Lan KKG, Wittes J. The B-value: a tool for monitoring data. Biometrics.
           1988;44(2):579-585.
    .. [2] Proschan MA, Lan KKG, Wittes JT. Statistical Monitoring of Clinical Trials: A Unified
           Approach. Springer; 2006. (Chapter 3, conditional power.)
    .. [3] Spiegelhalter DJ, Freedman LS, Blackburn PR. Monitoring clinical trials: conditional
           or predictive power? Control Clin Trials. 1986;7(1):8-17.

    Examples
    --------
    ARST1321: 14/24 against 4/18 at the interim; 100 patients were planned (50 per arm assumed
    here, the allocation ratio being 1:1):

    >>> from sarcoma_stats.stats.design import conditional_power
    >>> round(conditional_power(14, 24, 4, 18, 50, 50).power, 4)
    0.9841
    >>> round(conditional_power(14, 24, 4, 18, 50, 50, under="null").power, 4)
    0.2077
    """
    k1, n1, k2, n2 = _two_arms(k1, n1, k2, n2)
    final_n1, final_n2 = _size(final_n1, "final_n1"), _size(final_n2, "final_n2")
    if final_n1 < n1 or final_n2 < n2:
        raise ValueError(
            f"final sizes must be at least the interim ones; got final ({final_n1}, {final_n2}) "
            f"for interim ({n1}, {n2})"
        )
    under = check_choice(under, "under", ("observed", "null", "assumed", "predictive"))
    alpha = check_unit_interval(alpha, "alpha")
    test, alternative = _check_test(test, alternative)
    if (under == "assumed") != (p1 is not None and p2 is not None) or (
        under != "assumed" and (p1 is not None or p2 is not None)
    ):
        raise ValueError("p1 and p2 must be given exactly when under='assumed'")
    m1, m2 = final_n1 - n1, final_n2 - n2
    j1, j2 = np.arange(m1 + 1), np.arange(m2 + 1)
    if under == "predictive":
        (a1, b1), (a2, b2), _ = _parse_prior(prior)
        w1 = stats.betabinom.pmf(j1, m1, a1 + k1, b1 + n1 - k1)
        w2 = stats.betabinom.pmf(j2, m2, a2 + k2, b2 + n2 - k2)
        rate1 = rate2 = None
    else:
        if under == "observed":
            rate1, rate2 = k1 / n1, k2 / n2
        elif under == "null":
            rate1 = rate2 = (k1 + k2) / (n1 + n2)
        else:
            rate1, rate2 = _scalar_probability(p1, "p1"), _scalar_probability(p2, "p2")
        w1, w2 = stats.binom.pmf(j1, m1, rate1), stats.binom.pmf(j2, m2, rate2)
    region = _rejection_region(final_n1, final_n2, alpha, test, alternative)
    sub = region[k1 : k1 + m1 + 1, k2 : k2 + m2 + 1].astype(float)
    power = float(np.clip(w1 @ sub @ w2, 0.0, 1.0))
    return ConditionalPowerResult(power, under, rate1, rate2, (k1, n1, k2, n2),
                                  (final_n1, final_n2), alpha, test, alternative)


@dataclass(frozen=True)
class TruncationBiasResult:
    """Result of :func:`truncation_bias`.

    Attributes
    ----------
    prob_stop : float
        Probability of stopping at the interim.
    mean_difference_if_stopped : float
        ``E[k1/n1 - k2/n2 | stop]``.
    mean_difference_if_continued : float or None
        ``E[k1/n1 - k2/n2 | no stop]`` at the interim (None if the trial always stops).
    true_difference : float
        ``p1 - p2``.
    bias : float
        ``mean_difference_if_stopped - true_difference``.
    ratio : float
        ``mean_difference_if_stopped / true_difference`` (NaN when the true difference is 0).
    n1, n2 : int
    p1, p2 : float
    stop_alpha : float
    test : str
    alternative : str
    """

    prob_stop: float
    mean_difference_if_stopped: float
    mean_difference_if_continued: float | None
    true_difference: float
    bias: float
    ratio: float
    n1: int
    n2: int
    p1: float
    p2: float
    stop_alpha: float
    test: str
    alternative: str


def truncation_bias(n1, n2, p1, p2, stop_alpha, test="fisher", alternative="greater"):
    """Expected observed difference of a trial stopped early for benefit, by enumeration.

    A trial that stops at an interim analysis because the test of the interim data rejects
    (p-value ``<= stop_alpha``) reports the interim estimate; conditioning on having stopped
    selects tables with large differences, so the reported difference overestimates the true
    one ("truncated trials", Pocock 1977; Bassler et al. 2010). With ``n1``, ``n2`` patients at
    the interim and true rates ``p1``, ``p2``,

    ``E[k1/n1 - k2/n2 | stop] = sum over stopping tables of (k1/n1 - k2/n2) P(k1) P(k2) /
    P(stop)``,

    summed exactly over all tables.

    Parameters
    ----------
    n1, n2 : int
        Evaluable patients per arm at the interim analysis.
    p1, p2 : float
        True event probabilities.
    stop_alpha : float
        The interim stopping threshold on the p-value of ``test``.
    test : str
        As in :func:`exact_power`.
    alternative : {"greater", "two-sided", "less"}
        ``"greater"`` (default): stopping for benefit of arm 1 only, a one-sided test.

    Returns
    -------
    TruncationBiasResult

    Raises
    ------
    ValueError, TypeError
        Invalid sizes, probabilities or options; ``stop_alpha`` so small that no table stops.

    References
    ----------
    .. [1] Bassler D, Briel M, Montori VM, et al. Stopping randomized trials early for benefit
           and estimation of treatment effects: systematic review and meta-regression analysis.
           JAMA. 2010;303(12):1180-1187.
    .. [2] Pocock SJ. Group sequential methods in the design and analysis of clinical trials.
           Biometrika. 1977;64(2):191-199.

    Examples
    --------
    ARST1321-like interim (24 and 18 evaluable patients): if the true rates were 45% and 25% and
    the trial stopped when a one-sided Fisher test gave p <= 0.025,

    >>> from sarcoma_stats.stats.design import truncation_bias
    >>> res = truncation_bias(24, 18, 0.45, 0.25, stop_alpha=0.025)
    >>> round(res.prob_stop, 3), round(res.mean_difference_if_stopped, 3)
    (0.163, 0.414)
    """
    n1, n2 = _size(n1, "n1"), _size(n2, "n2")
    p1, p2 = _scalar_probability(p1, "p1"), _scalar_probability(p2, "p2")
    stop_alpha = check_unit_interval(stop_alpha, "stop_alpha")
    test, alternative = _check_test(test, alternative)
    region = _rejection_region(n1, n2, stop_alpha, test, alternative)
    w = stats.binom.pmf(np.arange(n1 + 1), n1, p1)[:, None] * stats.binom.pmf(
        np.arange(n2 + 1), n2, p2)[None, :]
    diff = np.arange(n1 + 1)[:, None] / n1 - np.arange(n2 + 1)[None, :] / n2
    prob_stop = float(w[region].sum())
    if prob_stop <= 0.0:
        raise ValueError(f"no interim table stops with stop_alpha={stop_alpha}")
    stopped = float((w * diff)[region].sum() / prob_stop)
    rest = 1.0 - prob_stop
    continued = float((w * diff)[~region].sum() / rest) if rest > 0 else None
    true = p1 - p2
    ratio = stopped / true if true != 0 else float("nan")
    return TruncationBiasResult(prob_stop, stopped, continued, true, stopped - true, ratio,
                                n1, n2, p1, p2, stop_alpha, test, alternative)

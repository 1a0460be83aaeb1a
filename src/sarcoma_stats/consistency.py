"""Printed-number checks: rounding, attainable percentages, denominators, and which method
reproduces a printed interval or p-value.

Everything here takes numbers (counts, printed values) and knows nothing of claims or files; the
claims layer (:mod:`sarcoma_stats.claims`) decides what to check and words the verdict.

Printed numbers
---------------
A printed number is passed as a string (``"35.7"``) or a :class:`decimal.Decimal`; its precision
is the number of digits printed after the decimal point (``Decimal("50.0")`` has one), so
``"58"`` means "58 at 0 decimals". Ratios of counts are computed exactly (integers and
:class:`fractions.Fraction`), so 1/8 = 12.5 % is a tie and nothing else: printed "13" fits
``half-up``, "12" fits ``half-even`` and ``truncate``. Values computed in floating point (interval
bounds, p-values) are compared with a tolerance of 1e-6 units of the last printed digit; a value
that close to a tie is treated as the tie.

References
----------
Brown NJL, Heathers JAJ. The GRIM test: a simple technique detects numerous anomalies in the
reporting of results in psychology. Soc Psychol Personal Sci 2017;8:363-369 (preprint 2016).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
from scipy import stats

from ._validation import check_choice, check_confidence, check_counts, check_integers

__all__ = [
    "ROUNDINGS",
    "CI_METHODS",
    "PVALUE_TESTS",
    "RD_METHODS",
    "round_exact",
    "roundings_matching",
    "satisfies",
    "percent_roundings",
    "counts_for_percent",
    "nearest_counts",
    "attainable_percentages",
    "denominators_for_percentages",
    "PercentTotal",
    "percentages_total",
    "mean_totals",
    "ci_methods_table",
    "counts_for_interval",
    "two_arm_pvalues",
    "pvalue_tests_table",
    "difference_methods_table",
    "geometric_midpoint_fits",
    "interval_repairs",
    "WaldAgreement",
    "wald_agreement",
    "median_symmetry",
    "survival_transforms_fitting",
    "condition_holds",
    "filter_rows",
]

#: Rounding rules a printed number is tested against.
ROUNDINGS = ("half-up", "half-even", "truncate")
#: The ``proportion_ci`` methods tried for a printed interval of a proportion.
CI_METHODS = ("wilson", "wilson-cc", "clopper-pearson", "jeffreys", "agresti-coull", "wald",
              "mid-p")
#: The two-arm tests tried for a printed p-value.
PVALUE_TESTS = ("fisher-two-sided", "fisher-less", "fisher-greater", "fisher-midp", "chi2",
                "chi2-yates", "barnard", "boschloo")
#: The risk-difference interval methods of ``compare_proportions``.
RD_METHODS = ("wald", "newcombe", "miettinen-nurminen", "agresti-caffo")

# computed floats closer than this (in units of the last printed digit) to a rounding boundary
# count as lying on it
_FLOAT_TOLERANCE = 1e-6
_RELATIONS = ("=", "<", "<=", ">", ">=")


# ------------------------------------------------------------------------------------------
# Printed numbers as scaled integers
# ------------------------------------------------------------------------------------------

def _as_decimal(printed, name: str = "printed", signed: bool = False) -> Decimal:
    """A printed number as a Decimal that keeps its printed precision (negative only if
    ``signed``)."""
    if isinstance(printed, Decimal):
        value = printed
    elif isinstance(printed, str):
        try:
            value = Decimal(printed.strip().rstrip("%"))
        except ArithmeticError:
            raise ValueError(f"{name} must be a printed number such as '35.7'; "
                             f"got {printed!r}") from None
    else:
        raise TypeError(f"{name} must be a str or decimal.Decimal (to keep its printed precision); "
                        f"got {printed!r}")
    if not value.is_finite() or (value < 0 and not signed):
        raise ValueError(f"{name} must be a finite non-negative number; got {printed!r}")
    return value


def _decimals(value: Decimal) -> int:
    return max(0, -value.as_tuple().exponent)


def _scaled(printed, name: str = "printed") -> tuple[int, int]:
    """``(P, d)``: the printed digits as an integer and the number of decimals (12.5 -> 125, 1).

    A negative printed number (a difference) keeps its sign: ``-8.6 -> (-86, 1)``.
    """
    value = _as_decimal(printed, name, signed=True)
    d = _decimals(value)
    return int(value.scaleb(d)), d


def _half_unit(printed) -> Decimal:
    """Half a unit of the last printed digit, e.g. 0.005 for '0.31'."""
    value = _as_decimal(printed)
    return Decimal(5).scaleb(-_decimals(value) - 1)


def _exact_masks(num, den, P) -> dict[str, np.ndarray]:
    """Which rules round the exact ratio ``num / den`` (already scaled) to the integer ``P``.

    Integer arithmetic only: ``2 num`` is compared with ``(2P -+ 1) den`` so that halves are
    exact. Arrays broadcast.
    """
    num, den, P = (np.asarray(a, dtype=np.int64) for a in (num, den, P))
    # A negative printed number is rounded by its magnitude (half-up = half away from zero,
    # truncation toward zero), as printing software does: mirror both sides.
    num, P = np.where(P < 0, -num, num), np.abs(P)
    two_num = 2 * num
    lo = (2 * P - 1) * den
    hi = (2 * P + 1) * den
    even = P % 2 == 0
    return {
        "half-up": (two_num >= lo) & (two_num < hi),
        "half-even": np.where(even, (two_num >= lo) & (two_num <= hi),
                              (two_num > lo) & (two_num < hi)),
        "truncate": (num >= P * den) & (num < (P + 1) * den),
    }


def _float_masks(y, P) -> dict[str, np.ndarray]:
    """Which rules round the floats ``y`` (already scaled) to the integer ``P``, with tolerance."""
    y = np.asarray(y, dtype=float)
    P = np.asarray(P, dtype=float)
    y, P = np.where(P < 0, -y, y), np.abs(P)  # negative printed numbers: by magnitude
    tol = _FLOAT_TOLERANCE
    near_lo = np.abs(y - (P - 0.5)) <= tol
    near_hi = np.abs(y - (P + 0.5)) <= tol
    inside = (y > P - 0.5 + tol) & (y < P + 0.5 - tol)
    even = np.mod(P, 2) == 0
    return {
        "half-up": inside | near_lo,
        "half-even": inside | ((near_lo | near_hi) & even),
        "truncate": (np.abs(y - P) <= tol) | ((y > P + tol) & (y < P + 1 - tol)),
    }


def _number(value, name: str) -> float:
    """A float from a computed float or a printed str / Decimal."""
    if isinstance(value, (float, int, np.floating, np.integer)) and not isinstance(value, bool):
        return float(value)
    return float(_as_decimal(value, name))


def _to_fraction(value) -> Fraction | None:
    """An exact value as a Fraction; None for a float (which is compared with tolerance)."""
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"value must be a number; got {value!r}")
    if isinstance(value, (int, np.integer)):
        return Fraction(int(value))
    if isinstance(value, Fraction):
        return value
    if isinstance(value, Decimal):
        return Fraction(value)
    return None


def round_exact(value, decimals: int, rounding: str = "half-up") -> Decimal:
    """Round an exact value to ``decimals`` decimals under a named rule.

    Parameters
    ----------
    value : int, fractions.Fraction or decimal.Decimal
        A non-negative exact value (a float is refused: it is not exact).
    decimals : int
        Digits after the decimal point, >= 0.
    rounding : {"half-up", "half-even", "truncate"}
        ``half-up`` rounds ties away from zero (what most people do by hand); ``half-even`` rounds
        ties to the even digit (Python's ``round``, numpy, IEEE 754); ``truncate`` drops the digits.

    Returns
    -------
    decimal.Decimal
        With exactly ``decimals`` digits after the point.

    Raises
    ------
    TypeError
        If ``value`` is a float or not a number.
    ValueError
        If ``value`` is negative, ``decimals`` is negative or ``rounding`` is unknown.

    Examples
    --------
    >>> from fractions import Fraction
    >>> [str(round_exact(Fraction(100, 8), 0, r)) for r in ROUNDINGS]
    ['13', '12', '12']
    >>> str(round_exact(Fraction(500, 14), 1))
    '35.7'
    """
    exact = _to_fraction(value)
    if exact is None:
        raise TypeError(f"value must be exact (int, Fraction or Decimal), not "
                        f"{type(value).__name__}; "
                        f"got {value!r}")
    if exact < 0:
        raise ValueError(f"value must be non-negative; got {value!r}")
    if isinstance(decimals, bool) or not isinstance(decimals, (int, np.integer)) or decimals < 0:
        raise ValueError(f"decimals must be a non-negative integer; got {decimals!r}")
    rounding = check_choice(rounding, "rounding", ROUNDINGS)
    scaled = exact * 10 ** int(decimals)
    floor = scaled.numerator // scaled.denominator
    rest = scaled - floor
    if rounding == "truncate" or rest < Fraction(1, 2):
        digits = floor
    elif rest > Fraction(1, 2) or rounding == "half-up":
        digits = floor + 1
    else:
        digits = floor + (floor % 2)
    return Decimal(digits).scaleb(-int(decimals))


def roundings_matching(value, printed) -> tuple[str, ...]:
    """The rounding rules that turn ``value`` into the printed number.

    Parameters
    ----------
    value : int, Fraction, Decimal or float
        The computed value on the printed scale. Exact types are compared exactly; a float is
        compared with a tolerance of 1e-6 units of the last printed digit (a float that close to
        a tie counts as the tie).
    printed : str or decimal.Decimal
        The printed number; its precision is its number of decimals (``"50.0"``: one).

    Returns
    -------
    tuple of str
        A subset of :data:`ROUNDINGS`, in that order; empty when no rule gives the printed digits.

    Examples
    --------
    >>> from fractions import Fraction
    >>> roundings_matching(Fraction(100, 8), "13")
    ('half-up',)
    >>> roundings_matching(Fraction(100, 8), "12")
    ('half-even', 'truncate')
    >>> roundings_matching(21.84, "22")
    ('half-up', 'half-even')
    """
    P, d = _scaled(printed)
    exact = _to_fraction(value)
    if exact is not None:
        scaled = exact * 10 ** d
        masks = _exact_masks(scaled.numerator, scaled.denominator, P)
    else:
        y = float(value)
        if not math.isfinite(y):
            return ()
        masks = _float_masks(y * 10.0 ** d, P)
    return tuple(r for r in ROUNDINGS if bool(masks[r]))


def satisfies(value, printed, relation: str = "=") -> bool:
    """Does ``value`` agree with a printed number or inequality?

    Parameters
    ----------
    value : int, Fraction, Decimal or float
        The computed value.
    printed : str or decimal.Decimal
        The printed number (without its sign).
    relation : {"=", "<", "<=", ">", ">="}
        ``"="`` means "rounds to the printed digits under some rule in :data:`ROUNDINGS`";
        an inequality is checked as printed (``value < printed``).

    Returns
    -------
    bool

    Examples
    --------
    >>> satisfies(0.00048, "0.001", "<")
    True
    >>> satisfies(0.0285, "0.03")
    True
    """
    relation = check_choice(relation, "relation", _RELATIONS)
    if relation == "=":
        return bool(roundings_matching(value, printed))
    bound = float(_as_decimal(printed))
    x = float(value)
    return {"<": x < bound, "<=": x <= bound, ">": x > bound, ">=": x >= bound}[relation]


# ------------------------------------------------------------------------------------------
# Percentages of counts
# ------------------------------------------------------------------------------------------

def percent_roundings(k, n, printed) -> tuple[str, ...]:
    """The rounding rules under which ``100 k / n`` prints as ``printed`` (a percentage).

    Parameters
    ----------
    k, n : int
        Events and patients, ``0 <= k <= n``, ``n >= 1``.
    printed : str or decimal.Decimal
        The printed percentage, e.g. ``"35.7"``.

    Returns
    -------
    tuple of str

    Examples
    --------
    >>> percent_roundings(5, 14, "35.7")
    ('half-up', 'half-even', 'truncate')
    >>> percent_roundings(1, 8, "13")
    ('half-up',)
    >>> percent_roundings(2, 7, "30")
    ()
    """
    k_arr, n_arr = check_counts(k, n)
    return roundings_matching(Fraction(100 * int(k_arr), int(n_arr)), printed)


def _percent_masks(k, n, P, d) -> dict[str, np.ndarray]:
    return _exact_masks(100 * 10 ** d * np.asarray(k, dtype=np.int64), n, P)


def counts_for_percent(printed, n, roundings: Sequence[str] = ROUNDINGS) -> np.ndarray:
    """Every count ``k`` (0..n) whose percentage of ``n`` prints as ``printed``.

    Parameters
    ----------
    printed : str or decimal.Decimal
        The printed percentage.
    n : int
        The denominator, >= 1.
    roundings : sequence of str
        Rules accepted (any of them).

    Returns
    -------
    numpy.ndarray of int
        Sorted; empty when the percentage is not attainable with ``n`` patients.

    Examples
    --------
    >>> counts_for_percent("35.7", 14)
    array([5])
    >>> counts_for_percent("30", 7)
    array([], dtype=int64)
    >>> counts_for_percent("50", 200)  # 49.5 half-up and half-even, 50.5 half-even and truncate
    array([ 99, 100, 101])
    """
    P, d = _scaled(printed)
    n = int(check_counts(0, n)[1])
    roundings = [check_choice(r, "roundings", ROUNDINGS) for r in roundings]
    k = np.arange(n + 1, dtype=np.int64)
    masks = _percent_masks(k, n, P, d)
    keep = np.zeros(n + 1, dtype=bool)
    for r in roundings:
        keep |= masks[r]
    return k[keep]


def nearest_counts(printed, n) -> tuple[int | None, int | None]:
    """The counts whose exact percentages of ``n`` lie nearest below and above a printed one.

    Used to explain an unattainable percentage ("2/7 = 28.6 %, 3/7 = 42.9 %").

    Returns
    -------
    (k_below, k_above) : tuple of int or None
        ``None`` where no count lies on that side.

    Examples
    --------
    >>> nearest_counts("30", 7)
    (2, 3)
    """
    value = Fraction(_as_decimal(printed))
    n = int(check_counts(0, n)[1])
    below = math.floor(value * n / 100)
    above = math.ceil(value * n / 100)
    if above == below:
        below, above = below - 1, above + 1
    return (below if 0 <= below <= n else None, above if 0 <= above <= n else None)


def attainable_percentages(n, decimals: int = 0, rounding: str = "half-up") -> list[Decimal]:
    """Every printed percentage attainable with ``n`` patients (index = count ``k``).

    Examples
    --------
    >>> [str(p) for p in attainable_percentages(7)]
    ['0', '14', '29', '43', '57', '71', '86', '100']
    """
    n = int(check_counts(0, n)[1])
    return [round_exact(Fraction(100 * k, n), decimals, rounding) for k in range(n + 1)]


def denominators_for_percentages(percentages: Sequence, counts: Sequence | None = None, *,
                                 n_max: int = 1000, n_min: int = 1,
                                 roundings: Sequence[str] = ROUNDINGS) -> np.ndarray:
    """Every denominator ``n`` that makes a whole set of printed percentages attainable.

    A GRIM-type test (Brown & Heathers) for percentages: ``n`` is kept when, under one rounding
    rule applied to the whole set, every printed percentage equals ``100 k / n`` for some count
    ``k`` (or for the printed count, where one is given).

    Parameters
    ----------
    percentages : sequence of str or Decimal
        The printed percentages of one group of patients.
    counts : sequence of int or None, optional
        The printed count of each percentage, ``None`` where the text gives none.
    n_max, n_min : int
        The range of denominators searched (inclusive).
    roundings : sequence of str
        Rules tried; a denominator qualifies if one rule fits every percentage.

    Returns
    -------
    numpy.ndarray of int
        The qualifying denominators, ascending.

    Notes
    -----
    Vectorised over ``n``: a percentage ``P`` (scaled to an integer at its printed precision)
    is attainable with ``n`` patients exactly when the count nearest to ``P n / (100 10^d)`` is,
    so two candidate counts per denominator are tested, in integer arithmetic.

    References
    ----------
    .. [1] Brown NJL, Heathers JAJ. The GRIM test. Soc Psychol Personal Sci 2017;8:363-369.

    Examples
    --------
    Rates printed as if from 50 patients that only some denominators can give:

    >>> ns = denominators_for_percentages(["12.8", "25.5", "40.4"])
    >>> int(ns[0])
    47
    >>> 50 in ns
    False
    """
    if isinstance(percentages, (str, Decimal)) or not len(percentages):
        raise ValueError(f"percentages must be a non-empty sequence of printed numbers; "
                         f"got {percentages!r}")
    counts = list(counts) if counts is not None else [None] * len(percentages)
    if len(counts) != len(percentages):
        raise ValueError(f"counts must match percentages in length; "
                         f"got {len(counts)} and {len(percentages)}")
    n_min = int(check_integers(n_min, "n_min"))
    n_max = int(check_integers(n_max, "n_max"))
    if n_min < 1 or n_max < n_min:
        raise ValueError(f"need 1 <= n_min <= n_max; got n_min={n_min}, n_max={n_max}")
    roundings = [check_choice(r, "roundings", ROUNDINGS) for r in roundings]
    n = np.arange(n_min, n_max + 1, dtype=np.int64)
    fits = {r: np.ones(n.shape, dtype=bool) for r in roundings}
    for printed, count in zip(percentages, counts):
        P, d = _scaled(printed, "percentages")
        scale = 100 * 10 ** d
        if count is not None:
            k = int(check_integers(count, "counts"))
            masks = _percent_masks(np.full(n.shape, k), n, P, d)
            masks = {r: masks[r] & (k <= n) for r in roundings}
        else:
            kc = (P * n) // scale
            masks = {r: np.zeros(n.shape, dtype=bool) for r in roundings}
            for cand in (kc, kc + 1):
                m = _percent_masks(cand, n, P, d)
                for r in roundings:
                    masks[r] |= m[r] & (cand <= n)
        for r in roundings:
            fits[r] &= masks[r]
    keep = np.zeros(n.shape, dtype=bool)
    for r in roundings:
        keep |= fits[r]
    return n[keep]


@dataclass(frozen=True)
class PercentTotal:
    """Whether printed percentages can add to 100 within rounding.

    Attributes
    ----------
    total : Decimal
        The sum of the printed percentages.
    slack : Decimal
        How far the true sum may be from ``total``: half a unit of the last printed digit of
        each percentage, summed.
    fits : bool
        ``|total - 100| <= slack``.
    """

    total: Decimal
    slack: Decimal
    fits: bool


def percentages_total(percentages: Iterable) -> PercentTotal:
    """Do printed percentages of one whole add to 100 within their rounding?

    Each percentage rounded half-up or half-even is off by at most half a unit of its last
    printed digit, so the printed sum may miss 100 by the sum of those half units.

    Examples
    --------
    >>> percentages_total(["35.7", "50.0", "14.3"]).fits
    True
    >>> r = percentages_total(["58", "39"])
    >>> r.total, r.slack, r.fits
    (Decimal('97'), Decimal('1.0'), False)
    """
    values = [_as_decimal(p, "percentages") for p in percentages]
    if not values:
        raise ValueError("percentages must not be empty")
    total = sum(values, Decimal(0))
    slack = sum((_half_unit(v) for v in values), Decimal(0))
    return PercentTotal(total=total, slack=slack, fits=abs(total - 100) <= slack)


def mean_totals(printed, n, roundings: Sequence[str] = ROUNDINGS) -> np.ndarray:
    """The integer totals ``T`` for which the mean ``T / n`` prints as ``printed`` (GRIM test).

    A mean of whole numbers over ``n`` patients is a fraction with denominator ``n``; a printed
    mean no such fraction rounds to cannot be right.

    Parameters
    ----------
    printed : str or decimal.Decimal
        The printed mean, e.g. ``"3.86"``.
    n : int
        The number of patients, >= 1.
    roundings : sequence of str
        Rules accepted (any of them).

    Returns
    -------
    numpy.ndarray of int
        Possibly empty.

    References
    ----------
    .. [1] Brown NJL, Heathers JAJ. The GRIM test. Soc Psychol Personal Sci 2017;8:363-369.

    Examples
    --------
    The anlotinib study: 3.86 treatment cycles on average over 14 patients.

    >>> mean_totals("3.86", 14)
    array([54])
    >>> mean_totals("3.87", 14)
    array([], dtype=int64)
    """
    P, d = _scaled(printed)
    n = int(check_counts(0, n)[1])
    roundings = [check_choice(r, "roundings", ROUNDINGS) for r in roundings]
    scale = 10 ** d
    centre = (P * n) // scale
    totals = np.arange(max(0, centre - n // scale - 2), centre + n // scale + 3, dtype=np.int64)
    masks = _exact_masks(totals * scale, n, P)
    keep = np.zeros(totals.shape, dtype=bool)
    for r in roundings:
        keep |= masks[r]
    return totals[keep]


# ------------------------------------------------------------------------------------------
# Which method reproduces a printed interval of a proportion
# ------------------------------------------------------------------------------------------

def _check_methods(methods, allowed, name="methods") -> tuple[str, ...]:
    if methods is None:
        return tuple(allowed)
    if isinstance(methods, str):
        methods = [methods]
    return tuple(check_choice(m, name, allowed) for m in methods)


def _bounds_fit(values: Sequence, printed: Sequence) -> tuple[tuple[str, ...], float]:
    """Rules under which every computed float reproduces its printed bound, and the error.

    ``printed`` items may be None (not printed / not a number): they are skipped. The error is
    the largest distance, in units of the last printed digit, from a computed value to the
    range of values that print as the printed one (0 when it fits).
    """
    rules = set(ROUNDINGS)
    error = 0.0
    for value, p in zip(values, printed):
        if p is None:
            continue
        P, d = _scaled(p)
        y = float(value) * 10.0 ** d
        masks = _float_masks(y, P)
        rules &= {r for r in ROUNDINGS if bool(masks[r])}
        error = max(error, max(0.0, abs(y - P) - 0.5))
    return tuple(r for r in ROUNDINGS if r in rules), error


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
        (bool) and ``error`` (the largest miss in units of the last printed digit, 0 if it
        matches; sort on it to find the nearest method).

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
        rules, error = _bounds_fit((lo, hi), (low, high))
        rows[method] = {"low": lo, "high": hi, "roundings": rules, "matches": bool(rules),
                        "error": error}
    return pd.DataFrame.from_dict(rows, orient="index")


@lru_cache(maxsize=4096)
def _cached_ci(k: int, n: int, method: str, confidence: float) -> tuple[float, float]:
    from sarcoma_stats import proportion_ci

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
    from sarcoma_stats import proportion_ci

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
        P, d = _scaled(percent, "percent")
        # every (k, n) whose percentage prints as `percent` under some rule: the counts within
        # one of P n / (100 10^d) are the only candidates
        scale = 100 * 10 ** d
        span = ns // scale + 2
        offsets = np.arange(-int(span.max()), int(span.max()) + 1)
        kk = (P * ns // scale)[:, None] + offsets[None, :]
        nn = np.broadcast_to(ns[:, None], kk.shape)
        valid = (kk >= 0) & (kk <= nn)
        kk, nn = kk[valid], nn[valid]
        masks = _percent_masks(kk, nn, P, d)
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
                Pb, db = _scaled(low)
                possible &= 100.0 * np.asarray(cp.low) * 10.0 ** db <= Pb + 1 + _FLOAT_TOLERANCE
            if high is not None:
                Pb, db = _scaled(high)
                possible &= 100.0 * np.asarray(cp.high) * 10.0 ** db >= Pb - 0.5 - _FLOAT_TOLERANCE
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
                    Pb, db = _scaled(p)
                    rule_ok &= _float_masks(values * 10.0 ** db, Pb)[rule]
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

@lru_cache(maxsize=512)
def _two_arm_pvalues(k1: int, n1: int, k2: int, n2: int,
                     tests: tuple[str, ...]) -> tuple[float, ...]:
    import sarcoma_stats as api  # the public names, wherever they are defined

    table = np.array([[k1, n1 - k1], [k2, n2 - k2]])
    out = []
    for test in tests:
        if test.startswith("fisher"):
            alternative = {"fisher-less": "less",
                           "fisher-greater": "greater"}.get(test, "two-sided")
            res = api.fisher_exact(table, alternative=alternative, midp=test == "fisher-midp")
        elif test.startswith("chi2"):
            res = api.chi2_test(table, correction=test == "chi2-yates")
        elif test == "barnard":
            res = api.barnard_exact(table)
        else:
            res = api.boschloo_exact(table)
        out.append(float(res.pvalue))
    return tuple(out)


def two_arm_pvalues(k1, n1, k2, n2, tests=None) -> pd.Series:
    """The p-value of every two-arm test in :data:`PVALUE_TESTS` for ``k1/n1`` against ``k2/n2``.

    ``fisher-two-sided`` is R's ``fisher.test``; ``fisher-less`` / ``fisher-greater`` its one-sided
    versions (odds ratio of arm 1 against arm 2); ``fisher-midp`` the two-sided mid-p value;
    ``chi2`` / ``chi2-yates`` Pearson's test without / with Yates' correction; ``barnard`` and
    ``boschloo`` the unconditional exact tests (two-sided), all from
    :mod:`sarcoma_stats.stats.comparisons`.

    Returns
    -------
    pandas.Series
        Indexed by test name.

    Examples
    --------
    >>> p = two_arm_pvalues(14, 24, 4, 18, tests=["fisher-two-sided"])
    >>> round(float(p["fisher-two-sided"]), 4)
    0.0285
    """
    k1a, n1a = check_counts(k1, n1, ("k1", "n1"))
    k2a, n2a = check_counts(k2, n2, ("k2", "n2"))
    tests = _check_methods(tests, PVALUE_TESTS, "tests")
    values = _two_arm_pvalues(int(k1a), int(n1a), int(k2a), int(n2a), tests)
    return pd.Series(values, index=list(tests), name="pvalue", dtype=float)


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
        ``roundings``, ``matches``, ``error`` (largest miss in units of the last printed digit).

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
    from sarcoma_stats import compare_proportions

    check_counts(k1, n1, ("k1", "n1"))
    check_counts(k2, n2, ("k2", "n2"))
    confidence = check_confidence(confidence)
    methods = _check_methods(methods, RD_METHODS)
    rows = {}
    for method in methods:
        res = compare_proportions(k1, n1, k2, n2, measure="rd", method=method,
                                  confidence=confidence)
        lo, hi = 100 * float(res.low), 100 * float(res.high)
        rules, error = _bounds_fit((lo, hi), (low, high))
        rows[f"rd-{method}"] = {"estimate": 100 * float(res.estimate), "low": lo, "high": hi,
                                "roundings": rules, "matches": bool(rules), "error": error}
    return pd.DataFrame.from_dict(rows, orient="index")


# ------------------------------------------------------------------------------------------
# Ratios and their intervals (hazard ratios)
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
    est, lo, hi = (_as_decimal(v, name) for v, name in ((estimate, "estimate"), (low, "low"),
                                                         (high, "high")))
    h_est, h_lo, h_hi = _half_unit(est), _half_unit(lo), _half_unit(hi)
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
    est, lo, hi = (_as_decimal(v, name) for v, name in ((estimate, "estimate"), (low, "low"),
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
    from .stats.survival import pvalue_from_ci

    relation = check_choice(relation, "relation", _RELATIONS)
    p = _as_decimal(printed_p, "printed_p")
    implied = pvalue_from_ci(*(_number(v, name) for v, name in
                               ((estimate, "estimate"), (low, "low"), (high, "high"))),
                             confidence=confidence)
    wald_z = abs(implied.z)

    def z_of(pv: float) -> float:
        if pv <= 0:
            return math.inf
        if pv >= 1:
            return 0.0
        return float(stats.norm.isf(pv / 2))

    if relation == "=":
        h = _half_unit(p)
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
    from .stats.survival import median_ci_symmetry

    m, lo, hi = (_as_decimal(v, name)
                 for v, name in ((median, "median"), (low, "low"), (high, "high")))
    tolerance = float(_half_unit(lo) + _half_unit(hi) + 2 * _half_unit(m))
    return median_ci_symmetry(float(m), float(lo), float(hi), confidence=confidence,
                              tolerance=tolerance)


# |g'(S)| of each transform g of sarcoma_stats.stats.survival.survival_ci_transforms, to carry a standard
# error from g's scale back to the rate's (delta method)
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
    from .stats.survival import survival_ci_transforms

    r, lo, hi = (_as_decimal(v, name) for v, name in ((rate, "rate"), (low, "low"), (high, "high")))
    hr_, hl, hh = _half_unit(r), _half_unit(lo), _half_unit(hi)

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


# ------------------------------------------------------------------------------------------
# Printed tables
# ------------------------------------------------------------------------------------------

_CONDITIONS = ("equals", "in", "contains", "not_contains", "startswith")


def condition_holds(cell: str, condition: Mapping) -> bool:
    """Does a table cell (printed text) satisfy one condition?

    Conditions are one-key mappings: ``{"equals": "M"}``, ``{"in": ["PR", "SD"]}``,
    ``{"contains": "SUR"}``, ``{"not_contains": "SUR"}``, ``{"startswith": "III"}``. Text is
    compared exactly (case-sensitive) after stripping surrounding white space.

    Examples
    --------
    >>> condition_holds("SUR + CHE", {"contains": "SUR"})
    True
    >>> condition_holds("IIIB", {"startswith": "III"})
    True
    >>> condition_holds("PD", {"in": ["PR", "SD"]})
    False
    """
    if not isinstance(condition, Mapping) or len(condition) != 1:
        raise ValueError(f"condition must be a one-key mapping; got {condition!r}")
    (op, arg), = condition.items()
    op = check_choice(op, "condition operator", _CONDITIONS)
    text = str(cell).strip()
    if op == "in":
        return text in {str(a).strip() for a in arg}
    arg = str(arg).strip()
    if op == "equals":
        return text == arg
    if op == "contains":
        return arg in text
    if op == "not_contains":
        return arg not in text
    return text.startswith(arg)


def filter_rows(rows: Iterable[Mapping[str, str]], where: Mapping[str, Mapping] | None) -> list:
    """The rows (mappings of column to cell text) on which every condition of ``where`` holds.

    Examples
    --------
    >>> rows = [{"sex": "M", "response": "PR"}, {"sex": "F", "response": "SD"},
    ...         {"sex": "M", "response": "PD"}]
    >>> len(filter_rows(rows, {"sex": {"equals": "M"}, "response": {"in": ["PR", "SD"]}}))
    1
    """
    where = where or {}
    return [row for row in rows
            if all(condition_holds(row[col], cond) for col, cond in where.items())]

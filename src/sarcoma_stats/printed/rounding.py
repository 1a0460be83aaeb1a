"""Rounding: which printed numbers counts can give, and which counts a printed number allows.

Ratios of counts are computed exactly (integers and :class:`fractions.Fraction`), so 1/8 = 12.5 %
is a tie and nothing else: printed "13" fits ``half-up``, "12" fits ``half-even`` and
``truncate``. Values computed in floating point (interval bounds, p-values) are compared with a
tolerance of 1e-6 units of the last printed digit; a value that close to a tie is treated as the
tie. A negative printed number (a difference) is rounded by its magnitude, as printing software
does.

References
----------
Brown NJL, Heathers JAJ. The GRIM test: a simple technique detects numerous anomalies in the
reporting of results in psychology. Soc Psychol Personal Sci 2017;8:363-369.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Iterable, Sequence

import numpy as np

from .._validation import check_choice, check_counts, check_integers
from .number import RELATIONS, as_decimal, half_unit, scaled

__all__ = [
    "FLOAT_TOLERANCE",
    "ROUNDINGS",
    "PercentTotal",
    "attainable_percentages",
    "bounds_fit",
    "counts_for_percent",
    "denominators_for_percentages",
    "float_masks",
    "mean_totals",
    "nearest_counts",
    "percent_masks",
    "percent_roundings",
    "percentages_total",
    "round_exact",
    "roundings_matching",
    "satisfies",
]

#: Rounding rules a printed number is tested against.
ROUNDINGS = ("half-up", "half-even", "truncate")
#: Computed floats closer than this (in units of the last printed digit) to a rounding boundary
#: count as lying on it.
FLOAT_TOLERANCE = 1e-6


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


def float_masks(y, P) -> dict[str, np.ndarray]:
    """Which rules round the floats ``y`` (already scaled) to the integer ``P``, with tolerance."""
    y = np.asarray(y, dtype=float)
    P = np.asarray(P, dtype=float)
    y, P = np.where(P < 0, -y, y), np.abs(P)  # negative printed numbers: by magnitude
    tol = FLOAT_TOLERANCE
    near_lo = np.abs(y - (P - 0.5)) <= tol
    near_hi = np.abs(y - (P + 0.5)) <= tol
    inside = (y > P - 0.5 + tol) & (y < P + 0.5 - tol)
    even = np.mod(P, 2) == 0
    return {
        "half-up": inside | near_lo,
        "half-even": inside | ((near_lo | near_hi) & even),
        "truncate": (np.abs(y - P) <= tol) | ((y > P + tol) & (y < P + 1 - tol)),
    }




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
    shifted = exact * 10 ** int(decimals)
    floor = shifted.numerator // shifted.denominator
    rest = shifted - floor
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
    P, d = scaled(printed)
    exact = _to_fraction(value)
    if exact is not None:
        shifted = exact * 10 ** d
        masks = _exact_masks(shifted.numerator, shifted.denominator, P)
    else:
        y = float(value)
        if not math.isfinite(y):
            return ()
        masks = float_masks(y * 10.0 ** d, P)
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
    relation = check_choice(relation, "relation", RELATIONS)
    if relation == "=":
        return bool(roundings_matching(value, printed))
    bound = float(as_decimal(printed))
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


def percent_masks(k, n, P, d) -> dict[str, np.ndarray]:
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
    P, d = scaled(printed)
    n = int(check_counts(0, n)[1])
    roundings = [check_choice(r, "roundings", ROUNDINGS) for r in roundings]
    k = np.arange(n + 1, dtype=np.int64)
    masks = percent_masks(k, n, P, d)
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
    value = Fraction(as_decimal(printed))
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
        P, d = scaled(printed, "percentages")
        scale = 100 * 10 ** d
        if count is not None:
            k = int(check_integers(count, "counts"))
            masks = percent_masks(np.full(n.shape, k), n, P, d)
            masks = {r: masks[r] & (k <= n) for r in roundings}
        else:
            kc = (P * n) // scale
            masks = {r: np.zeros(n.shape, dtype=bool) for r in roundings}
            for cand in (kc, kc + 1):
                m = percent_masks(cand, n, P, d)
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
    values = [as_decimal(p, "percentages") for p in percentages]
    if not values:
        raise ValueError("percentages must not be empty")
    total = sum(values, Decimal(0))
    slack = sum((half_unit(v) for v in values), Decimal(0))
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
    P, d = scaled(printed)
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




def bounds_fit(values: Sequence, printed: Sequence) -> tuple[tuple[str, ...], float]:
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
        P, d = scaled(p)
        y = float(value) * 10.0 ** d
        masks = float_masks(y, P)
        rules &= {r for r in ROUNDINGS if bool(masks[r])}
        error = max(error, max(0.0, abs(y - P) - 0.5))
    return tuple(r for r in ROUNDINGS if r in rules), error

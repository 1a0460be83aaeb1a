"""The hypergeometric distribution of a 2x2 table given both margins: accurate log-probabilities
at any size, tail sums for many tables at once, and exact (rational) probabilities.

Shared by Fisher's test (:mod:`~sarcoma_stats.stats.hypotests`), the conditional odds ratio
(:mod:`~sarcoma_stats.stats.comparisons`) and Boschloo's statistic
(:mod:`~sarcoma_stats.stats.unconditional`); nothing here is public API.

Notation: arms of ``n1`` and ``n2`` patients (``N = n1 + n2``), ``m`` events in all. The events
``X`` of arm 1 have the support ``lo = max(0, m - n2) .. hi = min(n1, m)`` and

    f(x) = P(X = x) = C(n1, x) C(n2, m - x) / C(N, m),

a log-concave sequence: the ratio ``f(x + 1) / f(x)`` never increases with ``x``, so ``f`` rises
to a mode and falls after it.

Accuracy. For ``N <= 2**14`` the logarithms come from a table of ``log k!`` (absolute error
about 1e-11); above, from Loader's saddle-point expansion (Loader 2000, as R's ``dhyper``), whose
terms are all of the size of ``log f`` itself, so that ``log f`` keeps an absolute error of
about 1e-13 however large the counts (a difference of ``log N!`` terms would lose all precision
at ``N`` near 10^8). Tail sums add the terms ``f(y) / f(start)`` from the start outwards, built
by the exact ratio recurrence, until the rest is provably below 2**-54 of the sum.

References
----------
.. [1] Loader C. Fast and accurate computation of binomial probabilities. 2000.
       https://www.r-project.org/doc/reports/CLoader-dbinom-2002.pdf
"""

from __future__ import annotations

from fractions import Fraction
from math import comb, lgamma

import numpy as np

__all__ = [
    "MAX_TOTAL",
    "TABLE_MAX",
    "TAIL_TOLERANCE",
    "log_factorials",
    "exact_weights",
    "log_pmf",
    "margins",
    "mode",
    "tail_sum",
]

#: The largest total ``N = n1 + n2`` handled (2**40, about 1.1e12 patients): a tail sum takes
#: about ``2 sqrt(N)`` terms, so that the time per table stays below about a tenth of a second.
MAX_TOTAL = 2**40
#: Up to this total, log-probabilities come from a table of log k! (:func:`log_factorials`).
TABLE_MAX = 2**14
_LOG_2PI = float(np.log(2.0 * np.pi))
#: Tail sums stop when the rest is below this fraction of the sum (below the error of log f).
TAIL_TOLERANCE = 1e-14
# Tables handled together in a tail sum block, and the longest block of terms.
_BLOCK_ELEMENTS = 2**14
_MAX_BLOCK = 2**12

_log_factorial_table = np.zeros(1)


def log_factorials(n: int) -> np.ndarray:
    """``log k!`` for ``k = 0..n`` (a cached table, grown by powers of two)."""
    global _log_factorial_table
    if _log_factorial_table.size <= n:
        size = min(max(2 * _log_factorial_table.size, 1024, 1 << int(n).bit_length()),
                   TABLE_MAX + 1)
        # math.lgamma (no scipy import on the path of a first fisher_exact call)
        _log_factorial_table = np.array([lgamma(k + 1.0) for k in range(size)])
    return _log_factorial_table


def margins(table: np.ndarray):
    """``a, n1, n2, m`` (events of arm 1, arm sizes, events in all) of validated tables, as
    int64 arrays of the batch shape."""
    a = table[..., 0, 0]
    n1 = table[..., 0, 0] + table[..., 0, 1]
    n2 = table[..., 1, 0] + table[..., 1, 1]
    m = table[..., 0, 0] + table[..., 1, 0]
    return a, n1, n2, m


def mode(n1, n2, m):
    """A mode of ``X`` and its support ``lo``, ``hi``: ``f`` does not decrease up to the mode and
    does not increase after it."""
    lo = np.maximum(0, m - n2)
    hi = np.minimum(n1, m)
    # floor((n1 + 1)(m + 1) / (N + 2)), in integers while the product fits in int64; above, in
    # floats (then possibly one off, where f(top) and its neighbour differ by about 1/N)
    small = n1 + n2 < 2**31
    exact = np.where(small, n1 + 1, 0) * (m + 1) // (n1 + n2 + 2)
    approx = np.floor((n1 + 1.0) / (n1 + n2 + 2.0) * (m + 1.0)).astype(np.int64)
    top = np.clip(np.where(small, exact, approx), lo, hi)
    return top, lo, hi


# ------------------------------------------------------------------------------------------
# log-probabilities
# ------------------------------------------------------------------------------------------


def _stirling_error(n):
    """``log n! - log(sqrt(2 pi n) (n / e)**n)`` for ``n >= 1`` (Loader's ``stirlerr``)."""
    n = np.asarray(n, dtype=float)
    small = n <= 15
    k = np.arange(16.0)
    table = (log_factorials(15)[:16] - (k + 0.5) * np.log(np.maximum(k, 1.0)) + k
             - 0.5 * _LOG_2PI)
    nn = np.where(small, 16.0, n)
    n2 = nn * nn
    series = (1 / 12 - (1 / 360 - (1 / 1260 - (1 / 1680 - 1 / (1188 * n2)) / n2) / n2) / n2) / nn
    return np.where(small, table[np.clip(n, 0, 15).astype(np.int64)], series)


def _deviance(x, mean):
    """``x log(x / mean) + mean - x`` for ``x >= 0``, ``mean > 0``, without cancellation
    (Loader's ``bd0``: a series when ``x`` is close to ``mean``)."""
    x = np.asarray(x, dtype=float)
    close = np.abs(x - mean) < 0.1 * (x + mean)
    with np.errstate(divide="ignore", invalid="ignore"):
        direct = np.where(x > 0, x * np.log(x / mean), 0.0) + mean - x
    v = np.where(close, (x - mean) / (x + mean), 0.0)
    total = (x - mean) * v
    term = 2.0 * x * v
    v2 = v * v
    for j in range(1, 16):  # |v| < 0.1: each term is 100 times smaller than the last
        term = term * v2
        total = total + term / (2 * j + 1)
    return np.where(close, total, direct)


def _log_binomial(x, n, p, q):
    """``log Binom(x; n, p)`` for integer-valued float arrays ``0 <= x <= n`` (Loader)."""
    inner = (x > 0) & (x < n)
    xs = np.where(inner, x, 1.0)
    ns = np.where(inner, n, 2.0)
    value = (_stirling_error(ns) - _stirling_error(xs) - _stirling_error(ns - xs)
             - _deviance(xs, ns * p) - _deviance(ns - xs, ns * q)
             + 0.5 * np.log(ns / (2.0 * np.pi * xs * (ns - xs))))
    with np.errstate(divide="ignore"):
        edge = np.where(x == 0, n * np.log(q), n * np.log(p))
    return np.where(inner, value, edge)


def log_pmf(x, n1, n2, m):
    """``log f(x)`` for integer arrays (broadcast together), ``x`` inside the support."""
    x, n1, n2, m = np.broadcast_arrays(*(np.asarray(v, dtype=np.int64) for v in (x, n1, n2, m)))
    total = n1 + n2
    out = np.empty(x.shape)
    small = total <= TABLE_MAX
    if np.any(small):
        xs, a, b, e = (v[small] for v in (x, n1, n2, m))
        lf = log_factorials(int(np.max(a + b)))
        out[small] = (lf[a] + lf[b] + lf[e] + lf[a + b - e] - lf[a + b]
                      - lf[xs] - lf[a - xs] - lf[e - xs] - lf[b - e + xs])
    if not np.all(small):
        large = ~small
        xs, a, b, e = (v[large].astype(float) for v in (x, n1, n2, m))
        t = a + b
        p, q = e / t, (t - e) / t
        out[large] = (_log_binomial(xs, a, p, q) + _log_binomial(e - xs, b, p, q)
                      - _log_binomial(e, t, p, q))
    return out


# ------------------------------------------------------------------------------------------
# tail sums
# ------------------------------------------------------------------------------------------


def tail_sum(start, n1, n2, m, upward: bool):
    """``sum over y of f(y) / f(start)`` for ``y >= start`` (``upward``) or ``y <= start``.

    Each table's ``start`` must lie inside its support and on the side of the mode the sum moves
    away from (``start`` at or above a mode for ``upward``, at or below one otherwise), where the
    terms do not increase. One-dimensional int64 arrays of equal length; returns floats.

    The terms come from the ratio recurrence ``f(y + 1) / f(y) = (n1 - y)(m - y) /
    ((y + 1)(n2 - m + y + 1))`` (0 at the end of the support), in blocks for all unfinished
    tables at once; the first block of a table is as long as a Gaussian model of its decay
    predicts. A table is finished when the rest of its sum is provably below 1e-14 of it: with
    ratios that do not increase, the terms after one of ratio ``r < 1`` add at most
    ``r / (1 - r)`` times it.
    """
    if not upward:  # y <= start in (n1, n2) is m - y >= m - start with the arms swapped
        return tail_sum(np.asarray(m) - start, n2, n1, m, upward=True)
    y = np.asarray(start, dtype=float)
    a, b, e = (np.asarray(v, dtype=float) for v in (n1, n2, m))
    total = np.ones(y.shape)
    last = np.ones(y.shape)
    if y.size == 0:
        return total
    # first block: terms until the tolerance, if the log-ratio falls by 1/variance per step
    t = a + b
    variance = np.maximum(a * b * e * (t - e) / (t * t * np.maximum(t - 1.0, 1.0)), 0.25)
    first = (a - y) * (e - y) / ((y + 1.0) * (b - e + y + 1.0))
    with np.errstate(divide="ignore"):
        drop = -np.log(first)
    depth = -np.log(TAIL_TOLERANCE)
    need = 2.0 * depth / (drop + np.sqrt(drop * drop + 2.0 * depth / variance)) + 2.0
    # lengths in steps of 8 up to 64, then powers of two: few groups, little waste
    block = np.where(need <= 64, 8 * np.ceil(need / 8), 2 ** np.ceil(np.log2(need)))
    block = np.clip(block, 8, _MAX_BLOCK).astype(np.int64)
    active = np.arange(y.size)
    while active.size:
        sizes = block[active]
        for size in np.unique(sizes):
            rows = active[sizes == size]
            steps = np.arange(size, dtype=float)
            for chunk in np.array_split(rows, max(1, rows.size * size // _BLOCK_ELEMENTS)):
                yc = y[chunk, None]
                ratio = (a[chunk, None] - yc - steps) * (e[chunk, None] - yc - steps)
                ratio /= (yc + 1.0 + steps) * (b[chunk, None] - e[chunk, None] + yc + 1.0 + steps)
                if np.any(y[chunk] + size > np.minimum(a[chunk], e[chunk])):
                    np.maximum(ratio, 0.0, out=ratio)  # past the end of the support
                np.cumprod(ratio, axis=1, out=ratio)
                scale = last[chunk]
                total[chunk] += scale * ratio.sum(axis=1)
                tail = scale * ratio[:, -1]
                last[chunk] = tail
                with np.errstate(divide="ignore", invalid="ignore"):
                    r = ratio[:, -1] / ratio[:, -2]  # the last ratio (blocks have >= 4 terms)
                    rest = np.where(r < 1.0, tail * r / (1.0 - r), np.inf)
                done = (tail == 0.0) | (rest <= TAIL_TOLERANCE * total[chunk])
                y[chunk] += size
                last[chunk[done]] = -1.0  # marks a finished table
        active = active[last[active] >= 0.0]
        block[active] = np.minimum(2 * block[active], _MAX_BLOCK)
    return total


# ------------------------------------------------------------------------------------------
# exact probabilities (decisions at a boundary)
# ------------------------------------------------------------------------------------------


def exact_weights(n1: int, n2: int, m: int) -> tuple[int, list[int], int]:
    """``(lo, [C(n1, x) C(n2, m - x) for x = lo..hi], C(N, m))`` as Python integers."""
    lo, hi = max(0, m - n2), min(n1, m)
    weight = comb(n1, lo) * comb(n2, m - lo)
    weights = [weight]
    for x in range(lo, hi):
        weight = weight * (n1 - x) * (m - x) // ((x + 1) * (n2 - m + x + 1))
        weights.append(weight)
    return lo, weights, comb(n1 + n2, m)


def exact_probability(n1: int, n2: int, m: int, xs) -> Fraction:
    """``P(X in xs)`` as an exact fraction (``xs`` an iterable of support points)."""
    lo, weights, total = exact_weights(n1, n2, m)
    return Fraction(sum(weights[x - lo] for x in xs), total)

"""The numba kernels of :mod:`sarcoma_stats.stats._compiled` (imported only when numba is
installed and a batch is large; compiled code is cached on disk by numba).

Each function mirrors a numpy function of the package step by step (same algorithm, same
stopping rules); see :mod:`~sarcoma_stats.stats._compiled`.
"""

import numba
import numpy as np


@numba.njit(cache=True)
def _log_f(x, const, n1, n2, m, lf):
    """log P(X = x) of the hypergeometric distribution, from the table ``lf`` of log k!."""
    return const - lf[x] - lf[n1 - x] - lf[m - x] - lf[n2 - m + x]


@numba.njit(cache=True)
def _upper(x, hi, const, n1, n2, m, lf, tolerance):
    """P(X >= x) for x above a mode (0 above the support): the terms from x upwards by the
    ratio recurrence, until the rest is provably below ``tolerance`` of the sum."""
    if x > hi:
        return 0.0
    total, term, y = 1.0, 1.0, x
    while y < hi:
        r = (n1 - y) * (m - y) / ((y + 1.0) * (n2 - m + y + 1.0))
        term *= r
        total += term
        y += 1
        if r < 1.0 and term * r / (1.0 - r) <= tolerance * total:
            break
    return np.exp(_log_f(x, const, n1, n2, m, lf)) * total


@numba.njit(cache=True)
def _lower(x, lo, const, n1, n2, m, lf, tolerance):
    """P(X <= x) for x at or below a mode (0 below the support)."""
    if x < lo:
        return 0.0
    total, term, y = 1.0, 1.0, x
    while y > lo:
        r = y * (n2 - m + y) / ((n1 - y + 1.0) * (m - y + 1.0))
        term *= r
        total += term
        y -= 1
        if r < 1.0 and term * r / (1.0 - r) <= tolerance * total:
            break
    return np.exp(_log_f(x, const, n1, n2, m, lf)) * total


@numba.njit(cache=True)
def _tie(c, lo, hi, log_a, const, n1, n2, m, lf, log_relative):
    """P(X = c) if ``c`` is inside the support and tied with the observed table, else 0."""
    if c < lo or c > hi:
        return 0.0
    weight = _log_f(c, const, n1, n2, m, lf)
    return np.exp(weight) if abs(weight - log_a) <= log_relative else 0.0


@numba.njit(cache=True, nogil=True)
def fisher(a_all, n1_all, n2_all, m_all, lf, code, midp, tolerance, log_relative, out):
    """Fisher p-values (``code`` 0: less, 1: greater, 2: two-sided) of each table into ``out``;
    mirrors :func:`sarcoma_stats.stats.hypotests._fisher_chunk`."""
    for i in range(a_all.size):
        a, n1, n2, m = a_all[i], n1_all[i], n2_all[i], m_all[i]
        n = n1 + n2
        lo = max(0, m - n2)
        hi = min(n1, m)
        top = min(max((n1 + 1) * (m + 1) // (n + 2), lo), hi)
        const = lf[n1] + lf[n2] + lf[m] + lf[n - m] - lf[n]
        log_a = _log_f(a, const, n1, n2, m, lf)
        point = np.exp(log_a)
        half = 0.5 * point if midp else 0.0
        if code == 0:
            if a <= top:
                p = _lower(a, lo, const, n1, n2, m, lf, tolerance)
            else:
                p = 1.0 - _upper(a + 1, hi, const, n1, n2, m, lf, tolerance)
        elif code == 1:
            if a > top:
                p = _upper(a, hi, const, n1, n2, m, lf, tolerance)
            else:
                p = 1.0 - _lower(a - 1, lo, const, n1, n2, m, lf, tolerance)
        else:
            threshold = log_a + log_relative
            # the tables no more probable than the threshold: x <= left (<= top) or x >= right
            if a <= top:
                left = a
                while left < top and _log_f(left + 1, const, n1, n2, m, lf) <= threshold:
                    left += 1
                below, above = top, hi + 1  # the first x > top in the set, by bisection
                while above - below > 1:
                    middle = (below + above) // 2
                    if _log_f(middle, const, n1, n2, m, lf) <= threshold:
                        above = middle
                    else:
                        below = middle
                right = above
            else:
                right = a
                while right > top + 1 and _log_f(right - 1, const, n1, n2, m, lf) <= threshold:
                    right -= 1
                below, above = lo - 1, top + 1  # the last x <= top in the set
                while above - below > 1:
                    middle = (below + above) // 2
                    if _log_f(middle, const, n1, n2, m, lf) <= threshold:
                        below = middle
                    else:
                        above = middle
                left = below
            if left == top and right == top + 1:
                p = 1.0
            else:
                p = (_lower(left, lo, const, n1, n2, m, lf, tolerance)
                     + _upper(right, hi, const, n1, n2, m, lf, tolerance))
            if midp:
                # tied tables count one half: a neighbour or the inner end of a tail, each once
                ties = point + _tie(a - 1, lo, hi, log_a, const, n1, n2, m, lf, log_relative)
                ties += _tie(a + 1, lo, hi, log_a, const, n1, n2, m, lf, log_relative)
                if left != a and left != a - 1 and left != a + 1:
                    ties += _tie(left, lo, hi, log_a, const, n1, n2, m, lf, log_relative)
                if right != a and right != a - 1 and right != a + 1 and right != left:
                    ties += _tie(right, lo, hi, log_a, const, n1, n2, m, lf, log_relative)
                half = 0.5 * ties
        out[i] = min(max(p - half, 0.0), 1.0)

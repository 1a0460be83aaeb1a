"""The tables of two arms of given sizes, their probabilities under the null, and the supremum
over the common event probability.

Shared by the exact unconditional tests (:mod:`sarcoma_stats.stats.unconditional`) and exact
power (:mod:`sarcoma_stats.stats.power`); nothing here is public API.

With arms of sizes ``n1`` and ``n2`` (``N = n1 + n2``) every outcome is a table ``(x1, x2)``.
When both arms have the event probability ``pi``, the probability of a set ``R`` of tables is

    P(R; pi) = sum over t of  h_R(t) * Binom(t; N, pi),
    h_R(t)   = sum over (x1, x2) in R with x1 + x2 = t of  Hypergeom(x1; N, n1, t),

because ``C(n1, x1) C(n2, x2) = Hypergeom(x1; N, n1, t) C(N, t)``: a region is folded into the
vector ``h_R`` of length ``N + 1`` (:func:`region_vector`) and :func:`supremum` maximises
``P(R; pi)`` over ``pi``.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

__all__ = [
    "bisect",
    "default_grid",
    "grid_tables",
    "hypergeometric_weights",
    "log_comb",
    "region_supremum",
    "region_vector",
    "supremum",
]

# The supremum is certified to this relative accuracy.
_RTOL = 1e-12
# Cells near a maximum are cut at distances r * _RATIO**k from it (_STEPS of them, reaching
# 1e6 peak widths): each cell is then 0.3 times its distance from the top, narrow enough for
# the second-order bound to fall below the top even where P is four times flatter than a
# binomial pmf.
_RATIO = 1.3
_STEPS = 53
# Elements of the (cells x (N + 1)) arrays handled at a time.
_CHUNK_ELEMENTS = 2**20

def bisect(found, missing, test):
    """Vectorised integer bisection between two sentinels.

    ``test(x, rows)`` says, for the points ``x`` of the rows ``rows`` (indices into ``found``),
    whether they are on the ``found`` side; it is True at ``found`` and False at ``missing``
    (sentinels are not evaluated) and changes value once in between. Only the rows not yet
    settled are evaluated. Returns the last point on the ``found`` side.
    """
    found = np.array(found, copy=True)
    missing = np.array(missing, copy=True)
    rows = np.flatnonzero(np.abs(missing - found) > 1)
    while rows.size:  # at most log2(range) steps
        middle = (found[rows] + missing[rows]) // 2
        ok = test(middle, rows)
        found[rows[ok]] = middle[ok]
        missing[rows[~ok]] = middle[~ok]
        rows = rows[np.abs(missing[rows] - found[rows]) > 1]
    return found


def grid_tables(n1: int, n2: int):
    x1 = np.arange(n1 + 1, dtype=np.int64)[:, None]
    x2 = np.arange(n2 + 1, dtype=np.int64)[None, :]
    return x1, x2

@lru_cache(maxsize=32)
def log_comb(m: int) -> np.ndarray:
    """``log C(m, k)`` for ``k = 0..m`` (cached, read-only)."""
    from scipy.special import gammaln

    k = np.arange(m + 1)
    out = gammaln(m + 1) - gammaln(k + 1) - gammaln(m - k + 1)
    out.flags.writeable = False
    return out

@lru_cache(maxsize=8)
def hypergeometric_weights(n1: int, n2: int) -> np.ndarray:
    """``Hypergeom(x1; N, n1, x1 + x2)`` for every table, shape ``(n1 + 1, n2 + 1)`` (cached,
    read-only)."""
    x1, x2 = grid_tables(n1, n2)
    out = np.exp(log_comb(n1)[:, None] + log_comb(n2)[None, :] - log_comb(n1 + n2)[x1 + x2])
    out.flags.writeable = False
    return out

def default_grid(n: int) -> int:
    # About two grid points per standard deviation of a peak in the theta scale,
    # 1 / (2 sqrt(N)), so that the grid value of a peak is within about 3% of its top;
    # never fewer than 48.
    return max(48, int(np.ceil(2.0 * np.pi * np.sqrt(n))))

@lru_cache(maxsize=16)
def _binomial_grid(n: int, n_grid: int) -> tuple[np.ndarray, np.ndarray]:
    """The grid of ``pi`` (uniform in ``theta``, ``pi = sin(theta)**2``) and
    ``Binom(t; n, pi)`` for ``t = 0..n`` on it, shape ``(n + 1, n_grid)`` (cached, read-only).

    The grid is made exactly symmetric (``pi`` and ``1 - pi``), so that only half of the
    binomial probabilities are computed: ``Binom(t; n, 1 - pi) = Binom(n - t; n, pi)``.
    """
    half = (n_grid + 1) // 2
    grid = np.empty(n_grid)
    grid[:half] = np.sin(np.linspace(0.0, np.pi / 2, n_grid)[:half]) ** 2
    grid[n_grid - half:] = 1.0 - grid[:half][::-1]
    inner = grid[1:half]
    pmf = np.zeros((n + 1, n_grid))
    lx, l1x = np.log(inner), np.log1p(-inner)
    logs = np.multiply.outer(np.arange(n + 1.0), lx - l1x)
    logs += log_comb(n)[:, None]
    logs += n * l1x
    pmf[:, 1:half] = np.exp(logs)
    pmf[0, 0] = 1.0
    pmf[:, n_grid - half:] = pmf[::-1, :half][:, ::-1]
    grid.flags.writeable = False
    pmf.flags.writeable = False
    return grid, pmf

def _binomial(t, n: int, x, log_coef):
    """``Binom(t; n, x)`` for arrays ``t`` (ints as floats) and ``x`` in [0, 1] (broadcast)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = log_coef + np.where(t > 0, t * np.log(x), 0.0) + np.where(
            n - t > 0, (n - t) * np.log1p(-x), 0.0)
    return np.exp(logs)


@lru_cache(maxsize=16)
def _cell_maxima(n: int, n_grid: int) -> np.ndarray:
    """``max over pi in cell i of Binom(t; n, pi)``, shape ``(n + 1, n_grid - 1)``: each pmf is
    unimodal in ``pi`` with its top at ``t / n`` (cached, read-only)."""
    grid, _ = _binomial_grid(n, n_grid)
    t = np.arange(n + 1.0)[:, None]
    x = np.clip(t / n, grid[None, :-1], grid[None, 1:])
    out = _binomial(t, n, x, log_comb(n)[:, None])
    out.flags.writeable = False
    return out


def _dot_rows(h, rows, vectors, index):
    """``h[rows[k]] . vectors[index[k]]`` for every k, in chunks of bounded size."""
    out = np.empty(rows.size)
    step = max(1, _CHUNK_ELEMENTS // vectors.shape[1])
    for start in range(0, rows.size, step):
        part = slice(start, start + step)
        out[part] = np.einsum("ij,ij->i", h[rows[part]], vectors[index[part]])
    return out


def _cell_vectors(a, b, n):
    """For cells ``[a, b]``: ``Binom(t; n, .)`` at both ends and at the midpoint, and the
    vector whose dot product with ``h`` is ``P`` continued to the corner of the triangle of
    :func:`_cell_bounds` (rows of shape ``(n + 1,)``)."""
    t = np.arange(n + 1.0)
    log_coef = log_comb(n)
    lo, hi = a[:, None], b[:, None]
    at_lo, at_hi = _binomial(t, n, lo, log_coef), _binomial(t, n, hi, log_coef)
    mid = _binomial(t, n, 0.5 * (lo + hi), log_coef)
    corner = np.zeros_like(at_lo)
    inner = (a > 0.0) & (b < 1.0)
    if inner.any():
        lo, hi = lo[inner], hi[inner]
        width = hi - lo
        # the end tangents of (log pi, log(1 - pi)) meet at (log lo + s / lo,
        # log(1 - lo) - s / (1 - lo))
        du, dv = np.log1p(width / lo), np.log1p(-width / (1.0 - lo))
        s = lo * (1.0 - lo) * ((1.0 - hi) * dv + hi * du) / width
        log_lo = log_coef + t * np.log(lo) + (n - t) * np.log1p(-lo)
        corner[inner] = np.exp(log_lo + s * (t - n * lo) / (lo * (1.0 - lo)))
    return at_lo, at_hi, mid, corner


def _cell_bounds(h, rows, a, b, n):
    """Values at the ends, signs of ``dP/dpi`` there, and an upper bound of
    ``P(pi) = sum_t h_t Binom(t; n, pi)`` on each cell ``[a[k], b[k]]`` of row ``rows[k]``.

    ``P = F(log pi, log(1 - pi))`` with ``F(u, v) = sum_t h_t C(n, t) exp(t u + (n - t) v)``,
    a convex function of ``(u, v)`` (``h_t >= 0``), and the curve ``(log pi, log(1 - pi))`` is
    concave: on a cell it lies inside the triangle of its chord and its two end tangents, so
    ``P <= F`` at one of the three corners (second order in the cell width). ``1 - P`` is
    convex in the same way, so it lies above its tangent plane at the cell's midpoint; along
    the cell that plane is a concave function of ``pi``, least at an end, which bounds ``P``
    where it is close to 1. A cell that touches 0 or 1 gets ``sum_t h_t max Binom(t; n, pi)``
    instead (every pmf is unimodal in ``pi``). The least bound is returned.
    """
    t = np.arange(n + 1.0)
    cells, index = np.unique(np.stack([a, b], axis=1), axis=0, return_inverse=True)
    index = index.ravel()
    ua, ub = cells[:, 0], cells[:, 1]
    at_lo, at_hi, mid, corner = _cell_vectors(ua, ub, n)
    p_a, p_b = _dot_rows(h, rows, at_lo, index), _dot_rows(h, rows, at_hi, index)
    slope_a = _dot_rows(h, rows, at_lo * t, index) - n * a * p_a  # sign of dP/dpi
    slope_b = _dot_rows(h, rows, at_hi * t, index) - n * b * p_b
    edge = (a <= 0.0) | (b >= 1.0)
    bound = np.empty(a.size)
    if edge.any():
        x = np.clip(t / n, ua[:, None], ub[:, None])
        tops = _binomial(t, n, x, log_comb(n))
        e = np.flatnonzero(edge)
        bound[e] = _dot_rows(h, rows[e], tops, index[e])
    inner = np.flatnonzero(~edge)
    if inner.size:
        r, k = rows[inner], index[inner]
        triangle = np.maximum(np.maximum(p_a[inner], p_b[inner]),
                              _dot_rows(h, r, corner, k))
        # tangent plane of 1 - P at the midpoint c: Q(c) + Qu log(pi / c) + Qv log((1 - pi) /
        # (1 - c)), with Q = 1 - P = sum_t (1 - h_t) Binom(t; n, pi) computed without cancelling
        one = np.ones(mid.shape[1])
        q0 = _dot_rows(one - h, r, mid, k)
        qu = _dot_rows(one - h, r, mid * t, k)
        qv = _dot_rows(one - h, r, mid * (n - t), k)
        lo, hi = a[inner], b[inner]
        c = 0.5 * (lo + hi)
        plane = np.minimum(
            q0 + qu * np.log1p((lo - c) / c) + qv * np.log1p((c - lo) / (1.0 - c)),
            q0 + qu * np.log1p((hi - c) / c) + qv * np.log1p((c - hi) / (1.0 - c)))
        bound[inner] = np.minimum(triangle, 1.0 - plane)
    return p_a, p_b, slope_a, slope_b, bound


def _newton_polish(hs, lo, hi, x, n):
    """Maximise ``P(pi) = sum_t hs[k, t] Binom(t; n, pi)`` inside ``(lo[k], hi[k])`` from
    ``x[k]``, where ``dP/dpi`` goes from positive to negative (a local maximum inside).

    Safeguarded Newton iteration on ``s(pi) = sum_t h_t Binom(t; n, pi) (t - n pi)``, which has
    the sign of ``dP/dpi``; a step leaving the bracket is replaced by bisection; at most 60
    steps, stopped when a step is below 1e-9 peak widths ``sqrt(pi (1 - pi) / n)``. Returns the
    final ``pi`` and ``P(pi)``.
    """
    t = np.arange(n + 1, dtype=float)
    log_coef = log_comb(n)
    powers = np.stack([np.ones(n + 1), t, t * t], axis=1)  # moments of t under h * Binom
    lo, hi, x = lo.copy(), hi.copy(), x.copy()
    active = np.arange(x.size)
    with np.errstate(divide="ignore", invalid="ignore"):
        for _ in range(60):
            if active.size == 0:
                break
            xa = x[active]
            m0, m1, m2 = ((hs[active] * _binomial(t, n, xa[:, None], log_coef)) @ powers).T
            slope = m1 - n * xa * m0  # sum of h b (t - n x): the sign of dP/dpi
            curve = (m2 - 2.0 * n * xa * m1 + (n * xa) ** 2 * m0) / (xa * (1.0 - xa)) - n * m0
            lo[active] = np.where(slope > 0, xa, lo[active])
            hi[active] = np.where(slope > 0, hi[active], xa)
            step = np.where(curve < 0, xa - slope / curve, np.nan)
            inside = (step > lo[active]) & (step < hi[active])
            new = np.where(inside, step, 0.5 * (lo[active] + hi[active]))
            done = (np.abs(new - xa) <= 1e-9 * np.sqrt(xa * (1.0 - xa) / n)) | (slope == 0)
            done |= hi[active] - lo[active] <= 4 * np.finfo(float).eps * xa
            x[active] = np.where(slope == 0, xa, new)
            active = active[~done]
    value = (hs * _binomial(t, n, x[:, None], log_coef)).sum(axis=1)
    return x, value


def _split(a, b, centre, n):
    """Cut cells ``[a, b]`` at the distances ``r 2**k`` from ``centre`` (a local maximum inside
    the cell, or else the best point of the row) that fall inside, ``r`` a millionth of the
    peak width ``sqrt(pi (1 - pi) / n)``: near a maximum the cells are then no wider than their
    distance from it, so that the fall of ``P`` eliminates them, and the one at the top is
    narrow enough to be certified. A cell that no such cut reaches is halved. Returns the new
    ``(index, a, b)``."""
    width = 1e-6 * np.sqrt(centre * (1.0 - centre) / n)
    steps = width[:, None] * _RATIO ** np.arange(_STEPS)
    cuts = np.concatenate([centre[:, None] - steps, centre[:, None] + steps, centre[:, None]],
                          axis=1)
    cuts = np.where((cuts > a[:, None]) & (cuts < b[:, None]), cuts, np.nan)
    none = np.isnan(cuts).all(axis=1)
    cuts[none, 0] = 0.5 * (a + b)[none]
    edges = np.sort(np.concatenate([a[:, None], cuts, b[:, None]], axis=1), axis=1)
    lefts, rights = edges[:, :-1], edges[:, 1:]
    keep = np.isfinite(rights) & (rights > lefts)
    index = np.broadcast_to(np.arange(a.size)[:, None], keep.shape)[keep]
    return index, lefts[keep], rights[keep]


def _raise(value, where, rows, candidate, location):
    """Raise ``value[row]`` to the best ``candidate`` of each row, moving ``where`` with it."""
    best = np.full(value.shape, -np.inf)
    np.maximum.at(best, rows, candidate)
    wins = (candidate == best[rows]) & (candidate > value[rows])
    value[rows[wins]] = candidate[wins]
    where[rows[wins]] = location[wins]


def supremum(h: np.ndarray, n: int, n_grid: int | None = None):
    """``sup over pi in [0, 1]`` of ``P(pi) = sum_t h[r, t] Binom(t; n, pi)`` for every row
    ``r`` of ``h`` (shape ``(L, n + 1)``, entries in [0, 1]), by branch and bound.

    1. ``P`` on a grid uniform in ``theta`` (``pi = sin(theta)**2``; about two points per peak
       width) gives a lower bound; every grid cell gets the upper bound ``sum_t h_t max Binom``
       (one matrix product); cells whose bound is below the lower bound are dropped.
    2. In each remaining cell a local maximum inside (``dP/dpi`` changes sign) is found by a
       safeguarded Newton iteration, raising the lower bound; the cell gets the second-order
       bound of :func:`_cell_bounds`; a cell still above the lower bound times ``1 + 1e-12`` is
       cut (:func:`_split`) and examined again.

    The loop stops when no cell can hold a value above the lower bound times ``1 + 1e-12``:
    the maximum is then global to that relative accuracy (the bounds hold in exact
    arithmetic; rounding adds about 1e-15). At most 60 rounds.

    Returns
    -------
    value : ndarray
        The attained maximum (a value of ``P``, at most 1e-12 relative below the supremum).
    where : ndarray
        The ``pi`` at which it is attained.
    upper : ndarray
        The certified upper bound (above ``value`` only if the rounds ran out).
    """
    h = np.atleast_2d(np.asarray(h, dtype=float))
    grid_size = n_grid if n_grid is not None else default_grid(n)
    grid, pmf = _binomial_grid(n, grid_size)
    prob = h @ pmf
    best = prob.argmax(axis=1)
    rows_all = np.arange(h.shape[0])
    value, where = prob[rows_all, best].copy(), grid[best].copy()
    above = (h @ _cell_maxima(n, grid_size)) > value[:, None] * (1.0 + _RTOL)
    rows, cell = np.nonzero(above)
    a, b = grid[cell], grid[cell + 1]
    upper = value.copy()
    for _ in range(60):
        if rows.size == 0:
            break
        p_a, p_b, slope_a, slope_b, bound = _cell_bounds(h, rows, a, b, n)
        _raise(value, where, rows, p_a, a)
        _raise(value, where, rows, p_b, b)
        peak = np.flatnonzero((a > 0.0) & (b < 1.0) & (slope_a > 0) & (slope_b < 0))
        centre = np.full(a.size, np.nan)
        if peak.size:
            x, found = _newton_polish(h[rows[peak]], a[peak], b[peak], 0.5 * (a + b)[peak], n)
            _raise(value, where, rows[peak], found, x)
            centre[peak] = x
        open_ = bound > value[rows] * (1.0 + _RTOL)
        # a cell too narrow to cut further keeps its bound as the certificate
        tiny = open_ & (b - a <= 8 * np.finfo(float).eps * np.maximum(a, 1e-300))
        np.maximum.at(upper, rows[tiny], bound[tiny])
        open_ &= ~tiny
        centre = np.where(np.isnan(centre), where[rows], centre)
        index, a, b = _split(a[open_], b[open_], centre[open_], n)
        rows = rows[open_][index]
    else:
        np.maximum.at(upper, rows, _cell_bounds(h, rows, a, b, n)[-1])
    upper = np.maximum(upper, value)
    return np.clip(value, 0.0, 1.0), where, np.clip(upper, 0.0, 1.0)


def region_vector(e, threshold_obs, t, w, n):
    """``h_R`` of the region ``{e <= threshold_obs}``."""
    inside = e <= threshold_obs
    return np.bincount(t[inside], weights=w[inside], minlength=n + 1)

def region_supremum(region: np.ndarray, n_grid: int | None = None) -> tuple[float, float]:
    """``sup over pi`` of the probability of a set of tables when both arms have rate ``pi``.

    ``region`` is a boolean array of shape ``(n1 + 1, n2 + 1)`` (e.g. a rejection region, whose
    supremum is the size of the test). Returns the supremum and the maximising ``pi``.
    """
    n1, n2 = region.shape[0] - 1, region.shape[1] - 1
    xs1, xs2 = grid_tables(n1, n2)
    t = np.broadcast_to(xs1 + xs2, region.shape)[region]
    w = hypergeometric_weights(n1, n2)[region]
    h = np.bincount(t, weights=w, minlength=n1 + n2 + 1)
    p, pi, _ = supremum(h[None, :], n1 + n2, n_grid)
    return float(p[0]), float(pi[0])

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
# Cells near a maximum are cut at distances rho * _RATIO**k from it (rho: the radius its
# Taylor bound certifies): each cell is then 0.3 times its distance from the top, narrow enough
# for the second-order bound to fall below the top even where P is four times flatter than a
# binomial pmf. _STEPS of them reach 3e4 * rho.
_RATIO = 1.3
_STEPS = 40
# Elements of the (cells x (N + 1)) arrays handled at a time.
_CHUNK_ELEMENTS = 2**16


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


@lru_cache(maxsize=16)
def _grid_cells(n: int, n_grid: int):
    """The cached matrices that give, by one product with ``h`` each, ``P`` and the sign of
    ``dP/dpi`` at every grid point and the bounds of :func:`_cell_bounds` on every grid cell
    (read-only; a dict)."""
    grid, pmf = _binomial_grid(n, n_grid)
    t = np.arange(n + 1.0)[:, None]
    a, b = grid[:-1], grid[1:]
    interior = (a > 0.0) & (b < 1.0)
    tops = _binomial(t, n, np.clip(t / n, a, b), log_comb(n)[:, None])
    at_lo, _, mid, corner = _cell_vectors(a, b, n)
    c = 0.5 * (a + b)
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.stack([np.log1p((a - c) / c), np.log1p((c - a) / (1.0 - c)),
                         np.log1p((b - c) / c), np.log1p((c - b) / (1.0 - c))])
    out = {"grid": grid, "pmf": pmf, "slope": pmf * (t - n * grid), "tops": tops,
           "corner": corner.T, "mid": mid.T, "mid_t": (mid * t.T).T,
           "mid_total": mid.sum(axis=1), "mid_t_total": mid @ t[:, 0], "logs": logs,
           "interior": interior}
    for value in out.values():
        value.flags.writeable = False
    return out


def _grid_bounds(h, n, n_grid):
    """``P``, the sign of ``dP/dpi`` at the grid points and the bounds of every grid cell, for
    all rows of ``h`` (matrix products with the cached matrices of :func:`_grid_cells`)."""
    m = _grid_cells(n, n_grid)
    prob, slope = h @ m["pmf"], h @ m["slope"]
    tops = h @ m["tops"]
    triangle = np.maximum(np.maximum(prob[:, :-1], prob[:, 1:]), h @ m["corner"])
    q0 = m["mid_total"] - h @ m["mid"]
    qu = m["mid_t_total"] - h @ m["mid_t"]
    qv = n * q0 - qu
    low_a, low_b, high_a, high_b = m["logs"]
    with np.errstate(invalid="ignore"):
        plane = np.minimum(q0 + qu * low_a + qv * low_b, q0 + qu * high_a + qv * high_b)
        second = np.minimum(triangle, 1.0 - plane)
    bound = np.where(m["interior"], np.minimum(tops, second), tops)
    return m["grid"], prob, slope, bound


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
    instead (every pmf is unimodal in ``pi``). The least bound is returned. Cells are handled
    in chunks of bounded size.
    """
    t = np.arange(n + 1.0)
    out = np.empty((5, a.size))
    step = max(1, _CHUNK_ELEMENTS // (n + 1))
    for start in range(0, a.size, step):
        part = slice(start, start + step)
        out[:, part] = _cell_chunk(h[rows[part]], a[part], b[part], n, t)
    return tuple(out)


def _cell_chunk(hs, a, b, n, t):
    at_lo, at_hi, mid, corner = _cell_vectors(a, b, n)
    p_a = np.einsum("ij,ij->i", hs, at_lo)
    p_b = np.einsum("ij,ij->i", hs, at_hi)
    slope_a = (hs * at_lo) @ t - n * a * p_a  # the sign of dP/dpi
    slope_b = (hs * at_hi) @ t - n * b * p_b
    edge = (a <= 0.0) | (b >= 1.0)
    bound = np.empty(a.size)
    if edge.any():
        x = np.clip(t / n, a[edge, None], b[edge, None])
        bound[edge] = np.einsum("ij,ij->i", hs[edge], _binomial(t, n, x, log_comb(n)))
    inner = ~edge
    if inner.any():
        hi_, lo, up = hs[inner], a[inner], b[inner]
        triangle = np.maximum(np.maximum(p_a[inner], p_b[inner]),
                              np.einsum("ij,ij->i", hi_, corner[inner]))
        # tangent plane of 1 - P at the midpoint c: Q(c) + Qu log(pi / c) + Qv log((1 - pi) /
        # (1 - c)), with Q = 1 - P = sum_t (1 - h_t) Binom(t; n, pi) computed without cancelling
        q = (1.0 - hi_) * mid[inner]
        q0, qu = q.sum(axis=1), q @ t
        qv = n * q0 - qu
        c = 0.5 * (lo + up)
        plane = np.minimum(
            q0 + qu * np.log1p((lo - c) / c) + qv * np.log1p((c - lo) / (1.0 - c)),
            q0 + qu * np.log1p((up - c) / c) + qv * np.log1p((c - up) / (1.0 - c)))
        bound[inner] = np.minimum(triangle, 1.0 - plane)
    return p_a, p_b, slope_a, slope_b, bound


def _newton_polish(hs, lo, hi, x, n):
    """Maximise ``P(pi) = sum_t hs[k, t] Binom(t; n, pi)`` inside ``(lo[k], hi[k])`` from
    ``x[k]``, where ``dP/dpi`` goes from positive to negative (a local maximum inside).

    Safeguarded Newton iteration on ``s(pi) = sum_t h_t Binom(t; n, pi) (t - n pi)``, which has
    the sign of ``dP/dpi``; a step leaving the bracket is replaced by bisection; at most 60
    steps, stopped when a step is below 1e-9 peak widths ``sqrt(pi (1 - pi) / n)``. Returns the
    final ``pi``.
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
    return x


def _taylor_radius(hs, x, n):
    """Value of ``P`` at a local maximum ``x`` found by Newton, a radius ``rho`` and a slack
    such that no point of ``[x - rho, x + rho]`` exceeds ``P(x) + slack``.

    Taylor's theorem: ``P(x + s) <= P(x) + P1 s + P2 s**2 / 2 + M3 |s|**3 / 6``, with
    ``P1 = P'(x)``, ``P2 = P''(x) < 0`` and ``M3`` a bound of the third derivative near ``x``.
    For ``|s| <= rho = 3 |P2| / (2 M3)`` the cubic term is at most half the quadratic one, so
    the right side is at most ``P(x) + P1 s - |P2| s**2 / 4 <= P(x) + P1**2 / |P2|``: the slack,
    tiny after Newton. The third derivative of a binomial pmf ``b`` is ``b (g**3 + 3 g g1 +
    g2)`` with ``g = (t - n pi) / (pi (1 - pi))`` and ``g1``, ``g2`` its derivatives, so
    ``M3 = sum_t h_t max b max |g**3 + 3 g g1 + g2|`` over the interval, each factor bounded by
    interval arithmetic (or the same sum with ``1 - h_t``, since ``P = 1 - sum_t (1 - h_t) b``:
    the smaller where ``P`` is close to 1); the radius shrinks until ``M3`` is taken over the
    interval it
    certifies (three passes); it may reach beyond the cell of ``x``. ``rho`` is 0 where
    ``P2 >= 0``.
    """
    t = np.arange(n + 1.0)
    log_coef = log_comb(n)
    weights = hs * _binomial(t, n, x[:, None], log_coef)
    m0, m1, m2 = weights.sum(axis=1), weights @ t, weights @ (t * t)
    var = x * (1.0 - x)
    first = (m1 - n * x * m0) / var
    # second derivative: sum h b (g**2 + g1), g1 = -t / x**2 - (n - t) / (1 - x)**2
    second = ((m2 - 2 * n * x * m1 + (n * x) ** 2 * m0) / var**2
              - (m1 / x**2 + (n * m0 - m1) / (1.0 - x) ** 2))
    concave = second < 0
    # start from half a peak width (the radius may reach beyond the cell of x)
    radius = np.where(concave, np.minimum(0.5 * np.sqrt(var / n), 0.5 * np.minimum(x, 1 - x)),
                      0.0)
    for _ in range(3):
        a = (x - radius)[:, None]
        b = (x + radius)[:, None]
        top = _binomial(t, n, np.clip(t / n, a, b), log_coef)
        g = np.maximum(np.abs((t - n * a) / (a * (1.0 - a))), np.abs((t - n * b) / (b * (1.0 - b))))
        g1 = t / a**2 + (n - t) / (1.0 - b) ** 2
        g2 = 2.0 * t / a**3 + 2.0 * (n - t) / (1.0 - b) ** 3
        bound3 = top * (g**3 + 3.0 * g * g1 + g2)
        # the third derivative of P is minus that of 1 - P: either sum bounds it (the second
        # is the smaller where P is close to 1)
        third = np.minimum((hs * bound3).sum(axis=1), ((1.0 - hs) * bound3).sum(axis=1))
        with np.errstate(divide="ignore", invalid="ignore"):
            radius = np.where(concave, np.minimum(radius, 1.5 * -second / third), 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        slack = np.where(concave, first**2 / -second, np.inf)
    return m0, slack, radius


def _split(a, b, centre, base):
    """Cut cells ``[a, b]`` at the distances ``base * 1.3**k`` from ``centre`` that fall inside
    (``centre`` a local maximum inside the cell or the best point of its row, ``base`` the
    radius that a Taylor bound certified around it): near a maximum the cells are then no
    wider than 0.3 times their distance from it, so that the fall of ``P`` away from the top
    eliminates them. A cell that contains ``[centre - base, centre + base]`` loses it (it is
    certified); a cell that no cut reaches (or whose ``base`` is 0) is halved. Returns the new
    ``(index, a, b)``."""
    steps = base[:, None] * _RATIO ** np.arange(_STEPS)
    cuts = np.concatenate([centre[:, None] - steps, centre[:, None] + steps], axis=1)
    cuts = np.where((cuts > a[:, None]) & (cuts < b[:, None]) & (base[:, None] > 0), cuts,
                    np.nan)
    none = np.isnan(cuts).all(axis=1) & ~((centre - base <= a) & (centre + base >= b))
    cuts[none, 0] = 0.5 * (a + b)[none]
    edges = np.sort(np.concatenate([a[:, None], cuts, b[:, None]], axis=1), axis=1)
    lefts, rights = edges[:, :-1], edges[:, 1:]
    inner = (lefts >= (centre - base)[:, None]) & (rights <= (centre + base)[:, None])
    keep = np.isfinite(rights) & (rights > lefts) & ~inner
    index = np.broadcast_to(np.arange(a.size)[:, None], keep.shape)[keep]
    return index, lefts[keep], rights[keep]


def _raise(value, where, rows, candidate, location):
    """Raise ``value[row]`` to the best ``candidate`` of each row, moving ``where`` with it."""
    best = np.full(value.shape, -np.inf)
    np.maximum.at(best, rows, candidate)
    wins = (candidate == best[rows]) & (candidate > value[rows])
    value[rows[wins]] = candidate[wins]
    where[rows[wins]] = location[wins]


def supremum(h: np.ndarray, n: int, n_grid: int | None = None, below: float | None = None):
    """``sup over pi in [0, 1]`` of ``P(pi) = sum_t h[r, t] Binom(t; n, pi)`` for every row
    ``r`` of ``h`` (shape ``(L, n + 1)``, entries in [0, 1]), by branch and bound.

    With ``below`` (a level such as alpha) only the decision ``sup <= below`` is certified,
    which needs far fewer cells: a row stops as soon as a value above ``below`` is found, and
    cells whose bound is at most ``below`` are dropped; ``upper <= below`` then proves
    ``sup <= below`` and ``value > below`` proves the opposite.

    1. ``P`` on a grid uniform in ``theta`` (``pi = sin(theta)**2``; about two points per peak
       width) gives a lower bound, and every grid cell its upper bound (:func:`_cell_bounds`;
       matrix products with cached matrices); cells whose bound is below the lower bound
       (times ``1 + 1e-12``) are dropped.
    2. In each remaining cell a local maximum inside (``dP/dpi`` changes sign) is found by a
       safeguarded Newton iteration, raising the lower bound, and a neighbourhood of it is
       certified by a Taylor bound (:func:`_taylor_radius`); the cells are cut around it
       (:func:`_split`), and the pieces get their own bounds, until none is left open.

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
    grid, prob, slope, bound = _grid_bounds(h, n, grid_size)
    best = prob.argmax(axis=1)
    rows_all = np.arange(h.shape[0])
    value, where = prob[rows_all, best].copy(), grid[best].copy()
    floor = -np.inf if below is None else below
    ceiling = np.inf if below is None else below  # a value above it decides the row

    def level(rows):  # a cell whose bound is at most this cannot change the answer
        return np.maximum(value[rows] * (1.0 + _RTOL), floor)

    # P is an average of the h_t: a row whose value reaches max h_t is done (as is, when only
    # the decision is wanted, a row with a value above `below`)
    done = (value * (1.0 + _RTOL) >= h.max(axis=1)) | (value > ceiling)
    rows, cell = np.nonzero((bound > level(rows_all)[:, None]) & ~done[:, None])
    a, b = grid[cell], grid[cell + 1]
    p_a, p_b = prob[rows, cell], prob[rows, cell + 1]
    slope_a, slope_b, bound = slope[rows, cell], slope[rows, cell + 1], bound[rows, cell]
    upper = value.copy()
    # per row: the radius certified around its best point (cells are cut relative to it)
    radius = np.zeros(h.shape[0])
    for _ in range(60):
        if rows.size == 0:
            break
        rising, falling = slope_a > 0, slope_b < 0
        turn = (rising & (falling | (slope_b == 0))) | (falling & (slope_a == 0))
        peak = np.flatnonzero((a > 0.0) & (b < 1.0) & turn)
        if peak.size:
            r = rows[peak]
            x = _newton_polish(h[r], a[peak], b[peak], 0.5 * (a + b)[peak], n)
            found, slack, rho = _taylor_radius(h[r], x, n)
            _raise(value, where, r, found, x)
            rho = np.where(found + slack <= level(r), rho, 0.0)
            best = found >= value[r]
            radius[r[best]] = rho[best]
        # other cells are cut around the best point of their row, a peak's cell around it
        centre, base = where[rows].copy(), radius[rows].copy()
        open_ = (bound > level(rows)) & ~(value[rows] > ceiling)
        if peak.size:
            centre[peak], base[peak] = x, rho
            open_[peak] = ~(value[r] > ceiling)  # cut around the certified centre
        # a cell too narrow to cut further keeps its bound as the certificate
        tiny = open_ & (b - a <= 8 * np.finfo(float).eps * np.maximum(a, 1e-300))
        np.maximum.at(upper, rows[tiny], bound[tiny])
        open_ &= ~tiny
        index, a, b = _split(a[open_], b[open_], centre[open_], base[open_])
        rows = rows[open_][index]
        if rows.size == 0:
            break
        p_a, p_b, slope_a, slope_b, bound = _cell_bounds(h, rows, a, b, n)
        _raise(value, where, rows, p_a, a)
        _raise(value, where, rows, p_b, b)
        keep = (bound > level(rows)) & ~(value[rows] > ceiling)
        rows, a, b, p_a, p_b, slope_a, slope_b, bound = (
            v[keep] for v in (rows, a, b, p_a, p_b, slope_a, slope_b, bound))
    else:
        np.maximum.at(upper, rows, bound)
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

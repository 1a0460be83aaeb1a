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

# Grid maxima within this relative distance of the best one are polished (grid error is < 4%).
_CANDIDATE_RTOL = 0.1
_MAX_CANDIDATES = 3
_NEWTON_XTOL = 1e-3
_NEWTON_MAXITER = 60

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

def _newton_polish(h, rows, lo, hi, x, n, log_coef):
    """Maximise ``P(pi) = sum_t h[row, t] Binom(t; n, pi)`` in ``(lo, hi)`` from ``x``.

    Safeguarded Newton iteration on ``s(pi) = sum_t h_t Binom(t; n, pi) (t - n pi)``, which has
    the sign of ``dP/dpi``; a step leaving the bracket is replaced by bisection. Works on many
    (row, start) pairs at once. Returns the final ``pi`` and ``P(pi)``.
    """
    t = np.arange(n + 1, dtype=float)
    powers = np.stack([np.ones(n + 1), t, t * t], axis=1)  # moments of t under h * Binom
    hr = h[rows]

    def weighted(hs, xs):
        """``h_t Binom(t; n, x)`` for each row of ``hs`` and its ``x``."""
        lx, l1x = np.log(xs)[:, None], np.log1p(-xs)[:, None]
        return hs * np.exp(log_coef + n * l1x + t * (lx - l1x))

    active = np.ones(x.shape, dtype=bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        for _ in range(_NEWTON_MAXITER):
            idx = np.flatnonzero(active)
            if idx.size == 0:
                break
            xa = x[idx]
            m0, m1, m2 = (weighted(hr[idx], xa) @ powers).T
            s = m1 - n * xa * m0  # sum of h b (t - n x): the sign of dP/dpi
            ds = (m2 - 2.0 * n * xa * m1 + (n * xa) ** 2 * m0) / (xa * (1.0 - xa)) - n * m0
            lo[idx] = np.where(s > 0, xa, lo[idx])
            hi[idx] = np.where(s > 0, hi[idx], xa)
            step = np.where(ds < 0, xa - s / ds, np.nan)
            inside = (step > lo[idx]) & (step < hi[idx])
            new = np.where(inside, step, 0.5 * (lo[idx] + hi[idx]))
            # converged when the step is below 1e-3 peak widths sqrt(pi (1 - pi) / n): Newton's
            # convergence is quadratic, so after this last step the position is off by about
            # 1e-6 widths and the relative error of P is about 1e-12 or less
            done = (np.abs(new - xa) <= _NEWTON_XTOL * np.sqrt(xa * (1.0 - xa) / n)) | (s == 0)
            x[idx] = np.where(s == 0, xa, new)
            active[idx[done]] = False
    return x, weighted(hr, x).sum(axis=1)

def supremum(h: np.ndarray, n: int, n_grid: int) -> tuple[np.ndarray, np.ndarray]:
    """``sup over pi`` of ``h @ Binom(.; n, pi)`` for every row of ``h`` (shape ``(L, n + 1)``)."""
    grid, pmf = _binomial_grid(n, n_grid)
    prob = h @ pmf  # (L, G)
    best = prob.argmax(axis=1)
    rows_all = np.arange(h.shape[0])
    pvalue = prob[rows_all, best]
    nuisance = grid[best]

    # interior grid points that are local maxima close to the best one
    inner = prob[:, 1:-1]
    is_peak = (inner >= prob[:, :-2]) & (inner >= prob[:, 2:])
    is_peak &= inner >= (1.0 - _CANDIDATE_RTOL) * pvalue[:, None]
    is_peak &= inner < 1.0  # a region holding every table has P = 1 for all pi
    score = np.where(is_peak, inner, -np.inf)
    k = min(_MAX_CANDIDATES, score.shape[1])
    top = np.argpartition(-score, k - 1, axis=1)[:, :k]
    chosen = np.isfinite(np.take_along_axis(score, top, axis=1))
    rows, slot = np.nonzero(chosen)
    if rows.size:
        g = top[rows, slot] + 1  # index into the full grid
        # start from the vertex of the parabola through the logarithms of the three grid values
        # (in theta, where a peak is close to Gaussian)
        with np.errstate(divide="ignore", invalid="ignore"):
            left, mid, right = (np.log(prob[rows, g + i]) for i in (-1, 0, 1))
            curvature = left - 2.0 * mid + right
            offset = np.where(curvature < 0, 0.5 * (left - right) / curvature, 0.0)
        offset = np.nan_to_num(offset)
        step = np.pi / 2 / (n_grid - 1)
        start = np.sin((g + np.clip(offset, -0.9, 0.9)) * step) ** 2
        x, value = _newton_polish(h, rows, grid[g - 1].copy(), grid[g + 1].copy(), start, n,
                                  log_comb(n))
        # several candidates of one row: keep the best one if it beats the grid
        best = np.full(h.shape[0], -np.inf)
        np.maximum.at(best, rows, value)
        wins = (value == best[rows]) & (value > pvalue[rows])
        pvalue[rows[wins]], nuisance[rows[wins]] = value[wins], x[wins]
    return np.clip(pvalue, 0.0, 1.0), nuisance

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
    grid = n_grid if n_grid is not None else default_grid(n1 + n2)
    p, pi = supremum(h[None, :], n1 + n2, grid)
    return float(p[0]), float(pi[0])

"""Exact unconditional tests for two independent binomials: Barnard's and Boschloo's, fast.

Convention: **rows are arms, columns are (events, non-events)**, as everywhere in the package.
(:func:`scipy.stats.barnard_exact` and :func:`scipy.stats.boschloo_exact` take the two *columns*
as the samples; pass them the transposed table to compare.)

How the p-value is computed
---------------------------
With arms of sizes ``n1`` and ``n2`` (``N = n1 + n2``) every possible outcome is a table
``(x1, x2)``, ``0 <= x1 <= n1``, ``0 <= x2 <= n2``. A test orders these tables by a statistic; the
*rejection region* of the observed table is the set of tables at least as extreme as it. Under
the null hypothesis both arms share an unknown event probability ``pi`` (the nuisance parameter)
and the probability of a region ``R`` is

    P(R; pi) = sum over t of  h_R(t) * Binom(t; N, pi),
    h_R(t)   = sum over (x1, x2) in R with x1 + x2 = t of  Hypergeom(x1; N, n1, t),

because ``C(n1, x1) C(n2, x2) = Hypergeom(x1; N, n1, t) C(N, t)``. The exact unconditional
p-value is ``sup over pi in [0, 1] of P(R; pi)`` (Barnard 1947; Boschloo 1970; Mehta & Senchaudhuri
2003). This module

1. computes the statistic of all ``(n1 + 1)(n2 + 1)`` tables at once and folds the region into the
   vector ``h_R`` of length ``N + 1`` (so each evaluation of ``P(R; pi)`` costs ``N + 1``
   operations instead of ``(n1 + 1)(n2 + 1)``);
2. maximises ``P(R; pi)`` over ``pi`` by branch and bound
   (:func:`sarcoma_stats.stats.enumeration.supremum`): a grid uniform in ``theta`` with
   ``pi = sin(theta)**2`` (about two points per peak width ``sqrt(pi (1 - pi) / N)``) gives a
   lower bound; each grid cell gets an upper bound (``P`` is a non-negative combination of
   binomial pmfs, each unimodal in ``pi``; and, second order, ``P`` is a convex function of
   ``(log pi, log(1 - pi))``, so on a cell it is at most its value at a corner of the triangle
   that encloses that curve); cells that may hold a higher value are searched by a safeguarded
   Newton iteration and cut, until no cell can exceed the best value found by more than 1e-12
   (relative). The maximum is therefore global, not the nearest local one: the polynomial has
   several local maxima, and a search that polishes only the best grid points can miss the
   highest one by 1e-3 (``[[3, 22], [5, 22]]``, unpooled: 0.5276 instead of 0.5297).

For the p-values of *every* table of given arm sizes (exact power, see
:func:`unconditional_pvalues`) the regions are nested; they are accumulated in one sorted pass
and the supremum is taken for all of them at once.

Definitions (those of SciPy 1.17)
---------------------------------
*Barnard* (``pooled=True``): the Wald statistic with pooled variance,
``Z = (p1 - p2) / sqrt(p (1 - p) (1/n1 + 1/n2))`` with ``p = (x1 + x2) / N``; ``pooled=False``
uses ``p1 (1 - p1) / n1 + p2 (1 - p2) / n2``. ``Z = 0`` when ``p1 == p2`` (including the
tables where the variance is 0); with the unpooled variance a table with ``p1 != p2`` and zero
variance (``x1`` in {0, n1} and ``x2`` in {0, n2}) has ``Z = +-inf``. The region is
``|Z| >= |Z_obs|`` (two-sided), ``Z >= Z_obs`` (greater: ``p1 > p2``) or ``Z <= Z_obs``
(less).

*Ties* are exact: ``Z**2`` is a ratio of two integers, ``N (x1 n2 - x2 n1)**2`` over
``n1 n2 (x1 + x2)(N - x1 - x2)`` (pooled), and tables are compared through that ratio computed
with a single correctly rounded division of exactly represented integers, so tables with equal
statistics compare equal (guaranteed while ``n1 * n2 < 9e7`` pooled; for the unpooled statistic
the denominator ``x1 (n1 - x1) n2**3 + x2 (n2 - x2) n1**3`` must stay below 2**53, i.e. arms up
to about a thousand). SciPy 1.17 compares the floating-point ``|Z|`` directly, so tables tied by
symmetry, e.g. ``(x1, x2)`` and ``(n1 - x1, n2 - x2)``, can fall on either side of the observed
value and SciPy's p-value is then too small (SciPy issue 18798). Where that happens our p-value
differs from SciPy's by the probability of the dropped tables.

*Boschloo*: the statistic is the one-sided Fisher p-value, ``P(X1 <= x1 | x1 + x2)`` for
``alternative="less"`` (``p1 < p2``) and ``P(X2 <= x2 | x1 + x2)`` for ``"greater"``
(``p1 > p2``), summed from the hypergeometric probabilities; the region is the set of tables whose
statistic is at most the observed one times ``1 + 1e-13`` (SciPy's tolerance). The statistic is
kept as its two tails ``P(X1 <= x1 | t)`` and ``P(X1 > x1 | t)``, each summed from its own end,
and tables are ordered by ``log(p / (1 - p))``: a statistic within 1e-13 of 1 is then compared
exactly as well as a small one (a single cumulative sum would put the top table of a margin at
``1 - 1e-16`` instead of 1 and move it across the tolerance). The two-sided
p-value is SciPy's: twice the smaller one-sided p-value, capped at 1; the reported statistic
is that of the smaller side (of ``"greater"`` when they are equal).

Accuracy: the p-value is a value of ``P(R; pi)`` attained at the reported ``nuisance``, certified
to lie within 1e-12 (relative) of the supremum; the tests check every table of arms up to 30
against an independent brute force (exact rational statistics, a dense grid and a refinement of
every local maximum). SciPy's own optimiser (``shgo`` with 32 Sobol points) can stop short of
the maximum and then reports a smaller p-value (e.g. ``28/100`` against ``26/53``, one-sided
Boschloo: 0.9949727 instead of 0.9949739).

References
----------
.. [1] Barnard GA. Significance tests for 2 x 2 tables. Biometrika. 1947;34(1-2):123-138.
.. [2] Boschloo RD. Raised conditional level of significance for the 2 x 2-table when testing
       the equality of two probabilities. Statistica Neerlandica. 1970;24(1):1-9.
.. [3] Mehta CR, Senchaudhuri P. Conditional versus unconditional exact tests for comparing two
       binomials. Cytel Software Corporation; 2003.
.. [4] SciPy issue 18798, "BUG: numerical inaccuracy in scipy.stats.barnard_exact",
       https://github.com/scipy/scipy/issues/18798
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .._results import TidyResult, format_pvalue
from .._validation import check_bool, check_choice, check_enumerable, check_size, check_table
from .enumeration import (
    bisect,
    default_grid,
    grid_tables,
    hypergeometric_weights,
    region_vector,
    supremum,
)

__all__ = [
    "ALTERNATIVES",
    "UnconditionalTestResult",
    "barnard_exact",
    "boschloo_exact",
    "rejection_region",
    "unconditional_pvalues",
]

#: The alternatives of every two-arm test (here and in :mod:`~sarcoma_stats.stats.hypotests`):
#: arm 1 against arm 2.
ALTERNATIVES = ("two-sided", "less", "greater")
_METHODS = ("barnard", "boschloo")
# SciPy's relative tolerance when comparing Boschloo's statistic (a Fisher p-value) to the observed.
_BOSCHLOO_RTOL = 1e-13
# Number of levels (rejection regions) processed together when computing all p-values.
_CHUNK = 4096
#: The largest number of tables ``(n1 + 1)(n2 + 1)`` enumerated (memory about 100 bytes each).
MAX_TABLES = 2**21
_LIMITED = "Barnard's and Boschloo's tests"


@dataclass(frozen=True)
class UnconditionalTestResult(TidyResult):
    """Result of :func:`barnard_exact`, :func:`boschloo_exact` or :func:`unconditional_pvalues`.

    Attributes
    ----------
    statistic : float or ndarray
        Barnard: the Wald statistic ``Z``. Boschloo: the one-sided Fisher p-value of the side
        used (see the module notes).
    pvalue : float or ndarray
        The exact unconditional p-value.
    nuisance : float or ndarray
        The common event probability ``pi`` at which the supremum is attained (for a two-sided
        Boschloo test, that of the smaller one-sided p-value).
    method : str
        ``"barnard"`` or ``"boschloo"``.
    alternative : str
    pooled : bool or None
        Barnard's variance choice; None for Boschloo.
    """

    statistic: Any
    pvalue: Any
    nuisance: Any
    method: str
    alternative: str
    pooled: bool | None

    _frame_columns = ("statistic", "pvalue", "nuisance", "method", "alternative", "pooled")

    def _line(self, v):
        name = v["method"].capitalize()
        if v["method"] == "barnard":
            name += " (pooled)" if v["pooled"] else " (unpooled)"
        return (f"{name} {v['alternative']}: {format_pvalue(v['pvalue'])} "
                f"(statistic {v['statistic']:.3g}, at a common rate of {v['nuisance']:.3g})")


def _barnard_square(n1: int, n2: int, pooled: bool) -> tuple[np.ndarray, np.ndarray]:
    """``Z**2`` up to a positive constant for every table, and ``d = x1 n2 - x2 n1`` (the sign of
    ``Z``).

    Numerator and denominator are integers held exactly in float64 (below 2**53), so the value is
    one correctly rounded division and equal statistics give equal values (exact ties).
    """
    x1 = np.arange(n1 + 1, dtype=float)[:, None]
    x2 = np.arange(n2 + 1, dtype=float)[None, :]
    d = x1 * n2 - x2 * n1
    if pooled:
        t = x1 + x2
        den = t * (n1 + n2 - t)  # 0 only when d is 0 too
    else:
        den = x1 * (n1 - x1) * float(n2) ** 3 + x2 * (n2 - x2) * float(n1) ** 3
    square = np.divide(d * d, den, out=np.zeros_like(d), where=den > 0)
    if not pooled:  # zero variance with p1 != p2: |Z| is infinite (SciPy's convention)
        square[(den == 0) & (d != 0)] = np.inf
    return square, d


def _barnard_z(square, d, n1: int, n2: int, pooled: bool):
    """The Wald statistic ``Z`` from :func:`_barnard_square`."""
    scale = (n1 + n2) / (n1 * n2) if pooled else float(n1 * n2)
    return np.copysign(np.sqrt(scale * square), d)


def _fisher_one_sided(n1: int, n2: int, side: str):
    """Boschloo's statistic for every table, ``P(X1 <= x1 | t)`` (less) or ``P(X2 <= x2 | t)``
    (greater), as the two tails ``lower = P(X1 <= x1 | t)`` and ``upper = P(X1 > x1 | t)``,
    each a cumulative sum of the hypergeometric probabilities along the margin ``t = x1 + x2``
    from its own end (so that a statistic close to 1 keeps its distance from 1: the top table
    of a margin has ``upper`` exactly 0)."""
    w = hypergeometric_weights(n1, n2)
    if side == "greater":  # the same with the arms swapped
        return tuple(part.T for part in _tails_by_margin(w.T))
    return _tails_by_margin(w)


def _tails_by_margin(w: np.ndarray):
    rows, cols = w.shape
    x1, x2 = grid_tables(rows - 1, cols - 1)
    t = np.broadcast_to(x1 + x2, w.shape)
    x = np.broadcast_to(x1, w.shape)
    by_margin = np.zeros((rows, rows + cols - 1))  # [x1, t]
    by_margin[x, t] = w
    lower = np.cumsum(by_margin, axis=0)
    above = np.zeros_like(by_margin)
    above[:-1] = np.cumsum(by_margin[::-1], axis=0)[::-1][1:]
    return lower[x, t], above[x, t]


def _boschloo_key(lower, upper, tolerance: float = 0.0):
    """``log(p / (1 - p))`` of ``p (1 + tolerance)`` from the two tails of ``p``, precise at
    both ends (``+inf`` where ``1 - p`` is 0): the order of the statistic, and with the
    tolerance the threshold of a region."""
    scaled_upper = upper - tolerance * lower
    positive = scaled_upper > 0
    with np.errstate(divide="ignore"):
        key = np.log(lower * (1.0 + tolerance)) - np.log(np.where(positive, scaled_upper, 1.0))
    return np.where(positive, key, np.inf)


def _ordering(n1: int, n2: int, method: str, alternative: str, pooled: bool, at=None):
    """Extremeness ``e`` (smaller is more extreme), per-table thresholds, and the statistic.

    The rejection region of table ``j`` is ``{i : e[i] <= threshold[j]}``. With ``at = (x1, x2)``
    the threshold and the statistic are those of that table only (scalars).
    """
    if method == "barnard":
        square, d = _barnard_square(n1, n2, pooled)
        e = {"two-sided": -square, "greater": -np.copysign(square, d),
             "less": np.copysign(square, d)}[alternative]
        if at is None:
            return e, e, _barnard_z(square, d, n1, n2, pooled)
        return e, e[at], _barnard_z(square[at], d[at], n1, n2, pooled)
    lower, upper = _fisher_one_sided(n1, n2, alternative)
    e = _boschloo_key(lower, upper)
    if at is None:
        return e, _boschloo_key(lower, upper, _BOSCHLOO_RTOL), lower
    return e, _boschloo_key(lower[at], upper[at], _BOSCHLOO_RTOL), lower[at]


def _single(n1, n2, x1, x2, method, alternative, pooled, n_grid):
    """Statistic, p-value and maximising ``pi`` of one table; for the two-sided Boschloo test
    both one-sided suprema are taken in the same call."""
    two_sided_boschloo = method == "boschloo" and alternative == "two-sided"
    sides = ("less", "greater") if two_sided_boschloo else (alternative,)
    xs1, xs2 = grid_tables(n1, n2)
    t = np.broadcast_to(xs1 + xs2, (n1 + 1, n2 + 1)).ravel()
    w = hypergeometric_weights(n1, n2).ravel()
    rows, statistics = [], []
    for side in sides:
        e, threshold, statistic = _ordering(n1, n2, method, side, pooled, at=(x1, x2))
        rows.append(region_vector(e.ravel(), threshold, t, w, n1 + n2))
        statistics.append(float(statistic))
    p, pi, _ = supremum(np.array(rows), n1 + n2, n_grid)
    results = list(zip(statistics, p, pi))
    return _combine_two_sided(*results) if two_sided_boschloo else results[0]


def _levels(n1, n2, method, alternative, pooled):
    """The nested regions of all tables: the tables sorted from the most extreme, the distinct
    region sizes (prefixes of that order, increasing) and each table's index into them."""
    e, threshold, statistic = _ordering(n1, n2, method, alternative, pooled)
    xs1, xs2 = grid_tables(n1, n2)
    t = np.broadcast_to(xs1 + xs2, e.shape).ravel()
    w = hypergeometric_weights(n1, n2).ravel()
    e = e.ravel()
    order = np.argsort(e, kind="stable")
    # the region of table j is the prefix order[:size[j]] of the sorted tables
    size = np.searchsorted(e[order], threshold.ravel(), side="right")
    sizes, inverse = np.unique(size, return_inverse=True)
    return t[order], w[order], sizes, inverse.reshape(e.size), statistic


def _all_pvalues_one_side(n1, n2, method, alternative, pooled, n_grid):
    """Statistic, p-value and maximising ``pi`` of every table, shape ``(n1 + 1, n2 + 1)``."""
    n = n1 + n2
    t_sorted, w_sorted, sizes, inverse, statistic = _levels(n1, n2, method, alternative, pooled)
    pvalue = np.empty(sizes.size)
    nuisance = np.empty(sizes.size)
    running = np.zeros(n + 1)
    start = 0  # first sorted position not yet accumulated
    for c0 in range(0, sizes.size, _CHUNK):
        chunk = sizes[c0 : c0 + _CHUNK]
        stop = chunk[-1]
        position = np.arange(start, stop)
        level = np.searchsorted(chunk, position, side="right")  # level within the chunk
        increments = np.zeros((chunk.size, n + 1))
        np.add.at(increments, (level, t_sorted[start:stop]), w_sorted[start:stop])
        h = running + np.cumsum(increments, axis=0)
        pvalue[c0 : c0 + chunk.size], nuisance[c0 : c0 + chunk.size], _ = supremum(h, n, n_grid)
        running = h[-1]
        start = stop
    shape = (n1 + 1, n2 + 1)
    return statistic, pvalue[inverse].reshape(shape), nuisance[inverse].reshape(shape)


def _region_one_side(n1, n2, method, alternative, pooled, alpha):
    """The tables whose one-sided (or Barnard two-sided) p-value is at most ``alpha``.

    The regions of the tables are nested and their suprema never decrease along the order, so
    the tables rejected at ``alpha`` are those of the largest region whose supremum is at most
    ``alpha``: found by bisection over the distinct regions, ``log2`` of their number suprema
    instead of one per region.
    """
    n = n1 + n2
    t_sorted, w_sorted, sizes, inverse, _ = _levels(n1, n2, method, alternative, pooled)

    def rejects(levels, _rows):
        out = np.empty(levels.size, dtype=bool)
        for k, level in enumerate(levels):
            size = sizes[level]
            h = np.bincount(t_sorted[:size], weights=w_sorted[:size], minlength=n + 1)
            # a value above alpha proves rejection impossible; otherwise the bounds certify
            # p <= alpha (only if the rounds ran out, within rounding of alpha, the attained
            # value decides)
            out[k] = supremum(h[None, :], n, below=alpha)[0][0] <= alpha
        return out

    # the last level that rejects: levels 0..last reject (-1: none does)
    last = bisect(np.array([-1]), np.array([sizes.size]), rejects)[0]
    return (inverse <= last).reshape(n1 + 1, n2 + 1)


def rejection_region(n1: int, n2: int, alpha: float, method: str = "barnard",
                     alternative: str = "two-sided", pooled: bool = True) -> np.ndarray:
    """The tables that Barnard's or Boschloo's test rejects at level ``alpha``.

    Parameters
    ----------
    n1, n2 : int
        Arm sizes.
    alpha : float
        A table is rejected when its p-value is at most ``alpha``.
    method, alternative, pooled
        As in :func:`unconditional_pvalues`.

    Returns
    -------
    ndarray of bool, shape ``(n1 + 1, n2 + 1)``
        Entry ``[k1, k2]``: the table with ``k1`` events in arm 1 and ``k2`` in arm 2 is
        rejected. Identical to ``unconditional_pvalues(n1, n2, ...).pvalue <= alpha``, found by
        bisection over the nested regions (about 20 suprema instead of one per table). The
        two-sided Boschloo test rejects where either one-sided p-value is at most ``alpha / 2``.

    Examples
    --------
    >>> from sarcoma_stats.stats.unconditional import rejection_region
    >>> region = rejection_region(24, 18, 0.05, "boschloo")
    >>> bool(region[14, 4]), int(region.sum())
    (True, 252)
    """
    check_enumerable(n1, n2, MAX_TABLES, _LIMITED)
    if method == "boschloo" and alternative == "two-sided":
        return (_region_one_side(n1, n2, method, "less", None, alpha / 2)
                | _region_one_side(n1, n2, method, "greater", None, alpha / 2))
    return _region_one_side(n1, n2, method, alternative, pooled, alpha)


def _combine_two_sided(less, greater):
    """SciPy's two-sided Boschloo p-value: twice the smaller one-sided one, capped at 1."""
    use_less = less[1] < greater[1]
    statistic = np.where(use_less, less[0], greater[0])
    pvalue = np.minimum(1.0, 2.0 * np.where(use_less, less[1], greater[1]))
    nuisance = np.where(use_less, less[2], greater[2])
    return statistic, pvalue, nuisance


def _compute(n1, n2, x1, x2, method, alternative, pooled, n_grid, all_tables):
    if not all_tables:
        return _single(n1, n2, x1, x2, method, alternative, pooled, n_grid)
    if method == "boschloo" and alternative == "two-sided":
        return _combine_two_sided(
            _all_pvalues_one_side(n1, n2, method, "less", pooled, n_grid),
            _all_pvalues_one_side(n1, n2, method, "greater", pooled, n_grid),
        )
    return _all_pvalues_one_side(n1, n2, method, alternative, pooled, n_grid)


def _check_n_grid(n_grid):
    return None if n_grid is None else check_size(n_grid, "n_grid", minimum=3)


def _test(table, alternative, method, pooled, n_grid):
    """Validate, group the tables by arm sizes, and compute."""
    table = check_table(table)
    alternative = check_choice(alternative, "alternative", ALTERNATIVES)
    n_grid = _check_n_grid(n_grid)
    x1 = table[..., 0, 0]
    x2 = table[..., 1, 0]
    n1 = table[..., 0, :].sum(axis=-1)
    n2 = table[..., 1, :].sum(axis=-1)
    check_enumerable(n1, n2, MAX_TABLES, _LIMITED)
    shape = x1.shape
    x1, x2, n1, n2 = (a.ravel() for a in (x1, x2, n1, n2))
    statistic = np.empty(x1.size)
    pvalue = np.empty(x1.size)
    nuisance = np.empty(x1.size)
    if x1.size == 1:
        pairs, group = np.array([[n1[0], n2[0]]]), np.zeros(1, dtype=int)
    else:
        pairs, group = np.unique(np.stack([n1, n2], axis=1), axis=0, return_inverse=True)
        group = group.ravel()
    for g, (m1, m2) in enumerate(pairs):
        members = np.flatnonzero(group == g)
        m1, m2 = int(m1), int(m2)
        grid = n_grid if n_grid is not None else default_grid(m1 + m2)
        # all tables of these arm sizes at once when many share them (same algorithm)
        if members.size > 1 and members.size * 50 >= (m1 + 1) * (m2 + 1):
            s, p, pi = _compute(m1, m2, None, None, method, alternative, pooled, grid, True)
            idx = (x1[members], x2[members])
            statistic[members], pvalue[members], nuisance[members] = s[idx], p[idx], pi[idx]
            continue
        for j in members:
            statistic[j], pvalue[j], nuisance[j] = _compute(
                m1, m2, int(x1[j]), int(x2[j]), method, alternative, pooled, grid, False
            )
    out = [a.reshape(shape) for a in (statistic, pvalue, nuisance)]
    if not shape:
        out = [float(a) for a in out]
    return UnconditionalTestResult(
        *out, method=method, alternative=alternative, pooled=pooled if method == "barnard" else None
    )


def barnard_exact(table, alternative="two-sided", pooled=True, n_grid=None):
    """Barnard's exact unconditional test of two independent binomial proportions.

    Same definition as :func:`scipy.stats.barnard_exact` (Wald statistic, supremum of the
    p-value over the common event probability), but with **rows as arms**, exact handling of
    tied statistics, and the supremum over the nuisance parameter certified global by branch
    and bound (see the module notes; SciPy's optimiser can stop at a lower local maximum).

    Parameters
    ----------
    table : array_like of int, shape (2, 2) or (..., 2, 2)
        Rows are arms, columns are (events, non-events). Each arm needs at least one patient.
    alternative : {"two-sided", "less", "greater"}
        ``"greater"``: the event probability of arm 1 exceeds that of arm 2; ``"less"``: it is
        smaller.
    pooled : bool
        Pooled (default, SciPy's default) or unpooled variance in the Wald statistic.
    n_grid : int or None
        Number of points of the starting grid of the nuisance parameter (the result is the
        certified global maximum whatever the grid; a finer grid only changes the work);
        None chooses ``max(48, ceil(2 pi sqrt(N)))``.

    Returns
    -------
    UnconditionalTestResult
        ``statistic`` (Wald ``Z``), ``pvalue``, ``nuisance``; floats for one table, arrays of
        the batch shape for a stack.

    Raises
    ------
    ValueError, TypeError
        Invalid counts (negative, fractional, booleans, NaN), a wrong shape, an empty arm, an
        unknown ``alternative``, a bad ``n_grid``; arms with more than 2**21 tables
        ``(n1 + 1)(n2 + 1)`` (about 1 447 patients per arm), which are all enumerated.

    Notes
    -----
    The p-value is ``sup over pi of P(|Z| >= |Z_obs|; pi)`` (or the one-sided version), with
    exact ties; SciPy can miss tied tables (its issue 18798) and its optimiser can miss the
    global maximum, in both cases reporting a smaller p-value than this function.

    References
    ----------
    .. [1] Barnard GA. Significance tests for 2 x 2 tables. Biometrika. 1947;34(1-2):123-138.
    .. [2] Mehta CR, Senchaudhuri P. Conditional versus unconditional exact tests for comparing
           two binomials. Cytel Software Corporation; 2003.

    Examples
    --------
    ARST1321 interim analysis (Weiss et al., Lancet Oncol 2020): 14/24 responses with pazopanib,
    4/18 without.

    >>> from sarcoma_stats.stats.unconditional import barnard_exact
    >>> res = barnard_exact([[14, 10], [4, 14]])
    >>> round(res.statistic, 4), round(res.pvalue, 4)
    (2.3403, 0.0225)
    """
    pooled = check_bool(pooled, "pooled")
    return _test(table, alternative, "barnard", pooled, n_grid)


def boschloo_exact(table, alternative="two-sided", n_grid=None):
    """Boschloo's exact unconditional test: Fisher's one-sided p-value as the statistic.

    Same definition as :func:`scipy.stats.boschloo_exact`, including its two-sided p-value
    (twice the smaller one-sided p-value, capped at 1), but with **rows as arms** and the
    supremum over the nuisance parameter computed on the folded region vector (see the module
    notes). Boschloo's test is uniformly more powerful than Fisher's exact test.

    Parameters
    ----------
    table : array_like of int, shape (2, 2) or (..., 2, 2)
        Rows are arms, columns are (events, non-events). Each arm needs at least one patient.
    alternative : {"two-sided", "less", "greater"}
        ``"greater"``: the event probability of arm 1 exceeds that of arm 2.
    n_grid : int or None
        Grid size for the nuisance parameter; None chooses ``max(48, ceil(2 pi sqrt(N)))``.

    Returns
    -------
    UnconditionalTestResult
        ``statistic`` (a one-sided Fisher p-value), ``pvalue``, ``nuisance``.

    Raises
    ------
    ValueError, TypeError
        As :func:`barnard_exact`.

    References
    ----------
    .. [1] Boschloo RD. Raised conditional level of significance for the 2 x 2-table when
           testing the equality of two probabilities. Statistica Neerlandica. 1970;24(1):1-9.

    Examples
    --------
    >>> from sarcoma_stats.stats.unconditional import boschloo_exact
    >>> res = boschloo_exact([[14, 10], [4, 14]], alternative="greater")
    >>> round(res.statistic, 4), round(res.pvalue, 4)
    (0.0203, 0.0112)
    """
    return _test(table, alternative, "boschloo", None, n_grid)


def unconditional_pvalues(n1, n2, method="barnard", alternative="two-sided", pooled=True,
                          n_grid=None):
    """Exact unconditional p-values of *every* table with arms of sizes ``n1`` and ``n2``.

    The rejection regions of all ``(n1 + 1)(n2 + 1)`` tables are nested, so they are built in
    one sorted pass and the supremum over the nuisance parameter is taken for all of them
    together; the result is identical (to rounding) to calling :func:`barnard_exact` or
    :func:`boschloo_exact` table by table. Used for exact power by full enumeration.

    Parameters
    ----------
    n1, n2 : int
        Arm sizes (at least 1).
    method : {"barnard", "boschloo"}
    alternative : {"two-sided", "less", "greater"}
    pooled : bool
        Barnard only: pooled or unpooled variance.
    n_grid : int or None
        As in :func:`barnard_exact`.

    Returns
    -------
    UnconditionalTestResult
        Arrays of shape ``(n1 + 1, n2 + 1)``: entry ``[k1, k2]`` belongs to the table with
        ``k1`` events in arm 1 and ``k2`` in arm 2.

    Raises
    ------
    ValueError, TypeError
        Invalid sizes or options.

    References
    ----------
    .. [1] Mehta CR, Senchaudhuri P. Conditional versus unconditional exact tests for comparing
           two binomials. Cytel Software Corporation; 2003.

    Examples
    --------
    >>> from sarcoma_stats.stats.unconditional import unconditional_pvalues
    >>> res = unconditional_pvalues(24, 18)
    >>> res.pvalue.shape
    (25, 19)
    >>> round(float(res.pvalue[14, 4]), 4)
    0.0225
    """
    m1, m2 = check_size(n1, "n1"), check_size(n2, "n2")
    check_enumerable(m1, m2, MAX_TABLES, _LIMITED)
    method = check_choice(method, "method", _METHODS)
    alternative = check_choice(alternative, "alternative", ALTERNATIVES)
    pooled = check_bool(pooled, "pooled")
    n_grid = _check_n_grid(n_grid)
    grid = n_grid if n_grid is not None else default_grid(m1 + m2)
    s, p, pi = _compute(m1, m2, None, None, method, alternative, pooled, grid, True)
    return UnconditionalTestResult(
        s, p, pi, method=method, alternative=alternative,
        pooled=pooled if method == "barnard" else None,
    )

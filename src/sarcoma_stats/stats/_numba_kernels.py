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


# ------------------------------------------------------------------------------------------
# exact unconditional tests of one table (mirrors stats.unconditional._single and
# stats.enumeration.supremum)
# ------------------------------------------------------------------------------------------

_RTOL = 1e-12
_RATIO = 1.3
_STEPS = 40


@numba.njit(cache=True)
def _factors(n):
    """The ratios of the recurrence of Binom(t; n, .): up[t] = (n - t) / (t + 1)."""
    up = np.empty(n + 1)
    for t in range(n + 1):
        up[t] = (n - t) / (t + 1.0)
    return up


@numba.njit(cache=True)
def _binomials(n, x, lf, out, up):
    """out[t] = Binom(t; n, x) for t = 0..n, from the mode outwards by the ratio recurrence
    (``up`` from :func:`_factors`)."""
    if x <= 0.0 or x >= 1.0:
        out[:] = 0.0
        out[0 if x <= 0.0 else n] = 1.0
        return
    t0 = min(int((n + 1) * x), n)
    out[t0] = np.exp(lf[n] - lf[t0] - lf[n - t0] + t0 * np.log(x) + (n - t0) * np.log1p(-x))
    odds = x / (1.0 - x)
    inverse = (1.0 - x) / x
    for t in range(t0, n):
        out[t + 1] = out[t] * up[t] * odds
    for t in range(t0, 0, -1):
        out[t - 1] = out[t] * inverse / up[t - 1]


@numba.njit(cache=True)
def _moments(h, b, n):
    m0 = m1 = m2 = 0.0
    for t in range(n + 1):
        w = h[t] * b[t]
        m0 += w
        m1 += w * t
        m2 += w * t * t
    return m0, m1, m2


@numba.njit(cache=True)
def _value_slope(h, n, x, lf, b, up):
    """P(x) and the sign of dP/dpi at x."""
    _binomials(n, x, lf, b, up)
    m0, m1, _ = _moments(h, b, n)
    return m0, m1 - n * x * m0


@numba.njit(cache=True)
def _tops(h, n, a, b, lf, ba, bb):
    """sum_t h_t max over [a, b] of Binom(t; n, pi): at a, at b, or at t / n inside."""
    tops = 0.0
    for t in range(n + 1):
        c = t / n
        if c <= a:
            tops += h[t] * ba[t]
        elif c >= b:
            tops += h[t] * bb[t]
        elif h[t] > 0.0:
            tops += h[t] * np.exp(lf[n] - lf[t] - lf[n - t] + t * np.log(c)
                                  + (n - t) * np.log1p(-c))
    return tops


@numba.njit(cache=True)
def _bound(h, n, a, b, p_a, p_b, lf, ba, bb, work, level, up):
    """The upper bound of P on [a, b] of enumeration._cell_bounds (ba, bb: the pmfs at a, b,
    p_a, p_b the values of P there); the second-order bounds only where the first-order one
    exceeds ``level``."""
    tops = _tops(h, n, a, b, lf, ba, bb)
    if a <= 0.0 or b >= 1.0 or tops <= level:
        return tops
    width = b - a
    du, dv = np.log1p(width / a), np.log1p(-width / (1.0 - a))
    s = a * (1.0 - a) * ((1.0 - b) * dv + b * du) / width
    scale = s / (a * (1.0 - a))
    # the corner: sum_t h_t Binom(t; n, a) exp(scale (t - n a)), the exponential by products
    factor = np.exp(-scale * n * a)
    step = np.exp(scale)
    corner = 0.0
    for t in range(n + 1):
        corner += h[t] * ba[t] * factor
        factor *= step
    triangle = max(p_a, p_b, corner)
    c = 0.5 * (a + b)
    _binomials(n, c, lf, work, up)
    q0 = qu = 0.0
    for t in range(n + 1):
        q = (1.0 - h[t]) * work[t]
        q0 += q
        qu += q * t
    qv = n * q0 - qu
    plane = min(q0 + qu * np.log1p((a - c) / c) + qv * np.log1p((c - a) / (1.0 - c)),
                q0 + qu * np.log1p((b - c) / c) + qv * np.log1p((c - b) / (1.0 - c)))
    return min(tops, triangle, 1.0 - plane)


@numba.njit(cache=True)
def _newton(h, n, lo, hi, lf, work, up):
    """enumeration._newton_polish for one cell."""
    x = 0.5 * (lo + hi)
    for _ in range(60):
        _binomials(n, x, lf, work, up)
        m0, m1, m2 = _moments(h, work, n)
        slope = m1 - n * x * m0
        if slope == 0.0:
            break
        curve = (m2 - 2.0 * n * x * m1 + (n * x) ** 2 * m0) / (x * (1.0 - x)) - n * m0
        if slope > 0:
            lo = x
        else:
            hi = x
        new = x - slope / curve if curve < 0 else np.nan
        if not (new > lo and new < hi):
            new = 0.5 * (lo + hi)
        done = abs(new - x) <= 1e-9 * np.sqrt(x * (1.0 - x) / n)
        done = done or hi - lo <= 4 * 2.220446049250313e-16 * x
        x = new
        if done:
            break
    return x


@numba.njit(cache=True)
def _taylor(h, n, x, lf, work, ba, bb, up):
    """enumeration._taylor_radius for one maximum: (P(x), slack, radius)."""
    _binomials(n, x, lf, work, up)
    m0, m1, m2 = _moments(h, work, n)
    var = x * (1.0 - x)
    first = (m1 - n * x * m0) / var
    second = ((m2 - 2 * n * x * m1 + (n * x) ** 2 * m0) / var ** 2
              - (m1 / x ** 2 + (n * m0 - m1) / (1.0 - x) ** 2))
    if not second < 0:
        return m0, np.inf, 0.0
    radius = min(0.5 * np.sqrt(var / n), 0.5 * min(x, 1.0 - x))
    for _ in range(3):
        a, b = x - radius, x + radius
        _binomials(n, a, lf, ba, up)
        _binomials(n, b, lf, bb, up)
        third_h = third_q = 0.0
        for t in range(n + 1):
            c = t / n
            if c <= a:
                top = ba[t]
            elif c >= b:
                top = bb[t]
            else:
                top = np.exp(lf[n] - lf[t] - lf[n - t] + (t * np.log(c) if t > 0 else 0.0)
                             + ((n - t) * np.log1p(-c) if n - t > 0 else 0.0))
            g = max(abs((t - n * a) / (a * (1.0 - a))), abs((t - n * b) / (b * (1.0 - b))))
            g1 = t / a ** 2 + (n - t) / (1.0 - b) ** 2
            g2 = 2.0 * t / a ** 3 + 2.0 * (n - t) / (1.0 - b) ** 3
            bound3 = top * (g ** 3 + 3.0 * g * g1 + g2)
            third_h += h[t] * bound3
            third_q += (1.0 - h[t]) * bound3
        radius = min(radius, 1.5 * -second / min(third_h, third_q))
    return m0, first ** 2 / -second, radius


@numba.njit(cache=True)
def supremum(h, n, grid, lf, below):
    """sup over pi of sum_t h_t Binom(t; n, pi): (value, where, upper), certified as by
    enumeration.supremum (one row)."""
    size = grid.size
    up = _factors(n)
    b_now = np.empty(n + 1)
    b_next = np.empty(n + 1)
    work = np.empty(n + 1)
    prob = np.empty(size)
    slope = np.empty(size)
    pmfs = np.empty((size, n + 1))  # the pmfs at the grid points, for the cells' bounds
    for g in range(size):
        _binomials(n, grid[g], lf, pmfs[g], up)
        m0, m1, _ = _moments(h, pmfs[g], n)
        prob[g], slope[g] = m0, m1 - n * grid[g] * m0
    best = int(np.argmax(prob))
    value, where = prob[best], grid[best]
    ceiling = np.inf if np.isnan(below) else below
    floor = -np.inf if np.isnan(below) else below
    if value * (1.0 + _RTOL) >= h.max() or value > ceiling:
        value = min(max(value, 0.0), 1.0)
        return value, where, value
    capacity = 4 * size + 256
    ca = np.empty(capacity)
    cb = np.empty(capacity)
    cpa = np.empty(capacity)
    cpb = np.empty(capacity)
    csa = np.empty(capacity)
    csb = np.empty(capacity)
    cbound = np.empty(capacity)
    count = 0
    for g in range(size - 1):
        level = max(value * (1.0 + _RTOL), floor)
        p_a, p_b = prob[g], prob[g + 1]
        bound = _bound(h, n, grid[g], grid[g + 1], p_a, p_b, lf, pmfs[g], pmfs[g + 1], work,
                       level, up)
        if bound > level:
            ca[count], cb[count] = grid[g], grid[g + 1]
            cpa[count], cpb[count] = prob[g], prob[g + 1]
            csa[count], csb[count], cbound[count] = slope[g], slope[g + 1], bound
            count += 1
    radius = 0.0
    upper = value
    steps = _RATIO ** np.arange(_STEPS)
    for _ in range(60):
        if count == 0:
            break
        # 1. local maxima inside the cells: Newton, and a Taylor certificate around each
        centres = np.full(count, np.nan)
        bases = np.zeros(count)
        for k in range(count):
            a, b = ca[k], cb[k]
            rising, falling = csa[k] > 0, csb[k] < 0
            turn = (rising and (falling or csb[k] == 0)) or (falling and csa[k] == 0)
            if a > 0.0 and b < 1.0 and turn:
                x = _newton(h, n, a, b, lf, work, up)
                found, slack, rho = _taylor(h, n, x, lf, work, b_now, b_next, up)
                if found > value:
                    value, where = found, x
                if found + slack > max(value * (1.0 + _RTOL), floor):
                    rho = 0.0
                if found >= value:
                    radius = rho
                centres[k], bases[k] = x, rho
        if value > ceiling:
            break
        # 2. cut the open cells (a peak's cell around its maximum, others around the best point)
        level = max(value * (1.0 + _RTOL), floor)
        new_count = 0
        na = np.empty(count * (2 * _STEPS + 2) + 2)
        nb = np.empty(na.size)
        for k in range(count):
            peak = not np.isnan(centres[k])
            if not peak and cbound[k] <= level:
                continue
            a, b = ca[k], cb[k]
            if b - a <= 8 * 2.220446049250313e-16 * max(a, 1e-300):
                upper = max(upper, cbound[k])
                continue
            centre = centres[k] if peak else where
            base = bases[k] if peak else radius
            cuts = np.empty(2 * _STEPS + 1)
            used = 0
            if base > 0:
                for j in range(_STEPS):
                    for cut in (centre - base * steps[j], centre + base * steps[j]):
                        if a < cut < b:
                            cuts[used] = cut
                            used += 1
            if used == 0 and not (centre - base <= a and centre + base >= b):
                cuts[0] = 0.5 * (a + b)
                used = 1
            edges = np.sort(np.concatenate((np.array([a, b]), cuts[:used])))
            for j in range(edges.size - 1):
                left, right = edges[j], edges[j + 1]
                if right > left and not (left >= centre - base and right <= centre + base):
                    na[new_count], nb[new_count] = left, right
                    new_count += 1
        # 3. bounds of the pieces; keep the open ones
        count = 0
        if new_count > ca.size:
            ca, cb = np.empty(new_count), np.empty(new_count)
            cpa, cpb = np.empty(new_count), np.empty(new_count)
            csa, csb, cbound = np.empty(new_count), np.empty(new_count), np.empty(new_count)
        previous = np.nan
        p_b = s_b = 0.0
        for k in range(new_count):
            a, b = na[k], nb[k]
            if a == previous:  # the pieces of a cell are contiguous: reuse the shared end
                b_now, b_next = b_next, b_now
                p_a, s_a = p_b, s_b
            else:
                _binomials(n, a, lf, b_now, up)
                m0, m1, _ = _moments(h, b_now, n)
                p_a, s_a = m0, m1 - n * a * m0
            _binomials(n, b, lf, b_next, up)
            m0, m1, _ = _moments(h, b_next, n)
            p_b, s_b = m0, m1 - n * b * m0
            previous = b
            bound = _bound(h, n, a, b, p_a, p_b, lf, b_now, b_next, work,
                           max(value * (1.0 + _RTOL), floor), up)
            if p_a > value:
                value, where = p_a, a
            if p_b > value:
                value, where = p_b, b
            ca[count], cb[count], cpa[count], cpb[count] = a, b, p_a, p_b
            csa[count], csb[count], cbound[count] = s_a, s_b, bound
            count += 1
        if value > ceiling:
            break
        level = max(value * (1.0 + _RTOL), floor)
        kept = 0
        for k in range(count):
            if cbound[k] > level:
                ca[kept], cb[kept], cpa[kept], cpb[kept] = ca[k], cb[k], cpa[k], cpb[k]
                csa[kept], csb[kept], cbound[kept] = csa[k], csb[k], cbound[k]
                kept += 1
        count = kept
    else:
        for k in range(count):
            upper = max(upper, cbound[k])
    return min(max(value, 0.0), 1.0), where, min(max(upper, value), 1.0)


@numba.njit(cache=True)
def _margin_weights(n1, n2, t, lf, w):
    """w[x] = Hypergeom(x; n1 + n2, n1, t) on the support lo..hi (from the mode outwards);
    returns lo, hi."""
    lo, hi = max(0, t - n2), min(n1, t)
    n = n1 + n2
    top = min(max((n1 + 1) * (t + 1) // (n + 2), lo), hi)
    w[top] = np.exp(lf[n1] - lf[top] - lf[n1 - top] + lf[n2] - lf[t - top] - lf[n2 - t + top]
                    - lf[n] + lf[t] + lf[n - t])
    for x in range(top, hi):
        w[x + 1] = w[x] * (n1 - x) * (t - x) / ((x + 1.0) * (n2 - t + x + 1.0))
    for x in range(top, lo, -1):
        w[x - 1] = w[x] * x * (n2 - t + x) / ((n1 - x + 1.0) * (t - x + 1.0))
    return lo, hi


@numba.njit(cache=True)
def _barnard_key(x1, x2, n1, n2, pooled, side):
    """unconditional._ordering's extremeness of one table (smaller is more extreme)."""
    d = x1 * float(n2) - x2 * float(n1)
    if pooled:
        t = float(x1 + x2)
        den = t * (n1 + n2 - t)
    else:
        den = x1 * (n1 - x1) * float(n2) ** 3 + x2 * (n2 - x2) * float(n1) ** 3
    if den > 0:
        square = d * d / den
    elif d != 0 and not pooled:
        square = np.inf
    else:
        square = 0.0
    if side == 0:
        return -square
    signed = np.copysign(square, d)
    return -signed if side == 1 else signed


@numba.njit(cache=True)
def _boschloo_key(lower, upper, tolerance):
    """unconditional._boschloo_key for one table."""
    scaled = upper - tolerance * lower
    if not scaled > 0:
        return np.inf
    return np.log(lower * (1.0 + tolerance)) - np.log(scaled)


@numba.njit(cache=True)
def region(n1, n2, x1, x2, method, side, pooled, tolerance, lf, h):
    """h[t] = the null probability mass, within margin t, of the tables at least as extreme as
    (x1, x2) (method 0: Barnard, side 0 two-sided, 1 greater, 2 less; method 1: Boschloo, side
    1 greater, else less). Returns the observed Boschloo statistic (0 for Barnard)."""
    n = n1 + n2
    w = np.empty(n1 + 1)
    below = np.empty(n1 + 2)
    h[:] = 0.0
    statistic = 0.0
    if method == 1:  # the observed statistic and its threshold
        lo, hi = _margin_weights(n1, n2, x1 + x2, lf, w)
        low_sum = up_sum = 0.0
        for y in range(lo, hi + 1):
            if (y <= x1) if side != 1 else (y >= x1):
                low_sum += w[y]
            else:
                up_sum += w[y]
        statistic = low_sum
        threshold = _boschloo_key(low_sum, up_sum, tolerance)
    else:
        threshold = _barnard_key(x1, x2, n1, n2, pooled, side)
    for t in range(n + 1):
        lo, hi = _margin_weights(n1, n2, t, lf, w)
        if method == 0:
            for x in range(lo, hi + 1):
                if _barnard_key(x, t - x, n1, n2, pooled, side) <= threshold:
                    h[t] += w[x]
            continue
        # Boschloo: the two tails of every table of the margin, each summed from its own end
        below[lo] = 0.0
        for x in range(lo, hi + 1):
            below[x + 1] = below[x] + w[x]  # below[x + 1] = P(X1 <= x)
        above = 0.0
        for x in range(hi, lo - 1, -1):
            if side != 1:
                lower, upper = below[x + 1], above  # P(X1 <= x), P(X1 > x)
            else:
                lower, upper = above + w[x], below[x]  # P(X1 >= x), P(X1 < x)
            if _boschloo_key(lower, upper, 0.0) <= threshold:
                h[t] += w[x]
            above += w[x]
    return statistic

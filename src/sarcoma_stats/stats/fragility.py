"""Fragility: how many patients' outcomes the significance of a two-arm comparison rests on.

- :func:`fragility_index` (Walsh et al. 2014), :func:`reverse_fragility_index` (Khan et al.
  2020), :func:`fragility_quotient` and :func:`fragility_details` (the path of changed tables).

Tables have rows as arms and columns as (events, non-events); "arm 1" is the first row. The test
is Fisher's exact two-sided test as R's ``fisher.test``
(:func:`sarcoma_stats.stats.hypotests.fisher_exact`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .._results import format_pvalue
from .._validation import check_bool, check_two_arms, check_unit_interval
from .hypotests import below_alpha, fisher_exact

__all__ = [
    "FragilityResult",
    "fragility_details",
    "fragility_index",
    "fragility_quotient",
    "reverse_fragility_index",
]


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

    def __str__(self):
        name = "reverse fragility index" if self.reverse else "fragility index"
        if self.index is None:
            return f"{name}: not defined ({format_pvalue(self.pvalue)}, alpha {self.alpha:g})"
        if self.index == 0:
            side = "significant" if self.reverse else "not significant"
            return f"{name} 0 ({side} as observed: {format_pvalue(self.pvalue)})"
        return (f"{name} {self.index} (arm {self.arm}, {self.direction}: "
                f"{format_pvalue(self.pvalue)} -> {format_pvalue(self.final_pvalue)}, "
                f"alpha {self.alpha:g})")

    def to_frame(self):
        """One row per step of the path: changes, k1, k2, pvalue, significant."""
        import pandas as pd

        frame = pd.DataFrame(list(self.path), columns=["k1", "k2", "pvalue"])
        frame.insert(0, "changes", range(len(frame)))
        frame["significant"] = frame["pvalue"] < self.alpha
        return frame


def _fisher_two_sided(k1, n1, k2, n2, alpha):
    """Fisher's two-sided p-values (as R's fisher.test) of the tables given by arrays k1, k2,
    and whether each is significant (``p < alpha``, decided exactly)."""
    k1, k2 = np.broadcast_arrays(np.asarray(k1), np.asarray(k2))
    table = np.stack([np.stack([k1, n1 - k1], -1), np.stack([k2, n2 - k2], -1)], -2)
    p = np.atleast_1d(fisher_exact(table).pvalue)
    return p, below_alpha(p, table.reshape(-1, 2, 2), alpha, strict=True)


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
        count = min(block, abs(end - k) - first + 1)  # the tables left, at most one block
        ks = k + step * (first + np.arange(count))
        p, significant = (_fisher_two_sided(ks, n1, k2, n2, alpha) if arm == 1
                          else _fisher_two_sided(k1, n1, ks, n2, alpha))
        crossed = np.flatnonzero(significant if want_significant else ~significant)
        stop = int(crossed[0]) + 1 if crossed.size else len(ks)
        path += [((int(a), k2) if arm == 1 else (k1, int(a))) + (float(q),)
                 for a, q in zip(ks[:stop], p[:stop])]
        if crossed.size:
            return first + int(crossed[0]), tuple(path)
        first += len(ks)
        if ks[-1] == end:
            return None, tuple(path)
        block = min(4 * block, 2**16)


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
    >>> from sarcoma_stats.stats.fragility import fragility_details
    >>> res = fragility_details(14, 24, 4, 18)
    >>> res.index, res.arm, res.direction
    (1, 2, 'non-event -> event')
    >>> res.to_frame()
       changes  k1  k2    pvalue  significant
    0        0  14   4  0.028511         True
    1        1  14   5  0.065308        False
    """
    k1, n1, k2, n2 = check_two_arms(k1, n1, k2, n2, scalar=True)
    alpha = check_unit_interval(alpha, "alpha")
    reverse = check_bool(reverse, "reverse")
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

    >>> from sarcoma_stats.stats.fragility import fragility_index
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
    >>> from sarcoma_stats.stats.fragility import reverse_fragility_index
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
    >>> from sarcoma_stats.stats.fragility import fragility_quotient
    >>> round(fragility_quotient(13, 506, 28, 499), 5)
    0.00299
    """
    return fragility_index(k1, n1, k2, n2, alpha) / (int(n1) + int(n2))

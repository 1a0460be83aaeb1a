"""Checks of a mean of whole numbers (GRIM) and of a p-value printed alone."""

from __future__ import annotations

import math
from fractions import Fraction

from ...printed import rounding as rd
from ..schema import MeanClaim, PValueClaim
from ._registry import register
from ._base import Context, Findings


@register("mean")
def check_mean(claim: MeanClaim, context: Context, f: Findings) -> None:
    """A mean of whole numbers per patient (treatment cycles, say) over ``n`` patients.

    Rule (GRIM, Brown & Heathers 2017): the mean is a fraction ``T / n`` with a whole total
    ``T``; a printed mean that no such fraction rounds to (under any rounding rule) cannot be
    right, and the totals nearest to it are named. Without its own ``n`` the Ns of the claim's
    scope are tried (none works: a query).

    References
    ----------
    .. [1] Brown NJL, Heathers JAJ. The GRIM test. Soc Psychol Personal Sci 2017;8:363-369.

    Examples
    --------
    >>> from sarcoma_stats import verify_record
    >>> verify_record({"kind": "mean", "quote": "3.86 cycles", "value": "3.86",
    ...                "n": 14}).explanation
    '3.86 x 14 = 54.04: a total of 54 (54/14 = 3.857)'
    """
    value = claim.value
    if claim.n is not None:
        _grim(f, value, claim.n)
        return
    sizes = context.scope.sizes if context.scope is not None else ()
    for n in sizes:
        if rd.mean_totals(value.value, n, context.roundings).size:
            _grim(f, value, n, f", N = {n} of the Ns printed for {context.scope.label}")
            return
    if sizes:
        f.query(value.text, f"no whole-number total over any N printed for "
                            f"{context.scope.label} ({', '.join(map(str, sizes))}) gives a mean "
                            f"of {value.text} (GRIM)")
    else:
        f.cannot(value.text, f"a mean of {value.text} with no N printed for it")


def _grim(f: Findings, value, n: int, of: str = "") -> None:
    totals = rd.mean_totals(value.value, n)
    if totals.size:
        rules = sorted({r for t in totals for r in
                        rd.roundings_matching(Fraction(int(t), n), value.value)},
                       key=rd.ROUNDINGS.index)
        f.ok(value.text, f"{value.text} x {n} = {float(value.value) * n:.2f}: a total of "
             + " or ".join(f"{int(t)} ({int(t)}/{n} = {int(t) / n:.{value.decimals + 1}f})"
                           for t in totals[:2]) + of, roundings=rules)
        return
    t0 = math.floor(float(value.value) * n)
    near = ", ".join(f"{t}/{n} = {t / n:.{value.decimals + 1}f}" for t in (t0, t0 + 1) if t >= 0)
    f.fail(value.text, f"no whole-number total over {n} patients gives a mean of {value.text} "
                       f"({near}): the mean or n is misprinted (GRIM)", roundings=())


@register("p-value")
def check_p_value(claim: PValueClaim, context: Context, f: Findings) -> None:
    """A p-value printed without the counts or data that would reproduce it: recorded, not
    checkable.

    Examples
    --------
    >>> from sarcoma_stats import verify_record
    >>> verify_record({"kind": "p-value", "quote": "(P = 0.22)", "p": "0.22"}).verdict
    'not-checkable'
    """
    f.cannot(f"P {claim.p.text}", f"P {claim.p.text} printed without the counts or data that "
                                  f"would reproduce it")

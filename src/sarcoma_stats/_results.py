"""What every result object of the statistics modules shares: scalar-or-array output, a tidy
``to_frame()``, and a readable ``str``.

A function called with scalars returns Python floats; called with arrays it returns arrays of the
broadcast shape. ``to_frame()`` gives one row per element, array-valued attributes broadcast and
flattened, scalar attributes (method names, confidence levels) repeated on every row.

``str(result)`` is the result as a paper would print it, one line per element, in one style
(``repr`` stays the dataclass repr, with every field):

- a proportion in percent with one decimal, its interval in brackets: ``38.7% (21.8% to 57.8%)``;
- a risk difference in percentage points, signed: ``+36.1 points (+6.0 to +57.8)``;
- a ratio with three significant digits: ``2.63 (1.04 to 6.64)`` (``1.93e-05`` below 0.001); a
  bound of 0 or infinity as ``0`` or ``inf``; an estimate that is undefined (0/0) as
  ``not estimable``;
- a p-value with three significant digits (``p = 0.0285``; ``p < 1e-300`` below that);
- rounding half up, from the shortest decimal representation of the float;
- the name of the measure, the test or the method before it where one is needed.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, ClassVar

import numpy as np

__all__ = ["TidyResult", "as_output", "format_interval", "format_pvalue", "format_value", "half_up"]


def as_output(values) -> Any:
    """A 0-d array becomes a Python scalar (``float``, ``int`` or ``bool``); an array stays one."""
    values = np.asarray(values)
    return values.item() if values.ndim == 0 else values


def half_up(value: float, digits: int) -> str:
    """``value`` with ``digits`` decimals, rounded half up from its shortest decimal
    representation (12.5 -> "13", 2.675 -> "2.68"; Python's own formatting rounds the binary
    float half to even: "12", "2.67"), the rule every number the package prints follows.

    Examples
    --------
    >>> half_up(12.5, 0), half_up(2.675, 2), half_up(-0.05, 1)
    ('13', '2.68', '-0.1')
    """
    return f"{Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP)}"


def format_value(value: float, kind: str) -> str:
    """One number in the house style; ``kind`` is ``"percent"``, ``"points"`` or ``"ratio"``.

    Rounding is half up, applied to the shortest decimal representation of the float (so that
    2.625 prints as 2.63 whether the division gave 2.625 or 2.6250000000000004).

    Examples
    --------
    >>> format_value(0.387, "percent"), format_value(-0.0596, "points"), format_value(2.625, "ratio")
    ('38.7%', '-6.0', '2.63')
    """
    value = float(value)
    if math.isnan(value):
        return "not estimable"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    exact = Decimal(repr(value))
    if kind == "percent":
        return f"{(100 * exact).quantize(Decimal('0.1'), ROUND_HALF_UP)}%"
    if kind == "points":
        return f"{(100 * exact).quantize(Decimal('0.1'), ROUND_HALF_UP):+}"
    if value == 0:
        return "0"
    if abs(value) >= 1000:
        return f"{exact.quantize(Decimal(1), ROUND_HALF_UP)}"
    if abs(value) < 1e-3:
        return _scientific(exact)
    # three significant digits
    digits = exact.quantize(Decimal(1).scaleb(exact.adjusted() - 2), ROUND_HALF_UP)
    if digits.adjusted() > exact.adjusted():  # 9.995 -> 10.0: one digit fewer after the point
        digits = digits.quantize(Decimal(1).scaleb(digits.adjusted() - 2), ROUND_HALF_UP)
    return f"{digits:f}"


def format_interval(estimate: float, low: float, high: float, kind: str) -> str:
    """``estimate (low to high)`` in the house style, or ``not estimable`` when the estimate is
    undefined (a ratio 0/0, whose interval (0, inf) says nothing).

    Examples
    --------
    >>> format_interval(12 / 31, 0.21847, 0.57813, "percent")
    '38.7% (21.8% to 57.8%)'
    >>> format_interval(float("nan"), 0.0, float("inf"), "ratio")
    'not estimable'
    """
    if math.isnan(float(estimate)):
        return "not estimable"
    suffix = " points" if kind == "points" else ""
    return (f"{format_value(estimate, kind)}{suffix} ({format_value(low, kind)} to "
            f"{format_value(high, kind)})")


def format_pvalue(pvalue: float) -> str:
    """``p = 0.0285``: three significant digits, rounded half up (``p = 1.93e-05`` below 0.001);
    below 1e-300, ``p < 1e-300``.

    Examples
    --------
    >>> format_pvalue(0.028511), format_pvalue(1.0), format_pvalue(1.93e-05)
    ('p = 0.0285', 'p = 1.00', 'p = 1.93e-05')
    """
    pvalue = float(pvalue)
    if math.isnan(pvalue):
        return "p not defined"
    if pvalue < 1e-300:
        return "p < 1e-300"
    return f"p = {format_value(pvalue, 'ratio')}"


def _scientific(exact: Decimal) -> str:
    """Three significant digits in scientific notation, rounded half up: ``1.93e-05``."""
    mantissa = exact.scaleb(-exact.adjusted()).quantize(Decimal("0.01"), ROUND_HALF_UP)
    exponent = exact.adjusted()
    if abs(mantissa) >= 10:  # 9.995e-05 -> 1.00e-04
        mantissa, exponent = (mantissa / 10).quantize(Decimal("0.01"), ROUND_HALF_UP), exponent + 1
    return f"{mantissa}e{exponent:+03d}"


class TidyResult:
    """Mixin for frozen result dataclasses: ``to_frame()`` from the attributes in
    ``_frame_columns`` (in that order), and ``str()`` from ``_line`` applied to each element.

    A subclass defines ``_line(self, values)``, which formats one element from a mapping of
    its frame columns to scalars, and may define ``_label(self, values)``, which names an
    element when there are several (default: its position).
    """

    _frame_columns: ClassVar[tuple[str, ...]] = ()

    def _columns(self):
        values = {name: getattr(self, name) for name in self._frame_columns}
        arrays = {k: v for k, v in values.items() if np.ndim(v) > 0}
        broadcast = dict(zip(arrays, np.broadcast_arrays(*arrays.values()))) if arrays else {}
        length = next(iter(broadcast.values())).size if broadcast else 1
        return {k: broadcast[k].ravel() if k in broadcast else [v] * length
                for k, v in values.items()}, length

    def to_frame(self):
        """One row per element: array attributes broadcast and flattened, scalars repeated."""
        import pandas as pd

        data, _ = self._columns()
        return pd.DataFrame(data, columns=list(self._frame_columns))

    def _label(self, values, index: int) -> str:
        return f"[{index}]"

    def __str__(self) -> str:
        data, length = self._columns()
        rows = [{k: v[i] for k, v in data.items()} for i in range(length)]
        if length == 1:
            return self._line(rows[0])
        return "\n".join(f"{self._label(row, i)}: {self._line(row)}" for i, row in enumerate(rows))

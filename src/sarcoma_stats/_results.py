"""What every result object of the statistics modules shares: scalar-or-array output, and a
tidy ``to_frame()``.

A function called with scalars returns Python floats; called with arrays it returns arrays of the
broadcast shape. ``to_frame()`` gives one row per element, array-valued attributes broadcast and
flattened, scalar attributes (method names, confidence levels) repeated on every row.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np


def as_output(values) -> Any:
    """A 0-d array becomes a Python scalar (``float``, ``int`` or ``bool``); an array stays one."""
    values = np.asarray(values)
    return values.item() if values.ndim == 0 else values


class TidyResult:
    """Mixin for frozen result dataclasses: ``to_frame()`` from the attributes in
    ``_frame_columns`` (in that order)."""

    _frame_columns: ClassVar[tuple[str, ...]] = ()

    def to_frame(self):
        """One row per element: array attributes broadcast and flattened, scalars repeated."""
        import pandas as pd

        values = {name: getattr(self, name) for name in self._frame_columns}
        arrays = {k: v for k, v in values.items() if np.ndim(v) > 0}
        broadcast = dict(zip(arrays, np.broadcast_arrays(*arrays.values()))) if arrays else {}
        length = next(iter(broadcast.values())).size if broadcast else 1
        data = {k: broadcast[k].ravel() if k in broadcast else [v] * length
                for k, v in values.items()}
        return pd.DataFrame(data, columns=list(self._frame_columns))

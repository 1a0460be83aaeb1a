"""Boundary checks shared by the public functions of sarcoma_stats.

Every public function validates its arguments here, once, and passes clean values inward; the
inner functions trust them. Each check raises ``TypeError`` (wrong kind of object: a bool, a
string, a complex number) or ``ValueError`` (right kind, wrong value), with a message that names
the argument and shows the offending value.

The helpers are private to the package (the module name starts with an underscore) but are meant
to be imported by every statistics module::

    from ._validation import check_counts, check_confidence, check_choice, check_table
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

__all__ = [
    "check_bool",
    "check_choice",
    "check_confidence",
    "check_counts",
    "check_integers",
    "check_table",
    "check_unit_interval",
]


def _show(value) -> str:
    """A short repr of an offending value, for error messages."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def check_integers(value, name: str) -> np.ndarray:
    """Return ``value`` as an int64 array of non-negative whole numbers.

    Accepts Python/numpy integers and floats that are whole numbers (``3.0``), scalars or
    array-likes. Refuses bools, strings, None and complex numbers (``TypeError``) and NaN, +-inf,
    fractions such as 1.5 and negative numbers (``ValueError``). The message names ``name``.
    """
    if value is None or isinstance(value, (bool, np.bool_, str, bytes)):
        raise TypeError(f"{name} must be a non-negative integer count; got {_show(value)}")
    if not isinstance(value, np.ndarray):
        # Nested lists: numpy would silently turn True into 1 and None into nan.
        try:
            items = np.asarray(value, dtype=object).ravel().tolist()
        except (TypeError, ValueError) as exc:
            raise TypeError(f"{name} must be integer counts; got {_show(value)}") from exc
        if any(v is None or isinstance(v, (bool, np.bool_, str, bytes, list)) for v in items):
            raise TypeError(f"{name} must be integer counts; got {_show(value)}")
    arr = np.asarray(value)
    if arr.dtype.kind == "b":
        raise TypeError(f"{name} must be integer counts, not booleans; got {_show(value)}")
    if arr.dtype.kind not in "iuf":
        raise TypeError(f"{name} must be integer counts; got {_show(value)}")
    if arr.dtype.kind == "f":
        if not np.all(np.isfinite(arr)):
            raise ValueError(f"{name} must be finite integer counts; got {_show(value)}")
        if np.any(arr != np.floor(arr)):
            raise ValueError(f"{name} must be whole numbers (counts); got {_show(value)}")
        if np.any(np.abs(arr) > 2.0**53):
            raise ValueError(f"{name} is too large to be an exact count; got {_show(value)}")
    if np.any(arr < 0):
        raise ValueError(f"{name} must be non-negative; got {_show(value)}")
    if arr.dtype.kind == "u" and np.any(arr > np.iinfo(np.int64).max):
        raise ValueError(f"{name} is too large; got {_show(value)}")
    return arr.astype(np.int64)


def check_counts(k, n, names: Sequence[str] = ("k", "n")) -> tuple[np.ndarray, np.ndarray]:
    """Validate events ``k`` out of ``n`` trials and broadcast them together.

    Parameters
    ----------
    k, n : int or array_like of int
        Events and trials. Whole-number floats (``3.0``) are accepted; ``n`` must be at least 1
        and ``k`` at most ``n``.
    names : pair of str
        The argument names to use in messages, e.g. ``("k1", "n1")``.

    Returns
    -------
    k, n : ndarray of int64
        Broadcast to a common shape (0-d for scalar input).
    """
    k_name, n_name = names
    k_arr = check_integers(k, k_name)
    n_arr = check_integers(n, n_name)
    try:
        k_arr, n_arr = np.broadcast_arrays(k_arr, n_arr)
    except ValueError as exc:
        raise ValueError(
            f"{k_name} and {n_name} must have broadcastable shapes; "
            f"got {k_arr.shape} and {n_arr.shape}"
        ) from exc
    if np.any(n_arr == 0):
        raise ValueError(f"{n_name} must be at least 1; got {_show(n)}")
    if np.any(k_arr > n_arr):
        bad = np.flatnonzero(np.ravel(k_arr > n_arr))[0]
        raise ValueError(
            f"{k_name} must not exceed {n_name}; got {k_name}={k_arr.ravel()[bad]} "
            f"> {n_name}={n_arr.ravel()[bad]}"
        )
    return k_arr, n_arr


def check_table(table, name: str = "table") -> np.ndarray:
    """Validate a 2x2 table, or a stack of them, of non-negative integer counts.

    The last two axes must have length 2 (shape ``(..., 2, 2)``); rows are arms, columns are
    (events, non-events). A table may contain zeros, but every row must have at least one
    patient (a row total of zero is an empty arm, not a comparison).

    Returns
    -------
    ndarray of int64, shape ``(..., 2, 2)``
    """
    arr = check_integers(table, name)
    if arr.ndim < 2 or arr.shape[-2:] != (2, 2):
        raise ValueError(f"{name} must have shape (2, 2) or (..., 2, 2); got shape {arr.shape}")
    if np.any(arr.sum(axis=-1) == 0):
        raise ValueError(f"{name} has a row (arm) with no patients; got {_show(table)}")
    return arr


def check_unit_interval(value, name: str) -> float:
    """Return ``value`` as a float strictly between 0 and 1 (a level, an alpha, a probability)."""
    if value is None or isinstance(value, (bool, np.bool_, str, bytes)):
        raise TypeError(f"{name} must be a number strictly between 0 and 1; got {_show(value)}")
    try:
        number = float(value)
    except (TypeError, ValueError) as exc:
        raise TypeError(
            f"{name} must be a number strictly between 0 and 1; got {_show(value)}"
        ) from exc
    if np.ndim(value) != 0:
        raise TypeError(f"{name} must be a scalar; got {_show(value)}")
    if not 0.0 < number < 1.0:  # also refuses NaN
        raise ValueError(f"{name} must be strictly between 0 and 1; got {_show(value)}")
    return number


def check_confidence(confidence) -> float:
    """Validate a confidence level, e.g. 0.95 (not 95), and return it as a float."""
    if isinstance(confidence, (int, float, np.number)) and not isinstance(confidence, bool):
        if 1.0 <= float(confidence) < 100.0:
            raise ValueError(
                f"confidence must be strictly between 0 and 1 (e.g. 0.95, not 95); "
                f"got {_show(confidence)}"
            )
    return check_unit_interval(confidence, "confidence")


def check_choice(
    value, name: str, choices: Sequence[str], aliases: Mapping[str, str] | None = None
) -> str:
    """Return the canonical spelling of a string option such as ``method=`` or ``alternative=``.

    Matching is exact (case-sensitive). ``aliases`` maps extra accepted spellings to canonical
    ones (e.g. ``{"exact": "clopper-pearson"}``); the error message lists the canonical choices
    followed by the aliases.

    Raises
    ------
    ValueError
        ``"method must be one of 'a', 'b'; got 'x'"`` for an unknown string.
    TypeError
        When ``value`` is not a string.
    """
    aliases = dict(aliases or {})
    listed = ", ".join(repr(c) for c in [*choices, *aliases])
    if not isinstance(value, str):
        raise TypeError(f"{name} must be one of {listed}; got {_show(value)}")
    if value in choices:
        return value
    if value in aliases:
        return aliases[value]
    raise ValueError(f"{name} must be one of {listed}; got {_show(value)}")


def check_bool(value, name: str) -> bool:
    """Return ``value`` if it is a bool (Python or numpy); refuse 0/1, strings and None."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False; got {_show(value)}")
    return bool(value)

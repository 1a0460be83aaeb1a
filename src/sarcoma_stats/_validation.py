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
    "check_enumerable",
    "check_follow_up",
    "check_integers",
    "check_interval",
    "check_number",
    "check_positive",
    "check_probability",
    "check_scalar_counts",
    "check_size",
    "check_table",
    "check_total",
    "check_two_arms",
    "check_unit_interval",
]

# objects that numpy or float() would quietly turn into numbers but that are not numbers
_NOT_NUMBERS = (bool, np.bool_, str, bytes)


def _show(value) -> str:
    """A short repr of an offending value, for error messages."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _refuse_non_numbers(value, name: str, what: str) -> None:
    """Refuse a nested sequence holding something that is not a number: numpy would silently
    turn True into 1 and None into nan (arrays are checked by their dtype instead)."""
    if isinstance(value, np.ndarray):
        return
    try:
        items = np.asarray(value, dtype=object).ravel().tolist()
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be {what}; got {_show(value)}") from exc
    if any(v is None or isinstance(v, (*_NOT_NUMBERS, complex, list)) for v in items):
        raise TypeError(f"{name} must be {what}; got {_show(value)}")


def check_integers(value, name: str) -> np.ndarray:
    """Return ``value`` as an int64 array of non-negative whole numbers.

    Accepts Python/numpy integers and floats that are whole numbers (``3.0``), scalars or
    array-likes. Refuses bools, strings, None and complex numbers (``TypeError``) and NaN, +-inf,
    fractions such as 1.5 and negative numbers (``ValueError``). The message names ``name``.
    """
    if value is None or isinstance(value, _NOT_NUMBERS):
        raise TypeError(f"{name} must be a non-negative integer count; got {_show(value)}")
    _refuse_non_numbers(value, name, "integer counts")
    arr = np.asarray(value)
    if arr.dtype.kind == "b":
        raise TypeError(f"{name} must be integer counts, not booleans; got {_show(value)}")
    if arr.dtype.kind not in "iuf":
        raise TypeError(f"{name} must be integer counts; got {_show(value)}")
    if arr.dtype.kind == "f" and arr.dtype.itemsize < 8:
        arr = arr.astype(np.float64)  # float16/float32 widen exactly (no overflow in the checks)
    if arr.dtype.kind == "f":
        if not np.all(np.isfinite(arr)):
            raise ValueError(f"{name} must be finite integer counts; got {_show(value)}")
        if np.any(arr != np.floor(arr)):
            raise ValueError(f"{name} must be whole numbers (counts); got {_show(value)}")
        if np.any(np.abs(arr) > 2.0**53):
            raise ValueError(f"{name} is too large to be an exact count; got {_show(value)}")
    if arr.dtype.kind != "u" and arr.size and arr.min() < 0:
        raise ValueError(f"{name} must be non-negative; got {_show(value)}")
    if arr.dtype.kind == "u" and np.any(arr > np.iinfo(np.int64).max):
        raise ValueError(f"{name} is too large; got {_show(value)}")
    return arr.astype(np.int64, copy=False)


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


def check_table(table, name: str = "table", max_total: int | None = None,
                limited: str = "") -> np.ndarray:
    """Validate a 2x2 table, or a stack of them, of non-negative integer counts.

    The last two axes must have length 2 (shape ``(..., 2, 2)``); rows are arms, columns are
    (events, non-events). A table may contain zeros, but every row must have at least one
    patient (a row total of zero is an empty arm, not a comparison). With ``max_total``, a
    table with more patients in all is refused with a message that states the limit and why
    (``limited``, e.g. "Fisher's exact test").

    Returns
    -------
    ndarray of int64, shape ``(..., 2, 2)``
    """
    arr = check_integers(table, name)
    if arr.ndim < 2 or arr.shape[-2:] != (2, 2):
        raise ValueError(f"{name} must have shape (2, 2) or (..., 2, 2); got shape {arr.shape}")
    if np.any(arr.sum(axis=-1) == 0):
        raise ValueError(f"{name} has a row (arm) with no patients; got {_show(table)}")
    if max_total is not None and 4.0 * float(arr.max(initial=0)) > max_total:
        # in floats: an int64 sum of counts near 2**63 would wrap around
        big = float(np.max(arr.astype(np.float64).sum(axis=(-2, -1)), initial=0.0))
        if big > max_total:
            raise ValueError(
                f"{name} has {big:.0f} patients in all; {limited or 'this computation'} is "
                f"limited to n1 + n2 <= {max_total}"
            )
    return arr


def check_enumerable(n1, n2, limit: int, what: str) -> None:
    """Refuse arm sizes whose ``(n1 + 1)(n2 + 1)`` possible tables exceed ``limit`` (arrays of
    sizes are checked element by element), with a message that states the limit."""
    n1, n2 = (np.ravel(v).astype(np.float64) for v in np.broadcast_arrays(n1, n2))
    tables = (n1 + 1.0) * (n2 + 1.0)
    if np.any(tables > limit):
        worst = int(np.argmax(tables))
        raise ValueError(
            f"{what} enumerate all (n1 + 1)(n2 + 1) tables of the arm sizes, limited to {limit} "
            f"(about {int(limit**0.5) - 1} patients per arm); got n1={n1[worst]:.0f}, "
            f"n2={n2[worst]:.0f}"
        )


def check_total(n1, n2, limit: int, what: str) -> None:
    """Refuse arms whose total ``n1 + n2`` exceeds ``limit`` (element by element, in floats so
    that counts near 2**63 do not wrap around), stating the limit."""
    total = np.asarray(n1, dtype=np.float64) + np.asarray(n2, dtype=np.float64)
    if np.any(total > limit):
        raise ValueError(f"{what} is limited to n1 + n2 <= {limit} patients; got "
                         f"{np.max(total):.0f}")


def check_scalar_counts(k, n, names: Sequence[str] = ("k", "n")) -> tuple[int, int]:
    """As :func:`check_counts` for a single count: events ``k`` of ``n``, returned as ints."""
    k_arr, n_arr = check_counts(k, n, names)
    if k_arr.ndim != 0:
        raise ValueError(f"{names[0]} and {names[1]} must be single counts; got arrays")
    return int(k_arr), int(n_arr)


def check_two_arms(k1, n1, k2, n2, scalar: bool = False):
    """Validate the counts of two arms (``k1`` events of ``n1`` against ``k2`` of ``n2``).

    Returns the four counts broadcast together as int64 arrays, or as Python ints when
    ``scalar`` is True (arrays are then refused).
    """
    if scalar:
        return (*check_scalar_counts(k1, n1, ("k1", "n1")),
                *check_scalar_counts(k2, n2, ("k2", "n2")))
    k1, n1 = check_counts(k1, n1, ("k1", "n1"))
    k2, n2 = check_counts(k2, n2, ("k2", "n2"))
    try:
        return tuple(np.broadcast_arrays(k1, n1, k2, n2))
    except ValueError as exc:
        raise ValueError(
            f"the counts of arm 1 and arm 2 must have broadcastable shapes; "
            f"got {k1.shape} and {k2.shape}"
        ) from exc


def check_size(value, name: str, minimum: int = 1, scalar: bool = True):
    """Whole numbers of at least ``minimum`` (arm sizes, a grid size): a single one as an int
    (``scalar``), or an int64 array."""
    arr = check_integers(value, name)
    if scalar and arr.ndim != 0:
        raise ValueError(f"{name} must be a single integer of at least {minimum}; "
                         f"got {_show(value)}")
    if arr.size and arr.min() < minimum:
        raise ValueError(f"{name} must be at least {minimum}; got {_show(value)}")
    return int(arr) if scalar else arr


def _real_scalar(value, name: str, what: str) -> float:
    """``float(value)`` for a real scalar; refuses strings, bools, None, complex and arrays."""
    if value is None or isinstance(value, _NOT_NUMBERS) or isinstance(value, complex):
        raise TypeError(f"{name} must be {what}; got {_show(value)}")
    if np.ndim(value) != 0:
        raise TypeError(f"{name} must be a single number ({what}); got {_show(value)}")
    if isinstance(value, np.generic) and value.dtype.kind not in "iuf":
        raise TypeError(f"{name} must be {what}; got {_show(value)}")
    try:
        return float(value)
    except (TypeError, ValueError, OverflowError) as exc:
        raise TypeError(f"{name} must be {what}; got {_show(value)}") from exc


def check_number(value, name: str) -> float:
    """Return a finite real scalar as a float (a printed median, a bound on its own scale)."""
    number = _real_scalar(value, name, "a finite number")
    if not np.isfinite(number):
        raise ValueError(f"{name} must be a finite number; got {_show(value)}")
    return number


def check_positive(value, name: str) -> float:
    """Return a finite number strictly above 0 as a float (a ratio, a prior parameter)."""
    number = _real_scalar(value, name, "a positive number")
    if not (np.isfinite(number) and number > 0):
        raise ValueError(f"{name} must be a positive finite number; got {_show(value)}")
    return number


def check_interval(low, high, names: Sequence[str] = ("low", "high")) -> tuple[float, float]:
    """Two positive numbers with ``low < high`` (the bounds of a ratio's interval)."""
    lo, hi = check_positive(low, names[0]), check_positive(high, names[1])
    if not hi > lo:
        raise ValueError(f"{names[1]} ({hi}) must exceed {names[0]} ({lo})")
    return lo, hi


def check_probability(p, name: str, open_interval: bool = False, scalar: bool = False):
    """Return a probability in [0, 1] (or (0, 1)) as a float array, or a float if ``scalar``.

    Refuses strings, bools, None and complex numbers (``TypeError``) and NaN or values outside
    the interval (``ValueError``).
    """
    if p is None or isinstance(p, _NOT_NUMBERS):
        raise TypeError(f"{name} must be a probability; got {_show(p)}")
    _refuse_non_numbers(p, name, "a probability")
    arr = np.asarray(p)
    if arr.dtype.kind not in "iuf":
        raise TypeError(f"{name} must be a probability; got {_show(p)}")
    arr = arr.astype(np.float64)
    low_ok = arr > 0 if open_interval else arr >= 0
    high_ok = arr < 1 if open_interval else arr <= 1
    if not np.all(low_ok & high_ok):  # also refuses NaN
        interval = "(0, 1)" if open_interval else "[0, 1]"
        raise ValueError(f"{name} must lie in {interval}; got {_show(p)}")
    if scalar:
        if arr.ndim:
            raise ValueError(f"{name} must be a single probability; got {_show(p)}")
        return float(arr)
    return arr


def check_unit_interval(value, name: str) -> float:
    """Return ``value`` as a float strictly between 0 and 1 (a level, an alpha, a probability)."""
    number = _real_scalar(value, name, "a number strictly between 0 and 1")
    if not 0.0 < number < 1.0:  # also refuses NaN
        raise ValueError(f"{name} must be strictly between 0 and 1; got {_show(value)}")
    return number


def check_confidence(confidence) -> float:
    """Validate a confidence level, e.g. 0.95 (not 95), and return it as a float."""
    if isinstance(confidence, (int, float, np.integer, np.floating)) and not isinstance(
            confidence, bool):
        if 1.0 <= float(confidence) < 100.0:
            raise ValueError(
                f"confidence must be strictly between 0 and 1 (e.g. 0.95, not 95); "
                f"got {_show(confidence)}"
            )
    return check_unit_interval(confidence, "confidence")


def check_follow_up(durations, events) -> tuple[np.ndarray, np.ndarray]:
    """Individual follow-up: times (finite, non-negative) and event indicators (0/1 or bools)
    as 1-d arrays of one non-zero length; returns floats and ints."""
    if isinstance(durations, (str, bytes)) or isinstance(events, (str, bytes)):
        raise TypeError("durations and events must be arrays of numbers, not strings")
    try:
        t = np.asarray(durations, dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"durations must be numbers; got {_show(durations)}") from exc
    e = np.asarray(events)
    if t.ndim != 1 or t.shape != e.shape or t.size == 0:
        raise ValueError("durations and events must be 1-D arrays of the same, non-zero length")
    if not np.all(np.isfinite(t)) or np.any(t < 0):
        raise ValueError("durations must be finite and non-negative")
    if e.dtype.kind not in "biuf" or not np.all(np.isin(e, (0, 1))):
        raise ValueError("events must be 0/1 (or booleans)")
    return t, e.astype(int)


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

"""The verification rules: one documented function per claim kind, registered by kind.

Each check takes the claim, its :class:`~._base.Context` (the printed tables, the claim's
scope) and a :class:`~._base.Findings` collector, and records one component per printed number
it tests. ``docs/verification.md`` states every rule with a worked example.
"""

from __future__ import annotations

from typing import Callable

#: kind name -> check function
CHECKS: dict[str, Callable] = {}


def register(kind: str):
    """Register the check of a claim kind (a function decorator)."""

    def decorate(function):
        CHECKS[kind] = function
        return function

    return decorate


# The check modules register themselves on import.
from . import counts, other, sets, tables, times  # noqa: E402,F401  (registration)

"""The registry of checks: claim kind -> the function that checks it."""

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

"""The verification rules: one documented function per claim kind, registered by kind.

Each check takes the claim, its :class:`~._base.Context` (the printed tables, the claim's
scope) and a :class:`~._base.Findings` collector, and records one component per printed number
it tests. ``docs/verification.md`` states every rule with a worked example.
"""

from . import counts, other, sets, tables, times  # noqa: F401  (each registers its checks)
from ._registry import CHECKS, register

__all__ = ["CHECKS", "register"]

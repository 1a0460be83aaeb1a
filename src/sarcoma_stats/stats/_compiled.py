"""Optional compiled kernels (numba), used for large batches when numba is installed.

Each kernel computes exactly what a pure-numpy function of the package computes, with the same
algorithm and the same stopping rules, one table at a time in compiled code instead of many
tables at a time in numpy; the tests run both on the same tables and require the same numbers
(to 1e-12 relative: only the order of floating-point sums differs). Without numba (it is the
optional ``fast`` extra), or with the environment variable ``SARCOMA_STATS_NUMBA=0``, the numpy
functions are used. numba is imported only when a batch is large enough to pay for it
(:data:`MIN_BATCH` tables), so that ``import sarcoma_stats`` and small calls stay light; compiled
code is cached on disk by numba.

Kernels:

- :func:`fisher_pvalues`: Fisher's exact test (two-sided as R's ``fisher.test``, one-sided,
  mid-p) of tables with at most 2**14 patients, from a table of ``log k!``; the numpy version is
  :func:`sarcoma_stats.stats.hypotests._fisher_chunk`.
"""

from __future__ import annotations

import os

import numpy as np

__all__ = ["MIN_BATCH", "fisher_pvalues"]

#: Batches smaller than this are left to numpy (numba's import and dispatch would dominate).
MIN_BATCH = 4096

def _kernels():
    """The module of compiled kernels, or None when numba is missing or switched off."""
    if os.environ.get("SARCOMA_STATS_NUMBA", "1") == "0":
        return None
    try:
        from . import _numba_kernels
    except ImportError:
        return None
    return _numba_kernels


def fisher_pvalues(a, n1, n2, m, log_factorials, alternative: str, midp: bool,
                   tolerance: float, relative: float):
    """Fisher p-values of 1-d int64 arrays of tables (margins as in
    :func:`sarcoma_stats.stats.hypergeom.margins`), or None when no compiled kernel is
    available. ``log_factorials`` must cover ``n1 + n2``; ``tolerance`` is the tail-sum stopping
    tolerance and ``relative`` R's relative tolerance of the two-sided test."""
    kernels = _kernels()
    if kernels is None:
        return None
    code = {"less": 0, "greater": 1, "two-sided": 2}[alternative]
    out = np.empty(a.size)
    kernels.fisher(a, n1, n2, m, log_factorials, code, midp, tolerance, np.log1p(relative), out)
    return out
